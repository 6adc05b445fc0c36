package org.bedflow.pipeline.run;

import java.time.LocalDate;

import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.publish.TableStore;

/**
 * One run: its id (kept across restarts, written on every output row), run date, input
 * and output folders and settings. The input, output and run date identify a run; the run
 * id names its staging area and its {@code runs/<run_id>/} folder.
 */
public record RunContext(String runId, LocalDate runDate, String input, String output, RunConfig config) {

    /** The output folder, opened on the session's file system. */
    public TableStore store(SparkSession spark) {
        return new TableStore(spark, output);
    }

    /** This run's work area in the output folder's staging area. */
    public WorkArea workArea(SparkSession spark) {
        return new WorkArea(spark, store(spark), this);
    }

    /** What to do when this run's work files are gone: run the date again on purpose. */
    String rerunCommand() {
        return "bedflow run --rerun --input " + input + " --output " + output + " --run-date " + runDate;
    }
}
