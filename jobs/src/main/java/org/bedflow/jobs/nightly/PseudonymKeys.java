package org.bedflow.jobs.nightly;

import org.bedflow.pipeline.link.PseudonymKey;

/**
 * Where a run's pseudonymisation key comes from: the environment (BEDFLOW_PSEUDONYM_KEY or
 * BEDFLOW_PSEUDONYM_KEY_FILE), or the fixed demo key for {@code demo} (which says so). The
 * key itself is never a job parameter: job parameters are stored in the job repository.
 */
public final class PseudonymKeys {

    /** non-identifying job parameter set by demo: this run may use the public demo key */
    public static final String PARAM_DEMO_KEY = "demo.key";

    private PseudonymKeys() {
    }

    public static PseudonymKey forRun(boolean demo) {
        if (demo) {
            return PseudonymKey.demo();
        }
        PseudonymKey key = PseudonymKey.fromEnvironment(System.getenv());
        if (key == null) {
            throw new IllegalStateException(missingMessage());
        }
        return key;
    }

    public static String missingMessage() {
        return "no pseudonymisation key: set " + PseudonymKey.ENV_KEY + " or " + PseudonymKey.ENV_KEY_FILE
                + " (person keys are HMAC-SHA256 of the NHS number under this key)";
    }
}
