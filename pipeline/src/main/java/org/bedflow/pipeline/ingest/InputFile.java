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
 * @param unknownColumns columns present in the file that no field is read from (ignored, reported once)
 * @param source         id of the feed descriptor the file belongs to (the feed's name for its built-in descriptor)
 */
public record InputFile(String feed, String path, String format, long bytes, String sha256,
                        List<String> unknownColumns, String source) implements Serializable {

    /** A file of the feed's built-in descriptor. */
    public InputFile(String feed, String path, String format, long bytes, String sha256, List<String> unknownColumns) {
        this(feed, path, format, bytes, sha256, unknownColumns, feed);
    }
}
