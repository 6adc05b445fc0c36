package org.bedflow.pipeline.ingest;

import java.util.List;
import java.util.Map;

/**
 * What validation found: per file, the counts that prove every row is accounted for
 * ({@code rows_read = accepted + quarantined + excluded_superseded + excluded_opt_out});
 * per feed, the totals, the reasons, the error rate against the threshold; and the
 * breaches that stop the run.
 */
public record IngestReport(List<FileCounts> files, List<FeedCounts> feeds, List<String> breaches) {

    /** One extract file and what became of its rows. A warned row is accepted and counts in warnings too. */
    public record FileCounts(InputFile file, long rowsRead, long accepted, long quarantined, long warnings,
                             long excludedSuperseded, long excludedOptOut) {

        public boolean balances() {
            return rowsRead == accepted + quarantined + excludedSuperseded + excludedOptOut;
        }
    }

    /** One feed: totals over its files, quarantined rows by reason code, warnings by reason code. */
    public record FeedCounts(String feed, int files, long rowsRead, long accepted, long quarantined, long warnings,
                             long excludedSuperseded, long excludedOptOut, double errorRate, double threshold,
                             boolean thresholdBreached, Map<String, Long> errors, Map<String, Long> warningsByReason,
                             List<String> unknownColumns) {
    }
}
