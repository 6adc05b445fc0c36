package org.bedflow.pipeline.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.descriptor.FeedDescriptors;
import org.bedflow.pipeline.ingest.IngestOptions;
import org.bedflow.pipeline.ingest.IngestReport;
import org.bedflow.pipeline.ingest.IngestStage;
import org.bedflow.pipeline.ingest.RawFeed;
import org.bedflow.pipeline.ingest.read.FeedReader;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.OutputTables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 1, validate: reads every feed folder, validates and de-duplicates the rows, keeps
 * each feed's classified rows in the work area and stages the quarantined and warned rows
 * as the rejects table, and counts every row of every file (docs/operations.md, "Data
 * quality"). The feed descriptors are loaded first: a mistake in one stops the run before
 * Spark reads anything.
 *
 * <p>A breached reject threshold stages nothing: the run's rejects are kept under
 * {@code runs/<run_id>/rejects/} for the analyst, and {@link Result#breached()} tells the
 * caller to stop the run there (exit code 3), before anything is published.
 */
public final class ValidateFeeds {

    private static final Logger log = LoggerFactory.getLogger(ValidateFeeds.class);

    private final SparkSession spark;
    private final RunContext run;

    public ValidateFeeds(SparkSession spark, RunContext run) {
        this.spark = spark;
        this.run = run;
    }

    /**
     * @param report   the validate stage's counts per file and feed, and the breaches
     * @param inputs   the manifest's per-file counts
     * @param feeds    the manifest's per-feed counts
     */
    public record Result(IngestReport report, List<RunManifest.Input> inputs, List<RunManifest.Feed> feeds) {

        public long rowsRead() {
            return feeds.stream().mapToLong(RunManifest.Feed::rowsRead).sum();
        }

        public long accepted() {
            return feeds.stream().mapToLong(RunManifest.Feed::accepted).sum();
        }

        public long quarantined() {
            return feeds.stream().mapToLong(RunManifest.Feed::quarantined).sum();
        }

        /** Whether a feed's share of quarantined rows breached its threshold: nothing may be published. */
        public boolean breached() {
            return !report.breaches().isEmpty();
        }

        public String breaches() {
            return String.join("; ", report.breaches());
        }

        public String summary() {
            return String.format("%,d rows read, %,d accepted, %,d quarantined, %,d files", rowsRead(), accepted(),
                    quarantined(), inputs.size());
        }
    }

    public Result execute() {
        DelayReasons delayReasons = run.config().delayReasonMapping();
        FeedDescriptors descriptors = run.config().descriptors(delayReasons);
        descriptors.all().stream().filter(d -> !d.builtIn())
                .forEach(d -> log.info("feed descriptor {} ({}) for {}: {}", d.source(), d.origin(), d.role().name(),
                        d.pattern()));
        WorkArea work = run.workArea(spark);
        work.store().recover(run.runId());

        Map<String, RawFeed> raw = new LinkedHashMap<>();
        for (FeedSchema feed : Feeds.all()) {
            raw.put(feed.name(), FeedReader.read(spark, run.input(), feed, descriptors));
        }
        IngestOptions options = new IngestOptions(run.runDate(), run.runId(), run.config().rejectThreshold(),
                run.config().thresholds(), delayReasons.codes(), run.config().warningThreshold(),
                run.config().warningThresholds());
        IngestReport report = IngestStage.run(spark, raw, options, work);
        Result result = new Result(report, inputs(report), feeds(report));

        if (result.breached()) {
            log.error("data quality threshold breached: {}", result.breaches());
            work.keepInRunFolder(OutputTables.REJECTS, work.read(IngestStage.REJECTS));
        } else {
            work.stage(OutputTables.REJECTS, work.read(IngestStage.REJECTS));
        }
        return result;
    }

    /** The validate stage's counts in the shape of the run manifest (docs/operations.md, "Run manifest"). */
    static List<RunManifest.Input> inputs(IngestReport report) {
        return report.files().stream().map(f -> new RunManifest.Input(
                f.file().feed(), f.file().path(), f.file().bytes(), f.file().sha256(), f.rowsRead(), f.accepted(),
                f.quarantined(), f.warnings(), f.excludedSuperseded(), f.excludedOptOut())).toList();
    }

    static List<RunManifest.Feed> feeds(IngestReport report) {
        return report.feeds().stream().map(f -> new RunManifest.Feed(
                f.feed(), f.rowsRead(), f.accepted(), f.quarantined(), f.warnings(), f.excludedSuperseded(),
                f.excludedOptOut(), f.errorRate(), f.threshold(), f.thresholdBreached(), f.errors(),
                f.warningsByReason(), f.unknownColumns(), sources(report, f.feed()), skipped(report, f.feed()))).toList();
    }

    /** The files of the feed's folder that were not read, with why; null (left out) when none. */
    static List<RunManifest.Skipped> skipped(IngestReport report, String feed) {
        List<RunManifest.Skipped> out = report.skipped().stream().filter(s -> s.feed().equals(feed))
                .map(s -> new RunManifest.Skipped(s.path(), s.reason())).toList();
        return out.isEmpty() ? null : out;
    }

    /** The feed's sources in the manifest's shape; null (left out) when it has none. */
    static List<RunManifest.Source> sources(IngestReport report, String feed) {
        List<RunManifest.Source> out = report.sources().stream().filter(s -> s.feed().equals(feed)).map(s -> {
            Map<String, Long> byField = new LinkedHashMap<>();
            s.warnings().forEach(w -> byField.put(w.field() + " " + w.code(), w.rows()));
            return new RunManifest.Source(s.source(), s.origin(), s.rowsRead(), s.errorRate(), s.errorThreshold(),
                    s.errorThresholdFrom(), s.errorBreached(), s.maxWarningRate(), s.warningThreshold(),
                    s.warningThresholdFrom(), s.warnings().stream().anyMatch(IngestReport.FieldWarnings::breached),
                    byField, s.unfilled().stream().map(u -> (u.fatal() ? "ERROR " : "") + u.fields() + ": "
                            + u.disables()).toList());
        }).toList();
        return out.isEmpty() ? null : out;
    }
}
