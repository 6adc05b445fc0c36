package org.bedflow.pipeline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.descriptor.FeedDescriptor;
import org.bedflow.pipeline.spark.Concurrently;
import org.bedflow.pipeline.spark.WorkTables;
import org.bedflow.pipeline.ingest.validate.RowValidator;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.RawColumns;
import org.bedflow.pipeline.schema.columns.OptOutsColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validate stage: every row of every feed ends in exactly one place (docs/validation.md) —
 * accepted, quarantined (ERROR), or excluded (superseded resubmission, opt-out). In order:
 * opt-out list, admissions, discharges (checked against the admissions), social care
 * events, population, geography. Each feed is classified once into
 * the work area's {@code classified/<feed>}; from that one frame come the accepted rows
 * ({@link #accepted}: the feed's typed columns plus lineage), the rejects
 * ({@link #REJECTS}) and the counts of the report.
 */
public final class IngestStage {

    private static final Logger log = LoggerFactory.getLogger(IngestStage.class);
    /** The work name of the rows of every feed that were quarantined or warned, in the shape of the rejects table. */
    public static final String REJECTS = "rejects";

    /** The first six feeds, classified in a fixed order above; any other feed is classified after them. */
    private static final Set<String> STANDARD = Set.of(Feeds.OPT_OUTS.name(), Feeds.APC_ADMISSIONS.name(),
            Feeds.APC_DISCHARGES.name(), Feeds.SOCIAL_CARE_EVENTS.name(), Feeds.POPULATION.name(), Feeds.GEOGRAPHY.name());

    private IngestStage() {
    }

    public static IngestReport run(SparkSession spark, Map<String, RawFeed> given, IngestOptions options, WorkTables work) {
        Map<String, Dataset<Row>> classified = new LinkedHashMap<>();
        // an optional feed nobody read (a caller that predates it) is an absent folder
        Map<String, RawFeed> raw = new LinkedHashMap<>(given);
        for (FeedSchema feed : Feeds.all()) {
            if (!raw.containsKey(feed.name()) && !feed.requiredFolder()) {
                raw.put(feed.name(), new RawFeed(feed, spark.createDataFrame(List.of(), RawColumns.rawType(feed)), List.of()));
            }
        }
        // pseudonymised and real NHS numbers are never linked with each other (docs/measures.md, "Person key")
        IdentifierKinds.check(raw);
        // feeds without files (absent optional folders) are classified as empty frames without running anything
        Set<String> absent = new HashSet<>();
        raw.forEach((name, r) -> {
            if (r.files().isEmpty()) {
                absent.add(name);
            }
        });

        Dataset<Row> optOutList = classifyAndKeep(spark, work, Feeds.OPT_OUTS,
                Resubmissions.noOptOut(validate(raw, Feeds.OPT_OUTS, options)), classified, absent);
        Dataset<Row> optOutNumbers = optOutList.filter(col(Classified.OUTCOME).equalTo(Classified.ACCEPTED))
                .select(OptOutsColumns.NHS_NUMBER);

        // after the opt-out list, three independent chains at once: planning one keeps the cores busy with another
        Map<String, Dataset<Row>> done = Collections.synchronizedMap(classified);
        List<FeedSchema> others = Feeds.all().stream().filter(f -> !STANDARD.contains(f.name())).toList();
        Concurrently.run(List.of(
                () -> {
                    Dataset<Row> admissions = classifyAndKeep(spark, work, Feeds.APC_ADMISSIONS,
                            OptOuts.byNhsNumber(validate(raw, Feeds.APC_ADMISSIONS, options), optOutNumbers), done, absent);
                    List<String> spellKey = Feeds.APC_DISCHARGES.businessKey();
                    Dataset<Row> optedOutSpells = admissions.filter(col(Classified.OUTCOME).equalTo(Classified.OPTED_OUT))
                            .select(spellKey.stream().map(k -> col(k)).toArray(Column[]::new));
                    Dataset<Row> discharges = Resubmissions.classify(
                            OptOuts.byKey(validate(raw, Feeds.APC_DISCHARGES, options), optedOutSpells, spellKey),
                            Feeds.APC_DISCHARGES);
                    keep(spark, work, Feeds.APC_DISCHARGES, DischargeChecks.apply(discharges, admissions), done, absent);
                },
                () -> classifyAndKeep(spark, work, Feeds.SOCIAL_CARE_EVENTS,
                        OptOuts.byNhsNumber(validate(raw, Feeds.SOCIAL_CARE_EVENTS, options), optOutNumbers), done, absent),
                () -> {
                    classifyAndKeep(spark, work, Feeds.POPULATION,
                            Resubmissions.noOptOut(validate(raw, Feeds.POPULATION, options)), done, absent);
                    classifyAndKeep(spark, work, Feeds.GEOGRAPHY,
                            Resubmissions.noOptOut(validate(raw, Feeds.GEOGRAPHY, options)), done, absent);
                    // feeds added after the first six (community_contacts, ...): people on the opt-out list are removed
                    // by NHS number
                    for (FeedSchema feed : others) {
                        Dataset<Row> validated = validate(raw, feed, options);
                        classifyAndKeep(spark, work, feed, feed.hasField(OptOutsColumns.NHS_NUMBER)
                                ? OptOuts.byNhsNumber(validated, optOutNumbers) : Resubmissions.noOptOut(validated), done, absent);
                    }
                }));

        Dataset<Row> rejects = null;
        for (FeedSchema feed : Feeds.all()) {
            Dataset<Row> c = classified.get(feed.name());
            Dataset<Row> r = RejectRows.of(c, feed, options.runId());
            rejects = rejects == null ? r : rejects.unionByName(r);
        }
        Dataset<Row> allRejects = rejects;
        IngestReport[] report = new IngestReport[1];
        Concurrently.run(List.of(
                () -> work.write(REJECTS, allRejects),
                () -> report[0] = report(raw, classified, options)));
        return report[0];
    }

    /**
     * A source's reject threshold: the configuration's for the source id
     * ({@code bedflow.feeds.<source>.reject-threshold}), else its descriptor's
     * {@code reject_threshold}, else the configuration's for the role, else the default.
     */
    static double threshold(IngestOptions options, FeedDescriptor d) {
        if (options.thresholds() != null && options.thresholds().containsKey(d.source())) {
            return options.thresholds().get(d.source());
        }
        if (d.rejectThreshold() != null) {
            return d.rejectThreshold();
        }
        return options.threshold(d.role().name());
    }

    private static Dataset<Row> validate(Map<String, RawFeed> raw, FeedSchema feed, IngestOptions options) {
        RawFeed r = raw.get(feed.name());
        if (r == null) {
            throw new IllegalArgumentException("no raw frame for feed " + feed.name());
        }
        // per source file, the descriptor's date formats and value mappings (files of a plain descriptor need none)
        Map<String, RowValidator.SourceFile> sourceFiles = new LinkedHashMap<>();
        for (InputFile f : r.files()) {
            FeedDescriptor d = r.descriptor(f.source());
            if (!d.isPlain()) {
                sourceFiles.put(f.path(), new RowValidator.SourceFile(d, !f.format().startsWith("csv")));
            }
        }
        RowValidator validator = new RowValidator(feed, options.runDate(),
                feed == Feeds.APC_DISCHARGES ? options.mappedDelayReasons() : null, sourceFiles);
        return r.rows().map(validator, Encoders.row(Classified.validatedType(feed)));
    }

    private static Dataset<Row> classifyAndKeep(SparkSession spark, WorkTables work, FeedSchema feed, Dataset<Row> marked,
                                                Map<String, Dataset<Row>> classified, Set<String> absent) {
        return keep(spark, work, feed, Resubmissions.classify(marked, feed), classified, absent);
    }

    /**
     * Writes the classified frame once and reads it back: every later use reads the file, nothing is computed
     * twice. A feed without files gets an empty frame of the same shape instead (and an empty file, so that
     * {@link #accepted} reads it like any other), so its rejects and counts cost no Spark job of their own.
     */
    private static Dataset<Row> keep(SparkSession spark, WorkTables work, FeedSchema feed, Dataset<Row> rows,
                                     Map<String, Dataset<Row>> classified, Set<String> absent) {
        String name = classifiedName(feed);
        if (absent.contains(feed.name())) {
            Dataset<Row> empty = spark.createDataFrame(List.of(), rows.schema());
            work.write(name, empty);
            classified.put(feed.name(), empty);
            return empty;
        }
        Dataset<Row> back = work.keep(name, rows);
        classified.put(feed.name(), back);
        return back;
    }

    /**
     * The accepted rows of a feed, as the later steps read them: the feed's typed columns and
     * the lineage columns, straight from the classified frame (no second copy is written).
     */
    public static Dataset<Row> accepted(WorkTables work, FeedSchema feed) {
        return work.read(classifiedName(feed))
                .filter(col(Classified.OUTCOME).equalTo(Classified.ACCEPTED))
                .select(Classified.acceptedColumns(feed).toArray(Column[]::new));
    }

    /** The work name of a feed's classified frame. */
    public static String classifiedName(FeedSchema feed) {
        return "classified/" + feed.name();
    }

    private static IngestReport report(Map<String, RawFeed> raw, Map<String, Dataset<Row>> classified,
                                       IngestOptions options) {
        // one small aggregate over every feed: (feed, file, outcome, first error, warnings) -> rows;
        // the counts per file and per reason are sums of it, so they cannot disagree
        Dataset<Row> facts = null;
        for (FeedSchema feed : Feeds.all()) {
            Dataset<Row> f = classified.get(feed.name()).select(lit(feed.name()).as("feed"),
                    col(RawColumns.SOURCE_FILE).as("file"), col(Classified.OUTCOME).as("outcome"),
                    expr("get(filter(" + Classified.ISSUES + ", i -> i.severity = 'ERROR'), 0).code").as("error"),
                    expr("array_sort(transform(filter(" + Classified.ISSUES + ", i -> i.severity = 'WARNING'), i -> i.code))")
                            .as("warnings"));
            facts = facts == null ? f : facts.unionByName(f);
        }
        List<Row> groups = facts.groupBy("feed", "file", "outcome", "error", "warnings").count().collectAsList();

        List<IngestReport.FileCounts> files = new ArrayList<>();
        List<IngestReport.FeedCounts> feeds = new ArrayList<>();
        List<String> breaches = new ArrayList<>();
        for (FeedSchema feed : Feeds.all()) {
            Map<String, Tally> byFile = new LinkedHashMap<>();
            Map<String, Long> errors = new TreeMap<>();
            Map<String, Long> warnings = new TreeMap<>();
            for (Row g : groups) {
                if (!g.getString(0).equals(feed.name())) {
                    continue;
                }
                long n = g.getLong(5);
                String outcome = g.getString(2);
                List<String> warningCodes = g.getList(4);
                byFile.computeIfAbsent(g.getString(1), k -> new Tally()).add(outcome, n, !warningCodes.isEmpty());
                if (outcome.equals(Classified.ACCEPTED)) {
                    warningCodes.forEach(code -> warnings.merge(code, n, Long::sum));
                } else if (outcome.equals(Classified.QUARANTINED)) {
                    errors.merge(g.getString(3), n, Long::sum);
                }
            }
            Tally total = new Tally();
            List<String> unknown = new ArrayList<>();
            RawFeed rawFeed = raw.get(feed.name());
            // per source (descriptor): rows read and quarantined, for its threshold
            Map<String, Tally> bySource = new LinkedHashMap<>();
            for (InputFile f : rawFeed.files()) {
                Tally c = byFile.getOrDefault(f.path(), new Tally());
                files.add(c.fileCounts(f));
                total.add(c);
                bySource.computeIfAbsent(f.source(), k -> new Tally()).add(c);
                f.unknownColumns().stream().filter(u -> !unknown.contains(u)).forEach(unknown::add);
            }
            // the feed's threshold: its built-in source's (the configuration's, unless a descriptor replacing it sets one)
            double threshold = threshold(options, rawFeed.descriptor(feed.name()));
            double rate = total.quarantinedShare();
            boolean breached = false;
            if (bySource.isEmpty() || (bySource.size() == 1 && bySource.containsKey(feed.name()))) {
                // one source, the built-in one: the feed's rate against the feed's threshold
                breached = rate > threshold;
                if (breached) {
                    breaches.add(String.format("%s: %,d of %,d rows quarantined (%.1f %%), above the threshold of %.1f %%",
                            feed.name(), total.quarantined(), total.read(), 100 * rate, 100 * threshold));
                }
            } else {
                // several sources: each against its own threshold
                for (var e : bySource.entrySet()) {
                    FeedDescriptor d = rawFeed.descriptor(e.getKey());
                    double t = threshold(options, d);
                    long read = e.getValue().read();
                    long quarantined = e.getValue().quarantined();
                    double r = e.getValue().quarantinedShare();
                    if (r > t) {
                        breached = true;
                        breaches.add(String.format("%s, source %s (%s): %,d of %,d rows quarantined (%.1f %%), "
                                        + "above the threshold of %.1f %%", feed.name(), d.source(), d.origin(), quarantined,
                                read, 100 * r, 100 * t));
                    }
                }
            }
            if (!unknown.isEmpty()) {
                log.info("{}: columns not in the feed's schema, ignored: {}", feed.name(), unknown);
            }
            feeds.add(new IngestReport.FeedCounts(feed.name(), rawFeed.files().size(), total.read(),
                    total.accepted(), total.quarantined(), total.warned(), total.superseded(), total.optedOut(), rate,
                    threshold, breached, errors, warnings, unknown));
        }
        return new IngestReport(files, feeds, breaches);
    }
}
