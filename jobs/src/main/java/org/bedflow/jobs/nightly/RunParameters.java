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
    /**
     * not identifying: the output folder is a temporary one that goes when the command ends
     * ({@code validate} without --output), so no path in it is printed or listed
     */
    public static final String PARAM_TEMPORARY_OUTPUT = "output.temporary";

    /** Whether the execution's output folder was a temporary one, gone when its command ended. */
    public static boolean temporaryOutput(org.springframework.batch.core.JobParameters p) {
        return "true".equals(p.getString(PARAM_TEMPORARY_OUTPUT));
    }

    private RunParameters() {
    }
}
