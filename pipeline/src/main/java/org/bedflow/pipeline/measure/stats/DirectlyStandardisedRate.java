package org.bedflow.pipeline.measure.stats;

import java.util.List;

/**
 * Directly standardised rate per 100,000 with Dobson limits (docs/indicators.md): with standard
 * population weights w_i, events O_i and population n_i per age band,
 * DSR = 100000 · Σ(w_i·O_i/n_i) / Σw_i; var = (100000/Σw)² · Σ(w_i²·O_i/n_i²);
 * limits DSR + √(var/O) · (O_low/high − O), O_low/high Byar's limits of O = ΣO_i.
 * Not calculated (null) when O &lt; 10, or when a band has events but no population.
 * This is the method of the PHE/OHID technical guide and Fingertips.
 */
public final class DirectlyStandardisedRate {

    public static final double PER = 100000.0;
    public static final long MIN_EVENTS = 10;

    private DirectlyStandardisedRate() {
    }

    /** One age band: standard weight, events, population. */
    public record Band(double weight, long events, double population) {
    }

    public static Estimate of(List<Band> bands) {
        long o = 0;
        double sumW = 0;
        double weighted = 0;
        double variance = 0;
        for (Band b : bands) {
            o += b.events();
            sumW += b.weight();
            if (b.population() <= 0) {
                if (b.events() > 0) {
                    return Estimate.NONE;
                }
                continue;
            }
            weighted += b.weight() * b.events() / b.population();
            variance += b.weight() * b.weight() * b.events() / (b.population() * b.population());
        }
        if (o < MIN_EVENTS || sumW <= 0) {
            return Estimate.NONE;
        }
        double dsr = PER * weighted / sumW;
        double var = Math.pow(PER / sumW, 2) * variance;
        Interval oLimits = PublicHealthStatistics.byar(o);
        double k = Math.sqrt(var / o);
        return new Estimate(dsr, new Interval(dsr + k * (oLimits.lower() - o), dsr + k * (oLimits.upper() - o)));
    }
}
