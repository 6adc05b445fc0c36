package org.bedflow.pipeline.measure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.PERIOD_END;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.PERIOD_START;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.EMERGENCY_INPATIENTS;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.INPATIENTS;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.LOS_14PLUS;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.LOS_21PLUS;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.LOS_7PLUS;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.RUN_ID;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.SNAPSHOT_DATE;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.UNITARY_AREA;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_EMERGENCY;

import java.sql.Date;
import java.time.LocalDate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns;

/**
 * inpatient_snapshot (docs/measures.md): spells of residents open at the end of the run date
 * (admitted on or before it, no discharge on or before it), all ages, with the long-stay
 * counts that NHS England's long-stay reporting uses (7, 14 and 21 days).
 */
public final class InpatientSnapshot {

    private InpatientSnapshot() {
    }

    public static Dataset<Row> snapshot(SparkSession spark, Dataset<Row> linkedSpells, ReportingGrid grid,
                                        LocalDate runDate, String runId) {
        Column day = lit(Date.valueOf(runDate));
        Column stay = datediff(day, col(ADMISSION_DATE));
        Dataset<Row> open = linkedSpells.filter(col(UNITARY_AREA).isin(grid.areas().keySet().toArray())
                .and(col(ADMISSION_DATE).leq(day))
                .and(col(DISCHARGE_DATE).isNull().or(col(DISCHARGE_DATE).gt(day))));
        Dataset<Row> counted = open.groupBy(UNITARY_AREA).agg(
                count(lit(1)).as(INPATIENTS),
                count(when(stay.geq(7), lit(1))).as(LOS_7PLUS),
                count(when(stay.geq(14), lit(1))).as(LOS_14PLUS),
                count(when(stay.geq(21), lit(1))).as(LOS_21PLUS),
                count(when(col(IS_EMERGENCY), lit(1))).as(EMERGENCY_INPATIENTS));
        Dataset<Row> full = grid.areaRows(spark).join(counted, DelayedDischargeMeasures.scalaSeq(UNITARY_AREA), "left")
                .withColumn(SNAPSHOT_DATE, day)
                .withColumn(PERIOD_START, day)
                .withColumn(PERIOD_END, day);
        for (String c : new String[] {INPATIENTS, LOS_7PLUS, LOS_14PLUS, LOS_21PLUS, EMERGENCY_INPATIENTS}) {
            full = full.withColumn(c, coalesce(col(c), lit(0L)));
        }
        return OutputTables.INPATIENT_SNAPSHOT.conform(full
                .withColumn(InpatientSnapshotColumns.PROVISIONAL, lit(false)) // ProvisionalColumn sets it
                .withColumn(RUN_ID, lit(runId)));
    }
}
