package org.bedflow.jobs.nightly;

import java.time.LocalDate;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.ingest.IngestStage;
import org.bedflow.pipeline.publish.TableStore;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.OutputTables;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;

/**
 * What one run works on, read from its job parameters and execution context. The run id
 * lives in the job's execution context so a restart keeps it (every row carries it).
 */
public record RunSettings(String input, String output, LocalDate runDate, String runId) {

    public static final String PARAM_RUN_DATE = "run.date";
    public static final String PARAM_INPUT = "input";
    public static final String PARAM_OUTPUT = "output";
    /** identifying only when the user asks for a deliberate re-run of a completed run date */
    public static final String PARAM_RERUN = "rerun";
    public static final String RUN_ID = "bedflow.run_id";

    public static RunSettings of(JobExecution job) {
        JobParameters p = job.getJobParameters();
        return new RunSettings(p.getString(PARAM_INPUT), p.getString(PARAM_OUTPUT),
                p.getLocalDate(PARAM_RUN_DATE), job.getExecutionContext().getString(RUN_ID));
    }

    /** Work files of this run (validated rows, intermediate tables), inside the staging area. */
    public String workDir(TableStore store) {
        return new Path(store.stagingPath(runId, "work").toString()).toString();
    }

    public String work(TableStore store, String name) {
        return new Path(store.stagingPath(runId, "work"), name).toString();
    }

    /**
     * A work table an earlier step of this run wrote. When it is gone — a later run on the
     * same output folder cleans up the staging of runs that did not finish — a restart
     * cannot resume here, and says what to do instead.
     */
    public Dataset<Row> readWork(SparkSession spark, TableStore store, String name) {
        requireWork(store, name);
        return spark.read().parquet(work(store, name));
    }

    /** An output table an earlier step of this run staged (linked_spells for measure, every table for publish). */
    public Dataset<Row> readStaged(TableStore store, OutputTables table) {
        if (!store.isStaged(runId, table.table())) {
            throw gone(table.table());
        }
        return store.readStaged(runId, table.table());
    }

    /** The accepted rows of a feed, as the validate step classified them. */
    public Dataset<Row> readAccepted(SparkSession spark, TableStore store, FeedSchema feed) {
        requireWork(store, IngestStage.classifiedName(feed));
        return IngestStage.accepted(spark, workDir(store), feed);
    }

    public void requireWork(TableStore store, String name) {
        if (!hasWork(store, name)) {
            throw gone(name);
        }
    }

    IllegalStateException gone(String name) {
        return new IllegalStateException("the work files of run " + runId + " (" + name + ") are gone, most likely "
                + "cleaned up by a later run on the same output folder; run this date again with: bedflow run --rerun "
                + "--input " + input + " --output " + output + " --run-date " + runDate);
    }

    public boolean hasWork(TableStore store, String name) {
        try {
            return store.fileSystem().exists(new Path(work(store, name), "_SUCCESS"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
