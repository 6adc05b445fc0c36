package org.bedflow.sample;

/** File format of the generated extracts (the committed sample additionally mixes Avro and gzipped CSV). */
public enum Format {
    /** RFC 4180 CSV with a header row of the schema's field names. */
    CSV,
    /** Parquet written through parquet-avro with the feed's Avro schema (snappy). */
    PARQUET
}
