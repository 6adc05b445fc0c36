package org.bedflow.pipeline.measure.stats;

/** A value with its 95 % limits; all null when not calculated. */
public record Estimate(Double value, Interval limits) {

    public static final Estimate NONE = new Estimate(null, Interval.NONE);

    public Double lower() {
        return limits.lower();
    }

    public Double upper() {
        return limits.upper();
    }
}
