package org.bedflow.pipeline.schema.columns;

/**
 * Column names of the output table {@code rejects}: one constant per field of its Avro
 * schema (schemas/src/main/avro/output/rejects.avsc), in schema order. Kept by hand;
 * {@code ColumnConstantsTest} fails when the schema and these constants differ.
 */
public final class RejectsColumns {

    /** the feed the row came from */
    public static final String FEED = "feed";
    /** path of the extract, relative to the input folder */
    public static final String SOURCE_FILE = "source_file";
    /** CSV: line where the record starts (header = 1); Avro, Parquet: 1-based record index */
    public static final String RECORD_NUMBER = "record_number";
    /** ERROR (quarantined) or WARNING (kept) */
    public static final String SEVERITY = "severity";
    /** MISSING_REQUIRED, BAD_DATE, UNKNOWN_CODE, ... */
    public static final String REASON_CODE = "reason_code";
    /** a sentence for people: which field, what was expected */
    public static final String REASON = "reason";
    /** JSON of the raw values, NHS number masked, council person id left out */
    public static final String RAW_RECORD = "raw_record";
    /** identifier of the run that wrote the row */
    public static final String RUN_ID = "run_id";

    private RejectsColumns() {
    }
}
