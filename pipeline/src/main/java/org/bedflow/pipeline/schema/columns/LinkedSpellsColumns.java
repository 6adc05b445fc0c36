package org.bedflow.pipeline.schema.columns;

/**
 * Column names of the output table {@code linked_spells}: one constant per field of its
 * Avro schema (schemas/src/main/avro/output/linked_spells.avsc), in schema order. Kept by
 * hand; {@code ColumnConstantsTest} fails when the schema and these constants differ.
 */
public final class LinkedSpellsColumns {

    /** pseudonymous person key: hex HMAC-SHA256 of the normalised NHS number; null without a valid one */
    public static final String PERSON_KEY = "person_key";
    /** ODS code of the hospital provider */
    public static final String PROVIDER_CODE = "provider_code";
    /** hospital provider spell number */
    public static final String SPELL_ID = "spell_id";
    public static final String AGE_ON_ADMISSION = "age_on_admission";
    /** ESP2013 five-year age band of age_on_admission */
    public static final String AGE_BAND = "age_band";
    /** 1 male, 2 female, 9 indeterminate, 0/X not known */
    public static final String SEX = "sex";
    /** district code of residence as used for the area (extract, or LSOA lookup) */
    public static final String RESIDENCE_LAD_CODE = "residence_lad_code";
    /** ONS code of the unitary area (of residence, or of the care event) */
    public static final String UNITARY_AREA = "unitary_area";
    public static final String UNITARY_AREA_NAME = "unitary_area_name";
    public static final String ADMISSION_DATE = "admission_date";
    /** yyyy-MM of admission_date; partition column */
    public static final String ADMISSION_MONTH = "admission_month";
    /** CDS admission method code */
    public static final String ADMISSION_METHOD = "admission_method";
    /** admission method in the emergency set */
    public static final String IS_EMERGENCY = "is_emergency";
    public static final String PRIMARY_DIAGNOSIS = "primary_diagnosis";
    /** emergency admission, chronic ambulatory care sensitive condition */
    public static final String IS_CHRONIC_ACSC = "is_chronic_acsc";
    /** emergency admission, acute condition that should not usually need admission */
    public static final String IS_ACUTE_ACSC = "is_acute_acsc";
    /** emergency admission aged 65+ for a fall */
    public static final String IS_FALL_65PLUS = "is_fall_65plus";
    public static final String DISCHARGE_DATE = "discharge_date";
    /** yyyy-MM of discharge_date */
    public static final String DISCHARGE_MONTH = "discharge_month";
    /** length of stay: discharge_date - admission_date; null while open */
    public static final String LOS_DAYS = "los_days";
    /** CDS discharge method */
    public static final String DISCHARGE_METHOD = "discharge_method";
    /** CDS discharge destination */
    public static final String DISCHARGE_DESTINATION = "discharge_destination";
    /** discharge method not 4 or 5 and destination not 79; null while open */
    public static final String IS_ALIVE_DISCHARGE = "is_alive_discharge";
    /** DRD after validation (nulled when outside the spell) */
    public static final String DISCHARGE_READY_DATE = "discharge_ready_date";
    /** the extract carried a DRD (after validation); null while open */
    public static final String DRD_RECORDED = "drd_recorded";
    /** discharge to assess pathway 0-3 */
    public static final String DISCHARGE_PATHWAY = "discharge_pathway";
    /** canonical delay reason category, delayed spells only */
    public static final String DELAY_REASON_CATEGORY = "delay_reason_category";
    /** NHS, Social care, Both, Other or Unknown, delayed spells only */
    public static final String DELAY_RESPONSIBLE_SECTOR = "delay_responsible_sector";
    /** discharge_date - discharge_ready_date; null without a DRD */
    public static final String DELAY_DAYS = "delay_days";
    /** NHS England delay band of delay_days: none, 1, 2-3, 4-6, 7-13, 14-20, 21+ */
    public static final String DELAY_BAND = "delay_band";
    /** delay_days >= 1 */
    public static final String IS_DELAYED = "is_delayed";
    /** the linked social care Service event */
    public static final String CARE_EVENT_ID = "care_event_id";
    /** start of the linked care event */
    public static final String CARE_START_DATE = "care_start_date";
    /** service type of the linked care event */
    public static final String CARE_SERVICE_TYPE = "care_service_type";
    /** service component of the linked care event */
    public static final String CARE_SERVICE_COMPONENT = "care_service_component";
    /** care_start_date - discharge_ready_date */
    public static final String DRD_TO_CARE_START_DAYS = "drd_to_care_start_days";
    /** CDS patient classification (1 ordinary, 2 day case, 3/4 regular attender, 5 delivery facilities only) */
    public static final String PATIENT_CLASSIFICATION = "patient_classification";
    /** main specialty code of the consultant */
    public static final String MAIN_SPECIALTY_CODE = "main_specialty_code";
    /** CDS treatment function code of the spell's first episode (admission extract) */
    public static final String TREATMENT_FUNCTION_CODE = "treatment_function_code";
    /** continuous inpatient spell: hex SHA-256 of its first spell's provider_code and spell_id */
    public static final String CIPS_ID = "cips_id";
    /** every spell of a continuous inpatient spell but the first */
    public static final String IS_TRANSFER_IN = "is_transfer_in";
    /** admission date of the first spell of the continuous inpatient spell */
    public static final String CIPS_ADMISSION_DATE = "cips_admission_date";
    /** discharge date of its last spell; null while that one is open */
    public static final String CIPS_DISCHARGE_DATE = "cips_discharge_date";
    /** last spell of a CIPS that is an index stay for 30-day readmissions */
    public static final String IS_READMISSION_INDEX = "is_readmission_index";
    /** emergency spell admitted 0-29 days after an alive discharge of the same person */
    public static final String IS_READMISSION_30D = "is_readmission_30d";
    /** alive discharge followed by an emergency admission of the same person 0-29 days later */
    public static final String FOLLOWED_BY_READMISSION_30D = "followed_by_readmission_30d";
    /** exact, window or none: how close the linked care event starts to the discharge (docs/measures.md, Care linkage) */
    public static final String LINK_QUALITY = "link_quality";
    /** identifier of the run that wrote the row */
    public static final String RUN_ID = "run_id";

    private LinkedSpellsColumns() {
    }
}
