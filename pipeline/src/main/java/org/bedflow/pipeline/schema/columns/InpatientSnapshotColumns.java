package org.bedflow.pipeline.schema.columns;

/**
 * Column names of the output table {@code inpatient_snapshot}: one constant per field of
 * its Avro schema (schemas/src/main/avro/output/inpatient_snapshot.avsc), in schema order.
 * Kept by hand; {@code ColumnConstantsTest} fails when the schema and these constants
 * differ.
 */
public final class InpatientSnapshotColumns {

    /** ONS code of the unitary area (of residence, or of the care event) */
    public static final String UNITARY_AREA = "unitary_area";
    public static final String UNITARY_AREA_NAME = "unitary_area_name";
    /** the run date: spells open at the end of that day */
    public static final String SNAPSHOT_DATE = "snapshot_date";
    /** first day of the period, a DATE (beside the text period, for Excel and Power BI) */
    public static final String PERIOD_START = "period_start";
    /** last day of the period, a DATE */
    public static final String PERIOD_END = "period_end";
    /** open spells */
    public static final String INPATIENTS = "inpatients";
    /** open spells with snapshot_date - admission_date >= 7 */
    public static final String LOS_7PLUS = "los_7plus";
    /** ... >= 14 */
    public static final String LOS_14PLUS = "los_14plus";
    /** ... >= 21 */
    public static final String LOS_21PLUS = "los_21plus";
    /** open spells that began with an emergency admission */
    public static final String EMERGENCY_INPATIENTS = "emergency_inpatients";
    /** true when the period is provisional (docs/measures.md, "When a month is provisional") */
    public static final String PROVISIONAL = "provisional";
    /** identifier of the run that wrote the row */
    public static final String RUN_ID = "run_id";

    private InpatientSnapshotColumns() {
    }
}
