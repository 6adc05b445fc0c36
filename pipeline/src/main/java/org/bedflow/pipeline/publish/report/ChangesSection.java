package org.bedflow.pipeline.publish.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bedflow.pipeline.publish.changes.Changes;
import org.bedflow.pipeline.publish.changes.RunChanges;

/**
 * The report's "What changed since the last run": the changed figures per flag, then the revisions (figures
 * beyond both limits), closed periods first, largest first, at most {@link #MAX_ROWS}.
 */
public final class ChangesSection {

    public static final int MAX_ROWS = 50;

    /**
     * The section's model.
     *
     * @param previousRunId the run compared with; null: the first run on this folder (or {@code unavailable})
     * @param unavailable   why the comparison could not be made, or null
     * @param more          revisions beyond the {@link #MAX_ROWS} listed
     */
    public record View(String previousRunId, String unavailable, List<Count> counts, List<Line> revisions, int more,
                       String path, String minPct, long minCount) {
    }

    public record Count(String flag, long figures) {
    }

    /** One revised figure, as printed. */
    public record Line(boolean closed, String table, String area, String period, String what, String measure,
                       String oldValue, String newValue, String difference, String pctChange) {
    }

    private ChangesSection() {
    }

    public static View of(RunChanges.Result result) {
        String pct = fmt(result.limits().minPct());
        if (result.previousRunId() == null) {
            return new View(null, null, List.of(), List.of(), 0, null, pct, result.limits().minCount());
        }
        List<Count> counts = Changes.counts(result.changes()).entrySet().stream()
                .map((Map.Entry<String, Long> e) -> new Count(e.getKey(), e.getValue())).toList();
        List<Changes.Change> revised = result.changes().stream().filter(c -> Changes.REVISED.equals(c.flag()))
                .sorted(Changes.ORDER).toList();
        List<Line> lines = revised.stream().limit(MAX_ROWS).map(c -> new Line(c.closedPeriod(), c.table(),
                c.unitaryArea(), c.period(), c.dimension() == null ? "" : c.dimension() + " " + c.category(),
                c.measure(), fmt(c.oldValue()), fmt(c.newValue()), signed(c.difference()),
                c.pctChange() == null ? "from 0" : signed(c.pctChange()) + " %")).toList();
        return new View(result.previousRunId(), null, counts, lines, Math.max(0, revised.size() - MAX_ROWS),
                result.path(), pct, result.limits().minCount());
    }

    /** The comparison failed: the section says so. */
    public static View unavailable(String why) {
        return new View(null, why, List.of(), List.of(), 0, null, null, 0);
    }

    static String fmt(Double v) {
        if (v == null) {
            return "–";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.UK, "%,d", v.longValue());
        }
        return String.format(Locale.UK, "%,.2f", v);
    }

    private static String signed(Double v) {
        return v == null ? "–" : (v > 0 ? "+" : "") + fmt(v);
    }
}
