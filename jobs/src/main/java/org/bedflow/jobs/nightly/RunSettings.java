package org.bedflow.jobs.nightly;

import java.time.LocalDate;

import org.apache.hadoop.fs.Path;
import org.bedflow.pipeline.publish.TableStore;
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
}
