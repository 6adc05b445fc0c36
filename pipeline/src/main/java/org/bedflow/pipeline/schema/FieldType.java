package org.bedflow.pipeline.schema;

/** The handful of value types bedflow feeds use, read off the Avro field type. */
public enum FieldType {
    STRING, INT, LONG, DATE, TIMESTAMP;
}
