package org.bedflow.pipeline.schema.columns;

/**
 * Column names of the output table {@code delayed_discharge_monthly}: one constant per
 * field of its Avro schema (schemas/src/main/avro/output/delayed_discharge_monthly.avsc),
 * in schema order. Kept by hand; {@code ColumnConstantsTest} fails when the schema and
 * these constants differ.
 */
public final class DelayedDischargeMonthlyColumns {

    /** ONS code of the unitary area (of residence, or of the care event) */
    public static final String UNITARY_AREA = "unitary_area";
    public static final String UNITARY_AREA_NAME = "unitary_area_name";
    /** yyyy-MM of the discharge date */
    public static final String MONTH = "month";
    /** first day of the period, a DATE (beside the text period, for Excel and Power BI) */
    public static final String PERIOD_START = "period_start";
    /** last day of the period, a DATE */
    public static final String PERIOD_END = "period_end";
    /** discharges of the universe: alive, aged 18+, not to another hospital */
    public static final String DISCHARGES = "discharges";
    /** of those, los_days >= 1 */
    public static final String OVERNIGHT_DISCHARGES = "overnight_discharges";
    /** overnight discharges with a known delay: the denominator of the DRD measures */
    public static final String DRD_MEASURED_DISCHARGES = "drd_measured_discharges";
    /** overnight discharges whose extract carried a Discharge Ready Date */
    public static final String DISCHARGES_WITH_DRD = "discharges_with_drd";
    public static final String PCT_DRD_RECORDED = "pct_drd_recorded";
    /** DRD-measured, delay_days = 0 */
    public static final String DISCHARGED_ON_DRD = "discharged_on_drd";
    public static final String PCT_DISCHARGED_ON_DRD = "pct_discharged_on_drd";
    /** DRD-measured, delay_days >= 1 */
    public static final String DELAYED_DISCHARGES = "delayed_discharges";
    public static final String PCT_DELAYED = "pct_delayed";
    /** delayed discharges per NHS England delay band */
    public static final String DELAYED_1_DAY = "delayed_1_day";
    public static final String DELAYED_2_3_DAYS = "delayed_2_3_days";
    public static final String DELAYED_4_6_DAYS = "delayed_4_6_days";
    public static final String DELAYED_7_13_DAYS = "delayed_7_13_days";
    public static final String DELAYED_14_20_DAYS = "delayed_14_20_days";
    public static final String DELAYED_21PLUS_DAYS = "delayed_21plus_days";
    /** sum of delay_days over delayed discharges */
    public static final String DELAY_DAYS = "delay_days";
    public static final String MEAN_DELAY_DAYS = "mean_delay_days";
    public static final String MEAN_DELAY_DAYS_ALL = "mean_delay_days_all";
    public static final String MEDIAN_DELAY_DAYS = "median_delay_days";
    public static final String P90_DELAY_DAYS = "p90_delay_days";
    /** DRD-measured, delay_days >= 7 */
    public static final String DELAYED_7PLUS_DAYS = "delayed_7plus_days";
    public static final String PCT_DELAYED_7PLUS_DAYS = "pct_delayed_7plus_days";
    /** delayed bed days that fell in the month, from delayed discharges of any month */
    public static final String DELAYED_BED_DAYS_IN_MONTH = "delayed_bed_days_in_month";
    /** delayed discharges contributing days to delayed_bed_days_in_month */
    public static final String DELAYED_IN_MONTH_DISCHARGES = "delayed_in_month_discharges";
    /** delayed, responsible sector Social care or Both */
    public static final String DELAYED_REPORTED_SOCIAL_CARE = "delayed_reported_social_care";
    /** delayed, with a linked social care event */
    public static final String DELAYED_WITH_NEW_CARE_START = "delayed_with_new_care_start";
    /** sum of delay_days of those */
    public static final String DELAY_DAYS_WITH_NEW_CARE_START = "delay_days_with_new_care_start";
    /** discharges with both a DRD and a linked care event (behind median_drd_to_care_start_days) */
    public static final String DISCHARGES_WITH_DRD_AND_CARE_START = "discharges_with_drd_and_care_start";
    public static final String MEDIAN_DRD_TO_CARE_START_DAYS = "median_drd_to_care_start_days";
    /** discharges with los_days >= 7 */
    public static final String LONG_STAY_7PLUS = "long_stay_7plus";
    /** discharges with los_days >= 14 */
    public static final String LONG_STAY_14PLUS = "long_stay_14plus";
    /** discharges with los_days >= 21 */
    public static final String LONG_STAY_21PLUS = "long_stay_21plus";
    /** discharges with destination 19 */
    public static final String DISCHARGED_TO_USUAL_RESIDENCE = "discharged_to_usual_residence";
    public static final String PCT_DISCHARGED_TO_USUAL_RESIDENCE = "pct_discharged_to_usual_residence";
    /** true when the period is provisional (docs/measures.md, "When a month is provisional") */
    public static final String PROVISIONAL = "provisional";
    /** identifier of the run that wrote the row */
    public static final String RUN_ID = "run_id";

    private DelayedDischargeMonthlyColumns() {
    }
}
