package org.bedflow.pipeline.ingest.validate;

/** The reason codes of rejects (docs/validation.md, "Reason codes"). */
public enum ReasonCode {
    MISSING_REQUIRED,
    BAD_DATE,
    BAD_NUMBER,
    UNKNOWN_CODE,
    /** discharge before admission, end before start */
    DATE_ORDER,
    /** after the run date */
    FUTURE_DATE,
    AGE_OUT_OF_RANGE,
    /** WARNING: row kept, unlinkable (ERROR on the opt-out list, where the number is the row) */
    INVALID_NHS_NUMBER,
    /** WARNING: DRD before admission or after discharge; DRD nulled */
    DRD_OUT_OF_RANGE,
    CONFLICTING_DUPLICATE,
    /** WARNING: a discharge with no admission; kept in rejects only */
    ORPHAN_DISCHARGE,
    /** wrong field count or unparseable quoting */
    MALFORMED_ROW,
    /**
     * a value that does not have the form of its field (e.g. an ODS or ONS code), or that holds a control character
     * (an ERROR, the character shown escaped); bedflow's addition
     */
    BAD_FORMAT,
    /** not the shape of a UK postcode (e.g. NN1 1AA); the postcode is never shown in clear; bedflow's addition */
    BAD_POSTCODE,
    /** WARNING: a delay reason with no entry in the configured mapping (reported as other / unknown); bedflow's addition */
    UNMAPPED_CODE,
    /**
     * a value longer than its field allows (255 characters; 2,000 for a list of codes); always an ERROR, the value
     * is never shown; bedflow's addition
     */
    VALUE_TOO_LONG
}
