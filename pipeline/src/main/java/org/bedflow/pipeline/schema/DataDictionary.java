package org.bedflow.pipeline.schema;

import java.util.List;

import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/**
 * The data dictionary ({@code docs/data-dictionary.md}) generated from the Avro schemas:
 * every output table and every input feed, each column with its type and {@code doc}.
 * A test keeps the committed file in step with the schemas.
 */
public final class DataDictionary {

    private DataDictionary() {
    }

    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# bedflow data dictionary\n\n");
        md.append("Generated from the Avro schemas in `schemas/src/main/avro/` (the `doc` of every field); do not edit by hand.\n");
        md.append("Regenerate with `BEDFLOW_WRITE_DOCS=true ./mvnw -pl schemas,pipeline test -Dtest=DataDictionaryTest`.\n\n");
        md.append("Types: `date` is a Parquet DATE, `long` INT64, `double` DOUBLE; `?` marks a column that may be null.\n");
        md.append("Tables under `published/` have the same columns plus `suppressed` (boolean): true when disclosure control ")
                .append("suppressed any value of the row.\n\n");
        md.append("## Output tables\n\n");
        for (OutputTables t : OutputTables.values()) {
            Schema s = t.avro();
            md.append("### `").append(t.table()).append("`\n\n").append(s.getDoc()).append("\n\n");
            List<String> partitions = t.partitionBy();
            if (!partitions.isEmpty()) {
                md.append("Partitioned by ").append(String.join(", ", partitions.stream().map(p -> "`" + p + "`").toList()))
                        .append(" (Hive-style folders).\n\n");
            }
            fields(md, s);
        }
        md.append("## Input feeds\n\n");
        for (FeedSchema f : Feeds.all()) {
            Schema s = f.avro();
            md.append("### `").append(f.name()).append("/`\n\n").append(s.getDoc()).append("\n\n");
            md.append("Business key: ").append(String.join(", ", f.businessKey().stream().map(k -> "`" + k + "`").toList()))
                    .append(f.requiredFolder() ? ". Required." : ". Optional.").append("\n\n");
            fields(md, s);
        }
        return md.toString();
    }

    private static void fields(StringBuilder md, Schema s) {
        md.append("| column | type | description |\n|---|---|---|\n");
        for (Schema.Field f : s.getFields()) {
            md.append("| `").append(f.name()).append("` | ").append(type(f.schema())).append(" | ")
                    .append(f.doc() == null ? "" : f.doc().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        md.append('\n');
    }

    private static String type(Schema s) {
        if (s.getType() == Schema.Type.UNION) {
            Schema inner = s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
            return type(inner) + "?";
        }
        LogicalType lt = s.getLogicalType();
        if (lt != null) {
            return lt.getName().startsWith("timestamp") ? "timestamp" : lt.getName();
        }
        return s.getType().getName();
    }
}
