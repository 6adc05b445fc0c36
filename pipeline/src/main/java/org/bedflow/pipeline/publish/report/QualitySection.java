package org.bedflow.pipeline.publish.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.publish.report.RunReport.Count;
import org.bedflow.pipeline.publish.report.RunReport.FeedQuality;

/**
 * The data quality section of the run report, from the manifest alone: per feed its rows
 * by outcome, reasons (most rows first) and files, and the totals over every feed.
 */
final class QualitySection {

    private QualitySection() {
    }

    static List<FeedQuality> feeds(RunManifest m) {
        List<FeedQuality> out = new ArrayList<>();
        List<RunManifest.Input> inputs = m.inputs() == null ? List.of() : m.inputs();
        for (RunManifest.Feed f : m.feeds() == null ? List.<RunManifest.Feed>of() : m.feeds()) {
            List<RunManifest.Input> files = inputs.stream().filter(i -> f.feed().equals(i.feed())).toList();
            out.add(new FeedQuality(f.feed(), f.rowsRead(), f.accepted(), f.quarantined(), f.warnings(),
                    f.excludedSuperseded(), f.excludedOptOut(), 100 * f.errorRate(), 100 * f.threshold(),
                    f.thresholdBreached(), counts(f.errors()), counts(f.warningsByReason()),
                    f.unknownColumns() == null ? List.of() : f.unknownColumns(), files,
                    files.stream().allMatch(RunManifest.Input::balances)));
        }
        return out;
    }

    /** The files found in the feed folders and not read, with why: {@code feed}, {@code path}, {@code reason}. */
    static List<Map<String, Object>> skipped(RunManifest m) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RunManifest.Feed f : m.feeds() == null ? List.<RunManifest.Feed>of() : m.feeds()) {
            for (RunManifest.Skipped s : f.skippedFiles() == null ? List.<RunManifest.Skipped>of() : f.skippedFiles()) {
                out.add(Map.of("feed", f.feed(), "path", s.path(), "reason", s.reason()));
            }
        }
        return out;
    }

    /**
     * Per source of every feed: error and warning rates against the thresholds that applied
     * (and which setting they came from), warnings per field, fields never filled.
     */
    static List<Map<String, Object>> sources(RunManifest m) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RunManifest.Feed f : m.feeds() == null ? List.<RunManifest.Feed>of() : m.feeds()) {
            if (f.sources() == null) {
                continue;
            }
            for (RunManifest.Source s : f.sources()) {
                Map<String, Object> row = new HashMap<>();
                row.put("feed", f.feed());
                row.put("source", s.source());
                row.put("origin", s.origin());
                row.put("rowsRead", s.rowsRead());
                row.put("errorRatePct", 100 * s.errorRate());
                row.put("errorThresholdPct", 100 * s.errorThreshold());
                row.put("errorFrom", s.errorThresholdFrom());
                row.put("errorBreached", s.errorBreached());
                row.put("warningRatePct", 100 * s.warningRate());
                row.put("warningThresholdPct", 100 * s.warningThreshold());
                row.put("warningFrom", s.warningThresholdFrom());
                row.put("warningBreached", s.warningBreached());
                List<String> byField = new ArrayList<>();
                if (s.warningsByField() != null) {
                    s.warningsByField().forEach((k, v) -> byField.add(k + " " + v));
                }
                row.put("warningsByField", byField);
                row.put("neverFilled", s.neverFilled() == null ? List.of() : s.neverFilled());
                out.add(row);
            }
        }
        return out;
    }

    static Map<String, Long> totals(RunManifest m) {
        Map<String, Long> t = new HashMap<>();
        List<RunManifest.Feed> feeds = m.feeds() == null ? List.of() : m.feeds();
        t.put("rowsRead", feeds.stream().mapToLong(RunManifest.Feed::rowsRead).sum());
        t.put("accepted", feeds.stream().mapToLong(RunManifest.Feed::accepted).sum());
        t.put("quarantined", feeds.stream().mapToLong(RunManifest.Feed::quarantined).sum());
        t.put("warnings", feeds.stream().mapToLong(RunManifest.Feed::warnings).sum());
        t.put("excludedSuperseded", feeds.stream().mapToLong(RunManifest.Feed::excludedSuperseded).sum());
        t.put("excludedOptOut", feeds.stream().mapToLong(RunManifest.Feed::excludedOptOut).sum());
        t.put("files", (long) (m.inputs() == null ? 0 : m.inputs().size()));
        return t;
    }

    private static List<Count> counts(Map<String, Long> byReason) {
        if (byReason == null) {
            return List.of();
        }
        return byReason.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(Count::rows).reversed().thenComparing(Count::reason)).toList();
    }
}
