package org.bedflow.sample;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * One row of a geography lookup file. The feed schema ({@code GeographyLookup}) holds both
 * lookups in one record with an optional postcode; the sample writes each file with only its
 * own columns, as the published lookups come: {@code lsoa_to_lad} (lsoa_code, lad_code) and
 * {@code postcode_lookup} (postcode, lsoa_code, lad_code, postcode first as in ONS's postcode
 * directory).
 */
final class GeographyRow extends SpecificRecordBase {

    static final Schema LSOA = SchemaBuilder.record("LsoaLookup").namespace("org.bedflow.sample")
            .doc("Synthetic LSOA to district lookup of the sample.").fields()
            .requiredString("lsoa_code").requiredString("lad_code").endRecord();
    static final Schema POSTCODE = SchemaBuilder.record("PostcodeLookup").namespace("org.bedflow.sample")
            .doc("Synthetic postcode to LSOA and district lookup of the sample.").fields()
            .requiredString("postcode").requiredString("lsoa_code").requiredString("lad_code").endRecord();

    private final Schema schema;
    private final Object[] values;

    GeographyRow() {
        this(LSOA, new Object[2]);
    }

    private GeographyRow(Schema schema, Object[] values) {
        this.schema = schema;
        this.values = values;
    }

    static GeographyRow lsoa(String lsoa, String lad) {
        return new GeographyRow(LSOA, new Object[] {lsoa, lad});
    }

    static GeographyRow postcode(String postcode, String lsoa, String lad) {
        return new GeographyRow(POSTCODE, new Object[] {postcode, lsoa, lad});
    }

    @Override
    public Schema getSchema() {
        return schema;
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
