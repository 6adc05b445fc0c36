package org.bedflow.jobs.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log file per job execution, next to the run's manifest:
 * {@code <output>/runs/<run_id>/execution-<id>.log}. A restart keeps the run id, so the
 * executions of one run sit side by side. While an execution runs, everything the process
 * log receives (at the same levels, masked the same way) is also written there; the rest of
 * the process's logging stays in the process log ({@code ~/.bedflow/bedflow.log}).
 */
public final class ExecutionLog {

    private static final Logger log = LoggerFactory.getLogger(ExecutionLog.class);
    private static final Map<Long, FileAppender<ILoggingEvent>> OPEN = new ConcurrentHashMap<>();

    private ExecutionLog() {
    }

    public static Path file(String output, String runId, long executionId) {
        return Path.of(output).resolve("runs").resolve(runId).resolve("execution-" + executionId + ".log");
    }

    /** Starts copying the process's log events to the execution's file; does nothing when logback is not in use. */
    public static void open(String output, String runId, long executionId) {
        if (output == null || runId == null || output.contains("://")
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Path file = file(output, runId, executionId);
        try {
            ownerAndGroupOnly(file.getParent().getParent(), true);
            ownerAndGroupOnly(file.getParent(), true);
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            ownerAndGroupOnly(file, false);
        } catch (IOException | RuntimeException e) {
            log.warn("no execution log at {}: {}", file, e.toString());
            return;
        }
        MaskingLayout layout = new MaskingLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setName("execution-" + executionId);
        appender.setContext(context);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        FileAppender<ILoggingEvent> previous = OPEN.put(executionId, appender);
        if (previous != null) {
            detach(context, previous);
        }
    }

    /** Stops copying; the file stays. */
    public static void close(long executionId) {
        FileAppender<ILoggingEvent> appender = OPEN.remove(executionId);
        if (appender != null && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            detach(context, appender);
        }
    }

    private static void detach(LoggerContext context, FileAppender<ILoggingEvent> appender) {
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
    }

    /** docs/operations.md, "Logs and privacy": output folders and files are readable by owner and group only. */
    private static void ownerAndGroupOnly(Path p, boolean directory) throws IOException {
        if (directory) {
            if (Files.isDirectory(p)) {
                return;
            }
            Files.createDirectories(p.getParent());
            Files.createDirectory(p);
        }
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(directory ? "rwxrwx---" : "rw-rw----"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's ACL decides
        }
    }
}
