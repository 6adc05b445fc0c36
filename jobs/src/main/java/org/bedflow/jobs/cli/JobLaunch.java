package org.bedflow.jobs.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bedflow.jobs.BedflowCli;
import org.bedflow.jobs.ExitCodes;
import org.bedflow.jobs.config.BedflowApplication;
import org.bedflow.jobs.nightly.DataQualityException;
import org.bedflow.pipeline.ingest.FeedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts Spring (job repository, Spark), launches one job with its parameters, and turns
 * the outcome into an exit code of operations.md with a one-line reason on stderr.
 */
public final class JobLaunch {

    private static final Logger log = LoggerFactory.getLogger(JobLaunch.class);

    private JobLaunch() {
    }

    /** Spring arguments from the common options: they outrank the config file and environment. */
    public static List<String> springArgs(Path config, String master) {
        List<String> args = new ArrayList<>();
        if (config != null) {
            args.add("--spring.config.additional-location=file:" + config.toAbsolutePath());
        }
        if (master != null) {
            args.add("--bedflow.spark.master=" + master);
        }
        return args;
    }

    public static int launch(String jobName, JobParameters params, Path outputDir, List<String> springArgs,
                             PrintStream err) {
        Optional<OutputLock> lock = OutputLock.tryAcquire(outputDir);
        if (lock.isEmpty()) {
            err.println("bedflow: another run is writing to " + outputDir + " (pid " + OutputLock.holder(outputDir)
                    + "); try again when it has finished");
            return ExitCodes.ALREADY_RUNNING;
        }
        try (OutputLock held = lock.get();
             ConfigurableApplicationContext ctx = new SpringApplicationBuilder(BedflowApplication.class)
                     .run(springArgs.toArray(String[]::new))) {
            Job job = ctx.getBean(jobName, Job.class);
            JobExecution execution = ctx.getBean(JobLauncher.class).run(job, params);
            return exitCode(execution, err);
        } catch (JobExecutionAlreadyRunningException e) {
            err.println("bedflow: " + e.getMessage());
            return ExitCodes.ALREADY_RUNNING;
        } catch (JobInstanceAlreadyCompleteException e) {
            err.println("bedflow: this run date has already completed for this input and output folder; "
                    + "add --rerun to run it again on purpose");
            return ExitCodes.FAILED;
        } catch (Exception e) {
            log.error("bedflow could not run {}", jobName, e);
            err.println("bedflow: " + BedflowCli.oneLine(e));
            return ExitCodes.FAILED;
        }
    }

    static int exitCode(JobExecution execution, PrintStream err) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return ExitCodes.OK;
        }
        List<Throwable> failures = execution.getAllFailureExceptions();
        failures.forEach(f -> log.error("execution {} failed", execution.getId(), f));
        Throwable first = failures.isEmpty() ? null : failures.get(0);
        String step = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.FAILED).map(s -> s.getStepName()).findFirst().orElse("?");
        err.println("bedflow: step " + step + " failed: " + (first == null ? execution.getExitStatus().getExitDescription()
                : BedflowCli.oneLine(first)));
        if (failures.stream().anyMatch(JobLaunch::isDataQuality)) {
            return ExitCodes.DATA_QUALITY;
        }
        return ExitCodes.FAILED;
    }

    private static boolean isDataQuality(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DataQualityException || c instanceof FeedInputException) {
                return true;
            }
        }
        return false;
    }
}
