package org.bedflow.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/** Test helper: reads extract files of any format as rows of text, the way the pipeline sees them. */
final class FeedFiles {

    private static final GenericData MODEL = new GenericData();

    static {
        MODEL.addLogicalTypeConversion(new TimeConversions.DateConversion());
        MODEL.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    }

    private FeedFiles() {
    }

    /** Files of a feed folder in name order, optionally without the hand-made zz_ files. */
    static List<Path> files(Path dir, String feed, boolean withBadRows) {
        Path folder = dir.resolve(feed);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> withBadRows || !p.getFileName().toString().startsWith("zz_"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, String>> readFeed(Path dir, String feed) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Path f : files(dir, feed, false)) {
            forEachRow(f, rows::add);
        }
        return rows;
    }

    static void forEachRow(Path file, Consumer<Map<String, String>> consumer) {
        String name = file.getFileName().toString();
        try {
            if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
                csv(file, name.endsWith(".gz"), consumer);
            } else if (name.endsWith(".avro")) {
                avro(file, consumer);
            } else if (name.endsWith(".parquet")) {
                parquet(file, consumer);
            } else {
                throw new IllegalArgumentException("unknown file type " + file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, String>> read(Path file) {
        List<Map<String, String>> rows = new ArrayList<>();
        forEachRow(file, rows::add);
        return rows;
    }

    private static void csv(Path file, boolean gzip, Consumer<Map<String, String>> consumer) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (gzip) {
            in = new GZIPInputStream(in);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(reader)) {
            List<String> header = parser.getHeaderNames();
            for (CSVRecord r : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    String v = r.get(i);
                    row.put(header.get(i), v.isEmpty() ? null : v);
                }
                consumer.accept(row);
            }
        }
    }

    private static void avro(Path file, Consumer<Map<String, String>> consumer) throws IOException {
        DatumReader<GenericRecord> datum = new GenericDatumReader<>(null, null, MODEL);
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), datum)) {
            for (GenericRecord r : reader) {
                consumer.accept(render(r));
            }
        }
    }

    private static void parquet(Path file, Consumer<Map<String, String>> consumer) throws IOException {
        try (ParquetReader<GenericRecord> reader = AvroParquetReader
                .<GenericRecord>builder(new LocalInputFile(file), new PlainParquetConfiguration())
                .withDataModel(MODEL).build()) {
            GenericRecord r;
            while ((r = reader.read()) != null) {
                consumer.accept(render(r));
            }
        }
    }

    private static Map<String, String> render(GenericRecord r) {
        Map<String, String> row = new LinkedHashMap<>();
        for (Schema.Field f : r.getSchema().getFields()) {
            Object v = r.get(f.pos());
            row.put(f.name(), v == null ? null : TextValues.render(v instanceof CharSequence ? v.toString() : v));
        }
        return row;
    }
}
