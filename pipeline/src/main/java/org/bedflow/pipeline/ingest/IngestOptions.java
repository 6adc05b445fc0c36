package org.bedflow.pipeline.ingest;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * What validation needs to know about the run.
 *
 * @param runDate            dates after it are FUTURE_DATE
 * @param runId              written on every rejects row
 * @param defaultThreshold   share of a feed's rows that may be quarantined before the run fails (0.05)
 * @param thresholds         per-feed thresholds overriding the default
 * @param mappedDelayReasons delay reason codes of the configured mapping; others give an
 *                           UNMAPPED_CODE warning (null: not checked)
 * @param defaultWarningThreshold share of a source's rows that may carry a warning of one field for a value its
 *                           descriptor could map (UNMAPPED_CODE, UNKNOWN_CODE) before the run fails (0.05)
 * @param warningThresholds  per source id or feed role, overriding the default warning threshold
 */
public record IngestOptions(LocalDate runDate, String runId, double defaultThreshold, Map<String, Double> thresholds,
                            Set<String> mappedDelayReasons, double defaultWarningThreshold,
                            Map<String, Double> warningThresholds) {

    /** The default share of a source's rows with a warning of one field: 5 %. */
    public static final double DEFAULT_WARNING_THRESHOLD = 0.05;

    public IngestOptions(LocalDate runDate, String runId, double defaultThreshold, Map<String, Double> thresholds,
                         Set<String> mappedDelayReasons) {
        this(runDate, runId, defaultThreshold, thresholds, mappedDelayReasons, DEFAULT_WARNING_THRESHOLD, Map.of());
    }

    public IngestOptions(LocalDate runDate, String runId, double defaultThreshold, Map<String, Double> thresholds) {
        this(runDate, runId, defaultThreshold, thresholds, null);
    }

    public double threshold(String feed) {
        return thresholds == null ? defaultThreshold : thresholds.getOrDefault(feed, defaultThreshold);
    }
}
