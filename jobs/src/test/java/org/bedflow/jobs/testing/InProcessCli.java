package org.bedflow.jobs.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.bedflow.jobs.BedflowCli;
import org.springframework.boot.logging.LoggingSystem;

/**
 * {@code ./bedflow ...} inside the test JVM (one Spark per JVM, no process start-up), with
 * stdout and stderr captured. Settings that the command reads from the environment
 * (BEDFLOW_DB_URL, BEDFLOW_LOG_FILE, ...) are given as system properties, which Spring
 * resolves the same way; they are restored by {@link #close()}.
 */
public final class InProcessCli implements AutoCloseable {

    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit code " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Map<String, String> saved = new HashMap<>();

    /** Sets a system property until {@link #close()}; null clears it. */
    public InProcessCli set(String name, String value) {
        if (!saved.containsKey(name)) {
            saved.put(name, System.getProperty(name));
        }
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
        return this;
    }

    /**
     * A Spring test context cached by an earlier test class keeps logback marked as set up,
     * and Spring then skips configuring logging for the commands' own contexts; this lets the
     * next Spring start configure it from the command's settings, as in a fresh process.
     */
    public static void freshLogging() {
        LoggingSystem.get(InProcessCli.class.getClassLoader()).cleanUp();
    }

    public Result run(String... args) {
        freshLogging();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = BedflowCli.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        saved.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
        saved.clear();
    }
}
