package org.bedflow.pipeline.measure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_7PLUS_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_REPORTED_SOCIAL_CARE;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_WITH_NEW_CARE_START;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAY_DAYS_WITH_NEW_CARE_START;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGED_ON_DRD;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGED_TO_USUAL_RESIDENCE;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGES_WITH_DRD;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGES_WITH_DRD_AND_CARE_START;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.LONG_STAY_14PLUS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.LONG_STAY_21PLUS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.LONG_STAY_7PLUS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MEAN_DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MEDIAN_DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MEDIAN_DRD_TO_CARE_START_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MONTH;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.P90_DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DELAYED_7PLUS_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DISCHARGED_ON_DRD;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DISCHARGED_TO_USUAL_RESIDENCE;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.RUN_ID;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.UNITARY_AREA;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.AGE_ON_ADMISSION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CARE_EVENT_ID;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_RESPONSIBLE_SECTOR;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DESTINATION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_MONTH;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_READY_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DRD_TO_CARE_START_DAYS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ALIVE_DISCHARGE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_DELAYED;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.LOS_DAYS;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.schema.columns.LinkedSpellsColumns;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * delayed_discharge_monthly (docs/measures.md). Universe: alive discharges of patients aged 18+
 * resident in a configured unitary area; month = month of discharge.
 *
 * <p>Follows NHS England's acute discharge situation report and the CDS Discharge Ready
 * Date (DRD): a discharge is on time when it happens on the DRD, delayed when
 * {@code delay_days = discharge_date - DRD >= 1}; the headline share waiting 7+ days is
 * NHS England's. Medians and the 90th percentile interpolate linearly between order
 * statistics (h = (n-1)p), as numpy's default and Spark's {@code percentile} do.
 */
public final class DelayedDischargeMeasures {

    static final List<String> COUNT_COLUMNS = List.of(DISCHARGES, DISCHARGES_WITH_DRD, DISCHARGED_ON_DRD,
            DELAYED_DISCHARGES, DELAY_DAYS, DELAYED_7PLUS_DAYS, DELAYED_REPORTED_SOCIAL_CARE,
            DELAYED_WITH_NEW_CARE_START, DELAY_DAYS_WITH_NEW_CARE_START, DISCHARGES_WITH_DRD_AND_CARE_START,
            LONG_STAY_7PLUS, LONG_STAY_14PLUS, LONG_STAY_21PLUS, DISCHARGED_TO_USUAL_RESIDENCE);

    private DelayedDischargeMeasures() {
    }

    /** The universe shared with the breakdown: adult alive discharges of configured areas. */
    public static Dataset<Row> universe(Dataset<Row> linkedSpells, ReportingGrid grid) {
        return linkedSpells.filter(col(IS_ALIVE_DISCHARGE).equalTo(true)
                .and(col(AGE_ON_ADMISSION).geq(18))
                .and(col(UNITARY_AREA).isin(grid.areas().keySet().toArray())))
                .withColumn(MONTH, col(DISCHARGE_MONTH));
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

    public static Dataset<Row> monthly(SparkSession spark, Dataset<Row> linkedSpells, ReportingGrid grid, String runId) {
        Column delayed = col(IS_DELAYED).equalTo(true);
        Column withCare = delayed.and(col(CARE_EVENT_ID).isNotNull());
        Dataset<Row> measured = universe(linkedSpells, grid)
                .groupBy(UNITARY_AREA, MONTH)
                .agg(count(lit(1)).as(DISCHARGES),
                        count(col(DISCHARGE_READY_DATE)).as(DISCHARGES_WITH_DRD),
                        countIf(col(LinkedSpellsColumns.DELAY_DAYS).equalTo(0)).as(DISCHARGED_ON_DRD),
                        countIf(delayed).as(DELAYED_DISCHARGES),
                        sumIf(delayed, col(LinkedSpellsColumns.DELAY_DAYS)).as(DELAY_DAYS),
                        percentile(when(delayed, col(LinkedSpellsColumns.DELAY_DAYS)), lit(0.5)).as(MEDIAN_DELAY_DAYS),
                        percentile(when(delayed, col(LinkedSpellsColumns.DELAY_DAYS)), lit(0.9)).as(P90_DELAY_DAYS),
                        countIf(col(LinkedSpellsColumns.DELAY_DAYS).geq(7)).as(DELAYED_7PLUS_DAYS),
                        countIf(delayed.and(col(DELAY_RESPONSIBLE_SECTOR).isin("Social care", "Both")))
                                .as(DELAYED_REPORTED_SOCIAL_CARE),
                        countIf(withCare).as(DELAYED_WITH_NEW_CARE_START),
                        sumIf(withCare, col(LinkedSpellsColumns.DELAY_DAYS)).as(DELAY_DAYS_WITH_NEW_CARE_START),
                        count(col(DRD_TO_CARE_START_DAYS)).as(DISCHARGES_WITH_DRD_AND_CARE_START),
                        percentile(col(DRD_TO_CARE_START_DAYS), lit(0.5)).as(MEDIAN_DRD_TO_CARE_START_DAYS),
                        countIf(col(LOS_DAYS).geq(7)).as(LONG_STAY_7PLUS),
                        countIf(col(LOS_DAYS).geq(14)).as(LONG_STAY_14PLUS),
                        countIf(col(LOS_DAYS).geq(21)).as(LONG_STAY_21PLUS),
                        countIf(col(DISCHARGE_DESTINATION).equalTo("19")).as(DISCHARGED_TO_USUAL_RESIDENCE));

        Dataset<Row> full = grid.areaMonths(spark).join(measured, scalaSeq(UNITARY_AREA, MONTH), "left");
        for (String c : COUNT_COLUMNS) {
            full = full.withColumn(c, coalesce(col(c), lit(0L)).cast("long"));
        }
        full = full
                .withColumn(PCT_DISCHARGED_ON_DRD, pct(col(DISCHARGED_ON_DRD), col(DISCHARGES_WITH_DRD)))
                .withColumn(MEAN_DELAY_DAYS, when(col(DELAYED_DISCHARGES).gt(0),
                        col(DELAY_DAYS).cast("double").divide(col(DELAYED_DISCHARGES))))
                .withColumn(PCT_DELAYED_7PLUS_DAYS, pct(col(DELAYED_7PLUS_DAYS), col(DISCHARGES_WITH_DRD)))
                .withColumn(PCT_DISCHARGED_TO_USUAL_RESIDENCE,
                        pct(col(DISCHARGED_TO_USUAL_RESIDENCE), col(DISCHARGES)))
                .withColumn(RUN_ID, lit(runId));
        return OutputTables.DELAYED_DISCHARGE_MONTHLY.conform(full);
    }

    static Seq<String> scalaSeq(String... names) {
        return CollectionConverters.asScala(List.of(names)).toList();
    }
}
