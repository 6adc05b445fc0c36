package org.bedflow.jobs.nightly;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.bedflow.jobs.config.BedflowProperties;
import org.bedflow.pipeline.descriptor.FeedDescriptors;
import org.bedflow.pipeline.ingest.IngestOptions;
import org.bedflow.pipeline.ingest.IngestReport;
import org.bedflow.pipeline.ingest.IngestStage;
import org.bedflow.pipeline.ingest.RawFeed;
import org.bedflow.pipeline.ingest.read.FeedReader;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.TableStore;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.OutputTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Step 1, validate: reads every feed folder, validates and de-duplicates the rows, writes
 * the accepted rows to the run's work area and the quarantined and warned rows to its
 * rejects, and records the per-file counts. A breached threshold stops the run here,
 * before anything is published (exit code 3); the rejects of that run are then kept under
 * {@code runs/<run_id>/rejects/} for the analyst.
 */
@Component
public class ValidateStep implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ValidateStep.class);

    private final ObjectProvider<SparkSession> spark;
    private final BedflowProperties properties;

    public ValidateStep(ObjectProvider<SparkSession> spark, BedflowProperties properties) {
        this.spark = spark;
        this.properties = properties;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        var step = chunk.getStepContext().getStepExecution();
        RunSettings run = RunSettings.of(step.getJobExecution());
        // the feed descriptors first: a mistake in one stops the run before Spark is touched (exit code 3)
        DelayReasons delayReasons = DelayReasons.load(properties.getDelayReasons());
        String feedsDir = properties.getFeedsDir();
        FeedDescriptors descriptors = FeedDescriptors.load(
                feedsDir == null || feedsDir.isBlank() ? null : Path.of(feedsDir), delayReasons);
        descriptors.all().stream().filter(d -> !d.builtIn())
                .forEach(d -> log.info("feed descriptor {} ({}) for {}: {}", d.source(), d.origin(), d.role().name(),
                        d.pattern()));
        SparkSession session = spark.getObject();
        TableStore store = new TableStore(session, run.output());
        store.recover(run.runId());

        Map<String, RawFeed> raw = new LinkedHashMap<>();
        for (FeedSchema feed : Feeds.all()) {
            raw.put(feed.name(), FeedReader.read(session, run.input(), feed, descriptors));
        }
        IngestOptions options = new IngestOptions(run.runDate(), run.runId(),
                properties.getRejectThreshold(), properties.thresholds(), delayReasons.codes());
        IngestReport report = IngestStage.run(session, raw, options, run.workDir(store));

        var manifestParts = IngestSummaries.of(report);
        RunState.putInputs(step.getJobExecution().getExecutionContext(), manifestParts.inputs(), manifestParts.feeds());
        long read = manifestParts.feeds().stream().mapToLong(f -> f.rowsRead()).sum();
        long accepted = manifestParts.feeds().stream().mapToLong(f -> f.accepted()).sum();
        long quarantined = manifestParts.feeds().stream().mapToLong(f -> f.quarantined()).sum();
        step.setReadCount(read);
        contribution.incrementWriteCount(accepted);
        contribution.incrementFilterCount(read - accepted);
        DataQualitySummary.print(System.out, report);
        step.getExecutionContext().putString(StepProgress.SUMMARY, String.format(
                "%,d rows read, %,d accepted, %,d quarantined, %,d files", read, accepted, quarantined,
                manifestParts.inputs().size()));

        if (!report.breaches().isEmpty()) {
            // keep this run's rejects for the analyst; publish nothing
            var rejects = session.read().parquet(run.work(store, "rejects"));
            rejects.write().mode("overwrite").partitionBy("feed")
                    .parquet(ManifestFiles.runDir(store.root(), run.runId()) + "/rejects");
            String message = String.join("; ", report.breaches());
            log.error("data quality threshold breached: {}", message);
            throw new DataQualityException(message);
        }
        store.stage(session.read().parquet(run.work(store, "rejects")), run.runId(), OutputTables.REJECTS.table(),
                OutputTables.REJECTS.partitionBy());
        return RepeatStatus.FINISHED;
    }
}
