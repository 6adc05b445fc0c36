package org.bedflow.pipeline.schema.columns;

/**
 * Column names of the feed {@code opt_outs}: one constant per field of its Avro schema
 * (schemas/src/main/avro/feed/opt_outs.avsc), in schema order. Kept by hand; {@code
 * ColumnConstantsTest} fails when the schema and these constants differ.
 */
public final class OptOutsColumns {

    /** NHS number of a person who has registered a national data opt-out */
    public static final String NHS_NUMBER = "nhs_number";

    private OptOutsColumns() {
    }
}
