package org.bedflow.pipeline.schema.columns;

/**
 * Column names of the feed {@code geography}: one constant per field of its Avro schema
 * (schemas/src/main/avro/feed/geography.avsc), in schema order. Kept by hand; {@code
 * ColumnConstantsTest} fails when the schema and these constants differ.
 */
public final class GeographyColumns {

    /** LSOA (lower layer super output area) of residence, used through the geography feed */
    public static final String LSOA_CODE = "lsoa_code";
    /** the local authority district of the LSOA (of the postcode, on a postcode row) */
    public static final String LAD_CODE = "lad_code";
    /** a postcode of the LSOA: the row is a postcode lookup row; null on an LSOA lookup row */
    public static final String POSTCODE = "postcode";

    private GeographyColumns() {
    }
}
