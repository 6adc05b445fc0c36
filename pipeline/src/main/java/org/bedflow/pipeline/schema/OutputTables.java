package org.bedflow.pipeline.schema;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.avro.SchemaConverters;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bedflow.schemas.output.DelayedDischargeBreakdown;
import org.bedflow.schemas.output.DelayedDischargeMonthly;
import org.bedflow.schemas.output.IndicatorValue;
import org.bedflow.schemas.output.InpatientSnapshot;
import org.bedflow.schemas.output.LinkedSpell;
import org.bedflow.schemas.output.Reject;

/**
 * Output tables as their Avro schemas define them: name, columns, Spark types and
 * partition columns. {@link #conform} puts a frame into exactly the schema's columns and
 * order, so no table can drift from its published contract.
 */
public enum OutputTables {
    REJECTS(Reject.getClassSchema()),
    LINKED_SPELLS(LinkedSpell.getClassSchema()),
    DELAYED_DISCHARGE_MONTHLY(DelayedDischargeMonthly.getClassSchema()),
    DELAYED_DISCHARGE_BREAKDOWN(DelayedDischargeBreakdown.getClassSchema()),
    INDICATORS(IndicatorValue.getClassSchema()),
    INPATIENT_SNAPSHOT(InpatientSnapshot.getClassSchema());

    private final transient Schema avro;

    OutputTables(Schema avro) {
        this.avro = avro;
    }

    /** Folder name of the table under the output folder. */
    public String table() {
        return avro.getProp("bedflow.table");
    }

    public Schema avro() {
        return avro;
    }

    public List<String> partitionBy() {
        List<String> out = new ArrayList<>();
        Object p = avro.getObjectProp("bedflow.partition_by");
        if (p instanceof List<?> list) {
            list.forEach(o -> out.add(o.toString()));
        }
        return out;
    }

    public StructType sparkType() {
        return (StructType) SchemaConverters.toSqlType(avro).dataType();
    }

    public List<String> columns() {
        return avro.getFields().stream().map(Schema.Field::name).toList();
    }

    /** The frame's columns in schema order, cast to the schema's types; a missing column is an error. */
    public Dataset<Row> conform(Dataset<Row> rows) {
        List<Column> cols = new ArrayList<>();
        for (StructField f : sparkType().fields()) {
            cols.add(col(f.name()).cast(f.dataType()).as(f.name()));
        }
        return rows.select(cols.toArray(Column[]::new));
    }
}
