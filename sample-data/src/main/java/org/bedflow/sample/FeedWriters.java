package org.bedflow.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The open extract files of one generation run, opened lazily on their first row and keyed by
 * their path relative to the output folder. Decides each file's format: the run's format, or
 * for the committed sample the format mix of {@link SampleLayout}.
 */
final class FeedWriters implements AutoCloseable {

    private final Path outDir;
    private final GeneratorOptions options;
    private final Map<String, Open<?>> open = new TreeMap<>();

    private record Open<T extends SpecificRecordBase>(String feed, String path, FileFormat format,
            RecordSink<T> sink) {
    }

    FeedWriters(Path outDir, GeneratorOptions options) {
        this.outDir = outDir;
        this.options = options;
    }

    /**
     * Writes one record to {@code feed/baseName.<ext>}.
     *
     * @param key an identifier of the file within the feed (provider or council code) used to
     *            pick the sample's format mix
     */
    <T extends SpecificRecordBase> void write(String feed, String key, String baseName, T record) {
        String id = feed + '/' + baseName;
        @SuppressWarnings("unchecked")
        Open<T> target = (Open<T>) open.get(id);
        try {
            if (target == null) {
                target = openFile(feed, key, baseName, record);
                open.put(id, target);
            }
            target.sink().write(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + id, e);
        }
    }

    private <T extends SpecificRecordBase> Open<T> openFile(String feed, String key, String baseName, T first)
            throws IOException {
        FileFormat format = options.sampleExtras() ? SampleLayout.formatOf(feed, key, options.format())
                : FileFormat.of(options.format());
        String relative = feed + '/' + baseName + '.' + format.extension();
        Path file = outDir.resolve(feed).resolve(baseName + '.' + format.extension());
        Files.createDirectories(file.getParent());
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) first.getClass();
        Schema schema = first.getSchema();
        RecordSink<T> sink = switch (format) {
            case CSV -> new CsvSink<>(file, schema, false);
            case CSV_GZ -> new CsvSink<>(file, schema, true);
            case AVRO -> new AvroSink<>(file, type, schema, syncMarker(relative));
            case PARQUET -> new ParquetSink<>(file, type, schema);
        };
        return new Open<>(feed, relative, format, sink);
    }

    private byte[] syncMarker(String relativePath) {
        return new Rng(options.seed() * 31 + relativePath.hashCode()).bytes16();
    }

    /** Closes every file and lists them in path order. */
    List<GenerationSummary.FileCount> finish() {
        List<GenerationSummary.FileCount> out = new ArrayList<>();
        IOException failure = null;
        for (Open<?> o : open.values()) {
            try {
                o.sink().close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            out.add(new GenerationSummary.FileCount(o.feed(), o.path(), o.format().extension(), o.sink().rows()));
        }
        open.clear();
        if (failure != null) {
            throw new UncheckedIOException("cannot close an extract file", failure);
        }
        out.sort((a, b) -> a.path().compareTo(b.path()));
        return out;
    }

    @Override
    public void close() {
        for (Open<?> o : open.values()) {
            try {
                o.sink().close();
            } catch (IOException | RuntimeException ignored) {
                // already failing: the first error is the one reported
            }
        }
        open.clear();
    }
}
