package org.bedflow.pipeline.ingest.read;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import org.bedflow.pipeline.ingest.InputFile;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.RawColumns;

/**
 * One extract, two roles (docs/adding-a-feed.md, {@code also:}): the files a descriptor claims in
 * its own role's folder, read a second time as another role. A SUS+ spell file in
 * {@code apc_admissions/sus/} gives every spell as an admission and, read again as
 * {@code apc_discharges}, the finished spells as discharges: only the rows whose
 * {@code rows_with} column ({@code discharge_date}) is filled are that role's rows; the others
 * are not read for it at all, so the file's counts under the second role are
 * {@code rows read (rows with a discharge date) = accepted + quarantined + excluded}.
 *
 * <p>Also here: {@code submitted_at: file_name}, the timestamp a file without a submitted_at
 * column is stamped with (midnight UTC of the date in its name).
 */
final class AlsoRoleFiles {

    /** yyyy-MM-dd, yyyy_MM_dd or yyyyMMdd in a file name, not inside a longer run of digits */
    private static final Pattern NAME_DATE = Pattern.compile("(?<![0-9])(\\d{4})[-_]?(\\d{2})[-_]?(\\d{2})(?![0-9])");

    /** a file read as the second role, with the field whose column must be filled */
    private record Task(FileTask task, String rowsWith) {
    }

    private final List<Task> tasks;
    private final List<InputFile> inputs;
    private final Map<String, FeedDescriptor> sources;
    private final Map<String, String> stamps;

    private AlsoRoleFiles(List<Task> tasks, List<InputFile> inputs, Map<String, FeedDescriptor> sources,
                          Map<String, String> stamps) {
        this.tasks = tasks;
        this.inputs = inputs;
        this.sources = sources;
        this.stamps = stamps;
    }

    /** The files of other roles' folders that a descriptor also reads as {@code feed}. */
    static AlsoRoleFiles list(SparkSession spark, String inputDir, FeedSchema feed, FeedDescriptors descriptors,
                              Map<String, String> hadoopConf) {
        List<Task> tasks = new ArrayList<>();
        List<InputFile> inputs = new ArrayList<>();
        Map<String, FeedDescriptor> sources = new LinkedHashMap<>();
        Map<String, String> stamps = new LinkedHashMap<>();
        for (FeedDescriptor d : descriptors.all()) {
            if (!feed.name().equals(d.extras().alsoRole())) {
                continue;
            }
            FeedFolder listing = FeedFolder.list(spark, new Path(inputDir, d.role().name()));
            String root = listing.root();
            for (LocatedFileStatus status : listing.files()) {
                String inFolder = FeedFolder.relative(root, status.getPath().toUri().getPath());
                String rel = d.role().name() + "/" + inFolder;
                String format = FeedFolder.format(status.getPath(), rel);
                if (descriptors.claim(d.role(), inFolder, rel) != d) {
                    continue;
                }
                if (!format.startsWith("csv")) {
                    throw new FeedDescriptorException(d.origin() + ": " + rel + " is a " + format + " file; a descriptor "
                            + "with also: reads its files as a second role from CSV and CSV.gz files only");
                }
                FileHeaders.requireUtf8(listing.fs(), status.getPath(), format, rel);
                List<String> header = FileHeaders.csvHeader(listing.fs(), status.getPath(), format, rel);
                FeedDescriptor.Columns columns = d.resolveAs(feed, header, rel, true);
                tasks.add(new Task(new FileTask(status.getPath().toString(), rel, format, columns.columnOf(), header.size(),
                        columns.hiddenColumns(), hadoopConf), d.extras().alsoRowsWith()));
                String stamp = submittedAtStamp(d, feed, columns.columnOf(), rel);
                if (stamp != null) {
                    stamps.put(rel, stamp);
                }
                sources.put(d.source(), d);
                inputs.add(new InputFile(feed.name(), rel, format, status.getLen(),
                        FeedFolder.sha256(listing.fs(), status.getPath(), rel), columns.unknown(), d.source()));
            }
        }
        return new AlsoRoleFiles(tasks, inputs, sources, stamps);
    }

