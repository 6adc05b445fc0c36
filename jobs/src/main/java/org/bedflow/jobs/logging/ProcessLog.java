package org.bedflow.jobs.logging;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
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
