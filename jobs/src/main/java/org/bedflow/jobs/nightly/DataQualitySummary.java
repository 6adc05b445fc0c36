package org.bedflow.jobs.nightly;

import java.io.PrintStream;
import java.util.Map;

import org.bedflow.pipeline.ingest.IngestReport;

/**
 * The data quality block printed after validation (and all that {@code bedflow validate}
 * without --output shows): per feed, rows read, accepted, quarantined by reason, warnings by
 * reason, excluded, and the error rate against the threshold.
 */
public final class DataQualitySummary {

    private DataQualitySummary() {
    }

    public static void print(PrintStream out, IngestReport report) {
        out.printf("  %-20s %10s %10s %11s %9s %11s %8s %9s%n", "feed", "read", "accepted", "quarantined", "warnings",
                "superseded", "opt-out", "error %");
        for (IngestReport.FeedCounts f : report.feeds()) {
            out.printf("  %-20s %,10d %,10d %,11d %,9d %,11d %,8d %8.2f%s%n", f.feed(), f.rowsRead(), f.accepted(),
                    f.quarantined(), f.warnings(), f.excludedSuperseded(), f.excludedOptOut(), 100 * f.errorRate(),
                    f.thresholdBreached() ? "  > threshold " + String.format("%.1f", 100 * f.threshold()) : "");
            reasons(out, "quarantined", f.errors());
            reasons(out, "warnings", f.warningsByReason());
            if (!f.unknownColumns().isEmpty()) {
                out.printf("  %-20s ignored columns: %s%n", "", String.join(", ", f.unknownColumns()));
            }
        }
        sources(out, report);
        out.flush();
    }

    /**
     * Per source (descriptor): its error rate and its warnings per field, each against the
     * threshold that applied and the setting it came from, and the fields indicators need
     * that it never fills.
     */
    static void sources(PrintStream out, IngestReport report) {
        if (report.sources().isEmpty()) {
            return;
        }
        out.println("  per source: error % and warning % against the threshold that applied");
        for (IngestReport.SourceCounts s : report.sources()) {
            out.printf("  %-20s source %s: %,d rows, error %.2f %% %s threshold %.1f %% (%s)%n", s.feed(), s.source(),
                    s.rowsRead(), 100 * s.errorRate(), s.errorBreached() ? ">" : "<=", 100 * s.errorThreshold(),
                    s.errorThresholdFrom());
            out.printf("  %-20s   warnings: max %.2f %% of rows for one field, threshold %.1f %% (%s)%n", "",
                    100 * s.maxWarningRate(), 100 * s.warningThreshold(), s.warningThresholdFrom());
            for (IngestReport.FieldWarnings w : s.warnings()) {
                out.printf("  %-20s     %s %s: %,d rows, %.2f %%%s%n", "", w.field(), w.code(), w.rows(), 100 * w.rate(),
                        w.breached() ? "  > threshold" : "");
            }
            for (IngestReport.Unfilled u : s.unfilled()) {
                out.printf("  %-20s   %s: %s never filled: %s%n", "", u.fatal() ? "ERROR" : "WARNING", u.fields(),
                        u.disables());
            }
        }
    }

    private static void reasons(PrintStream out, String label, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder();
        counts.forEach((code, n) -> b.append(b.isEmpty() ? "" : ", ").append(code).append(' ').append(String.format("%,d", n)));
        out.printf("  %-20s %s: %s%n", "", label, b);
    }
}
