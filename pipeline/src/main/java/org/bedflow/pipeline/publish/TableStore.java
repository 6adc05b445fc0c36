package org.bedflow.pipeline.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.bedflow.pipeline.schema.columns.LinkedSpellsColumns;
import org.bedflow.pipeline.spark.ParquetWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output folder. Each table is written whole into {@code .staging/<run_id>/<table>}
 * and only then swapped in place of {@code <table>}, so a reader never sees a
 * half-written table (docs/architecture.md, "Publishing").
 * The previous version is parked in {@code .trash/} during the swap; if a crash happens
 * between the two renames, the next {@link #recover()} puts it back.
 */
public final class TableStore {

    private static final Logger log = LoggerFactory.getLogger(TableStore.class);
    static final String STAGING = ".staging";
    static final String TRASH = ".trash";

    private final SparkSession spark;
    private final FileSystem fs;
    private final Path root;

    public TableStore(SparkSession spark, String outputDir) {
        this(spark, outputDir, fileSystem(spark, outputDir));
    }

    /** The output folder on a given file system (tests give one that fails where a crash is to be shown). */
    public TableStore(SparkSession spark, String outputDir, FileSystem fs) {
        this.spark = spark;
        this.root = new Path(outputDir);
        this.fs = fs;
        try {
            fs.mkdirs(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open output folder " + outputDir, e);
        }
    }

    private static FileSystem fileSystem(SparkSession spark, String outputDir) {
        try {
            return new Path(outputDir).getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open output folder " + outputDir, e);
        }
    }

    public Path root() {
        return root;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    public Path tablePath(String table) {
        return new Path(root, table);
    }

    public Path stagingPath(String runId, String table) {
        return new Path(new Path(new Path(root, STAGING), runId), table);
    }

    /**
     * Writes {@code rows} to the staging area of this run; nothing visible changes yet. One
     * file per partition folder (one task per partition value), or one file in all for an
     * unpartitioned table, rather than many small ones.
     */
    public void stage(Dataset<Row> rows, String runId, String table, List<String> partitionBy) {
        Dataset<Row> ordered = partitionBy == null || partitionBy.isEmpty() ? rows.coalesce(1)
                : rows.repartition(partitionBy.stream().map(functions::col).toArray(Column[]::new));
        ParquetWrites.overwrite(ordered, stagingPath(runId, table).toString(), partitionBy);
    }

    /** The rows this run staged for {@code table}. */
    public Dataset<Row> readStaged(String runId, String table) {
        return spark.read().parquet(stagingPath(runId, table).toString());
    }

    /** The live table. */
    public Dataset<Row> read(String table) {
        return spark.read().parquet(tablePath(table).toString());
    }

    /**
     * Whether the live {@code table} is this run's, swapped in by an earlier attempt of it
     * (every output row carries its run_id; an empty table counts as the run's when it has no
     * staged copy left).
     */
    public boolean isPublishedBy(String runId, String table) {
        try {
            if (!fs.exists(new Path(tablePath(table), "_SUCCESS"))) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // run_id is a column of every output table
        List<Row> first = read(table).select(LinkedSpellsColumns.RUN_ID).limit(1).collectAsList();
        return first.isEmpty() || runId.equals(first.get(0).getString(0));
    }

    /** Whether this run has staged {@code table} completely (Spark's _SUCCESS marker). */
    public boolean isStaged(String runId, String table) {
        try {
            return fs.exists(new Path(stagingPath(runId, table), "_SUCCESS"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Swaps the staged table in. Idempotent: a table already swapped by this run is left alone. */
    public void publish(String runId, String table) {
        Path staged = stagingPath(runId, table);
        Path live = tablePath(table);
        Path parked = new Path(new Path(root, TRASH), parkedName(table, runId));
        try {
            if (!fs.exists(staged)) {
                if (fs.exists(live)) {
                    return; // already published by an earlier attempt of this run
                }
                throw new IllegalStateException("table " + table + " was never staged by run " + runId);
            }
            fs.mkdirs(parked.getParent());
            if (fs.exists(parked)) {
                fs.delete(parked, true);
            }
            fs.mkdirs(live.getParent());
            if (fs.exists(live) && !fs.rename(live, parked)) {
                throw new IOException("could not move " + live + " aside");
            }
            if (!fs.rename(staged, live)) {
                fs.rename(parked, live);
                throw new IOException("could not move " + staged + " to " + live);
            }
            fs.delete(parked, true);
        } catch (IOException e) {
            throw new UncheckedIOException("publishing table " + table + " failed", e);
        }
    }

    /**
     * Repairs what a crash can leave: a table parked in .trash with no live table is put
     * back; staging folders of other runs are removed.
     */
    public void recover(String currentRunId) {
        try {
            Path trash = new Path(root, TRASH);
            if (fs.exists(trash)) {
                for (FileStatus parked : fs.listStatus(trash)) {
                    String name = parked.getPath().getName();
                    int at = name.indexOf('@');
                    String table = (at > 0 ? name.substring(0, at) : name).replace("__", "/");
                    Path live = tablePath(table);
                    if (!fs.exists(live)) {
                        log.warn("restoring table {} left aside by an interrupted run", table);
                        fs.mkdirs(live.getParent());
                        if (!fs.rename(parked.getPath(), live)) {
                            throw new IOException("could not restore " + parked.getPath() + " to " + live);
                        }
                    } else {
                        fs.delete(parked.getPath(), true);
                    }
                }
            }
            Path staging = new Path(root, STAGING);
            if (fs.exists(staging)) {
                for (FileStatus run : fs.listStatus(staging)) {
                    if (!run.getPath().getName().equals(currentRunId)) {
                        log.info("removing staging folder of an earlier interrupted run: {}", run.getPath().getName());
                        fs.delete(run.getPath(), true);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tidy output folder " + root, e);
        }
    }

    /** flat name of a table parked during its swap: published/x -> published__x@run */
    static String parkedName(String table, String runId) {
        return table.replace("/", "__") + "@" + runId;
    }

    /**
     * Keeps {@code rows} in the run's own folder, {@code runs/<run_id>/<name>}, outside the
     * tables: the rejects of a run stopped by a breached threshold, for the analyst.
     */
    public void keepInRunFolder(String runId, String name, Dataset<Row> rows, List<String> partitionBy) {
        ParquetWrites.overwrite(rows, new Path(ManifestFiles.runDir(root, runId), name).toString(), partitionBy);
    }

    /** Removes this run's staging folder (work files included) once the run is over. */
    public void dropStaging(String runId) {
        try {
            fs.delete(new Path(new Path(root, STAGING), runId), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
