package org.bedflow.pipeline.ingest.read;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.url_decode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.hadoop.Footer;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat$;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.bedflow.pipeline.descriptor.FeedDescriptor;
import org.bedflow.pipeline.descriptor.FeedDescriptorException;
import org.bedflow.pipeline.descriptor.FeedDescriptors;
import org.bedflow.pipeline.schema.FeedInputException;
import org.bedflow.pipeline.ingest.InputFile;
import org.bedflow.pipeline.ingest.RawFeed;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.FieldSpec;
import org.bedflow.pipeline.schema.RawColumns;
import scala.Tuple2;

/**
 * Reads every extract file of one feed folder ({@code <input>/<feed>/}, sub-folders
 * included; names starting with '.' or '_' are skipped) into the raw frame of
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
 */
public final class FeedReader {

    private static final Pattern FORMATS = Pattern.compile("(?i).*\\.(csv|csv\\.gz|avro|parquet)$");

    private FeedReader() {
    }

    /** Reads a feed folder with the feed's built-in descriptor (feeds.md's layout). */
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
        FileSystem fs;
        List<LocatedFileStatus> files = new ArrayList<>();
        try {
            fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.isDirectory(folder)) {
                RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder, true);
                while (it.hasNext()) {
                    LocatedFileStatus f = it.next();
                    String name = f.getPath().getName();
                    if (!name.startsWith(".") && !name.startsWith("_")) {
                        files.add(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new FeedInputException("cannot list feed folder " + folder + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            if (feed.requiredFolder()) {
                throw new FeedInputException("required feed folder " + feed.name() + "/ is missing or empty in " + inputDir);
            }
            return new RawFeed(feed, spark.createDataFrame(List.of(), RawColumns.rawType(feed)), List.of());
        }
        files.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));

        String root = fs.makeQualified(folder).toUri().getPath();
        Map<String, String> hadoopConf = hadoopSettings(spark);
        List<InputFile> inputs = new ArrayList<>();
        Map<String, FeedDescriptor> sources = new LinkedHashMap<>();
        List<FileTask> textTasks = new ArrayList<>();
        List<FileTask> avroTasks = new ArrayList<>();
        Map<String, ParquetGroup> parquetGroups = new LinkedHashMap<>();
        for (LocatedFileStatus status : files) {
            String uri = status.getPath().toString();
            String inFolder = relative(root, status.getPath().toUri().getPath());
            String rel = feed.name() + "/" + inFolder;
            var m = FORMATS.matcher(status.getPath().getName());
            if (!m.matches()) {
                throw new FeedInputException(rel + " is not a CSV, CSV.gz, Avro or Parquet file (by its name); "
                        + "move it out of the feed folder");
            }
            String format = m.group(1).toLowerCase(Locale.ROOT);
            FeedDescriptor descriptor = descriptors.claim(feed, inFolder, rel);
            if (!descriptor.formats().contains(format)) {
                throw new FeedDescriptorException(descriptor.origin() + ": " + rel + " is a " + format + " file, but "
                        + descriptor.describe() + " reads only " + String.join(", ", descriptor.formats()));
            }
            sources.put(descriptor.source(), descriptor);
            FeedDescriptor.Columns columns;
            switch (format) {
                case "csv", "csv.gz" -> {
                    List<String> header = csvHeader(fs, status.getPath(), format, rel);
                    columns = descriptor.resolve(header, rel);
                    textTasks.add(new FileTask(uri, rel, format, columns.columnOf(), header.size(),
                            columns.hiddenColumns(), hadoopConf));
                }
                case "avro" -> {
                    Schema writer = avroWriterSchema(fs, status.getPath(), rel);
                    List<String> names = writer.getFields().stream().map(Schema.Field::name).toList();
                    columns = descriptor.resolve(names, rel, false);
                    Schema reader = descriptor.avroReaderSchema(writer, columns.columnOf());
                    requireReadable(reader, writer, feed, rel);
                    avroTasks.add(new FileTask(uri, rel, format, columns.columnOf(), names.size(),
                            columns.hiddenColumns(), hadoopConf, reader == feed.avro() ? null : reader.toString()));
                }
                default -> {
                    StructType schema = parquetSchema(spark, fs, status.getPath(), rel);
                    columns = descriptor.resolve(List.of(schema.fieldNames()), rel);
                    FeedDescriptor.Columns c = columns;
                    parquetGroups.computeIfAbsent(schema.json() + "|" + descriptor.source(),
                            k -> new ParquetGroup(schema, c.columnOf(), new ArrayList<>())).uris().add(uri);
                }
            }
            inputs.add(new InputFile(feed.name(), rel, format, status.getLen(), sha256(fs, status.getPath(), rel),
                    columns.unknown(), descriptor.source()));
        }

        StructType rawType = RawColumns.rawType(feed);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Dataset<Row>> parts = new ArrayList<>();
        if (!textTasks.isEmpty()) {
            JavaRDD<Row> rows = jsc.parallelize(textTasks, textTasks.size())
                    .flatMap(new CsvFileRecords(feed.fields().size()));
            parts.add(spark.createDataFrame(rows, rawType));
        }
        if (!avroTasks.isEmpty()) {
            JavaRDD<Row> rows = jsc.parallelize(avroTasks, avroTasks.size())
                    .flatMap(new AvroFileRecords(feed.avro(), feed.fields()));
            parts.add(spark.createDataFrame(rows, rawType));
        }
        parquetGroups.values().forEach(g -> parts.add(parquet(spark, feed, g)));
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionByName(parts.get(i));
        }
        return new RawFeed(feed, all, inputs, sources);
    }

    /** Parquet files of one descriptor sharing one schema: read together by Spark. */
    private record ParquetGroup(StructType schema, int[] columnOf, List<String> uris) {
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

    private static String relative(String root, String path) {
        String r = root.endsWith("/") ? root : root + "/";
        return path.startsWith(r) ? path.substring(r.length()) : new Path(path).getName();
    }

    /** Header names match case-insensitively and ignore surrounding spaces (feeds.md); a BOM is ignored. */
    static String headerKey(String name) {
        return FeedDescriptor.headerKey(name);
    }

    private static List<String> csvHeader(FileSystem fs, Path path, String format, String rel) {
        try (InputStream raw = fs.open(path);
             InputStream in = format.equals("csv.gz") ? new java.util.zip.GZIPInputStream(raw) : raw;
             Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
             CSVParser parser = CsvFileRecords.FORMAT.parse(r)) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                throw new FeedInputException(rel + " is empty: a CSV extract needs a header row");
            }
            List<String> header = List.of(it.next().values());
            return header;
        } catch (IOException | RuntimeException e) {
            if (e instanceof FeedInputException f) {
                throw f;
            }
            throw new FeedInputException(rel + " cannot be read as CSV: " + e.getMessage(), e);
        }
    }

    private static Schema avroWriterSchema(FileSystem fs, Path path, String rel) {
        try (InputStream in = fs.open(path);
             DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
            return stream.getSchema();
        } catch (IOException e) {
            throw new FeedInputException(rel + " cannot be read as Avro: " + e.getMessage(), e);
        }
    }

    /** Avro's schema resolution rules (feeds.md): older writers with fewer optional fields, newer with extra ones. */
    private static void requireReadable(Schema reader, Schema writer, FeedSchema feed, String rel) {
        var compat = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compat.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new FeedInputException(rel + ": its Avro schema cannot be read as the " + feed.name()
                    + " schema: " + compat.getResult().getIncompatibilities().stream()
                    .map(i -> i.getMessage() + " at " + i.getLocation()).toList());
        }
    }

    /**
     * The file's schema as Spark reads it, from its footer on the driver: what
     * {@code spark.read().parquet(uri).schema()} gives, without a Spark job per file.
     */
    private static StructType parquetSchema(SparkSession spark, FileSystem fs, Path path, String rel) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, fs.getConf()))) {
            return ParquetFileFormat$.MODULE$.readSchemaFromFooter(new Footer(path, reader.getFooter()),
                    new ParquetToSparkSchemaConverter(spark.sessionState().conf()));
        } catch (IOException | RuntimeException e) {
            throw new FeedInputException(rel + " cannot be read as Parquet: " + e.getMessage(), e);
        }
    }

    /** Parquet files sharing one schema and descriptor, read by Spark into the raw shape: every field as text. */
    private static Dataset<Row> parquet(SparkSession spark, FeedSchema feed, ParquetGroup group) {
        StructField[] sourceFields = group.schema().fields();
        Dataset<Row> df = spark.read().schema(group.schema()).parquet(group.uris().toArray(String[]::new));
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < feed.fields().size(); i++) {
            FieldSpec f = feed.fields().get(i);
            int at = group.columnOf()[i];
            StructField source = at < 0 ? null : sourceFields[at];
            Column c = source == null ? lit(null).cast("string") : asText(col("`" + source.name() + "`"), source.dataType());
            cols.add(c.as(f.name()));
        }
        // the path relative to the input folder, as CSV rows report it
        Column file = url_decode(col("_metadata.file_path"));
        cols.add(concat(lit(feed.name() + "/"), regexp_extract(file, ".*/" + Pattern.quote(feed.name()) + "/(.*)$", 1))
                .as(RawColumns.SOURCE_FILE));
        cols.add(col("_metadata.row_index").plus(1).as(RawColumns.RECORD_NUMBER));
        cols.add(lit(null).cast("string").as(RawColumns.MALFORMED));
        cols.add(lit(null).cast("string").as(RawColumns.RAW_LINE));
        return df.select(cols.toArray(Column[]::new));
    }

    private static Column asText(Column c, DataType type) {
        if (type.equals(DataTypes.DateType)) {
            return date_format(c, "yyyy-MM-dd");
        }
        if (type.equals(DataTypes.TimestampType) || type instanceof TimestampNTZType) {
            return date_format(c, "yyyy-MM-dd'T'HH:mm:ss");
        }
        return c.cast("string");
    }

    private static String sha256(FileSystem fs, Path path, String rel) {
        try (InputStream in = new DigestInputStream(fs.open(path), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // reading is hashing
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new FeedInputException(rel + " cannot be read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
