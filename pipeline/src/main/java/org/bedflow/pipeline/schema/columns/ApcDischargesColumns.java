package org.bedflow.pipeline.schema.columns;

/**
 * Column names of the feed {@code apc_discharges}: one constant per field of its Avro
 * schema (schemas/src/main/avro/feed/apc_discharges.avsc), in schema order. Kept by hand;
 * {@code ColumnConstantsTest} fails when the schema and these constants differ.
 */
public final class ApcDischargesColumns {

    /** ODS code of the hospital provider */
    public static final String PROVIDER_CODE = "provider_code";
    /** hospital provider spell number, as in apc_admissions */
    public static final String SPELL_ID = "spell_id";
    public static final String DISCHARGE_DATE = "discharge_date";
    /** CDS discharge method: 1-5, 8 or 9 (4 died, 5 stillbirth) */
    public static final String DISCHARGE_METHOD = "discharge_method";
    /** CDS discharge destination code (19 usual place of residence, 79 died) */
    public static final String DISCHARGE_DESTINATION = "discharge_destination";
    /** DRD: the day the patient was clinically ready and discharge could proceed */
    public static final String DISCHARGE_READY_DATE = "discharge_ready_date";
    /** discharge to assess pathway 0-3 */
    public static final String DISCHARGE_PATHWAY = "discharge_pathway";
    /** the provider's delay reason code, mapped by configuration ({@code DelayReasons}) */
    public static final String DELAY_REASON = "delay_reason";
    /** the sector responsible for the delay as the provider recorded it: NHS, Social care, Both or Other */
    public static final String DELAY_RESPONSIBLE_SECTOR = "delay_responsible_sector";
    /** time the extract was produced: of several versions of a record the latest wins */
    public static final String SUBMITTED_AT = "submitted_at";

    private ApcDischargesColumns() {
    }
}
