package org.bedflow.pipeline.ingest;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.descriptor.FeedDescriptor;
import org.bedflow.pipeline.descriptor.FeedDescriptors;
import org.bedflow.pipeline.schema.FeedSchema;

/**
 * Every record of every file of one feed folder, in the raw shape of
 * {@link org.bedflow.pipeline.schema.RawColumns}, with what was learnt about each file.
 * An absent optional feed is a RawFeed with no files and an empty frame.
 *
 * @param sources the descriptors the files belong to, by source id ({@link InputFile#source()})
 * @param skipped the files found in the feed folder and not read, with why
 */
public record RawFeed(FeedSchema feed, Dataset<Row> rows, List<InputFile> files, Map<String, FeedDescriptor> sources,
                      List<SkippedFile> skipped) {

    public RawFeed(FeedSchema feed, Dataset<Row> rows, List<InputFile> files, Map<String, FeedDescriptor> sources) {
        this(feed, rows, files, sources, List.of());
    }

    /** Files read with the feed's built-in descriptor. */
    public RawFeed(FeedSchema feed, Dataset<Row> rows, List<InputFile> files) {
        this(feed, rows, files, Map.of(), List.of());
    }

    /** The descriptor of one of the files, by its source id; the built-in one when not given. */
    public FeedDescriptor descriptor(String source) {
        FeedDescriptor d = sources.get(source);
        if (d != null) {
            return d;
        }
        return FeedDescriptors.builtIn().bySource(source).filter(b -> b.role() == feed)
                .orElseThrow(() -> new IllegalArgumentException("no descriptor " + source + " for feed " + feed.name()));
    }
}
