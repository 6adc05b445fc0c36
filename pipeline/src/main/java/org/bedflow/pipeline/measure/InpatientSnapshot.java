package org.bedflow.pipeline.measure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.schema.OutputTables;

/**
 * inpatient_snapshot (outputs.md): spells of residents open at the end of the run date
 * (admitted on or before it, no discharge on or before it), all ages, with the long-stay
 * counts that NHS England's long-stay reporting uses (7, 14 and 21 days).
 */
public final class InpatientSnapshot {

    private InpatientSnapshot() {
    }

    public static Dataset<Row> snapshot(SparkSession spark, Dataset<Row> linkedSpells, ReportingGrid grid,
                                        LocalDate runDate, String runId) {
        Column day = lit(Date.valueOf(runDate));
        Column stay = datediff(day, col("admission_date"));
        Dataset<Row> open = linkedSpells.filter(col("unitary_area").isin(grid.areas().keySet().toArray())
                .and(col("admission_date").leq(day))
                .and(col("discharge_date").isNull().or(col("discharge_date").gt(day))));
        Dataset<Row> counted = open.groupBy("unitary_area").agg(
                count(lit(1)).as("inpatients"),
                count(when(stay.geq(7), lit(1))).as("los_7plus"),
                count(when(stay.geq(14), lit(1))).as("los_14plus"),
                count(when(stay.geq(21), lit(1))).as("los_21plus"),
                count(when(col("is_emergency"), lit(1))).as("emergency_inpatients"));
        Dataset<Row> full = grid.areaRows(spark).join(counted, DelayedDischargeMeasures.scalaSeq("unitary_area"), "left")
                .withColumn("snapshot_date", day);
        for (String c : new String[] {"inpatients", "los_7plus", "los_14plus", "los_21plus", "emergency_inpatients"}) {
            full = full.withColumn(c, coalesce(col(c), lit(0L)));
        }
        return OutputTables.INPATIENT_SNAPSHOT.conform(full.withColumn("run_id", lit(runId)));
    }
}
