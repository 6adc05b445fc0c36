package org.bedflow.pipeline.publish.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_14_20_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_1_DAY;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_21PLUS_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_2_3_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_4_6_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_7_13_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DRD_MEASURED_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.OVERNIGHT_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DRD_RECORDED;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MONTH;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DISCHARGED_ON_DRD;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.RUN_ID;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.UNITARY_AREA;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.UNITARY_AREA_NAME;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_MONTH;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CARE_EVENT_ID;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_MONTH;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.FOLLOWED_BY_READMISSION_30D;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_CHRONIC_ACSC;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_EMERGENCY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_READMISSION_INDEX;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_TRANSFER_IN;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PERSON_KEY;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.link.CareLinkage;
import org.bedflow.pipeline.link.DischargeReadyDates;
import org.bedflow.pipeline.link.DrdSettings;
import org.bedflow.pipeline.publish.DisclosureControl;
import org.bedflow.pipeline.schema.OutputTables;
import org.apache.spark.sql.types.DataTypes;
import org.bedflow.pipeline.schema.columns.DelayedDischargeBreakdownColumns;
import org.bedflow.pipeline.schema.columns.IndicatorsColumns;
import org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns;
import org.bedflow.pipeline.schema.columns.LinkedSpellsColumns;

/**
 * The few aggregates the run report draws, collected from the tables a run has just
 * published (rows of other runs are ignored). Nothing record-level leaves Spark: only
 * counts per unitary area and month.
 *
 * <p>Delay days and % discharged on DRD come from {@code delayed_discharge_monthly}.
 * Emergency and chronic ACSC admissions and the 30-day readmission rate are counted from
 * {@code linked_spells} with the definitions of docs/indicators.md (the {@code indicators} table
 * carries the same monthly counts; counting them here keeps the report independent of
 * when that table lands, and of its financial-year rates).
 *
 * @param months     the reporting months (every configured area has a value for each), oldest first
 * @param areas      one series per configured unitary area
 * @param linkage    hospital to social care linkage per area of residence, configured areas
 *                   first, then OTHER and UNKNOWN when present
 * @param readmissionCutoff the last discharge date that has the 30 days of follow-up a
 *                   readmission needs (run date − 30); later discharges are not counted yet
 * @param ascof      the rows of the {@code indicators} table for the ASCOF measures ({@link AscofSection#IDS}),
 *                   configured areas, months and financial years
 */
