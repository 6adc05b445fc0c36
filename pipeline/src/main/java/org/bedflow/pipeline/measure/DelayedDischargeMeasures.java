package org.bedflow.pipeline.measure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_14_20_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_1_DAY;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_21PLUS_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_2_3_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_4_6_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_7PLUS_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_7_13_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_BED_DAYS_IN_MONTH;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_IN_MONTH_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_REPORTED_SOCIAL_CARE;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_WITH_NEW_CARE_START;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAY_DAYS_WITH_NEW_CARE_START;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGED_ON_DRD;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGED_TO_USUAL_RESIDENCE;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGES_WITH_DRD;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGES_WITH_DRD_AND_CARE_START;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DRD_MEASURED_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.LONG_STAY_14PLUS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.LONG_STAY_21PLUS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.LONG_STAY_7PLUS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MEAN_DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MEAN_DELAY_DAYS_ALL;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MEDIAN_DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MEDIAN_DRD_TO_CARE_START_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MONTH;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.OVERNIGHT_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.P90_DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DELAYED;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DELAYED_7PLUS_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DISCHARGED_ON_DRD;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DISCHARGED_TO_USUAL_RESIDENCE;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DRD_RECORDED;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.RUN_ID;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.UNITARY_AREA;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.AGE_ON_ADMISSION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CARE_EVENT_ID;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_BAND;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_RESPONSIBLE_SECTOR;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DESTINATION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_MONTH;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DRD_RECORDED;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DRD_TO_CARE_START_DAYS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ALIVE_DISCHARGE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.LOS_DAYS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PROVIDER_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.SPELL_ID;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.link.DischargeReadyDates;
import org.bedflow.pipeline.reference.TransferCodes;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns;
import org.bedflow.pipeline.schema.columns.LinkedSpellsColumns;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * delayed_discharge_monthly (docs/measures.md, "delayed_discharge_monthly"): NHS England's
 * discharge delay measures by unitary area and month of discharge.
 *
 * <p>Universe: provider-spell alive discharges of patients aged 18+ resident in a
 * configured unitary area, not discharged to another hospital (the discharge destinations
 * of {@code reference/transfers.csv}). The Discharge Ready Date (DRD) measures use the
 * overnight stays (los_days &gt;= 1) whose delay is known ({@code delay_days} not null:
 * {@link #DRD_MEASURED}); a blank DRD where the provider records DRDs is already a 0-day
 * delay in linked_spells. Delay bands are NHS England's (1, 2-3, 4-6, 7-13, 14-20, 21+).
 * Medians and the 90th percentile interpolate linearly between order statistics
 * (h = (n-1)p), as numpy's default and Spark's {@code percentile} do.
 *
 * <p>{@code delayed_bed_days_in_month} places each delayed day (DRD ... discharge - 1) in
 * the calendar month it fell in ({@link #delayedDaysByMonth}); days falling before the
 * reporting grid's first month are not published (there is no row for them).
 */
public final class DelayedDischargeMeasures {

    /** the band columns, by the linked_spells delay_band they count (the bands after {@code none}) */
    public static final Map<String, String> BAND_COLUMNS = bandColumns();

    static final List<String> COUNT_COLUMNS = List.of(DISCHARGES, OVERNIGHT_DISCHARGES, DRD_MEASURED_DISCHARGES,
            DISCHARGES_WITH_DRD, DISCHARGED_ON_DRD, DELAYED_DISCHARGES, DELAYED_1_DAY, DELAYED_2_3_DAYS,
            DELAYED_4_6_DAYS, DELAYED_7_13_DAYS, DELAYED_14_20_DAYS, DELAYED_21PLUS_DAYS, DELAY_DAYS,
            DELAYED_7PLUS_DAYS, DELAYED_BED_DAYS_IN_MONTH, DELAYED_IN_MONTH_DISCHARGES, DELAYED_REPORTED_SOCIAL_CARE,
            DELAYED_WITH_NEW_CARE_START, DELAY_DAYS_WITH_NEW_CARE_START, DISCHARGES_WITH_DRD_AND_CARE_START,
            LONG_STAY_7PLUS, LONG_STAY_14PLUS, LONG_STAY_21PLUS, DISCHARGED_TO_USUAL_RESIDENCE);

    /** an overnight stay (los_days &gt;= 1), as the link stage judges the DRD population */
    public static final Column OVERNIGHT = DischargeReadyDates.overnightDischarge();
    /** an overnight stay whose delay is known: in the denominator of every DRD measure */
    public static final Column DRD_MEASURED = OVERNIGHT.and(col(LinkedSpellsColumns.DELAY_DAYS).isNotNull());
    /** a DRD-measured discharge with delay_days &gt;= 1 */
    public static final Column DELAYED = DRD_MEASURED.and(col(LinkedSpellsColumns.DELAY_DAYS).geq(1));

    /** the first day of the calendar month a delayed day fell in (a date column of {@link #delayedDaysByMonth}) */
    public static final String MONTH_START = "_month_start";
    /** the delayed spell (provider_code|spell_id; a column of {@link #delayedDaysByMonth}) */
    public static final String SPELL = "_spell";

    private DelayedDischargeMeasures() {
    }

    private static Map<String, String> bandColumns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("1", DELAYED_1_DAY);
        m.put("2-3", DELAYED_2_3_DAYS);
        m.put("4-6", DELAYED_4_6_DAYS);
        m.put("7-13", DELAYED_7_13_DAYS);
        m.put("14-20", DELAYED_14_20_DAYS);
        m.put("21+", DELAYED_21PLUS_DAYS);
        return m;
    }

    /**
     * The universe shared with the breakdown and the discharge indicators: alive discharges
     * of patients aged 18+ of configured areas, not to another hospital; month = discharge month.
     */
    public static Dataset<Row> universe(Dataset<Row> linkedSpells, ReportingGrid grid) {
        Column toAnotherHospital = coalesce(
                col(DISCHARGE_DESTINATION).isin(TransferCodes.dischargeDestinations().toArray()), lit(false));
        return linkedSpells.filter(col(IS_ALIVE_DISCHARGE).equalTo(true)
                .and(col(AGE_ON_ADMISSION).geq(18))
                .and(col(UNITARY_AREA).isin(grid.areas().keySet().toArray()))
                .and(not(toAnotherHospital)))
                .withColumn(MONTH, col(DISCHARGE_MONTH));
    }

    /**
     * Each delayed discharge of {@code universe} split into the calendar months its delayed
     * days fell in: {@code unitary_area}, {@link #MONTH_START} (date), {@code month} (yyyy-MM),
     * {@code delayed_bed_days_in_month} (the days DRD ... discharge_date - 1 inside that month),
     * {@link #SPELL}, one row per delayed discharge and month. The DRD is discharge_date - delay_days, so the
     * days of a discharge sum to its delay_days. A discharge on 5 May ready since 20 April:
     * 11 days in April (20-30), 4 in May (1-4).
     */
    public static Dataset<Row> delayedDaysByMonth(Dataset<Row> universe) {
        Column first = col("_first_day");
        Column last = col("_last_day");
        Column monthStart = col(MONTH_START);
        return universe.filter(DELAYED)
                .withColumn("_first_day", date_sub(col(DISCHARGE_DATE), col(LinkedSpellsColumns.DELAY_DAYS)))
                .withColumn("_last_day", date_sub(col(DISCHARGE_DATE), 1))
                .withColumn(MONTH_START, explode(sequence(trunc(first, "month"), trunc(last, "month"),
                        expr("interval 1 month"))))
                .withColumn(DELAYED_BED_DAYS_IN_MONTH,
                        datediff(least(last_day(monthStart), last), greatest(monthStart, first)).plus(1).cast("long"))
                .withColumn(MONTH, date_format(monthStart, "yyyy-MM"))
                .withColumn(SPELL, concat_ws("|", col(PROVIDER_CODE), col(SPELL_ID)))
                .select(col(UNITARY_AREA), monthStart, col(MONTH), col(DELAYED_BED_DAYS_IN_MONTH), col(SPELL));
    }

    private static Column countIf(Column condition) {
        return count(when(condition, lit(1)));
    }

    private static Column sumIf(Column condition, Column value) {
        return coalesce(sum(when(condition, value)), lit(0L));
    }

    private static Column pct(Column numerator, Column denominator) {
        return when(denominator.gt(0), numerator.multiply(100.0).divide(denominator));
    }

    private static Column mean(Column total, Column n) {
        return when(n.gt(0), total.cast("double").divide(n));
    }

    public static Dataset<Row> monthly(SparkSession spark, Dataset<Row> linkedSpells, ReportingGrid grid, String runId) {
        Column delay = col(LinkedSpellsColumns.DELAY_DAYS);
        Column withCare = DELAYED.and(col(CARE_EVENT_ID).isNotNull());
        Dataset<Row> universe = universe(linkedSpells, grid);
        List<Column> aggregates = new java.util.ArrayList<>(List.of(
                count(lit(1)).as(DISCHARGES),
                countIf(OVERNIGHT).as(OVERNIGHT_DISCHARGES),
                countIf(DRD_MEASURED).as(DRD_MEASURED_DISCHARGES),
                countIf(OVERNIGHT.and(col(DRD_RECORDED).equalTo(true))).as(DISCHARGES_WITH_DRD),
                countIf(DRD_MEASURED.and(delay.equalTo(0))).as(DISCHARGED_ON_DRD),
                countIf(DELAYED).as(DELAYED_DISCHARGES)));
        BAND_COLUMNS.forEach((band, column) ->
                aggregates.add(countIf(DELAYED.and(col(DELAY_BAND).equalTo(band))).as(column)));
        aggregates.addAll(List.of(
                sumIf(DELAYED, delay).as(DELAY_DAYS),
                percentile(when(DELAYED, delay), lit(0.5)).as(MEDIAN_DELAY_DAYS),
                percentile(when(DELAYED, delay), lit(0.9)).as(P90_DELAY_DAYS),
                countIf(DELAYED.and(delay.geq(7))).as(DELAYED_7PLUS_DAYS),
                countIf(DELAYED.and(col(DELAY_RESPONSIBLE_SECTOR).isin("Social care", "Both")))
                        .as(DELAYED_REPORTED_SOCIAL_CARE),
                countIf(withCare).as(DELAYED_WITH_NEW_CARE_START),
                sumIf(withCare, delay).as(DELAY_DAYS_WITH_NEW_CARE_START),
                count(col(DRD_TO_CARE_START_DAYS)).as(DISCHARGES_WITH_DRD_AND_CARE_START),
                percentile(col(DRD_TO_CARE_START_DAYS), lit(0.5)).as(MEDIAN_DRD_TO_CARE_START_DAYS),
                countIf(col(LOS_DAYS).geq(7)).as(LONG_STAY_7PLUS),
                countIf(col(LOS_DAYS).geq(14)).as(LONG_STAY_14PLUS),
                countIf(col(LOS_DAYS).geq(21)).as(LONG_STAY_21PLUS),
                countIf(col(DISCHARGE_DESTINATION).equalTo("19")).as(DISCHARGED_TO_USUAL_RESIDENCE)));
        Dataset<Row> measured = universe.groupBy(UNITARY_AREA, MONTH)
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
        Dataset<Row> bedDays = delayedDaysByMonth(universe)
                .groupBy(UNITARY_AREA, MONTH)
                .agg(sum(col(DELAYED_BED_DAYS_IN_MONTH)).as(DELAYED_BED_DAYS_IN_MONTH),
                        count(lit(1)).as(DELAYED_IN_MONTH_DISCHARGES));

        Dataset<Row> full = grid.areaMonths(spark)
                .join(measured, scalaSeq(UNITARY_AREA, MONTH), "left")
                .join(bedDays, scalaSeq(UNITARY_AREA, MONTH), "left");
        for (String c : COUNT_COLUMNS) {
            full = full.withColumn(c, coalesce(col(c), lit(0L)).cast("long"));
        }
        full = full
                .withColumn(PCT_DRD_RECORDED, pct(col(DISCHARGES_WITH_DRD), col(OVERNIGHT_DISCHARGES)))
                .withColumn(PCT_DISCHARGED_ON_DRD, pct(col(DISCHARGED_ON_DRD), col(DRD_MEASURED_DISCHARGES)))
                .withColumn(PCT_DELAYED, pct(col(DELAYED_DISCHARGES), col(DRD_MEASURED_DISCHARGES)))
                .withColumn(MEAN_DELAY_DAYS, mean(col(DELAY_DAYS), col(DELAYED_DISCHARGES)))
                .withColumn(MEAN_DELAY_DAYS_ALL, mean(col(DELAY_DAYS), col(DRD_MEASURED_DISCHARGES)))
                .withColumn(PCT_DELAYED_7PLUS_DAYS, pct(col(DELAYED_7PLUS_DAYS), col(DRD_MEASURED_DISCHARGES)))
                .withColumn(PCT_DISCHARGED_TO_USUAL_RESIDENCE,
                        pct(col(DISCHARGED_TO_USUAL_RESIDENCE), col(DISCHARGES)))
                .withColumn(DelayedDischargeMonthlyColumns.PROVISIONAL, lit(false)) // ProvisionalColumn sets it
                .withColumn(RUN_ID, lit(runId));
        return OutputTables.DELAYED_DISCHARGE_MONTHLY.conform(full.join(grid.monthDates(spark), MONTH));
    }

    static Seq<String> scalaSeq(String... names) {
        return CollectionConverters.asScala(List.of(names)).toList();
    }
}
