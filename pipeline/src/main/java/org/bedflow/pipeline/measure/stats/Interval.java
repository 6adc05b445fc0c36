package org.bedflow.pipeline.measure.stats;

/** A 95 % confidence interval; both ends null when it cannot be calculated. */
public record Interval(Double lower, Double upper) {

    public static final Interval NONE = new Interval(null, null);

    public Interval scale(double factor) {
        return lower == null ? this : new Interval(lower * factor, upper * factor);
    }
}
