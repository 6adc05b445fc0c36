package org.bedflow.jobs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bedflow.jobs.nightly.RunParameters;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Fault injection for the crash-recovery test, on the test classpath only: a bedflow process
 * started with {@code -Dbedflow.test.pause-in-step=NAME} announces that it reached step NAME
 * (file {@code <output>/.paused-NAME} holding its pid) and then waits inside the step until
 * it is killed. The nightly job registers every step listener of the application, so this
 * one joins the real job when the test classes are on the classpath, and does nothing
 * unless the property is set.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class PauseInStep implements StepExecutionListener {

    public static final String PROPERTY = "bedflow.test.pause-in-step";

    @Override
    public void beforeStep(StepExecution step) {
        if (!step.getStepName().equals(System.getProperty(PROPERTY))) {
            return;
        }
        try {
            Path marker = Path.of(step.getJobParameters().getString(RunParameters.PARAM_OUTPUT),
                    ".paused-" + step.getStepName());
            Files.writeString(marker, String.valueOf(ProcessHandle.current().pid()));
            Thread.sleep(Long.MAX_VALUE);
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
