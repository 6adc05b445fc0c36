package org.bedflow.jobs.nightly;

/**
 * The job parameters and execution-context keys of a run. The run date, input and output
 * folders identify a run; the run id lives in the job's execution context so a restart keeps
 * it (every output row carries it).
 */
public final class RunParameters {

    public static final String PARAM_RUN_DATE = "run.date";
    public static final String PARAM_INPUT = "input";
    public static final String PARAM_OUTPUT = "output";
    /** identifying only when the user asks for a deliberate re-run of a completed run date */
    public static final String PARAM_RERUN = "rerun";
    public static final String RUN_ID = "bedflow.run_id";

    private RunParameters() {
    }
}
