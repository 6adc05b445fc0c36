package org.bedflow.jobs;

/** Exit codes of docs/operations.md: public contract for schedulers and scripts. */
public final class ExitCodes {
    public static final int OK = 0;
    /** the job failed; a one-line reason on stderr, the full cause in the log */
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** a feed's error rate passed its threshold, or a required feed is missing, empty or unreadable */
    public static final int DATA_QUALITY = 3;
    /** another execution for the same output folder is running */
    public static final int ALREADY_RUNNING = 4;

    private ExitCodes() {
    }
}
