package org.bedflow.jobs.testing;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bedflow.jobs.BedflowCli;

/**
 * {@code ./bedflow} as a real child process on the test classpath, for tests that need a
 * process of its own (a kill, a cluster driver, a second run holding a lock). Each gets a
 * private job repository and log under {@code home}, and a pseudonymisation key.
 */
public final class BedflowProcess {

    private BedflowProcess() {
    }

    public static Process start(Path home, Path log, List<String> jvmProps, Map<String, String> env, String... args)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        // the module options the test JVM runs with (Spark's --add-opens list)
        cmd.addAll(moduleOptions());
        cmd.add("-Xmx1g");
        cmd.addAll(jvmProps);
        cmd.add("-cp");
        cmd.add(testClassPath());
        cmd.add(BedflowCli.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("BEDFLOW_DB_URL", "jdbc:h2:file:" + home.resolve("repo/jobs") + ";AUTO_SERVER=TRUE");
        pb.environment().put("BEDFLOW_DB_USER", "sa");
        pb.environment().put("BEDFLOW_PSEUDONYM_KEY", "process-test-key-0123456789abcdef");
        pb.environment().put("BEDFLOW_LOG_FILE", home.resolve("bedflow.log").toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().putAll(env);
        return pb.start();
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static List<String> moduleOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized")
                        || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty"))
                .toList();
    }

    public static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Waits for the process; its exit code. Fails the test with the log when it does not end in time. */
    public static int finish(Process p, Path log, int minutes) throws Exception {
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("process did not finish in " + minutes + " min; log:\n" + read(log));
        }
        return p.exitValue();
    }

    public static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
