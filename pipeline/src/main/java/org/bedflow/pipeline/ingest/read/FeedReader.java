package org.bedflow.pipeline.ingest.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.descriptor.FeedDescriptor;
import org.bedflow.pipeline.descriptor.FeedDescriptorException;
import org.bedflow.pipeline.descriptor.FeedDescriptors;
import org.bedflow.pipeline.schema.FeedInputException;
import org.bedflow.pipeline.ingest.InputFile;
import org.bedflow.pipeline.ingest.RawFeed;
import org.bedflow.pipeline.ingest.SkippedFile;
import org.bedflow.pipeline.ingest.read.ParquetRows.ParquetGroup;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.FieldSpec;
import org.bedflow.pipeline.schema.RawColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Reads every extract file of one feed folder ({@code <input>/<feed>/}, sub-folders
 * included; names starting with '.' or '_' are not read but listed, with why, in
 * {@link RawFeed#skipped()}; a CSV file that is not valid UTF-8 is refused) into the raw frame of
 * {@link RawColumns}: CSV, gzipped CSV, Avro and Parquet in any mix. Each file is read as
 * the feed descriptor that claims it says (its column mapping: which source column holds
 * which field). The checks that fail a whole run happen here, before any row is looked at,
 * each naming the folder or file (and the descriptor): a required folder missing or empty,
 * a file of another format or claimed by no descriptor or by two, a header (or schema)
 * without a required or a mapped column. Columns no field is read from are ignored and
 * reported.
 *
 * <p>CSV and Avro files are parsed by executors, one task per file; Parquet files through
 * Spark's own reader, with the file and row index from its {@code _metadata} column.
 *
 * <p>This class plans the reading and puts the frames together: the files are found by
 * {@link FeedFolder}, their columns read by {@link FileHeaders}, Parquet files read by
 * {@link ParquetRows}.
 */
public final class FeedReader {

    private static final Logger log = LoggerFactory.getLogger(FeedReader.class);

    private FeedReader() {
    }

    /** Reads a feed folder with the feed's built-in descriptor (docs/validation.md, "The input folder"). */
    public static RawFeed read(SparkSession spark, String inputDir, FeedSchema feed) {
        return read(spark, inputDir, feed, FeedDescriptors.builtIn());
    }

    /**
     * Reads a feed folder; each file with the descriptor that claims it (its column mapping;
     * formats and value mappings are applied by validation).
     *
     * @throws FeedInputException naming the folder or file (and the descriptor) when it cannot be read
     */
    public static RawFeed read(SparkSession spark, String inputDir, FeedSchema feed, FeedDescriptors descriptors) {
        Path folder = new Path(inputDir, feed.name());
        FeedFolder listing = FeedFolder.list(spark, folder);
        FileSystem fs = listing.fs();
        List<LocatedFileStatus> files = listing.files();
        List<SkippedFile> skipped = new ArrayList<>();
        for (String[] s : listing.skipped()) {
            SkippedFile f = new SkippedFile(feed.name(), feed.name() + "/" + s[0], s[1]);
            log.warn("{}: {} {}", feed.name(), f.path(), f.reason());
            skipped.add(f);
        }
        // files of another role's folder whose descriptor reads them as this role too (also:)
        AlsoRoleFiles also = AlsoRoleFiles.list(spark, inputDir, feed, descriptors, hadoopSettings(spark));
        if (files.isEmpty() && also.isEmpty()) {
            if (feed.requiredFolder()) {
                throw new FeedInputException("required feed folder " + feed.name() + "/ is missing or empty in " + inputDir
                        + (skipped.isEmpty() ? "" : "; it holds only files that are not read: " + String.join("; ",
                        skipped.stream().map(f -> f.path() + " (" + f.reason() + ")").toList())));
            }
            return new RawFeed(feed, spark.createDataFrame(List.of(), RawColumns.rawType(feed)), List.of(), Map.of(),
                    skipped);
        }

        String root = listing.root();
        Map<String, String> hadoopConf = hadoopSettings(spark);
        List<InputFile> inputs = new ArrayList<>(also.inputs());
        Map<String, FeedDescriptor> sources = new LinkedHashMap<>(also.sources());
        Map<String, String> stamps = new LinkedHashMap<>(also.stamps());
        List<FileTask> textTasks = new ArrayList<>();
        Map<String, CsvFileRecords.Extras> csvExtras = new LinkedHashMap<>();
        List<FileTask> avroTasks = new ArrayList<>();
        Map<String, ParquetGroup> parquetGroups = new LinkedHashMap<>();
        for (LocatedFileStatus status : files) {
            String uri = status.getPath().toString();
            String inFolder = FeedFolder.relative(root, status.getPath().toUri().getPath());
            String rel = feed.name() + "/" + inFolder;
            String format = FeedFolder.format(status.getPath(), rel);
            FeedDescriptor descriptor = descriptors.claim(feed, inFolder, rel);
            if (!descriptor.formats().contains(format)) {
                throw new FeedDescriptorException(descriptor.origin() + ": " + rel + " is a " + format + " file, but "
                        + descriptor.describe() + " reads only " + String.join(", ", descriptor.formats()));
            }
            sources.put(descriptor.source(), descriptor);
            FeedDescriptor.Columns columns;
            switch (format) {
                case "csv", "csv.gz" -> {
                    FileHeaders.requireUtf8(fs, status.getPath(), format, rel);
                    List<String> header = FileHeaders.csvHeader(fs, status.getPath(), format, rel);
                    columns = descriptor.resolve(header, rel);
                    List<int[]> derived = descriptor.derivedColumns(header, rel);
                    // never_show columns, or a secret field (person_id): a malformed line is withheld, since blanking
                    // by position shows the value of a row shifted by an unquoted comma (docs/validation.md)
                    boolean secret = hasSecretField(feed);
                    if (!derived.isEmpty() || !descriptor.neverShow().isEmpty() || secret) {
                        csvExtras.put(rel, new CsvFileRecords.Extras(derived, descriptor.dateFormat(),
                                !descriptor.neverShow().isEmpty() || secret,
                                descriptor.neverShow().isEmpty() ? CsvFileRecords.SECRET_FIELD : null));
                    }
                    textTasks.add(new FileTask(uri, rel, format, columns.columnOf(), header.size(),
                            columns.hiddenColumns(), hadoopConf));
                }
                case "avro" -> {
                    Schema writer = FileHeaders.avroWriterSchema(fs, status.getPath(), rel);
                    List<String> names = writer.getFields().stream().map(Schema.Field::name).toList();
                    columns = descriptor.resolve(names, rel, false);
                    Schema reader = descriptor.avroReaderSchema(writer, columns.columnOf());
                    FileHeaders.requireReadable(reader, writer, feed, rel);
                    avroTasks.add(new FileTask(uri, rel, format, columns.columnOf(), names.size(),
                            columns.hiddenColumns(), hadoopConf, reader == feed.avro() ? null : reader.toString()));
                }
                default -> {
                    StructType schema = FileHeaders.parquetSchema(spark, fs, status.getPath(), rel);
                    columns = descriptor.resolve(List.of(schema.fieldNames()), rel);
                    FeedDescriptor.Columns c = columns;
                    parquetGroups.computeIfAbsent(schema.json() + "|" + descriptor.source(),
                            k -> new ParquetGroup(schema, c.columnOf(), new ArrayList<>())).uris().add(uri);
                }
            }
            String stamp = AlsoRoleFiles.submittedAtStamp(descriptor, feed, columns.columnOf(), rel);
            if (stamp != null) {
                stamps.put(rel, stamp);
            }
            inputs.add(new InputFile(feed.name(), rel, format, status.getLen(),
                    FeedFolder.sha256(fs, status.getPath(), rel), columns.unknown(), descriptor.source()));
        }

        StructType rawType = RawColumns.rawType(feed);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Dataset<Row>> parts = new ArrayList<>();
        if (!textTasks.isEmpty()) {
            JavaRDD<Row> rows = jsc.parallelize(textTasks, textTasks.size())
                    .flatMap(new CsvFileRecords(feed.fields().size(), csvExtras));
            parts.add(spark.createDataFrame(rows, rawType));
        }
        if (!avroTasks.isEmpty()) {
            JavaRDD<Row> rows = jsc.parallelize(avroTasks, avroTasks.size())
                    .flatMap(new AvroFileRecords(feed.avro(), feed.fields()));
            parts.add(spark.createDataFrame(rows, rawType));
        }
        parquetGroups.values().forEach(g -> parts.add(ParquetRows.read(spark, feed, g)));
        also.frames(spark, jsc, feed, rawType).forEach(parts::add);
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionByName(parts.get(i));
        }
        all = AlsoRoleFiles.stamp(all, stamps);
        return new RawFeed(feed, all, inputs, sources, skipped);
    }

    /** whether the feed has a field that is never shown (the council person id) */
    static boolean hasSecretField(FeedSchema feed) {
        return feed.fields().stream().anyMatch(FieldSpec::secret);
    }

    /** The session's spark.hadoop.* settings, for executors opening files themselves. */
    private static Map<String, String> hadoopSettings(SparkSession spark) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Tuple2<String, String> kv : spark.sparkContext().getConf().getAll()) {
            if (kv._1().startsWith("spark.hadoop.")) {
                out.put(kv._1().substring("spark.hadoop.".length()), kv._2());
            }
        }
        return out;
    }

    /** Header names match case-insensitively and ignore surrounding spaces (docs/validation.md); a BOM is ignored. */
    static String headerKey(String name) {
        return FeedDescriptor.headerKey(name);
    }
}
