package org.bedflow.jobs.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bedflow.jobs.ExitCodes;
import org.bedflow.jobs.logging.ExecutionLog;
import org.bedflow.jobs.nightly.DataQualityException;
import org.bedflow.jobs.nightly.RunParameters;
import org.bedflow.pipeline.schema.FeedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts Spring (job repository, Spark), launches one job with its parameters, and turns
 * the outcome into an exit code of docs/operations.md with a one-line reason on stderr (the full
 * cause goes to the logs). Every launch holds the output folder's lock for its whole run.
 */
public final class JobLaunch {

    /** non-identifying job parameters: how the run was configured, so that a restart configures itself the same way */
    public static final String PARAM_CONFIG = "config.file";
    public static final String PARAM_MASTER = "spark.master";

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
        return launch(jobName, params, outputDir, springArgs, err, false);
    }

    /**
     * @param rerunIfComplete when this job instance already completed, run it again as a
     *                        deliberate re-run (the scheduler's second launch on one day)
     *                        instead of refusing
     */
    public static int launch(String jobName, JobParameters params, Path outputDir, List<String> springArgs,
                             PrintStream err, boolean rerunIfComplete) {
        Optional<OutputLock> lock;
        try {
            lock = OutputLock.tryAcquire(outputDir);
        } catch (UncheckedIOException e) {
            log.error("cannot lock the output folder {}", outputDir, e);
            err.println("bedflow: " + Failures.describe(e));
            return ExitCodes.FAILED;
        }
        if (lock.isEmpty()) {
            err.println("bedflow: another run is writing to " + outputDir + " (pid " + OutputLock.holder(outputDir)
                    + "); try again when it has finished");
            return ExitCodes.ALREADY_RUNNING;
        }
        try (OutputLock held = lock.get(); ConfigurableApplicationContext ctx = SpringCommand.start(springArgs)) {
            JobRepository repository = ctx.getBean(JobRepository.class);
            // we hold the output folder's lock, so an execution of this job instance that is still
            // marked as running was left behind by a process that died (kill -9, power cut)
            JobExecution last = repository.getLastJobExecution(jobName, params);
            if (last != null && last.isRunning()) {
                markAbandonedRunFailed(repository, last);
                System.out.println("execution " + last.getId() + " of this run was left unfinished by a process that "
                        + "ended; it is marked FAILED and resumed now");
            }
            Job job = ctx.getBean(jobName, Job.class);
            JobLauncher launcher = ctx.getBean(JobLauncher.class);
            JobExecution execution;
            try {
                execution = launcher.run(job, params);
            } catch (JobInstanceAlreadyCompleteException e) {
                if (!rerunIfComplete) {
                    err.println("bedflow: run date " + params.getLocalDate(RunParameters.PARAM_RUN_DATE)
                            + " has already completed for this input and output folder; "
                            + "add --rerun to run it again on purpose");
                    return ExitCodes.FAILED;
                }
                log.info("run date {} already completed: running it again", params.getLocalDate(RunParameters.PARAM_RUN_DATE));
                execution = launcher.run(job, new JobParametersBuilder(params)
                        .addLong(RunParameters.PARAM_RERUN, System.currentTimeMillis()).toJobParameters());
            }
            return exitCode(execution, err);
        } catch (JobExecutionAlreadyRunningException e) {
            err.println("bedflow: " + e.getMessage());
            return ExitCodes.ALREADY_RUNNING;
        } catch (Exception e) {
            log.error("bedflow could not run {}", jobName, e);
            err.println("bedflow: " + Failures.describe(e));
            return ExitCodes.FAILED;
        }
    }

    /**
     * The exit code of a finished execution: 0 completed, 3 a data quality threshold or an
     * unreadable or missing feed, 1 any other failure; for a failure, one line on stderr
     * naming the step, the reason and the execution's log file.
     */
    static int exitCode(JobExecution execution, PrintStream err) {
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return ExitCodes.OK;
        }
        List<Throwable> failures = execution.getAllFailureExceptions();
        failures.forEach(f -> log.error("execution {} failed", execution.getId(), f));
        Throwable first = failures.isEmpty() ? null : failures.get(0);
        String step = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus() == BatchStatus.FAILED).map(StepExecution::getStepName).findFirst().orElse(null);
        String reason = first == null ? String.valueOf(execution.getExitStatus().getExitDescription())
                : Failures.describe(first);
        err.println("bedflow: " + (step == null ? "execution " + execution.getId() + " " + execution.getStatus()
                : "step " + step + " failed") + ": " + reason + logHint(execution));
        if (failures.stream().anyMatch(JobLaunch::isDataQuality)) {
            return ExitCodes.DATA_QUALITY;
        }
        return ExitCodes.FAILED;
    }

    private static String logHint(JobExecution execution) {
        String output = execution.getJobParameters().getString(RunParameters.PARAM_OUTPUT);
        String runId = execution.getExecutionContext().containsKey(RunParameters.RUN_ID)
                ? execution.getExecutionContext().getString(RunParameters.RUN_ID) : null;
        if (output == null || runId == null || RunParameters.temporaryOutput(execution.getJobParameters())) {
            return ""; // validate without --output: its log goes with its temporary folder
        }
        Path file = ExecutionLog.file(output, runId, execution.getId());
        return Files.exists(file) ? " (log: " + file + ")" : "";
    }

    private static boolean isDataQuality(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DataQualityException || c instanceof FeedInputException) {
                return true;
            }
        }
        return false;
    }

    /**
     * After kill -9 the execution stays STARTED, and Spring Batch restarts only a FAILED one.
     * Call only while holding the output folder's lock: that proves no process still runs it.
     */
    static void markAbandonedRunFailed(JobRepository repository, JobExecution execution) {
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("process ended without finishing the step"));
                step.setEndTime(now);
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription("process ended without finishing the job"));
        execution.setEndTime(now);
        repository.update(execution);
        log.warn("execution {} was left {} by a process that ended; marked FAILED", execution.getId(), BatchStatus.STARTED);
    }
}
