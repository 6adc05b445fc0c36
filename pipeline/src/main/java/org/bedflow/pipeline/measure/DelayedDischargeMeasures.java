package org.bedflow.pipeline.measure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.schema.OutputTables;

/**
 * delayed_discharge_monthly (metrics.md). Universe: alive discharges of patients aged 18+
 * resident in a configured unitary area; month = month of discharge.
 *
 * <p>Follows NHS England's acute discharge situation report and the CDS Discharge Ready
 * Date (DRD): a discharge is on time when it happens on the DRD, delayed when
 * {@code delay_days = discharge_date - DRD >= 1}; the headline share waiting 7+ days is
 * NHS England's. Medians and the 90th percentile interpolate linearly between order
 * statistics (h = (n-1)p), as numpy's default and Spark's {@code percentile} do.
 */
public final class DelayedDischargeMeasures {

    static final List<String> COUNT_COLUMNS = List.of("discharges", "discharges_with_drd", "discharged_on_drd",
            "delayed_discharges", "delay_days", "delayed_7plus_days", "delayed_reported_social_care",
            "delayed_with_new_care_start", "delay_days_with_new_care_start", "discharges_with_drd_and_care_start", "long_stay_7plus", "long_stay_14plus",
            "long_stay_21plus", "discharged_to_usual_residence");

    private DelayedDischargeMeasures() {
    }

    /** The universe shared with the breakdown: adult alive discharges of configured areas. */
    public static Dataset<Row> universe(Dataset<Row> linkedSpells, ReportingGrid grid) {
        return linkedSpells.filter(col("is_alive_discharge").equalTo(true)
                .and(col("age_on_admission").geq(18))
                .and(col("unitary_area").isin(grid.areas().keySet().toArray())))
                .withColumn("month", col("discharge_month"));
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
        Column delayed = col("is_delayed").equalTo(true);
        Column withCare = delayed.and(col("care_event_id").isNotNull());
        Dataset<Row> measured = universe(linkedSpells, grid)
                .groupBy("unitary_area", "month")
                .agg(count(lit(1)).as("discharges"),
                        count(col("discharge_ready_date")).as("discharges_with_drd"),
                        countIf(col("delay_days").equalTo(0)).as("discharged_on_drd"),
                        countIf(delayed).as("delayed_discharges"),
                        sumIf(delayed, col("delay_days")).as("delay_days"),
                        percentile(when(delayed, col("delay_days")), lit(0.5)).as("median_delay_days"),
                        percentile(when(delayed, col("delay_days")), lit(0.9)).as("p90_delay_days"),
                        countIf(col("delay_days").geq(7)).as("delayed_7plus_days"),
                        countIf(delayed.and(col("delay_responsible_sector").isin("Social care", "Both")))
                                .as("delayed_reported_social_care"),
                        countIf(withCare).as("delayed_with_new_care_start"),
                        sumIf(withCare, col("delay_days")).as("delay_days_with_new_care_start"),
                        count(col("drd_to_care_start_days")).as("discharges_with_drd_and_care_start"),
                        percentile(col("drd_to_care_start_days"), lit(0.5)).as("median_drd_to_care_start_days"),
                        countIf(col("los_days").geq(7)).as("long_stay_7plus"),
                        countIf(col("los_days").geq(14)).as("long_stay_14plus"),
                        countIf(col("los_days").geq(21)).as("long_stay_21plus"),
                        countIf(col("discharge_destination").equalTo("19")).as("discharged_to_usual_residence"));

        Dataset<Row> full = grid.areaMonths(spark).join(measured, scalaSeq("unitary_area", "month"), "left");
        for (String c : COUNT_COLUMNS) {
            full = full.withColumn(c, coalesce(col(c), lit(0L)).cast("long"));
        }
        full = full
                .withColumn("pct_discharged_on_drd", pct(col("discharged_on_drd"), col("discharges_with_drd")))
                .withColumn("mean_delay_days", when(col("delayed_discharges").gt(0),
                        col("delay_days").cast("double").divide(col("delayed_discharges"))))
                .withColumn("pct_delayed_7plus_days", pct(col("delayed_7plus_days"), col("discharges_with_drd")))
                .withColumn("pct_discharged_to_usual_residence",
                        pct(col("discharged_to_usual_residence"), col("discharges")))
                .withColumn("run_id", lit(runId));
        return OutputTables.DELAYED_DISCHARGE_MONTHLY.conform(full);
    }

    static scala.collection.immutable.Seq<String> scalaSeq(String... names) {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
    }
}
