package org.bedflow.pipeline.schema.columns;

/**
 * Column names of the output table {@code indicators}: one constant per field of its Avro
 * schema (schemas/src/main/avro/output/indicators.avsc), in schema order. Kept by hand;
 * {@code ColumnConstantsTest} fails when the schema and these constants differ.
 */
public final class IndicatorsColumns {

    /** ONS code of the unitary area (of residence, or of the care event) */
    public static final String UNITARY_AREA = "unitary_area";
    public static final String UNITARY_AREA_NAME = "unitary_area_name";
    /** month or financial_year */
    public static final String PERIOD_TYPE = "period_type";
    /** yyyy-MM for a month, yyyy-yy for a financial year */
    public static final String PERIOD = "period";
    /** first day of the period, a DATE (beside the text period, for Excel and Power BI) */
    public static final String PERIOD_START = "period_start";
    /** last day of the period, a DATE */
    public static final String PERIOD_END = "period_end";
    /** indicator id ({@code Indicator}) */
    public static final String INDICATOR = "indicator";
    public static final String NUMERATOR = "numerator";
    public static final String DENOMINATOR = "denominator";
    public static final String VALUE = "value";
    /** percent, rate_per_100k, dsr_per_100k or count */
    public static final String VALUE_TYPE = "value_type";
    /** lower 95 % confidence limit of value */
    public static final String LOWER_95 = "lower_95";
    /** upper 95 % confidence limit of value */
    public static final String UPPER_95 = "upper_95";
    /** delayed discharges behind a numerator of delay days (delayed beds, mean discharge delay) */
    public static final String NUMERATOR_DISCHARGES = "numerator_discharges";
    /** the national measure followed and where bedflow departs from it */
    public static final String NATIONAL_REFERENCE = "national_reference";
    /** true when the period is provisional (docs/measures.md, "When a month is provisional") */
    public static final String PROVISIONAL = "provisional";
    /** identifier of the run that wrote the row */
    public static final String RUN_ID = "run_id";

    private IndicatorsColumns() {
    }
}