    boolean isEmpty() {
        return tasks.isEmpty();
    }

    List<InputFile> inputs() {
        return inputs;
    }

    Map<String, FeedDescriptor> sources() {
        return sources;
    }

    Map<String, String> stamps() {
        return stamps;
    }

    /** a malformed line of each file withheld (the feed has a secret field: docs/validation.md) */
    private static Map<String, CsvFileRecords.Extras> withheld(List<FileTask> files) {
        Map<String, CsvFileRecords.Extras> m = new LinkedHashMap<>();
        files.forEach(f -> m.put(f.path(), new CsvFileRecords.Extras(List.of(), null, true, CsvFileRecords.SECRET_FIELD)));
        return m;
    }

    /** The raw frames of the files, each keeping only the rows whose rows_with column is filled. */
    List<Dataset<Row>> frames(SparkSession spark, JavaSparkContext jsc, FeedSchema feed, StructType rawType) {
        Map<String, List<FileTask>> byField = new LinkedHashMap<>();
        tasks.forEach(t -> byField.computeIfAbsent(t.rowsWith(), k -> new ArrayList<>()).add(t.task()));
        List<Dataset<Row>> out = new ArrayList<>();
        byField.forEach((field, list) -> {
            JavaRDD<Row> rows = jsc.parallelize(list, list.size()).flatMap(new CsvFileRecords(feed.fields().size(),
                    FeedReader.hasSecretField(feed) ? withheld(list) : Map.<String, CsvFileRecords.Extras>of()));
            out.add(spark.createDataFrame(rows, rawType)
                    .filter(col(field).isNotNull().and(trim(col(field)).notEqual(lit("")))));
        });
        return out;
    }

    /**
     * The submitted_at of a file read with {@code submitted_at: file_name} that has no submitted_at column:
     * midnight of the date in its name, written in the descriptor's timestamp format; null when the file
     * has the column or the descriptor does not ask for it.
     *
     * @throws FeedDescriptorException when the name holds no date
     */
    static String submittedAtStamp(FeedDescriptor d, FeedSchema feed, int[] columnOf, String rel) {
        if (!d.extras().submittedAtFromFileName() || !feed.hasField("submitted_at")
                || columnOf[feed.fieldNames().indexOf("submitted_at")] >= 0) {
            return null;
        }
        LocalDate date = nameDate(rel.substring(rel.lastIndexOf('/') + 1));
        if (date == null) {
            throw new FeedDescriptorException(d.origin() + ": " + rel + " has no submitted_at column and no date in its "
                    + "name (yyyy-MM-dd or yyyyMMdd), which " + d.describe() + " takes as the extract's submitted_at "
                    + "(submitted_at: file_name); put the extract date in the file name, e.g. SUS_APCS_2025-04-01.csv");
        }
        return d.timestampFormat().formatTimestamp(date.atStartOfDay());
    }

    /** The last valid date in a file name ({@code SUS_APCS_2024-04_2025-03_extract_20250401.csv}: 2025-04-01). */
    static LocalDate nameDate(String name) {
        Matcher m = NAME_DATE.matcher(name);
        LocalDate last = null;
        while (m.find()) {
            try {
                last = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            } catch (DateTimeException e) {
                // not a date: look further
            }
        }
        return last;
    }

    /** submitted_at of the stamped files replaced by their stamp. */
    static Dataset<Row> stamp(Dataset<Row> all, Map<String, String> stamps) {
        Dataset<Row> out = all;
        for (Map.Entry<String, String> e : stamps.entrySet()) {
            out = out.withColumn("submitted_at", when(col(RawColumns.SOURCE_FILE).equalTo(lit(e.getKey())), lit(e.getValue()))
                    .otherwise(col("submitted_at")));
        }
        return out;
    }
}
