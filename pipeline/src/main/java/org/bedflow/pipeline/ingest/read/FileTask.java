package org.bedflow.pipeline.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One extract file to be read on an executor: where it is, its format, and which of its
 * columns holds each feed field. Carries the session's {@code spark.hadoop.*} settings so
 * that an executor opens the file the way the driver did (local disk, HDFS, S3, ...).
 *
 * @param uri          fully qualified file URI
 * @param path         path relative to the input folder, '/'-separated (reported in rejects)
 * @param format       csv, csv.gz, avro or parquet
 * @param columnOf     for each feed field (in schema order), its position in the file's header, or -1 when absent
 * @param headerSize   number of columns in the file's header (CSV)
 * @param hiddenColumns header positions whose values must never be shown (council person ids, postcodes)
 * @param readerSchema  Avro: the reader schema for this file as JSON (the feed's schema with the
 *                      aliases of its descriptor's column mapping); null: the feed's own schema
 */
public record FileTask(String uri, String path, String format, int[] columnOf, int headerSize,
                       int[] hiddenColumns, Map<String, String> hadoopConf, String readerSchema) implements Serializable {

    public FileTask(String uri, String path, String format, int[] columnOf, int headerSize, int[] hiddenColumns,
                    Map<String, String> hadoopConf) {
        this(uri, path, format, columnOf, headerSize, hiddenColumns, hadoopConf, null);
    }

    public InputStream open() throws IOException {
        Configuration conf = new Configuration();
        hadoopConf.forEach(conf::set);
        Path p = new Path(uri);
        FileSystem fs = p.getFileSystem(conf);
        InputStream in = fs.open(p);
        return format.equals("csv.gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
