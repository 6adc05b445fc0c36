package org.bedflow.pipeline.testing;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.schema.FeedSchema;

/**
 * Tiny typed frames for spec-style tests: rows given as maps of column -> value, with
 * dates as "yyyy-MM-dd" strings; columns not given are null.
 */
public final class Frames {

    private Frames() {
    }

    @SafeVarargs
    public static Dataset<Row> of(StructType schema, Map<String, Object>... rows) {
        return of(schema, List.of(rows));
    }

    public static Dataset<Row> of(StructType schema, List<Map<String, Object>> rows) {
        List<Row> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            for (String k : r.keySet()) {
                if (!List.of(schema.fieldNames()).contains(k)) {
                    throw new IllegalArgumentException("no column " + k + " in " + schema.simpleString());
                }
            }
            Object[] values = new Object[schema.fields().length];
            for (int i = 0; i < values.length; i++) {
                StructField f = schema.fields()[i];
                values[i] = convert(r.get(f.name()), f);
            }
            out.add(RowFactory.create(values));
        }
        return SharedSpark.session().createDataFrame(out, schema);
    }

    /** A validated feed frame: the feed's typed columns plus the lineage columns. */
    public static Dataset<Row> feed(FeedSchema feed, List<Map<String, Object>> rows) {
        StructType t = feed.sparkType()
                .add("_source_file", DataTypes.StringType, true)
                .add("_record_number", DataTypes.LongType, true);
        return of(t, rows);
    }

    private static Object convert(Object v, StructField f) {
        if (v == null) {
            return null;
        }
        if (f.dataType().equals(DataTypes.DateType)) {
            return Date.valueOf(v instanceof LocalDate d ? d : LocalDate.parse(v.toString()));
        }
        if (f.dataType().equals(DataTypes.TimestampType)) {
            return Timestamp.valueOf(v instanceof LocalDateTime t ? t : LocalDateTime.parse(v.toString()));
        }
        if (f.dataType().equals(DataTypes.LongType) && v instanceof Integer i) {
            return i.longValue();
        }
        return v;
    }

    /** A map from alternating keys and values; later keys override earlier ones. */
    public static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.putAll(row(kv));
        return m;
    }
}
