package org.bedflow.jobs.nightly;

/** A feed's share of quarantined rows passed its threshold: the run stops with exit code 3. */
public class DataQualityException extends RuntimeException {

    public DataQualityException(String message) {
        super(message);
    }
}
