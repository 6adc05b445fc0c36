package org.bedflow.pipeline.schema;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The raw frame: what the readers hand to validation, whatever the file format. Every
 * feed field as a nullable string (empty CSV field = null; Avro/Parquet values rendered as
 * text, dates {@code yyyy-MM-dd}, timestamps ISO-8601), plus these lineage columns.
 */
public final class RawColumns {

    /** Path relative to the input folder, '/'-separated: {@code apc_admissions/rns_2024_05.csv}. */
    public static final String SOURCE_FILE = "_source_file";
    /** CSV: line where the record starts (header = line 1). Avro/Parquet: 1-based record index. */
    public static final String RECORD_NUMBER = "_record_number";
    /** Null for a well-formed record; else why the record could not be split into fields (MALFORMED_ROW). */
    public static final String MALFORMED = "_malformed";
    /** For malformed records only: the raw text of the record (masked before it reaches any output). */
    public static final String RAW_LINE = "_raw_line";

    private RawColumns() {
    }

    public static StructType rawType(FeedSchema feed) {
        List<StructField> out = new ArrayList<>();
        for (FieldSpec f : feed.fields()) {
            out.add(DataTypes.createStructField(f.name(), DataTypes.StringType, true));
        }
        out.add(DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false));
        out.add(DataTypes.createStructField(RECORD_NUMBER, DataTypes.LongType, false));
        out.add(DataTypes.createStructField(MALFORMED, DataTypes.StringType, true));
        out.add(DataTypes.createStructField(RAW_LINE, DataTypes.StringType, true));
        return DataTypes.createStructType(out);
    }
}
