package org.bedflow.pipeline.ingest;

import java.util.List;
import java.util.Map;

/**
 * What validation found: per file, the counts that prove every row is accounted for
 * ({@code rows_read = accepted + quarantined + excluded_superseded + excluded_opt_out});
 * per feed, the totals, the reasons, the error rate against the threshold; and the
 * breaches that stop the run; the files found in the feed folders and not read, with why.
 */
public record IngestReport(List<FileCounts> files, List<FeedCounts> feeds, List<String> breaches,
                           List<SourceCounts> sources, List<SkippedFile> skipped) {

    public IngestReport(List<FileCounts> files, List<FeedCounts> feeds, List<String> breaches) {
        this(files, feeds, breaches, List.of());
    }

    public IngestReport(List<FileCounts> files, List<FeedCounts> feeds, List<String> breaches,
                        List<SourceCounts> sources) {
        this(files, feeds, breaches, sources, List.of());
    }

    /**
     * One source (descriptor) of a feed: its error rate against the reject threshold that
     * applied, its warnings per field against the warning threshold that applied, and the
     * fields that indicators need which it never fills ({@link FieldCoverage}).
     *
     * @param errorThresholdFrom   which setting the reject threshold came from (the source's, the
     *                             descriptor's, the role's, or the global one)
     * @param warningThresholdFrom which setting the warning threshold came from
     */
    public record SourceCounts(String feed, String source, String origin, long rowsRead, long quarantined,
                               double errorRate, double errorThreshold, String errorThresholdFrom,
                               boolean errorBreached, List<FieldWarnings> warnings, double warningThreshold,
                               String warningThresholdFrom, List<Unfilled> unfilled) {

        /** The largest share of rows with a warning of one field (0 when none). */
        public double maxWarningRate() {
            return warnings.stream().mapToDouble(FieldWarnings::rate).max().orElse(0);
        }
    }

    /** The rows of a source with a warning of one reason code on one field, and their share of its rows read. */
    public record FieldWarnings(String field, String code, long rows, double rate, boolean breached) {
    }

    /** Fields the source never fills (any one would do), what that disables, and whether it stops the run. */
    public record Unfilled(String fields, String disables, boolean fatal) {
    }

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
