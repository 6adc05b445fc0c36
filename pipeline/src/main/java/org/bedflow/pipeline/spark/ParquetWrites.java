package org.bedflow.pipeline.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes a table as Parquet, replacing what was there, so that it can always be read
 * back — also when it has no rows. Spark writes no file at all for a frame whose partitions
 * are all empty (a night without rejects), and a folder with no Parquet file has no schema
 * for the next step or for a commissioner's DuckDB; then an empty file carrying the schema
 * is written.
 */
public final class ParquetWrites {

    private ParquetWrites() {
    }

    public static void overwrite(Dataset<Row> rows, String path) {
        overwrite(rows, path, List.of());
    }

    public static void overwrite(Dataset<Row> rows, String path, List<String> partitionBy) {
        // named in the Spark UI and event log after what is written (the call site would be this line for every table)
        var context = rows.sparkSession().sparkContext();
        String before = context.getLocalProperty("spark.job.description");
        context.setJobDescription("write " + shortName(path));
        try {
            write(rows, path, partitionBy);
        } finally {
            context.setJobDescription(before);
        }
    }

    /** The last two folders of a path: {@code classified/apc_admissions}, {@code 20240401T.../linked_spells}. */
    static String shortName(String path) {
        Path p = new Path(path);
        return p.getParent() == null ? p.getName() : p.getParent().getName() + "/" + p.getName();
    }

    private static void write(Dataset<Row> rows, String path, List<String> partitionBy) {
        DataFrameWriter<Row> writer = rows.write().mode(SaveMode.Overwrite);
        if (partitionBy != null && !partitionBy.isEmpty()) {
            writer = writer.partitionBy(partitionBy.toArray(String[]::new));
        }
        writer.parquet(path);
        if (!hasParquetFile(rows, path)) {
            // an empty local relation has no partitions, and for that Spark writes one file with the schema
            rows.sparkSession().createDataFrame(List.of(), rows.schema()).write().mode(SaveMode.Overwrite).parquet(path);
        }
    }

    static boolean hasParquetFile(Dataset<Row> rows, String path) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(rows.sparkSession().sparkContext().hadoopConfiguration());
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(p, true);
            while (files.hasNext()) {
                if (files.next().getPath().getName().endsWith(".parquet")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }
}
