package org.bedflow.pipeline.schema.columns;

/**
 * Column names of the feed {@code community_contacts}: one constant per field of its Avro
 * schema (schemas/src/main/avro/feed/community_contacts.avsc), in schema order. Kept by
 * hand; {@code ColumnConstantsTest} fails when the schema and these constants differ.
 */
public final class CommunityContactsColumns {

    /** ODS code of the community health services provider */
    public static final String PROVIDER_CODE = "provider_code";
    /** care contact identifier, unique within the provider */
    public static final String CONTACT_ID = "contact_id";
    public static final String NHS_NUMBER = "nhs_number";
    /** age in whole years on the contact date */
    public static final String AGE = "age";
    /** ONS local authority district code of usual residence */
    public static final String RESIDENCE_LAD_CODE = "residence_lad_code";
    /** LSOA (lower layer super output area) of residence, used through the geography feed */
    public static final String LSOA_CODE = "lsoa_code";
    /** community service of the contact (community_service code list) */
    public static final String SERVICE_TYPE = "service_type";
    public static final String REFERRAL_DATE = "referral_date";
    public static final String CONTACT_DATE = "contact_date";
    /** minutes from the referral to the first contact */
    public static final String RESPONSE_MINUTES = "response_minutes";
    /** time the extract was produced: of several versions of a record the latest wins */
    public static final String SUBMITTED_AT = "submitted_at";

    private CommunityContactsColumns() {
    }
}
