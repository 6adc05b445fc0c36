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
import org.apache.spark.util.CollectionAccumulator;
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
        // per feed, what the day/month order check found while validating (DayMonthOrder)
        Map<String, CollectionAccumulator<String>> dayMonth = new LinkedHashMap<>();
        for (FeedSchema feed : Feeds.all()) {
            dayMonth.put(feed.name(), DayMonthOrder.accumulator(spark, feed.name()));
        }
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
                Resubmissions.noOptOut(validate(raw, Feeds.OPT_OUTS, options, dayMonth)), classified, absent);
        Dataset<Row> optOutNumbers = optOutList.filter(col(Classified.OUTCOME).equalTo(Classified.ACCEPTED))
                .select(OptOutsColumns.NHS_NUMBER);

        // after the opt-out list, three independent chains at once: planning one keeps the cores busy with another
        Map<String, Dataset<Row>> done = Collections.synchronizedMap(classified);
        List<FeedSchema> others = Feeds.all().stream().filter(f -> !STANDARD.contains(f.name())).toList();
        Concurrently.run(List.of(
                () -> {
                    Dataset<Row> admissions = classifyAndKeep(spark, work, Feeds.APC_ADMISSIONS,
                            OptOuts.byNhsNumber(validate(raw, Feeds.APC_ADMISSIONS, options, dayMonth), optOutNumbers), done, absent);
                    List<String> spellKey = Feeds.APC_DISCHARGES.businessKey();
                    Dataset<Row> optedOutSpells = admissions.filter(col(Classified.OUTCOME).equalTo(Classified.OPTED_OUT))
                            .select(spellKey.stream().map(k -> col(k)).toArray(Column[]::new));
                    Dataset<Row> discharges = Resubmissions.classify(
                            OptOuts.byKey(validate(raw, Feeds.APC_DISCHARGES, options, dayMonth), optedOutSpells, spellKey),
                            Feeds.APC_DISCHARGES);
                    keep(spark, work, Feeds.APC_DISCHARGES, DischargeChecks.apply(discharges, admissions), done, absent);
                },
                () -> classifyAndKeep(spark, work, Feeds.SOCIAL_CARE_EVENTS,
                        OptOuts.byNhsNumber(validate(raw, Feeds.SOCIAL_CARE_EVENTS, options, dayMonth), optOutNumbers), done, absent),
                () -> {
                    classifyAndKeep(spark, work, Feeds.POPULATION,
                            Resubmissions.noOptOut(validate(raw, Feeds.POPULATION, options, dayMonth)), done, absent);
                    classifyAndKeep(spark, work, Feeds.GEOGRAPHY,
                            Resubmissions.noOptOut(validate(raw, Feeds.GEOGRAPHY, options, dayMonth)), done, absent);
                    // feeds added after the first six (community_contacts, ...): people on the opt-out list are removed
                    // by NHS number
                    for (FeedSchema feed : others) {
                        Dataset<Row> validated = validate(raw, feed, options, dayMonth);
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
                () -> report[0] = report(raw, classified, options, dayMonth)));
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

    private static Dataset<Row> validate(Map<String, RawFeed> raw, FeedSchema feed, IngestOptions options,
                                         Map<String, CollectionAccumulator<String>> dayMonth) {
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
        // the text dates of descriptor files are also tried with day and month exchanged, in the same pass
        Map<String, FeedDescriptor> textFiles = new LinkedHashMap<>();
        sourceFiles.forEach((path, sf) -> {
            if (!sf.typed()) {
                textFiles.put(path, sf.descriptor());
            }
        });
        return r.rows().map(DayMonthOrder.around(validator, feed, textFiles, dayMonth.get(feed.name())),
                Encoders.row(Classified.validatedType(feed)));
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
                                       IngestOptions options, Map<String, CollectionAccumulator<String>> dayMonth) {
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
        // a second small aggregate: per file, the rows that fill each field indicators need (FieldCoverage) and the
        // rows with a mappable warning per field: (feed, file, item) -> rows
        Map<String, Map<String, Map<String, Long>>> coverage = coverage(classified);

        List<IngestReport.FileCounts> files = new ArrayList<>();
        List<IngestReport.FeedCounts> feeds = new ArrayList<>();
        List<String> breaches = new ArrayList<>();
        List<IngestReport.SourceCounts> sources = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
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
            skipped.addAll(rawFeed.skipped());
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
            // per source: the rates against the thresholds that applied, warnings per field, fields never filled
            Map<String, FeedDescriptor> descriptorOfFile = new LinkedHashMap<>();
            rawFeed.files().forEach(f -> descriptorOfFile.put(f.path(), rawFeed.descriptor(f.source())));
            for (var e : bySource.entrySet()) {
                FeedDescriptor d = rawFeed.descriptor(e.getKey());
                IngestReport.SourceCounts sc = sourceCounts(feed, d, e.getValue(), rawFeed, coverage.get(feed.name()),
                        options);
                sources.add(sc);
                for (IngestReport.FieldWarnings w : sc.warnings()) {
                    if (w.breached()) {
                        breached = true;
                        breaches.add(String.format("%s, source %s (%s): %,d of %,d rows (%.1f %%) have %s %s, above the "
                                        + "warning threshold of %.1f %% (%s); %s", feed.name(), d.source(), d.origin(),
                                w.rows(), sc.rowsRead(), 100 * w.rate(), w.field(), describe(w.code()),
                                100 * sc.warningThreshold(), sc.warningThresholdFrom(), warningFix(d, w)));
                    }
                }
                for (IngestReport.Unfilled u : sc.unfilled()) {
                    String line = String.format("%s, source %s (%s): %s never filled in %,d rows: %s", feed.name(),
                            d.source(), d.origin(), u.fields(), sc.rowsRead(), u.disables());
                    if (u.fatal()) {
                        breached = true;
                        FieldCoverage.Need need = FieldCoverage.of(feed.name()).stream()
                                .filter(n -> String.join(" or ", n.fields()).equals(u.fields())).findFirst().orElseThrow();
                        breaches.add(line + "; " + need.fix(d));
                    } else {
                        log.warn("{}", line);
                    }
                }
            }
            List<String> refused = DayMonthOrder.refusals(dayMonth.get(feed.name()).value(), feed.name(),
                    descriptorOfFile);
            if (!refused.isEmpty()) {
                breached = true;
                breaches.addAll(refused);
            }
            if (!unknown.isEmpty()) {
                log.info("{}: columns not in the feed's schema, ignored: {}", feed.name(), unknown);
            }
            feeds.add(new IngestReport.FeedCounts(feed.name(), rawFeed.files().size(), total.read(),
                    total.accepted(), total.quarantined(), total.warned(), total.superseded(), total.optedOut(), rate,
                    threshold, breached, errors, warnings, unknown));
        }
        return new IngestReport(files, feeds, breaches, sources, skipped);
    }

    /** Warnings a descriptor can fix with a value mapping; each counts against the warning threshold per field. */
    static final List<String> MAPPABLE_WARNINGS = List.of("UNMAPPED_CODE", "UNKNOWN_CODE");

    private static String describe(String code) {
        return code.equals("UNMAPPED_CODE") ? "values the delay reason mapping does not know (UNMAPPED_CODE)"
                : "values not on the field's code list (UNKNOWN_CODE)";
    }

    private static String warningFix(FeedDescriptor d, IngestReport.FieldWarnings w) {
        String target = w.code().equals("UNMAPPED_CODE") ? "codes or categories of the delay reason mapping"
                : "codes of the " + w.field() + " list";
        return "add the source's values to values: " + w.field() + ": in " + d.origin() + ", each onto one of the "
                + target + " (the values are in rejects, reason code " + w.code() + ")";
    }

    /**
     * Per feed and file, rows by item: {@code F<tab>field} rows that fill a field of {@link FieldCoverage},
     * {@code W<tab>code<tab>field} rows with a mappable warning of that field. One Spark job over every feed.
     */
    private static Map<String, Map<String, Map<String, Long>>> coverage(Map<String, Dataset<Row>> classified) {
        Dataset<Row> items = null;
        for (FeedSchema feed : Feeds.all()) {
            Dataset<Row> c = classified.get(feed.name());
            List<String> have = List.of(c.columns());
            List<Column> filled = new ArrayList<>();
            for (String f : FieldCoverage.fields(feed.name())) {
                if (have.contains(f)) {
                    filled.add(org.apache.spark.sql.functions.when(col(f).isNotNull(), lit("F\t" + f)));
                }
            }
            filled.add(lit(null).cast("string"));
            String codes = String.join("', '", MAPPABLE_WARNINGS);
            Column warned = expr("transform(filter(" + Classified.ISSUES + ", i -> i.severity = 'WARNING' and i.code in ('"
                    + codes + "')), i -> concat('W\t', i.code, '\t', substring_index(i.message, ' ', 1)))");
            Column all = org.apache.spark.sql.functions.concat(
                    org.apache.spark.sql.functions.filter(org.apache.spark.sql.functions.array(filled.toArray(Column[]::new)),
                            x -> x.isNotNull()), warned);
            Dataset<Row> f = c.select(lit(feed.name()).as("feed"), col(RawColumns.SOURCE_FILE).as("file"),
                    org.apache.spark.sql.functions.explode(all).as("item"));
            items = items == null ? f : items.unionByName(f);
        }
        Map<String, Map<String, Map<String, Long>>> out = new LinkedHashMap<>();
        for (Row r : items.groupBy("feed", "file", "item").count().collectAsList()) {
            out.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.getString(1), k -> new LinkedHashMap<>()).put(r.getString(2), r.getLong(3));
        }
        return out;
    }

    /** A threshold and which setting it came from. */
    record Applied(double value, String from) {
    }

    /** The reject threshold of {@link #threshold}, with the setting it came from. */
    static Applied rejectThreshold(IngestOptions options, FeedDescriptor d) {
        String role = d.role().name();
        if (options.thresholds() != null && options.thresholds().containsKey(d.source())) {
            return new Applied(options.thresholds().get(d.source()), d.source().equals(role)
                    ? "role: bedflow.feeds." + role + ".reject-threshold"
                    : "source: bedflow.feeds." + d.source() + ".reject-threshold");
        }
        if (d.rejectThreshold() != null) {
            return new Applied(d.rejectThreshold(), "source: reject_threshold of " + d.origin());
        }
        if (options.thresholds() != null && options.thresholds().containsKey(role)) {
            return new Applied(options.thresholds().get(role), "role: bedflow.feeds." + role + ".reject-threshold");
        }
        return new Applied(options.defaultThreshold(), "global: bedflow.reject-threshold");
    }

    /**
     * A source's warning threshold: {@code bedflow.feeds.<source>.warning-threshold}, else the role's
     * {@code bedflow.feeds.<role>.warning-threshold}, else {@code bedflow.warning-threshold} (5 %).
     */
    static Applied warningThreshold(IngestOptions options, FeedDescriptor d) {
        String role = d.role().name();
        Map<String, Double> w = options.warningThresholds() == null ? Map.of() : options.warningThresholds();
        if (!d.source().equals(role) && w.containsKey(d.source())) {
            return new Applied(w.get(d.source()), "source: bedflow.feeds." + d.source() + ".warning-threshold");
        }
        if (w.containsKey(role)) {
            return new Applied(w.get(role), "role: bedflow.feeds." + role + ".warning-threshold");
        }
        return new Applied(options.defaultWarningThreshold(), "global: bedflow.warning-threshold");
    }

    private static IngestReport.SourceCounts sourceCounts(FeedSchema feed, FeedDescriptor d, Tally tally, RawFeed rawFeed,
                                                          Map<String, Map<String, Long>> byFile, IngestOptions options) {
        // the source's items, summed over its files
        Map<String, Long> items = new TreeMap<>();
        for (InputFile f : rawFeed.files()) {
            if (f.source().equals(d.source()) && byFile != null && byFile.containsKey(f.path())) {
                byFile.get(f.path()).forEach((k, v) -> items.merge(k, v, Long::sum));
            }
        }
        Applied errors = rejectThreshold(options, d);
        Applied warnings = warningThreshold(options, d);
        long read = tally.read();
        List<IngestReport.FieldWarnings> perField = new ArrayList<>();
        items.forEach((item, n) -> {
            if (item.startsWith("W\t")) {
                String[] p = item.split("\t", 3);
                double rate = read == 0 ? 0 : (double) n / read;
                perField.add(new IngestReport.FieldWarnings(p[2], p[1], n, rate, rate > warnings.value()));
            }
        });
        List<IngestReport.Unfilled> unfilled = new ArrayList<>();
        if (read > 0) {
            for (FieldCoverage.Need need : FieldCoverage.of(feed.name())) {
                if (need.fields().stream().noneMatch(f -> items.getOrDefault("F\t" + f, 0L) > 0)) {
                    unfilled.add(new IngestReport.Unfilled(String.join(" or ", need.fields()), need.disables(),
                            need.fatal()));
                }
            }
        }
        double rate = tally.quarantinedShare();
        return new IngestReport.SourceCounts(feed.name(), d.source(), d.origin(), read, tally.quarantined(), rate,
                errors.value(), errors.from(), rate > errors.value(), perField, warnings.value(), warnings.from(),
                unfilled);
    }
}
