package org.bedflow.pipeline.schema.columns;

/**
 * Column names of the output table {@code delayed_discharge_breakdown}: one constant per
 * field of its Avro schema
 * (schemas/src/main/avro/output/delayed_discharge_breakdown.avsc), in schema order. Kept
 * by hand; {@code ColumnConstantsTest} fails when the schema and these constants differ.
 */
public final class DelayedDischargeBreakdownColumns {

    /** ONS code of the unitary area (of residence, or of the care event) */
    public static final String UNITARY_AREA = "unitary_area";
    public static final String UNITARY_AREA_NAME = "unitary_area_name";
    /** yyyy-MM of the discharge date */
    public static final String MONTH = "month";
    /** first day of the period, a DATE (beside the text period, for Excel and Power BI) */
    public static final String PERIOD_START = "period_start";
    /** last day of the period, a DATE */
    public static final String PERIOD_END = "period_end";
    /** pathway, delay_reason, responsible_sector or care_component */
    public static final String DIMENSION = "dimension";
    /** the value of the dimension */
    public static final String CATEGORY = "category";
    /** alive discharges of residents aged 18+ in the category */
    public static final String DISCHARGES = "discharges";
    /** of those, delayed (delay_days >= 1) */
    public static final String DELAYED_DISCHARGES = "delayed_discharges";
    /** sum of delay_days of the delayed ones */
    public static final String DELAY_DAYS = "delay_days";
    /** true when the period is provisional (docs/measures.md, "When a month is provisional") */
    public static final String PROVISIONAL = "provisional";
    /** identifier of the run that wrote the row */
    public static final String RUN_ID = "run_id";

    private DelayedDischargeBreakdownColumns() {
    }
}