public record ReportFigures(List<String> months, List<AreaSeries> areas, List<Linkage> linkage,
                            LocalDate readmissionCutoff, List<ProviderMonth> drdNotRecording,
                            List<IndicatorValue> ascof, List<Published> indicators, List<Breakdown> breakdown,
                            List<Snapshot> snapshot) {

    public ReportFigures {
        drdNotRecording = drdNotRecording == null ? List.of() : List.copyOf(drdNotRecording);
        ascof = ascof == null ? List.of() : List.copyOf(ascof);
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
        breakdown = breakdown == null ? List.of() : List.copyOf(breakdown);
        snapshot = snapshot == null ? List.of() : List.copyOf(snapshot);
    }

    /** Without the published indicators, breakdown and snapshot. */
    public ReportFigures(List<String> months, List<AreaSeries> areas, List<Linkage> linkage, LocalDate readmissionCutoff,
                         List<ProviderMonth> drdNotRecording, List<IndicatorValue> ascof) {
        this(months, areas, linkage, readmissionCutoff, drdNotRecording, ascof, List.of(), List.of(), List.of());
    }

    /** The same figures with the published indicators, breakdown and snapshot. */
    public ReportFigures with(List<Published> indicators, List<Breakdown> breakdown, List<Snapshot> snapshot) {
        return new ReportFigures(months, areas, linkage, readmissionCutoff, drdNotRecording, ascof, indicators,
                breakdown, snapshot);
    }

    /**
     * One row of {@code published/indicators} as the run published it (disclosure control applied when it is on):
     * a suppressed count or value is null here and is never recomputed. {@code numeratorDischarges} is set for the
     * delayed-bed and mean-delay indicators only (docs/data-dictionary.md).
     */
    public record Published(String indicator, String area, String periodType, String period, String valueType,
                            Long numerator, Double value, Double lower95, Double upper95, Long numeratorDischarges,
                            boolean suppressed) {
    }

    /**
     * Delayed discharges and their delay days of one category of a {@code delayed_discharge_breakdown} dimension
     * (pathway or delay_reason), for an area and a month, as published (null: suppressed).
     */
    public record Breakdown(String area, String dimension, String category, String month, Long delayedDischarges,
                            Long delayDays) {
    }

    /**
     * {@code inpatient_snapshot} of one area as published (null: suppressed): open spells at the snapshot date;
     * {@code provisional} as the table marks it (a lagging discharge feed, or a run-date warning).
     */
    public record Snapshot(String area, String areaName, LocalDate snapshotDate, Long inpatients, Long los7plus,
                           Long los14plus, Long los21plus, Long emergencyInpatients, boolean provisional) {

        /** A final snapshot. */
        public Snapshot(String area, String areaName, LocalDate snapshotDate, Long inpatients, Long los7plus,
                        Long los14plus, Long los21plus, Long emergencyInpatients) {
            this(area, areaName, snapshotDate, inpatients, los7plus, los14plus, los21plus, emergencyInpatients, false);
        }
    }

    /** Without ASCOF rows. */
    public ReportFigures(List<String> months, List<AreaSeries> areas, List<Linkage> linkage, LocalDate readmissionCutoff,
                         List<ProviderMonth> drdNotRecording) {
        this(months, areas, linkage, readmissionCutoff, drdNotRecording, List.of());
    }

    /** Without provider-months treated as not recording DRDs, nor ASCOF rows. */
    public ReportFigures(List<String> months, List<AreaSeries> areas, List<Linkage> linkage, LocalDate readmissionCutoff) {
        this(months, areas, linkage, readmissionCutoff, List.of(), List.of());
    }

    /**
     * One row of the {@code indicators} table (docs/indicators.md): an indicator's numerator,
     * denominator and value for an area and a month ({@code periodType} {@code month}) or a
     * financial year ({@code financial_year}, period {@code 2024-25}). The table's denominator is a
     * double (population-days for delayed beds); for the ASCOF measures it is a count or a
     * population, so it is rounded to a whole number here.
     */
    public record IndicatorValue(String indicator, String area, String periodType, String period, long numerator,
                                 long denominator, Double value, Double lower95, Double upper95,
                                 String nationalReference) {
    }

    /**
     * A provider-month whose blank Discharge Ready Dates were not taken as "no delay" because it
     * records too few DRDs (docs/measures.md, "Discharge Ready Date").
     */
    public record ProviderMonth(String providerCode, String month, long overnightDischarges, long dischargesWithDrd) {
    }

    /** One configured unitary area, month by month. */
    public record AreaSeries(String code, String name, List<MonthValues> months) {
    }

    /**
     * @param delayDays              Σ delay days of delayed adult discharges (discharge month)
     * @param pctDischargedOnDrd     100 × discharged on DRD / discharges whose delay is known (drd_measured_discharges);
     *                               null when none is
     * @param overnightDischarges    adult discharges of one night or more (the DRD population)
     * @param drdMeasuredDischarges  of those, with a known delay (recorded DRD, or blank where blank means no delay)
     * @param pctDrdRecorded         100 × overnight discharges carrying a DRD / overnight discharges (completeness)
     * @param delayBands             delayed discharges per band 1, 2-3, 4-6, 7-13, 14-20, 21+ (NHS England's bands)
     * @param emergencyAdmissions    emergency continuous inpatient spells of residents, all ages (admission month)
     * @param chronicAcscAdmissions  of those, with a chronic ACSC primary diagnosis (admission month)
     * @param readmissionDenominator index stays (docs/measures.md, "Readmissions") discharged on or before run date − 30
     * @param readmissionNumerator   of those, followed by an emergency readmission within 30 days
     */
    public record MonthValues(String month, Long delayDays, Double pctDischargedOnDrd, long overnightDischarges,
                              long drdMeasuredDischarges, Double pctDrdRecorded, List<Long> delayBands,
                              long emergencyAdmissions, long chronicAcscAdmissions, long readmissionNumerator,
                              long readmissionDenominator) {

        /** 100 × numerator / denominator; null when no discharge can be followed up yet. */
        public Double readmissionRate() {
            return readmissionDenominator == 0 ? null : 100.0 * readmissionNumerator / readmissionDenominator;
        }
    }

    /**
     * Linkage between hospital and social care data for the spells of one area of residence.
     *
     * @param spells            all spells
     * @param withPersonKey     spells with a person key (a valid NHS number): only those can link
     * @param discharged        discharged spells
     * @param dischargedWithKey discharged spells with a person key: the linkage denominator
     * @param linked            of those, with a linked social care service event (docs/measures.md, "Care linkage")
     * @param exact             of the linked, those whose event starts on the discharge date or the day after
     *                          ({@code link_quality} exact); the rest are window matches
     * @param byMonth           linked, exact and window spells by month of discharge
     */
    public record Linkage(String area, String areaName, long spells, long withPersonKey, long discharged,
                          long dischargedWithKey, long linked, long exact, List<LinkMonth> byMonth) {

        public Linkage {
            byMonth = byMonth == null ? List.of() : List.copyOf(byMonth);
        }

        /** Without link quality. */
        public Linkage(String area, String areaName, long spells, long withPersonKey, long discharged,
                       long dischargedWithKey, long linked) {
            this(area, areaName, spells, withPersonKey, discharged, dischargedWithKey, linked, 0, List.of());
        }

        /** Linked on a window match (not exact). */
        public long window() {
            return linked - exact;
        }

        /** 100 × exact / linked; null when nothing linked. */
        public Double exactRate() {
            return linked == 0 ? null : 100.0 * exact / linked;
        }

        /** 100 × linked / discharged with a person key; null when there is none. */
        public Double linkageRate() {
            return dischargedWithKey == 0 ? null : 100.0 * linked / dischargedWithKey;
        }

        public Double personKeyRate() {
            return spells == 0 ? null : 100.0 * withPersonKey / spells;
        }
    }

    /** One month of discharges of an area: spells linked to a care event, and of those the exact matches. */
    public record LinkMonth(String month, long linked, long exact) {

        public long window() {
            return linked - exact;
        }

        public Double exactRate() {
            return linked == 0 ? null : 100.0 * exact / linked;
        }
    }

    public boolean isEmpty() {
        return areas.isEmpty();
    }

    /** Nothing to draw. */
    public static ReportFigures none() {
        return new ReportFigures(List.of(), List.of(), List.of(), null);
    }

    /**
     * Collects the figures of run {@code runId} from the output folder; empty when
     * {@code delayed_discharge_monthly} holds no row of that run.
     */
    public static ReportFigures collect(SparkSession spark, String outputDir, String runId, LocalDate runDate,
                                        DrdSettings drd) {
        Optional<Dataset<Row>> monthlyTable = read(spark, outputDir, OutputTables.DELAYED_DISCHARGE_MONTHLY, runId);
        if (monthlyTable.isEmpty()) {
            return none();
        }
        List<Row> monthly = monthlyTable.get()
                .select(UNITARY_AREA, UNITARY_AREA_NAME, MONTH, DELAY_DAYS, PCT_DISCHARGED_ON_DRD, OVERNIGHT_DISCHARGES,
                        DRD_MEASURED_DISCHARGES, PCT_DRD_RECORDED, DELAYED_1_DAY, DELAYED_2_3_DAYS, DELAYED_4_6_DAYS,
                        DELAYED_7_13_DAYS, DELAYED_14_20_DAYS, DELAYED_21PLUS_DAYS)
                .orderBy(UNITARY_AREA, MONTH).collectAsList();
        if (monthly.isEmpty()) {
            return none();
        }
        Map<String, String> areaNames = new LinkedHashMap<>();
        List<String> months = new ArrayList<>();
        for (Row r : monthly) {
            areaNames.putIfAbsent(r.getString(0), r.getString(1));
            if (!months.contains(r.getString(2))) {
                months.add(r.getString(2));
            }
        }
        months.sort(null);

        LocalDate cutoff = runDate.minusDays(30);
        Map<String, long[]> admissions = new HashMap<>();   // area|month -> emergency, chronic ACSC
        Map<String, long[]> readmissions = new HashMap<>(); // area|month -> numerator, denominator
        List<Linkage> linkage = new ArrayList<>();
        List<ProviderMonth> notRecording = new ArrayList<>();
        Optional<Dataset<Row>> spellsTable = read(spark, outputDir, OutputTables.LINKED_SPELLS, runId);
        if (spellsTable.isPresent()) {
            Dataset<Row> spells = spellsTable.get();
            for (Row r : spells.groupBy(LinkedSpellsColumns.UNITARY_AREA, ADMISSION_MONTH)
                    .agg(countIf(col(IS_EMERGENCY).and(not(col(IS_TRANSFER_IN)))), countIf(col(IS_CHRONIC_ACSC)))
                    .collectAsList()) {
                admissions.put(r.getString(0) + "|" + r.getString(1), new long[] {r.getLong(2), r.getLong(3)});
            }
            for (Row r : spells
                    .where(col(IS_READMISSION_INDEX).and(col(DISCHARGE_DATE).leq(lit(Date.valueOf(cutoff)))))
                    .groupBy(LinkedSpellsColumns.UNITARY_AREA, DISCHARGE_MONTH)
                    .agg(countIf(col(FOLLOWED_BY_READMISSION_30D)), count(lit(1))).collectAsList()) {
                readmissions.put(r.getString(0) + "|" + r.getString(1), new long[] {r.getLong(2), r.getLong(3)});
            }
            for (Row r : DischargeReadyDates.notRecording(spells, drd).collectAsList()) {
                notRecording.add(new ProviderMonth(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3)));
            }
            Column discharged = col(DISCHARGE_DATE).isNotNull();
            Column keyed = col(PERSON_KEY).isNotNull();
            Column linkedSpell = discharged.and(keyed).and(col(CARE_EVENT_ID).isNotNull());
            // the table's link_quality; a table written before it existed is graded by the same rule
            Column exact = (List.of(spells.columns()).contains(LinkedSpellsColumns.LINK_QUALITY)
                    ? col(LinkedSpellsColumns.LINK_QUALITY)
                    : CareLinkage.linkQuality(col(CARE_EVENT_ID), col(LinkedSpellsColumns.CARE_START_DATE),
                            col(DISCHARGE_DATE))).equalTo("exact");
            Map<String, List<LinkMonth>> linkMonths = new HashMap<>();
            for (Row r : spells.where(linkedSpell).groupBy(LinkedSpellsColumns.UNITARY_AREA, DISCHARGE_MONTH)
                    .agg(count(lit(1)), countIf(exact)).orderBy(DISCHARGE_MONTH).collectAsList()) {
                linkMonths.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
                        .add(new LinkMonth(r.getString(1), r.getLong(2), r.getLong(3)));
            }
            Map<String, Linkage> byArea = new HashMap<>();
            for (Row r : spells.groupBy(LinkedSpellsColumns.UNITARY_AREA)
                    .agg(count(lit(1)), countIf(keyed), countIf(discharged), countIf(discharged.and(keyed)),
                            countIf(linkedSpell), countIf(linkedSpell.and(exact)))
                    .collectAsList()) {
                String area = r.getString(0);
                byArea.put(area, new Linkage(area, areaNames.getOrDefault(area, otherName(area)), r.getLong(1),
                        r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6),
                        linkMonths.getOrDefault(area, List.of())));
            }
            // configured areas in order, each present even with no spell; then OTHER, UNKNOWN
            areaNames.forEach((code, name) -> linkage.add(byArea.getOrDefault(code,
                    new Linkage(code, name, 0, 0, 0, 0, 0))));
            byArea.keySet().stream().filter(a -> !areaNames.containsKey(a)).sorted()
                    .forEach(a -> linkage.add(byArea.get(a)));
        }

        Map<String, Row> monthlyByKey = new HashMap<>();
        monthly.forEach(r -> monthlyByKey.put(r.getString(0) + "|" + r.getString(2), r));
        List<AreaSeries> areas = new ArrayList<>();
        for (Map.Entry<String, String> area : areaNames.entrySet()) {
            List<MonthValues> values = new ArrayList<>();
            for (String month : months) {
                Row m = monthlyByKey.get(area.getKey() + "|" + month);
                long[] adm = admissions.getOrDefault(area.getKey() + "|" + month, new long[2]);
                long[] readm = readmissions.getOrDefault(area.getKey() + "|" + month, new long[2]);
                List<Long> bands = new ArrayList<>();
                for (int b = 8; b <= 13; b++) {
                    bands.add(m == null || m.isNullAt(b) ? 0L : m.getLong(b));
                }
                values.add(new MonthValues(month,
                        m == null || m.isNullAt(3) ? null : m.getLong(3),
                        m == null || m.isNullAt(4) ? null : m.getDouble(4),
                        m == null || m.isNullAt(5) ? 0L : m.getLong(5),
                        m == null || m.isNullAt(6) ? 0L : m.getLong(6),
                        m == null || m.isNullAt(7) ? null : m.getDouble(7),
                        List.copyOf(bands), adm[0], adm[1], readm[0], readm[1]));
            }
            areas.add(new AreaSeries(area.getKey(), area.getValue(), values));
        }
        Set<String> configured = areaNames.keySet();
        return new ReportFigures(months, areas, linkage, cutoff, notRecording,
                ascof(spark, outputDir, runId, configured))
                .with(published(spark, outputDir, runId, configured), breakdown(spark, outputDir, runId, configured),
                        snapshot(spark, outputDir, runId, configured));
    }

    /** Every row of this run's {@code published/indicators} for the configured areas: a few hundred aggregates. */
    private static List<Published> published(SparkSession spark, String outputDir, String runId, Set<String> areas) {
        Optional<Dataset<Row>> table = readPublished(spark, outputDir, OutputTables.INDICATORS, runId);
        if (table.isEmpty()) {
            return List.of();
        }
        List<Published> out = new ArrayList<>();
        for (Row r : table.get().where(col(IndicatorsColumns.UNITARY_AREA).isin(areas.toArray()))
                .select(col(IndicatorsColumns.INDICATOR), col(IndicatorsColumns.UNITARY_AREA),
                        col(IndicatorsColumns.PERIOD_TYPE), col(IndicatorsColumns.PERIOD), col(IndicatorsColumns.VALUE_TYPE),
                        col(IndicatorsColumns.NUMERATOR), col(IndicatorsColumns.VALUE), col(IndicatorsColumns.LOWER_95),
                        col(IndicatorsColumns.UPPER_95), col(IndicatorsColumns.NUMERATOR_DISCHARGES),
                        coalesce(col(DisclosureControl.SUPPRESSED), lit(false)))
                .orderBy(IndicatorsColumns.INDICATOR, IndicatorsColumns.UNITARY_AREA, IndicatorsColumns.PERIOD_TYPE,
                        IndicatorsColumns.PERIOD)
                .collectAsList()) {
            out.add(new Published(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                    nullableLong(r, 5), nullableDouble(r, 6), nullableDouble(r, 7), nullableDouble(r, 8),
                    nullableLong(r, 9), r.getBoolean(10)));
        }
        return out;
    }

    /** Dimensions of {@code delayed_discharge_breakdown} the report draws. */
    static final List<String> BREAKDOWN_DIMENSIONS = List.of("pathway", "delay_reason");

    /** Delayed discharges and delay days per area, dimension, category and month, as published. */
    private static List<Breakdown> breakdown(SparkSession spark, String outputDir, String runId, Set<String> areas) {
        Optional<Dataset<Row>> table = readPublished(spark, outputDir, OutputTables.DELAYED_DISCHARGE_BREAKDOWN, runId);
        if (table.isEmpty()) {
            return List.of();
        }
        List<Breakdown> out = new ArrayList<>();
        for (Row r : table.get().where(col(DelayedDischargeBreakdownColumns.UNITARY_AREA).isin(areas.toArray())
                        .and(col(DelayedDischargeBreakdownColumns.DIMENSION).isin(BREAKDOWN_DIMENSIONS.toArray())))
                .select(DelayedDischargeBreakdownColumns.UNITARY_AREA, DelayedDischargeBreakdownColumns.DIMENSION,
                        DelayedDischargeBreakdownColumns.CATEGORY, DelayedDischargeBreakdownColumns.MONTH,
                        DelayedDischargeBreakdownColumns.DELAYED_DISCHARGES, DelayedDischargeBreakdownColumns.DELAY_DAYS)
                .orderBy(DelayedDischargeBreakdownColumns.UNITARY_AREA, DelayedDischargeBreakdownColumns.DIMENSION,
                        DelayedDischargeBreakdownColumns.CATEGORY, DelayedDischargeBreakdownColumns.MONTH)
                .collectAsList()) {
            out.add(new Breakdown(r.getString(0), r.getString(1), r.getString(2), r.getString(3), nullableLong(r, 4),
                    nullableLong(r, 5)));
        }
        return out;
    }

    /** The inpatient snapshot of each configured area, as published. */
    private static List<Snapshot> snapshot(SparkSession spark, String outputDir, String runId, Set<String> areas) {
        Optional<Dataset<Row>> table = readPublished(spark, outputDir, OutputTables.INPATIENT_SNAPSHOT, runId);
        if (table.isEmpty()) {
            return List.of();
        }
        List<Snapshot> out = new ArrayList<>();
        // a table written before the provisional column existed reads as final
        Column provisional = List.of(table.get().columns()).contains(InpatientSnapshotColumns.PROVISIONAL)
                ? col(InpatientSnapshotColumns.PROVISIONAL) : lit(false);
        for (Row r : table.get().where(col(InpatientSnapshotColumns.UNITARY_AREA).isin(areas.toArray()))
                .select(col(InpatientSnapshotColumns.UNITARY_AREA), col(InpatientSnapshotColumns.UNITARY_AREA_NAME),
                        col(InpatientSnapshotColumns.SNAPSHOT_DATE), col(InpatientSnapshotColumns.INPATIENTS),
                        col(InpatientSnapshotColumns.LOS_7PLUS), col(InpatientSnapshotColumns.LOS_14PLUS),
                        col(InpatientSnapshotColumns.LOS_21PLUS), col(InpatientSnapshotColumns.EMERGENCY_INPATIENTS),
                        provisional)
                .orderBy(InpatientSnapshotColumns.UNITARY_AREA).collectAsList()) {
            out.add(new Snapshot(r.getString(0), r.getString(1), r.isNullAt(2) ? null : r.getDate(2).toLocalDate(),
                    nullableLong(r, 3), nullableLong(r, 4), nullableLong(r, 5), nullableLong(r, 6), nullableLong(r, 7),
                    !r.isNullAt(8) && r.getBoolean(8)));
        }
        return out;
    }

    private static Long nullableLong(Row r, int i) {
        return r.isNullAt(i) ? null : r.getLong(i);
    }

    private static Double nullableDouble(Row r, int i) {
        return r.isNullAt(i) ? null : r.getDouble(i);
    }

    /**
     * The run's rows of {@code published/<table>} (the commissioners' copy, with its {@code suppressed} column);
     * the analysts' table when there is no published copy (then nothing is suppressed).
     */
    private static Optional<Dataset<Row>> readPublished(SparkSession spark, String outputDir, OutputTables table,
                                                        String runId) {
        Path path = new Path(new Path(outputDir, "published"), table.table());
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(new Path(path, "_SUCCESS"))) {
                return read(spark, outputDir, table, runId).map(d -> d.withColumn(DisclosureControl.SUPPRESSED, lit(false)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(spark.read().schema(table.sparkType().add(DisclosureControl.SUPPRESSED, DataTypes.BooleanType, true))
                .parquet(path.toString()).where(col(RUN_ID).equalTo(runId)));
    }

    /** The ASCOF rows of this run's {@code indicators} table, configured areas only; empty when there is no table. */
    private static List<IndicatorValue> ascof(SparkSession spark, String outputDir, String runId,
                                              Set<String> configuredAreas) {
        Optional<Dataset<Row>> table = read(spark, outputDir, OutputTables.INDICATORS, runId);
        if (table.isEmpty()) {
            return List.of();
        }
        List<IndicatorValue> out = new ArrayList<>();
        for (Row r : table.get().where(col(IndicatorsColumns.INDICATOR).isin(AscofSection.IDS.toArray())
                        .and(col(IndicatorsColumns.UNITARY_AREA).isin(configuredAreas.toArray())))
                .select(IndicatorsColumns.INDICATOR, IndicatorsColumns.UNITARY_AREA, IndicatorsColumns.PERIOD_TYPE,
                        IndicatorsColumns.PERIOD, IndicatorsColumns.NUMERATOR, IndicatorsColumns.DENOMINATOR,
                        IndicatorsColumns.VALUE, IndicatorsColumns.LOWER_95, IndicatorsColumns.UPPER_95,
                        IndicatorsColumns.NATIONAL_REFERENCE)
                .orderBy(IndicatorsColumns.INDICATOR, IndicatorsColumns.UNITARY_AREA, IndicatorsColumns.PERIOD_TYPE,
                        IndicatorsColumns.PERIOD)
                .collectAsList()) {
            out.add(new IndicatorValue(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                    r.isNullAt(4) ? 0L : r.getLong(4), r.isNullAt(5) ? 0L : Math.round(r.getDouble(5)),
                    r.isNullAt(6) ? null : r.getDouble(6), r.isNullAt(7) ? null : r.getDouble(7),
                    r.isNullAt(8) ? null : r.getDouble(8), r.getString(9)));
        }
        return out;
    }

    static String otherName(String area) {
        return switch (area == null ? "" : area) {
            case "OTHER" -> "Outside the configured areas";
            case "UNKNOWN" -> "No usable residence";
            default -> area;
        };
    }

    private static Column countIf(Column condition) {
        return sum(when(condition, 1L).otherwise(0L));
    }

    /** The table's rows of this run, read with its schema (partition columns keep their string type). */
    public static Optional<Dataset<Row>> read(SparkSession spark, String outputDir, OutputTables table, String runId) {
        Path path = new Path(outputDir, table.table());
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(new Path(path, "_SUCCESS"))) {
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(spark.read().schema(table.sparkType()).parquet(path.toString())
                .where(col(RUN_ID).equalTo(runId)));
    }

    /** Months of {@code months} not complete at the run date: their last day is on or after it (docs/indicators.md). */
    public static List<String> provisionalMonths(List<String> months, LocalDate runDate) {
        return months.stream().filter(m -> !YearMonth.parse(m).atEndOfMonth().isBefore(runDate)).toList();
    }
}
