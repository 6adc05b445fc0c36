package org.bedflow.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table with no rows (a night without rejects) can still be read back, with its columns. */
class ParquetWritesTest {

    @TempDir
    Path dir;

    final SparkSession spark = SharedSpark.session();
    final StructType type = new StructType().add("feed", DataTypes.StringType).add("n", DataTypes.LongType);

    /** rows read from Parquet and all filtered out: partitions exist, every one of them empty */
    private Dataset<Row> emptyButPartitioned() {
        String source = dir.resolve("source").toString();
        spark.createDataFrame(List.of(RowFactory.create("a", 1L), RowFactory.create("b", 2L)), type)
                .repartition(2).write().parquet(source);
        return spark.read().parquet(source).filter("n > 10");
    }

    @Test
    void an_empty_table_is_written_with_its_schema() {
        String target = dir.resolve("t").toString();
        ParquetWrites.overwrite(emptyButPartitioned(), target);
        Dataset<Row> back = spark.read().parquet(target);
        assertThat(back.count()).isZero();
        assertThat(back.schema().fieldNames()).containsExactly("feed", "n");
    }

    @Test
    void an_empty_partitioned_table_too() {
        String target = dir.resolve("p").toString();
        ParquetWrites.overwrite(emptyButPartitioned(), target, List.of("feed"));
        Dataset<Row> back = spark.read().parquet(target);
        assertThat(back.count()).isZero();
        assertThat(back.schema().fieldNames()).containsExactlyInAnyOrder("feed", "n");
    }

    @Test
    void rows_are_written_as_usual() {
        String target = dir.resolve("r").toString();
        ParquetWrites.overwrite(spark.createDataFrame(List.of(RowFactory.create("a", 1L)), type), target, List.of("feed"));
        assertThat(spark.read().parquet(target).count()).isEqualTo(1);
        assertThat(dir.resolve("r/feed=a")).isDirectory();
    }
}
