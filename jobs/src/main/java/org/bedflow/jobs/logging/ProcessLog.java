package org.bedflow.jobs.logging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import org.bedflow.pipeline.spark.PrivateFolders;
import org.slf4j.LoggerFactory;

/**
 * Logging before Spring starts (and for the commands that never start it: generate, query):
 * errors only, to the process log, never to the terminal. Without this, logback's default
 * configuration would print Spark's DEBUG chatter and any stack trace on the console. When
 * Spring starts it re-configures logging from logback-spring.xml and application.yml.
 */
public final class ProcessLog {

    private ProcessLog() {
    }

    /** BEDFLOW_LOG_FILE, else ~/.bedflow/bedflow.log (as application.yml says for the Spring side). */
    public static Path file() {
        String configured = System.getProperty("BEDFLOW_LOG_FILE", System.getenv("BEDFLOW_LOG_FILE"));
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".bedflow", "bedflow.log");
    }

    public static void configureEarly() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        LazyFile file = new LazyFile(file());
        file.setName("FILE");
        file.setContext(context);
        file.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.ERROR);
        root.addAppender(file);
        context.getLogger("org.apache.hadoop").setLevel(Level.ERROR);
    }

    /**
     * Creates the process log, and the folders above it that do not exist, readable by the
     * owner only (file 0600, folders 0700): it names input and output folders and failures.
     * An existing file or folder keeps the permissions it has.
     */
    public static void ownerOnly(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                PrivateFolders.create(parent, PrivateFolders.OWNER_ONLY);
            }
            if (!Files.exists(file)) {
                Files.createFile(file);
                PrivateFolders.set(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (FileAlreadyExistsException another) {
            // another process created it first
        } catch (IOException | UncheckedIOException e) {
            // the appender then reports what is wrong with the file
        }
    }

    /** The process log of logback-spring.xml: a rolling file created owner-only ({@link #ownerOnly}). */
    public static class RollingFile extends RollingFileAppender<ILoggingEvent> {
        @Override
        public void openFile(String fileName) throws IOException {
            ownerOnly(Path.of(fileName));
            super.openFile(fileName);
        }
    }

    /** Opens the file at the first event, so that --help or a clean generate leaves no empty log behind. */
    private static final class LazyFile extends AppenderBase<ILoggingEvent> {
        private final Path path;
        private FileAppender<ILoggingEvent> delegate;

        LazyFile(Path path) {
            this.path = path;
        }

        @Override
        protected synchronized void append(ILoggingEvent event) {
            if (delegate == null) {
                MaskingLayout layout = new MaskingLayout();
                layout.setContext(getContext());
                layout.start();
                LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
                encoder.setContext(getContext());
                encoder.setLayout(layout);
                encoder.setCharset(StandardCharsets.UTF_8);
                encoder.start();
                ownerOnly(path);
                delegate = new FileAppender<>();
                delegate.setContext(getContext());
                delegate.setFile(path.toString());
                delegate.setAppend(true);
                delegate.setEncoder(encoder);
                delegate.start();
            }
            delegate.doAppend(event);
        }

        @Override
        public synchronized void stop() {
            if (delegate != null) {
                delegate.stop();
            }
            super.stop();
        }
    }
}
