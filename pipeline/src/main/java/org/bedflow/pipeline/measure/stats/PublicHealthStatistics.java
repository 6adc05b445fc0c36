package org.bedflow.pipeline.measure.stats;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The statistical methods of docs/indicators.md, as used by English public health (the Public
 * Health England / OHID "Technical Guide: Confidence Intervals" and the Fingertips
 * methods): Byar's and exact Poisson limits for counts, Wilson score limits for
 * proportions. 95 %, z = 1.959964. χ² quantiles come from Apache Commons Statistics.
 */
public final class PublicHealthStatistics {

    public static final double Z = 1.959964;

    private PublicHealthStatistics() {
    }

    /** Byar's approximation to the Poisson limits of a count O (O >= 1 for the lower limit; O = 0 gives 0). */
    public static Interval byar(long o) {
        double lower = o == 0 ? 0.0 : o * Math.pow(1 - 1.0 / (9 * o) - Z / (3 * Math.sqrt(o)), 3);
        double o1 = o + 1.0;
        double upper = o1 * Math.pow(1 - 1.0 / (9 * o1) + Z / (3 * Math.sqrt(o1)), 3);
        return new Interval(lower, upper);
    }

    /** Exact Poisson limits of a count: χ²(0.025; 2O)/2 and χ²(0.975; 2O+2)/2; O = 0 has lower 0. */
    public static Interval exactPoisson(long o) {
        double lower = o == 0 ? 0.0 : ChiSquaredDistribution.of(2.0 * o).inverseCumulativeProbability(0.025) / 2;
        double upper = ChiSquaredDistribution.of(2.0 * o + 2).inverseCumulativeProbability(0.975) / 2;
        return new Interval(lower, upper);
    }

    /** Limits of a count for crude rates: Byar for O >= 10, exact Poisson below (docs/indicators.md). */
    public static Interval countLimits(long o) {
        return o >= 10 ? byar(o) : exactPoisson(o);
    }

    /**
     * A crude rate per {@code perHead} (e.g. 100000) with limits; null value and limits
     * when the denominator is 0.
     */
    public static Estimate crudeRate(long events, double population, double perHead) {
        if (population <= 0) {
            return Estimate.NONE;
        }
        double factor = perHead / population;
        return new Estimate(events * factor, countLimits(events).scale(factor));
    }

    /** Wilson score limits for x/n, as percentages; null when n = 0. */
    public static Interval wilsonPercent(long x, long n) {
        if (n <= 0) {
            return Interval.NONE;
        }
        double z2 = Z * Z;
        double centre = 2.0 * x + z2;
        double spread = Z * Math.sqrt(z2 + 4.0 * x * (1 - (double) x / n));
        double denominator = 2.0 * (n + z2);
        return new Interval(Math.max(0, (centre - spread) / denominator * 100), Math.min(100, (centre + spread) / denominator * 100));
    }

    public static Estimate percent(long x, long n) {
        if (n <= 0) {
            return Estimate.NONE;
        }
        return new Estimate(100.0 * x / n, wilsonPercent(x, n));
    }
}
