package org.bedflow.pipeline.ingest;

import java.io.Serializable;
import java.util.List;

/**
 * One extract file as found on disk.
 *
 * @param feed           feed name
 * @param path           path relative to the input folder, '/'-separated
 * @param format         csv, csv.gz, avro or parquet
 * @param bytes          size on disk
 * @param sha256         hex SHA-256 of the file's bytes
 * @param unknownColumns columns present in the file but not in the feed's schema (ignored, reported once)
 */
public record InputFile(String feed, String path, String format, long bytes, String sha256,
                        List<String> unknownColumns) implements Serializable {
}
