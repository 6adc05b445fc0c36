package org.bedflow.pipeline.schema.columns;

/**
 * Column names of the feed {@code social_care_events}: one constant per field of its Avro
 * schema (schemas/src/main/avro/feed/social_care_events.avsc), in schema order. Kept by
 * hand; {@code ColumnConstantsTest} fails when the schema and these constants differ.
 */
public final class SocialCareEventsColumns {

    /** ONS code of the submitting council */
    public static final String LA_CODE = "la_code";
    /** event identifier, unique within the council */
    public static final String EVENT_ID = "event_id";
    /** the council's person identifier; never published */
    public static final String PERSON_ID = "person_id";
    public static final String NHS_NUMBER = "nhs_number";
    /** age in whole years at the event start */
    public static final String AGE = "age";
    /** ONS local authority district code of usual residence */
    public static final String RESIDENCE_LAD_CODE = "residence_lad_code";
    /** Request, Assessment, Service or Review */
    public static final String EVENT_TYPE = "event_type";
    public static final String EVENT_START_DATE = "event_start_date";
    /** null while ongoing */
    public static final String EVENT_END_DATE = "event_end_date";
    /** route of access for a Request */
    public static final String REQUEST_ROUTE = "request_route";
    /** service type for a Service (e.g. Long Term Support: Residential Care) */
    public static final String SERVICE_TYPE = "service_type";
    /** service component (e.g. Reablement, Home Care) */
    public static final String SERVICE_COMPONENT = "service_component";
    /** the CLD event outcome, in canonical (Release 2) wording */
    public static final String EVENT_OUTCOME = "event_outcome";
    /** Service user, Unpaid carer or Unpaid carer known by association; null = service user */
    public static final String CLIENT_TYPE = "client_type";
    /** the person's date of death when the council knows it */
    public static final String DATE_OF_DEATH = "date_of_death";
    /** postcode of residence: only for the geography postcode lookup, dropped at link, never written */
    public static final String POSTCODE = "postcode";
    /** time the extract was produced: of several versions of a record the latest wins */
    public static final String SUBMITTED_AT = "submitted_at";

    private SocialCareEventsColumns() {
    }
}
