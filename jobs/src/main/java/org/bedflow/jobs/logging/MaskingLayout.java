package org.bedflow.jobs.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/**
 * A pattern layout whose output (message and stack trace) passes through {@link Redaction}.
 * Used by the process log (logback-spring.xml) and by every execution's own log.
 */
public class MaskingLayout extends LayoutBase<ILoggingEvent> {

    /** time, level, process id (several processes may share the process log), thread, logger, message */
    public static final String DEFAULT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level "
            + ProcessHandle.current().pid() + " --- [%thread] %logger{39} : %msg%n%ex";

    private final PatternLayout inner = new PatternLayout();
    private String pattern = DEFAULT_PATTERN;

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        inner.setContext(getContext());
        inner.setPattern(pattern);
        inner.start();
        super.start();
    }

    @Override
    public void stop() {
        inner.stop();
        super.stop();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return Redaction.redact(inner.doLayout(event));
    }
}
