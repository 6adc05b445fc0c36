package org.bedflow.pipeline.run;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.publish.TableStore;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.spark.ParquetWrites;
import org.bedflow.pipeline.spark.PrivateFolders;
import org.bedflow.pipeline.spark.WorkTables;

/**
 * The run's work area, {@code <output>/.staging/<run_id>/}: the only writer of a run's work
 * files ({@code work/<name>}: the classified feeds, pseudonymised care events, ...) and of
 * its staged output tables ({@code <table>}, written by the step that computes them,
 * partitioned as published, for publish to swap in). It outlives a failed execution, so a
 * restart resumes from what earlier steps left, and goes when the run completes: work files
 * hold NHS numbers. They are readable by owner and group only (folders 0770, files 0660, set
 * explicitly).
 *
 * <p>A later run on the same output folder removes the staging area of a run that did not
 * finish; a restart of that run then cannot resume, and every read here says so and what to
 * do instead.
 */
public final class WorkArea implements WorkTables {

    static final String WORK = "work";

    private final SparkSession spark;
    private final TableStore store;
    private final RunContext run;

    WorkArea(SparkSession spark, TableStore store, RunContext run) {
        this.spark = spark;
        this.store = store;
        this.run = run;
    }

    public TableStore store() {
        return store;
    }

    @Override
    public void write(String name, Dataset<Row> rows) {
        ownerAndGroupFolders();
        ParquetWrites.overwrite(rows, path(name));
        // set explicitly, whatever umask the session's file system was given
        PrivateFolders.ownerAndGroupOnly(store.fileSystem(), new Path(path(name)));
    }

    /** .staging, .staging/<run_id> and its work folder: owner and group only, so nothing below is open to others. */
    private void ownerAndGroupFolders() {
        Path work = store.stagingPath(run.runId(), WORK);
        try {
            for (Path folder : new Path[] {work.getParent().getParent(), work.getParent(), work}) {
                store.fileSystem().mkdirs(folder);
                PrivateFolders.ownerAndGroupOnly(store.fileSystem(), folder, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the work folder of run " + run.runId(), e);
        }
    }

    @Override
    public Dataset<Row> read(String name) {
        if (!has(name)) {
            throw gone(name);
        }
        return spark.read().parquet(path(name));
    }

    /** Whether an earlier step of this run wrote {@code name} completely. */
    public boolean has(String name) {
        try {
            return store.fileSystem().exists(new Path(path(name), "_SUCCESS"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stages {@code rows} as {@code table} (or a copy of it, {@code published/<table>}) for publish to swap in. */
    public void stage(String table, Dataset<Row> rows, OutputTables shape) {
        store.stage(rows, run.runId(), table, shape.partitionBy());
    }

    public void stage(OutputTables table, Dataset<Row> rows) {
        stage(table.table(), rows, table);
    }

    /**
     * Keeps {@code rows} in the run's own folder, {@code runs/<run_id>/<table>}, where no
     * publish swaps it in: the rejects of a run stopped by a breached threshold, for the analyst.
     */
    public void keepInRunFolder(OutputTables table, Dataset<Row> rows) {
        store.keepInRunFolder(run.runId(), table.table(), rows, table.partitionBy());
    }

    public boolean isStaged(String table) {
        return store.isStaged(run.runId(), table);
    }

    /** A table an earlier step of this run staged: linked_spells for measure, every table for publish. */
    public Dataset<Row> readStaged(String table) {
        if (!isStaged(table)) {
            throw gone(table);
        }
        return store.readStaged(run.runId(), table);
    }

    public Dataset<Row> readStaged(OutputTables table) {
        return readStaged(table.table());
    }

    String path(String name) {
        return new Path(store.stagingPath(run.runId(), WORK), name).toString();
    }

    IllegalStateException gone(String name) {
        return new IllegalStateException("the work files of run " + run.runId() + " (" + name + ") are gone, most likely "
                + "cleaned up by a later run on the same output folder; run this date again with: " + run.rerunCommand());
    }
}
