package org.bedflow.jobs.nightly;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.StepContribution;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One progress line per step on the terminal (docs/operations.md, "Logs and privacy": the
 * terminal gets one progress line per step, with rows and elapsed time). Steps leave a short summary of
 * their rows in their execution context under {@link #SUMMARY}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StepProgress implements StepExecutionListener {

    public static final String SUMMARY = "bedflow.summary";
    private static final Logger log = LoggerFactory.getLogger(StepProgress.class);
    private static final PrintStream OUT = System.out;

    @Override
    public void beforeStep(StepExecution step) {
        OUT.printf("  %-9s ...%n", step.getStepName());
        OUT.flush();
        log.info("step {} started", step.getStepName());
    }

    /** What a step wrote: its write count in the job repository and the summary its progress line shows. */
    public static void record(StepContribution contribution, long written, String summary) {
        contribution.incrementWriteCount(written);
        contribution.getStepExecution().getExecutionContext().putString(SUMMARY, summary);
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
