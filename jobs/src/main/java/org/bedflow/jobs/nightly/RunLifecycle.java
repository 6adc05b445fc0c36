package org.bedflow.jobs.nightly;

import java.io.PrintStream;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives a run its id on first start (kept across restarts), and when the execution ends,
 * whatever its outcome, writes {@code runs/<run_id>/manifest.json}. Each execution also logs to
 * its own file there ({@link ExecutionLog}).
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
            if (job.getStatus() == BatchStatus.COMPLETED) {
                store.dropStaging(run.runId());
            }
            List<RunManifest.Input> bad = manifest.inputs().stream().filter(i -> !i.balances()).toList();
            if (!bad.isEmpty()) {
                log.error("row counts do not add up for {}", bad);
            }
            OUT.printf("%s %s%n  manifest %s%n", job.getJobInstance().getJobName(), manifest.status(), file);
        } catch (RuntimeException e) {
            log.error("could not write the run manifest", e);
            job.addFailureException(e);
            job.setStatus(BatchStatus.FAILED);
        }
    }

    private static String iso(LocalDateTime t) {
        return t == null ? null : t.atZone(ZoneId.systemDefault()).toOffsetDateTime().toString();
    }
}
