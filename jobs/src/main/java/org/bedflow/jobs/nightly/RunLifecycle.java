package org.bedflow.jobs.nightly;

import java.io.PrintStream;
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
import org.bedflow.jobs.logging.ExecutionLog;
import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.publish.TableStore;
import org.bedflow.pipeline.publish.report.ReportFigures;
import org.bedflow.pipeline.publish.report.RunReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.batch.core.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives a run its id on first start (kept across restarts), and when the execution ends,
 * whatever its outcome, writes {@code runs/<run_id>/manifest.json} and the run report
 * {@code runs/<run_id>/report.html}. Each execution also logs to its own file there
 * ({@link ExecutionLog}).
 */
@Component
public class RunLifecycle implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunLifecycle.class);
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final PrintStream OUT = System.out;

    private final ObjectProvider<SparkSession> spark;
    private final BedflowProperties properties;
    private final ConfigDigest configDigest;

    public RunLifecycle(ObjectProvider<SparkSession> spark, BedflowProperties properties, ConfigDigest configDigest) {
        this.spark = spark;
        this.properties = properties;
        this.configDigest = configDigest;
    }

    @Override
    public void beforeJob(JobExecution job) {
        var ctx = job.getExecutionContext();
        if (!ctx.containsKey(RunSettings.RUN_ID)) {
            // sortable, filesystem-safe, unique per job instance; a restart keeps it
            String id = LocalDateTime.now(ZoneOffset.UTC).format(ID) + "-" + job.getJobInstance().getInstanceId();
            ctx.putString(RunSettings.RUN_ID, id);
        }
        RunSettings run = RunSettings.of(job);
        ExecutionLog.open(run.output(), run.runId(), job.getId());
        OUT.printf("bedflow %s: run %s (execution %d), run date %s%n  input  %s%n  output %s%n",
                job.getJobInstance().getJobName(), run.runId(), job.getId(), run.runDate(), run.input(), run.output());
        log.info("starting {} run {} execution {} run date {}", job.getJobInstance().getJobName(), run.runId(),
                job.getId(), run.runDate());
    }

    @Override
    public void afterJob(JobExecution job) {
        try {
            finishRun(job);
        } finally {
            ExecutionLog.close(job.getId());
        }
    }

    private void finishRun(JobExecution job) {
        RunSettings run = RunSettings.of(job);
        if (run.output() == null) {
            return;
        }
        try {
            TableStore store = new TableStore(spark.getObject(), run.output());
            String failure = job.getAllFailureExceptions().stream().findFirst().map(BedflowCli::oneLine).orElse(null);
            RunManifest manifest = new RunManifest(
                    run.runId(),
                    run.runDate().toString(),
                    job.getStatus() == BatchStatus.COMPLETED ? "COMPLETED" : job.getStatus().toString(),
                    iso(job.getStartTime()),
                    iso(LocalDateTime.now()),
                    VersionInfo.version(),
                    VersionInfo.gitCommit(),
                    spark.getObject().sparkContext().master(),
                    configDigest.sha256(),
                    run.input(),
                    properties.isDisclosureControl(),
                    failure,
                    RunState.inputs(job.getExecutionContext()),
                    RunState.feeds(job.getExecutionContext()),
                    RunState.outputs(job.getExecutionContext()));
            var file = ManifestFiles.write(store.fileSystem(), store.root(), manifest);
            var report = writeReport(job, run, store, manifest);
            if (job.getStatus() == BatchStatus.COMPLETED) {
                store.dropStaging(run.runId());
            }
            List<RunManifest.Input> bad = manifest.inputs().stream().filter(i -> !i.balances()).toList();
            if (!bad.isEmpty()) {
                log.error("row counts do not add up for {}", bad);
            }
            OUT.printf("%s %s%n  manifest %s%n", job.getJobInstance().getJobName(), manifest.status(), file);
            if (report != null) {
                OUT.printf("  report   %s%n", report);
            }
        } catch (RuntimeException e) {
            log.error("could not write the run manifest", e);
            job.addFailureException(e);
            job.setStatus(BatchStatus.FAILED);
        }
    }

    /**
     * {@code runs/<run_id>/report.html}, from the manifest and the aggregates this run
     * published. A run that did not complete, or only validated, still gets its summary and
     * data quality; the chart sections then say why they are empty. A report that cannot be
     * written is logged and announced, and leaves the run's outcome as it was.
     */
    private org.apache.hadoop.fs.Path writeReport(JobExecution job, RunSettings run, TableStore store,
                                                  RunManifest manifest) {
        try {
            String name = job.getJobInstance().getJobName();
            List<RunReport.Step> steps = job.getStepExecutions().stream()
                    .map(s -> new RunReport.Step(s.getStepName(), s.getStatus().toString(), seconds(s),
                            s.getExecutionContext().getString(StepProgress.SUMMARY, null)))
                    .toList();
            ReportFigures figures = ReportFigures.none();
            String noCharts = null;
            if (job.getStatus() != BatchStatus.COMPLETED) {
                String failed = job.getStepExecutions().stream().filter(s -> s.getStatus() != BatchStatus.COMPLETED)
                        .map(StepExecution::getStepName).findFirst().map(s -> " in step " + s).orElse("");
                noCharts = "the run did not complete (" + job.getStatus() + failed + "); charts are drawn only from "
                        + "the tables of a completed run. A restart finishes the run and writes this report again.";
            } else if (!NightlyJobConfig.NIGHTLY.equals(name)) {
                noCharts = "this was a validate-only run: it checks the feeds and computes no indicator.";
            } else {
                figures = ReportFigures.collect(spark.getObject(), store.root().toString(), run.runId(), run.runDate());
                if (figures.isEmpty()) {
                    noCharts = "the run published no row of delayed_discharge_monthly.";
                }
            }
            String html = RunReport.render(new RunReport.Input(manifest, name, steps, figures, noCharts));
            return RunReport.write(store.fileSystem(), store.root(), run.runId(), html);
        } catch (RuntimeException e) {
            log.error("could not write the run report", e);
            OUT.printf("  the run report could not be written: %s%n", BedflowCli.oneLine(e));
            return null;
        }
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
