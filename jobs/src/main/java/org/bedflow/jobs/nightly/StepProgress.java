package org.bedflow.jobs.nightly;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.stereotype.Component;

/**
 * One progress line per step on the terminal (operations.md: "While it runs, run prints
 * one progress line per step with rows and elapsed time"). Steps leave a short summary of
 * their rows in their execution context under {@link #SUMMARY}.
 */
@Component
public class StepProgress implements StepExecutionListener {

    public static final String SUMMARY = "bedflow.summary";
    private static final Logger log = LoggerFactory.getLogger(StepProgress.class);
    private static final PrintStream OUT = System.out;

    /**
     * Fault injection for the crash-recovery test: with -Dbedflow.test.pause-in-step=NAME
     * the process announces (file {@code <output>/.paused-NAME}) and then waits inside that
     * step until it is killed.
     */
    public static final String PAUSE_PROPERTY = "bedflow.test.pause-in-step";

    @Override
    public void beforeStep(StepExecution step) {
        OUT.printf("  %-9s ...%n", step.getStepName());
        OUT.flush();
        log.info("step {} started", step.getStepName());
        if (step.getStepName().equals(System.getProperty(PAUSE_PROPERTY))) {
            pauseUntilKilled(step);
        }
    }

    private static void pauseUntilKilled(StepExecution step) {
        try {
            java.nio.file.Path marker = java.nio.file.Path.of(step.getJobParameters().getString(RunSettings.PARAM_OUTPUT),
                    ".paused-" + step.getStepName());
            java.nio.file.Files.writeString(marker, String.valueOf(ProcessHandle.current().pid()));
            Thread.sleep(Long.MAX_VALUE);
        } catch (java.io.IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        LocalDateTime start = step.getStartTime();
        double seconds = start == null ? 0 : Duration.between(start, LocalDateTime.now()).toMillis() / 1000.0;
        String summary = step.getExecutionContext().getString(SUMMARY, "");
        OUT.printf("  %-9s %-9s %6.1f s  %s%n", step.getStepName(), step.getStatus(), seconds, summary);
        OUT.flush();
        log.info("step {} {} in {} s: {}", step.getStepName(), step.getStatus(), String.format("%.1f", seconds), summary);
        return step.getExitStatus();
    }
}
