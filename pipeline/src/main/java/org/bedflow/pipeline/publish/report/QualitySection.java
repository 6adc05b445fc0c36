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
