package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.jobs.nightly.StepProgress;
import org.bedflow.jobs.testing.SampleCopies;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * operations.md "Restart and idempotency": a real run in a child process is killed with
 * SIGKILL in the middle of a named step; the previous outputs stay readable, `restart`
 * finishes the job, and its outputs equal those of an uninterrupted run of the same input.
 */
class CrashRecoveryTest {

    static final List<String> TABLES = List.of("rejects", "linked_spells", "delayed_discharge_monthly",
            "delayed_discharge_breakdown", "inpatient_snapshot", "indicators", "published/delayed_discharge_monthly",
            "published/indicators");

    @TempDir
    Path tmp;

    private Process bedflow(Path log, List<String> jvmProps, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the same module options the test JVM runs with (Spark's --add-opens list)
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized")
                        || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty"))
                .forEach(cmd::add);
        cmd.add("-Xmx1g");
        cmd.addAll(jvmProps);
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(BedflowCli.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("BEDFLOW_DB_URL", "jdbc:h2:file:" + tmp.resolve("repo/jobs") + ";AUTO_SERVER=TRUE");
        env.put("BEDFLOW_DB_USER", "sa");
        env.put("BEDFLOW_PSEUDONYM_KEY", "crash-test-key-0123456789abcdef");
        env.put("BEDFLOW_LOG_FILE", tmp.resolve("bedflow.log").toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    private static int finish(Process p, Path log) throws Exception {
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("process finished; log:%n%s", read(log)).isTrue();
        return p.exitValue();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "(no log)";
        }
    }

    @Test
    void a_run_killed_in_the_middle_of_measure_is_finished_by_restart_with_identical_outputs() throws Exception {
        Path input = SampleCopies.SAMPLE;
        Path crashed = tmp.resolve("out-crashed");
        Path clean = tmp.resolve("out-clean");
        String[] run = {"run", "--input", input.toString(), "--run-date", "2022-04-01", "--output"};

        // given a run that is killed with SIGKILL while inside the measure step
        Path log1 = tmp.resolve("1-killed.log");
        Process victim = bedflow(log1, List.of("-D" + StepProgress.PAUSE_PROPERTY + "=measure"),
                concat(run, crashed.toString()));
        Path marker = crashed.resolve(".paused-measure");
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!Files.exists(marker) && victim.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(marker).as("the run reached measure; log:%n%s", read(log1)).exists();
        victim.destroyForcibly();   // SIGKILL on Linux and macOS
        victim.waitFor(30, TimeUnit.SECONDS);
        assertThat(crashed.resolve("delayed_discharge_monthly")).as("nothing was published before the crash").doesNotExist();

        // when it is restarted
        Path log2 = tmp.resolve("2-restart.log");
        int restart = finish(bedflow(log2, List.of(), "restart"), log2);

        // then the restart completes, resuming at measure rather than starting again
        assertThat(restart).as(read(log2)).isZero();
        assertThat(read(log2)).contains("restarting execution").contains("measure").doesNotContain("validate  ...");

        // and its outputs equal those of an uninterrupted run of the same input
        Path log3 = tmp.resolve("3-clean.log");
        assertThat(finish(bedflow(log3, List.of(), concat(run, clean.toString())), log3)).as(read(log3)).isZero();
        SparkSession spark = SharedSpark.session();
        for (String table : TABLES) {
            Dataset<Row> a = spark.read().parquet(crashed.resolve(table).toString()).drop("run_id");
            Dataset<Row> b = spark.read().parquet(clean.resolve(table).toString()).drop("run_id");
            assertThat(a.count()).as(table).isEqualTo(b.count()).isPositive();
            assertThat(a.exceptAll(b).count()).as(table + ": rows only in the restarted run").isZero();
            assertThat(b.exceptAll(a).count()).as(table + ": rows only in the clean run").isZero();
        }
        assertThat(new File(crashed.toFile(), ".staging")).as("no staging left behind").satisfiesAnyOf(
                f -> assertThat(f).doesNotExist(), f -> assertThat(f.list()).isEmpty());
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
