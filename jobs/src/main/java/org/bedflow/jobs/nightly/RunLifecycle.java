package org.bedflow.jobs.nightly;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.bedflow.jobs.BedflowCli;
import org.bedflow.jobs.cli.VersionInfo;
import org.bedflow.jobs.config.BedflowProperties;
import org.bedflow.jobs.config.ConfigDigest;
import org.bedflow.jobs.config.ScratchOutput;
import org.bedflow.jobs.logging.ExecutionLog;
import org.bedflow.pipeline.publish.report.RunReport;
import org.bedflow.pipeline.run.FinishRun;
import org.bedflow.pipeline.run.RunContext;
import org.bedflow.pipeline.spark.SparkScratch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives a run its id on first start (kept across restarts) and, when the execution ends,
 * whatever its outcome, hands what the job repository knows of it to {@link FinishRun}
 * (manifest and report). Each execution also logs to its own file ({@link ExecutionLog}).
 * It also looks after the run's identifiable working data: Spark's scratch folder in the output
 * folder (and those of processes that ended), and the work files of a run that failed in validate.
 */
@Component
public class RunLifecycle implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunLifecycle.class);
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final PrintStream OUT = System.out;
    private static final String VALIDATE_STEP = "validate";

    private final ObjectProvider<SparkSession> spark;
    private final BedflowProperties properties;
    private final ConfigDigest configDigest;
    private final ScratchOutput scratch;
    private final ObjectProvider<JobRepository> jobRepository;

    public RunLifecycle(ObjectProvider<SparkSession> spark, BedflowProperties properties, ConfigDigest configDigest,
                        ScratchOutput scratch, ObjectProvider<JobRepository> jobRepository) {
        this.spark = spark;
        this.properties = properties;
        this.configDigest = configDigest;
        this.scratch = scratch;
        this.jobRepository = jobRepository;
    }

    @Override
    public void beforeJob(JobExecution job) {
        var ctx = job.getExecutionContext();
        if (!ctx.containsKey(RunParameters.RUN_ID)) {
            // sortable, filesystem-safe, unique per job instance; a restart keeps it
            String id = LocalDateTime.now(ZoneOffset.UTC).format(ID) + "-" + job.getJobInstance().getInstanceId();
            ctx.putString(RunParameters.RUN_ID, id);
            // stored now: Spring Batch saves the job's context only after a step ends, so a kill
            // inside the first step would otherwise give the restart a new id
            jobRepository.getObject().updateExecutionContext(job);
        }
        RunContext run = run(job);
        if (run.output() != null) {
            // before the first step starts Spark; the launch holds the output folder's lock, so no
            // other process is using the scratch folders of processes that have ended
            scratch.set(Path.of(run.output()));
            try {
                SparkScratch.removeLeftovers(Path.of(run.output()));
            } catch (RuntimeException e) {
                log.error("could not remove the Spark scratch folders left in {}", run.output(), e);
            }
        }
        ExecutionLog.open(run.output(), run.runId(), job.getId());
        boolean temporary = RunParameters.temporaryOutput(job.getJobParameters());
        OUT.printf("bedflow %s: run %s (execution %d), run date %s%n  input  %s%n  output %s%n",
                job.getJobInstance().getJobName(), run.runId(), job.getId(), run.runDate(), run.input(),
                temporary ? "none kept (give --output DIR to keep the rejects, manifest and report)" : run.output());
        log.info("starting {} run {} execution {} run date {}", job.getJobInstance().getJobName(), run.runId(),
                job.getId(), run.runDate());
    }

    @Override
    public void afterJob(JobExecution job) {
        try {
            if (job.getJobParameters().getString(RunParameters.PARAM_OUTPUT) != null) {
                finishRun(job);
            }
        } finally {
            ExecutionLog.close(job.getId());
        }
    }

    private void finishRun(JobExecution job) {
        try {
            String name = job.getJobInstance().getJobName();
            var ctx = job.getExecutionContext();
            var outcome = new FinishRun.Outcome(name, NightlyJobConfig.NIGHTLY.equals(name), job.getStatus().toString(),
                    job.getStepExecutions().stream().filter(s -> s.getStatus() != BatchStatus.COMPLETED)
                            .map(StepExecution::getStepName).findFirst().orElse(null),
                    job.getAllFailureExceptions().stream().findFirst().map(BedflowCli::oneLine).orElse(null),
                    iso(job.getStartTime()), iso(LocalDateTime.now()), steps(job),
                    RunState.inputs(ctx), RunState.feeds(ctx), RunState.outputs(ctx), RunState.ruleGaps(ctx));
            var finished = new FinishRun(spark.getObject(), run(job)).execute(outcome,
                    new FinishRun.Provenance(VersionInfo.version(), VersionInfo.gitCommit(), configDigest.sha256()));
            if (!outcome.completed() && VALIDATE_STEP.equals(outcome.failedStep())) {
                dropWorkFiles(job);
            }
            List<String> warnings = finished.content().warnings() == null ? List.of() : finished.content().warnings();
            if (RunParameters.temporaryOutput(job.getJobParameters())) {
                OUT.printf("%s %s%n", name, finished.content().status());
                warnings.forEach(w -> OUT.printf("warning: %s%n", w));
                return; // the manifest and report go with the temporary folder: no path to a file that will not exist
            }
            OUT.printf("%s %s%n  manifest %s%n", name, finished.content().status(), finished.manifest());
            if (finished.report() != null) {
                OUT.printf("  report   %s%n", finished.report());
            } else {
                OUT.printf("  the run report could not be written: %s%n", BedflowCli.oneLine(finished.reportError()));
            }
            warnings.forEach(w -> OUT.printf("warning: %s%n", w));
        } catch (RuntimeException e) {
            log.error("could not write the run manifest", e);
            job.addFailureException(e);
            job.setStatus(BatchStatus.FAILED);
        }
    }

    /**
     * A run that failed in validate has nothing to resume: its restart (or the next run) reads
     * every feed again. Its work files (the feeds' NHS numbers, person ids, the opt-out list) go
     * now rather than waiting for a restart that may never come. A run that failed in a later
     * step keeps them, for its restart to resume from (docs/operations.md, "Working files").
     */
    private void dropWorkFiles(JobExecution job) {
        RunContext run = run(job);
        try {
            run.store(spark.getObject()).dropStaging(run.runId());
            log.info("removed the work files of run {}: it failed in validate, which a restart runs again", run.runId());
        } catch (RuntimeException e) {
            log.error("could not remove the work files of run {}", run.runId(), e);
        }
    }

    private RunContext run(JobExecution job) {
        JobParameters p = job.getJobParameters();
        return new RunContext(job.getExecutionContext().getString(RunParameters.RUN_ID),
                p.getLocalDate(RunParameters.PARAM_RUN_DATE), p.getString(RunParameters.PARAM_INPUT),
                p.getString(RunParameters.PARAM_OUTPUT), properties.runConfig());
    }

    private static List<RunReport.Step> steps(JobExecution job) {
        return job.getStepExecutions().stream().map(s -> new RunReport.Step(s.getStepName(), s.getStatus().toString(),
                seconds(s), s.getExecutionContext().getString(StepProgress.SUMMARY, null))).toList();
    }

    private static double seconds(StepExecution s) {
        if (s.getStartTime() == null) {
            return 0;
        }
        LocalDateTime end = s.getEndTime() == null ? LocalDateTime.now() : s.getEndTime();
        return Duration.between(s.getStartTime(), end).toMillis() / 1000.0;
    }

    private static String iso(LocalDateTime t) {
        return t == null ? null : t.atZone(ZoneId.systemDefault()).toOffsetDateTime().toString();
    }
}
