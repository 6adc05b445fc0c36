package org.bedflow.pipeline.schema;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A feed (an input folder) described by its Avro schema in the {@code schemas} module.
 * Field names, types, requiredness, the business key and the validation attributes all
 * come from the schema, so column names are never duplicated as string constants.
 */
public final class FeedSchema implements Serializable {

    private final String name;
    private final String doc;
    private final List<FieldSpec> fields;
    private final List<String> businessKey;
    private final boolean requiredFolder;
    private final transient Schema avro;
    private final String avroJson;

    private FeedSchema(Schema avro) {
        this.avro = avro;
        this.avroJson = avro.toString();
        this.name = stringProp(avro.getObjectProp("bedflow.feed"))
                .orElseThrow(() -> new IllegalArgumentException("schema " + avro.getFullName() + " has no bedflow.feed"));
        this.doc = avro.getDoc();
        this.requiredFolder = Boolean.TRUE.equals(avro.getObjectProp("bedflow.required_folder"));
        List<String> key = new ArrayList<>();
        Object k = avro.getObjectProp("bedflow.key");
        if (k instanceof List<?> list) {
            list.forEach(o -> key.add(o.toString()));
        }
        this.businessKey = List.copyOf(key);
        List<FieldSpec> specs = new ArrayList<>();
        for (Schema.Field f : avro.getFields()) {
            specs.add(toSpec(f));
        }
        this.fields = List.copyOf(specs);
        for (String kf : businessKey) {
            field(kf);
        }
    }

    public static FeedSchema of(Schema avro) {
        return new FeedSchema(avro);
    }

    private static FieldSpec toSpec(Schema.Field f) {
        Schema s = f.schema();
        boolean required = true;
        if (s.getType() == Schema.Type.UNION) {
            required = false;
            s = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("field " + f.name() + " is only null"));
        }
        return new FieldSpec(
                f.name(),
                typeOf(f.name(), s),
                required,
                f.doc(),
                stringProp(f.getObjectProp("bedflow.codes")).orElse(null),
                stringProp(f.getObjectProp("bedflow.pattern")).orElse(null),
                longProp(f.getObjectProp("bedflow.min")),
                longProp(f.getObjectProp("bedflow.max")),
                Boolean.TRUE.equals(f.getObjectProp("bedflow.not_after_run_date")),
                Boolean.TRUE.equals(f.getObjectProp("bedflow.nhs_number")),
                Boolean.TRUE.equals(f.getObjectProp("bedflow.secret")),
                stringProp(f.getObjectProp("bedflow.required_when_event_type")).orElse(null),
                Boolean.TRUE.equals(f.getObjectProp("bedflow.icd10")),
                Boolean.TRUE.equals(f.getObjectProp("bedflow.icd10_list")),
                Boolean.TRUE.equals(f.getObjectProp("bedflow.opcs4_list")),
                stringProp(f.getObjectProp("bedflow.not_before")).orElse(null),
                Boolean.TRUE.equals(f.getObjectProp("bedflow.postcode")));
    }

    private static FieldType typeOf(String field, Schema s) {
        LogicalType lt = s.getLogicalType();
        if (lt instanceof LogicalTypes.Date) {
            return FieldType.DATE;
        }
        if (lt instanceof LogicalTypes.TimestampMillis || lt instanceof LogicalTypes.TimestampMicros) {
            return FieldType.TIMESTAMP;
        }
        return switch (s.getType()) {
            case STRING -> FieldType.STRING;
            case INT -> FieldType.INT;
            case LONG -> FieldType.LONG;
            default -> throw new IllegalArgumentException("unsupported type " + s + " for field " + field);
        };
    }

    private static Optional<String> stringProp(Object o) {
        return o == null ? Optional.empty() : Optional.of(o.toString());
    }

    private static Long longProp(Object o) {
        return o instanceof Number n ? n.longValue() : null;
    }

    /** Feed (and folder) name, e.g. {@code apc_admissions}. */
    public String name() {
        return name;
    }

    public String doc() {
        return doc;
    }

    public List<FieldSpec> fields() {
        return fields;
    }

    public List<String> fieldNames() {
        return fields.stream().map(FieldSpec::name).toList();
    }

    public FieldSpec field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("feed " + name + " has no field " + fieldName));
    }

    public boolean hasField(String fieldName) {
        return fields.stream().anyMatch(f -> f.name().equals(fieldName));
    }

    /**
     * Business key: rows with the same key are versions of one record (docs/validation.md,
     * "Resubmissions and duplicates").
     */
    public List<String> businessKey() {
        return businessKey;
    }

    /** A missing or empty folder of a required feed fails the run. */
    public boolean requiredFolder() {
        return requiredFolder;
    }

    public Schema avro() {
        return avro != null ? avro : new Schema.Parser().parse(avroJson);
    }

    /** The typed Spark schema of accepted rows: dates as DATE, timestamps as TIMESTAMP, codes as strings. */
    public StructType sparkType() {
        List<StructField> out = new ArrayList<>();
        for (FieldSpec f : fields) {
            out.add(DataTypes.createStructField(f.name(), sparkType(f.type()), !f.required()));
        }
        return DataTypes.createStructType(out);
    }

    public static DataType sparkType(FieldType t) {
        return switch (t) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DATE -> DataTypes.DateType;
            case TIMESTAMP -> DataTypes.TimestampType;
        };
    }

    @Override
    public String toString() {
        return "FeedSchema[" + name + "]";
    }
}
