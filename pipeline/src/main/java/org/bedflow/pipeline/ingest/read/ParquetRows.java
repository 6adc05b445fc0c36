package org.bedflow.pipeline.ingest.read;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.url_decode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.FieldSpec;
import org.bedflow.pipeline.schema.RawColumns;

/**
 * Parquet files read through Spark's own reader into the raw shape of {@link RawColumns}:
 * every field as text, the file and row number from Spark's {@code _metadata} column.
 */
final class ParquetRows {

    private ParquetRows() {
    }

    /** Parquet files of one descriptor sharing one schema: read together by Spark. */
    record ParquetGroup(StructType schema, int[] columnOf, List<String> uris) {
    }

    /** Parquet files sharing one schema and descriptor, read by Spark into the raw shape: every field as text. */
    static Dataset<Row> read(SparkSession spark, FeedSchema feed, ParquetGroup group) {
        StructField[] sourceFields = group.schema().fields();
        Dataset<Row> df = spark.read().schema(group.schema()).parquet(group.uris().toArray(String[]::new));
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < feed.fields().size(); i++) {
            FieldSpec f = feed.fields().get(i);
            int at = group.columnOf()[i];
            StructField source = at < 0 ? null : sourceFields[at];
            Column c = source == null ? lit(null).cast("string") : asText(col("`" + source.name() + "`"), source.dataType());
            cols.add(c.as(f.name()));
        }
        // the path relative to the input folder, as CSV rows report it
        Column file = url_decode(col("_metadata.file_path"));
        cols.add(concat(lit(feed.name() + "/"), regexp_extract(file, ".*/" + Pattern.quote(feed.name()) + "/(.*)$", 1))
                .as(RawColumns.SOURCE_FILE));
        cols.add(col("_metadata.row_index").plus(1).as(RawColumns.RECORD_NUMBER));
        cols.add(lit(null).cast("string").as(RawColumns.MALFORMED));
        cols.add(lit(null).cast("string").as(RawColumns.RAW_LINE));
        return df.select(cols.toArray(Column[]::new));
    }

    private static Column asText(Column c, DataType type) {
        if (type.equals(DataTypes.DateType)) {
            return date_format(c, "yyyy-MM-dd");
        }
        if (type.equals(DataTypes.TimestampType) || type instanceof TimestampNTZType) {
            return date_format(c, "yyyy-MM-dd'T'HH:mm:ss");
        }
        return c.cast("string");
    }
}
