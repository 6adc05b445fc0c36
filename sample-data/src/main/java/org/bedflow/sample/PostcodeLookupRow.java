package org.bedflow.sample;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * One row of {@code geography/postcode_lookup}: postcode, LSOA and district. The schemas module
 * has no feed schema for it yet, so the generator declares the three columns here.
 */
final class PostcodeLookupRow extends SpecificRecordBase {

    static final Schema SCHEMA = SchemaBuilder.record("PostcodeLookup").namespace("org.bedflow.sample")
            .doc("Synthetic postcode to LSOA and district lookup of the sample.").fields()
            .requiredString("postcode").requiredString("lsoa_code").requiredString("lad_code").endRecord();

    private final Object[] values = new Object[3];

    PostcodeLookupRow() {
    }

    PostcodeLookupRow(String postcode, String lsoa, String lad) {
        values[0] = postcode;
        values[1] = lsoa;
        values[2] = lad;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA;
    }

    @Override
    public Object get(int field) {
        return values[field];
    }

    @Override
    public void put(int field, Object value) {
        values[field] = value;
    }
}
