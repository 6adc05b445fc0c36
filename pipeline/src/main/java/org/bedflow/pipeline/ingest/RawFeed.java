package org.bedflow.pipeline.ingest;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.schema.FeedSchema;

/**
 * Every record of every file of one feed folder, in the raw shape of
 * {@link org.bedflow.pipeline.schema.RawColumns}, with what was learnt about each file.
 * An absent optional feed is a RawFeed with no files and an empty frame.
 */
public record RawFeed(FeedSchema feed, Dataset<Row> rows, List<InputFile> files) {
}
