package org.bedflow.pipeline.publish.changes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.spark.ParquetWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The changes of a completed run against the run it replaced, on Spark (any Hadoop file system). Keeps the run's
 * published aggregate figures in {@code runs/<run_id>/figures/<table>} (a few thousand rows, so that
 * {@code bedflow compare} works for any run whose folder is kept), reads the previous run's from the set this run
 * replaced ({@code .sets/previous/published/<table>}; where there are no sets, the latest earlier
 * {@code runs/<id>/figures}) and writes {@code runs/<run_id>/changes}.
 */
public final class RunChanges {

    private static final Logger log = LoggerFactory.getLogger(RunChanges.class);

    public static final String FIGURES = "figures";
    public static final String CHANGES = "changes";

    public static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("table", DataTypes.StringType, false),
            DataTypes.createStructField("unitary_area", DataTypes.StringType, true),
            DataTypes.createStructField("period_type", DataTypes.StringType, true),
            DataTypes.createStructField("period", DataTypes.StringType, true),
            DataTypes.createStructField("dimension", DataTypes.StringType, true),
            DataTypes.createStructField("category", DataTypes.StringType, true),
            DataTypes.createStructField("measure", DataTypes.StringType, false),
            DataTypes.createStructField("old_value", DataTypes.DoubleType, true),
            DataTypes.createStructField("new_value", DataTypes.DoubleType, true),
            DataTypes.createStructField("difference", DataTypes.DoubleType, true),
            DataTypes.createStructField("pct_change", DataTypes.DoubleType, true),
            DataTypes.createStructField("flag", DataTypes.StringType, false),
            DataTypes.createStructField("closed_period", DataTypes.BooleanType, false),
            DataTypes.createStructField("old_run_id", DataTypes.StringType, true),
            DataTypes.createStructField("new_run_id", DataTypes.StringType, true)});

    /**
     * What the run's comparison found.
     *
     * @param previousRunId the run compared with; null: the first run on this output folder
     * @param changes       the changed figures, in {@link Changes#ORDER}
     * @param path          where they were written, relative to the output folder (null when none was)
     */
    public record Result(String previousRunId, List<Changes.Change> changes, String path, Changes.Limits limits) {

        public RunManifest.ChangesSummary summary() {
            return previousRunId == null ? null
                    : new RunManifest.ChangesSummary(previousRunId, path, limits.minPct(), limits.minCount(),
                    Changes.counts(changes));
        }
    }

    private final SparkSession spark;
    private final FileSystem fs;
    private final Path root;

    public RunChanges(SparkSession spark, FileSystem fs, Path outputRoot) {
        this.spark = spark;
        this.fs = fs;
        this.root = outputRoot;
    }

    /**
     * Keeps the run's figures, compares them with the previous run's and writes the changes.
     *
     * @param runDate this run's date
     */
    public Result execute(String runId, LocalDate runDate, Changes.Limits limits) {
        keepFigures(runId);
        Optional<Changes.Figures> previous = previous(runId);
        if (previous.isEmpty()) {
            log.info("first run on this output folder: no earlier published figures to compare with");
            return new Result(null, List.of(), null, limits);
        }
        Changes.Figures now = figures(runId, runDate, figuresPath(runId));
        List<Changes.Change> changes = Changes.compare(previous.get(), now, limits);
        String rel = ManifestFiles.RUNS + "/" + runId + "/" + CHANGES;
        write(changes, new Path(root, rel));
        log.info("compared with run {}: {}", previous.get().runId(), Changes.counts(changes));
        return new Result(previous.get().runId(), changes, rel, limits);
    }

    /** Copies the published aggregate tables of the run into {@code runs/<run_id>/figures/<table>}, one file each. */
    void keepFigures(String runId) {
        for (String table : Changes.TABLES) {
            Path src = new Path(new Path(root, "published"), table);
            if (!exists(new Path(src, "_SUCCESS"))) {
                src = new Path(root, table);
                if (!exists(new Path(src, "_SUCCESS"))) {
                    continue;
                }
            }
            ParquetWrites.overwrite(spark.read().parquet(src.toString()).coalesce(1),
                    new Path(figuresPath(runId), table).toString());
        }
    }

    Path figuresPath(String runId) {
        return new Path(ManifestFiles.runDir(root, runId), FIGURES);
    }

    /**
     * The figures of the run this one replaced: the published tables of {@code .sets/previous} (their run_id
     * names the run that wrote them, also when a validate-only run carried them over), or, without sets, the
     * kept figures of the latest earlier run that has them.
     */
    Optional<Changes.Figures> previous(String runId) {
        Path set = new Path(new Path(root, ".sets"), "previous");
        if (exists(new Path(new Path(new Path(set, "published"), Changes.TABLES.get(0)), "_SUCCESS"))) {
            Changes.Figures f = figures(null, null, new Path(set, "published"));
            String id = f.tables().stream().flatMap(t -> t.rows().stream()).map(r -> r.get("run_id"))
                    .filter(java.util.Objects::nonNull).map(Object::toString).findFirst().orElse(null);
            if (id != null && !id.equals(runId)) {
                return Optional.of(new Changes.Figures(id, runDate(id), f.tables()));
            }
        }
        try {
            Path runs = new Path(root, ManifestFiles.RUNS);
            if (!fs.exists(runs)) {
                return Optional.empty();
            }
            String latest = null;
            for (FileStatus s : fs.listStatus(runs)) {
                String id = s.getPath().getName();
                if (id.compareTo(runId) < 0 && fs.exists(new Path(figuresPath(id), Changes.TABLES.get(0)))
                        && (latest == null || id.compareTo(latest) > 0)) {
                    latest = id;
                }
            }
            return latest == null ? Optional.empty()
                    : Optional.of(figures(latest, runDate(latest), figuresPath(latest)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run's date from its manifest, or null. */
    private LocalDate runDate(String runId) {
        Path m = new Path(ManifestFiles.runDir(root, runId), "manifest.json");
        if (!exists(m)) {
            return null;
        }
        try {
            return LocalDate.parse(ManifestFiles.read(fs, m).runDate());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The four tables under {@code dir} (those there are). */
    Changes.Figures figures(String runId, LocalDate runDate, Path dir) {
        List<Changes.Table> tables = new ArrayList<>();
        for (String name : Changes.TABLES) {
            Path p = new Path(dir, name);
            if (exists(p)) {
                tables.add(table(name, spark.read().parquet(p.toString())));
            }
        }
        return new Changes.Figures(runId, runDate, tables);
    }

    static Changes.Table table(String name, Dataset<Row> rows) {
        List<String> measures = new ArrayList<>();
        Set<String> counts = new LinkedHashSet<>();
        for (StructField f : rows.schema().fields()) {
            if (f.dataType() instanceof NumericType) {
                measures.add(f.name());
                if (f.dataType() instanceof LongType || f.dataType() instanceof IntegerType
                        || f.dataType() instanceof ShortType) {
                    counts.add(f.name());
                }
            }
        }
        String[] columns = rows.columns();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows.collectAsList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.length; i++) {
                m.put(columns[i], r.get(i));
            }
            out.add(m);
        }
        return new Changes.Table(name, measures, counts, out);
    }

    void write(List<Changes.Change> changes, Path path) {
        List<Row> rows = changes.stream().map(c -> RowFactory.create(c.table(), c.unitaryArea(), c.periodType(),
                c.period(), c.dimension(), c.category(), c.measure(), c.oldValue(), c.newValue(), c.difference(),
                c.pctChange(), c.flag(), c.closedPeriod(), c.oldRunId(), c.newRunId())).toList();
        ParquetWrites.overwrite(spark.createDataFrame(rows, SCHEMA).coalesce(1), path.toString());
    }

    private boolean exists(Path p) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
