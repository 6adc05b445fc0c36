package org.bedflow.pipeline.schema.columns;

/**
 * Column names of the feed {@code apc_admissions}: one constant per field of its Avro
 * schema (schemas/src/main/avro/feed/apc_admissions.avsc), in schema order. Kept by hand;
 * {@code ColumnConstantsTest} fails when the schema and these constants differ.
 */
public final class ApcAdmissionsColumns {

    /** ODS code of the hospital provider */
    public static final String PROVIDER_CODE = "provider_code";
    /** hospital provider spell number, unique within the provider */
    public static final String SPELL_ID = "spell_id";
    public static final String NHS_NUMBER = "nhs_number";
    public static final String AGE_ON_ADMISSION = "age_on_admission";
    /** person stated gender code: 1 male, 2 female, 9 indeterminate, 0 or X not known */
    public static final String SEX = "sex";
    /** ONS local authority district code of usual residence */
    public static final String RESIDENCE_LAD_CODE = "residence_lad_code";
    /** LSOA (lower layer super output area) of residence, used through the geography feed */
    public static final String LSOA_CODE = "lsoa_code";
    /** ODS code of the registered GP practice */
    public static final String GP_PRACTICE_CODE = "gp_practice_code";
    public static final String ADMISSION_DATE = "admission_date";
    /** CDS admission method code */
    public static final String ADMISSION_METHOD = "admission_method";
    /** CDS admission source code */
    public static final String ADMISSION_SOURCE = "admission_source";
    /** ICD-10, normalised (J44.0 -> J440) */
    public static final String PRIMARY_DIAGNOSIS = "primary_diagnosis";
    /** ICD-10 codes, normalised, ';'-separated */
    public static final String SECONDARY_DIAGNOSES = "secondary_diagnoses";
    /** CDS patient classification: 1 ordinary admission, 2 day case, 3/4 regular day/night attender, 5 mothers and babies */
    public static final String PATIENT_CLASSIFICATION = "patient_classification";
    /** CDS main specialty of the responsible consultant, 3 characters */
    public static final String MAIN_SPECIALTY_CODE = "main_specialty_code";
    /** CDS treatment function, 3 characters */
    public static final String TREATMENT_FUNCTION_CODE = "treatment_function_code";
    /** OPCS-4 codes, the primary first, normalised (K40.1 -> K401), ';'-separated */
    public static final String PROCEDURES = "procedures";
    /** time the extract was produced: of several versions of a record the latest wins */
    public static final String SUBMITTED_AT = "submitted_at";

    private ApcAdmissionsColumns() {
    }
}
