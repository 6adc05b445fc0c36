package org.bedflow.pipeline.publish.changes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed since the last run (docs/operations.md, "What changed since the last run"): every
 * published figure of one run against the same figure of another. A figure is one numeric column
 * ({@code measure}) of one row of a published aggregate table, the row named by its unitary area,
 * period ({@code month}; {@code period_type} + {@code period}; {@code snapshot_date}) and, in
 * delayed_discharge_breakdown, {@code dimension} + {@code category} (in indicators: dimension
 * {@code indicator}, category the indicator id). Unchanged figures are left out.
 *
 * <p>A change is {@code revised} when it is beyond both limits: more than {@link Limits#minPct()} %
 * (any change from 0 is) and at least {@link Limits#minCount()} in the count. The count is the
 * absolute difference of a count measure (an integer column); for a rate, percentage, mean or
 * median it is the difference of the row's numerator column ({@link #NUMERATORS}) when it has one
 * and both runs published it, otherwise the % limit alone decides. Below either limit a change is
 * {@code changed}. Plain Java over small row lists: the tables hold a few thousand rows.
 */
public final class Changes {

    public static final String REVISED = "revised";
    public static final String CHANGED = "changed";
    public static final String NEW = "new";
    public static final String GONE = "gone";
    public static final String SUPPRESSED_NOW = "suppressed_now";
    public static final String UNSUPPRESSED_NOW = "unsuppressed_now";
    /** Flags in the order they are listed. */
    public static final List<String> FLAGS = List.of(REVISED, SUPPRESSED_NOW, UNSUPPRESSED_NOW, CHANGED, NEW, GONE);

    /** The four published aggregate tables compared. */
    public static final List<String> TABLES = List.of("delayed_discharge_monthly", "delayed_discharge_breakdown",
            "indicators", "inpatient_snapshot");

    /**
     * Per table, the numerator column of a non-count measure: the count whose difference the count limit is
     * applied to (indicators: {@code numerator} for value and its interval).
     */
    public static final Map<String, Map<String, String>> NUMERATORS = Map.of(
            "delayed_discharge_monthly", Map.of(
                    "pct_drd_recorded", "discharges_with_drd",
                    "pct_discharged_on_drd", "discharged_on_drd",
                    "pct_delayed", "delayed_discharges",
                    "pct_delayed_7plus_days", "delayed_7plus_days",
                    "pct_discharged_to_usual_residence", "discharged_to_usual_residence",
                    "mean_delay_days", "delay_days",
                    "mean_delay_days_all", "delay_days",
                    "median_delay_days", "delayed_discharges",
                    "p90_delay_days", "delayed_discharges",
                    "median_drd_to_care_start_days", "discharges_with_drd_and_care_start"),
            "indicators", Map.of("value", "numerator", "lower_95", "numerator", "upper_95", "numerator"));

    private Changes() {
    }

    /**
     * The limits beyond which a change is a revision ({@code bedflow.changes.min-pct}, {@code min-count}).
     *
     * @param minPct   a revision changes a figure by more than this many per cent
     * @param minCount and by at least this much in the count
     */
    public record Limits(double minPct, long minCount) {

        public static Limits defaults() {
            return new Limits(5, 10);
        }
    }

    /**
     * One published table of one run.
     *
     * @param measures its numeric columns
     * @param counts   those of them that are counts (integer columns)
     * @param rows     column name to value (numbers, strings, booleans, dates)
     */
    public record Table(String name, List<String> measures, Set<String> counts, List<Map<String, Object>> rows) {
    }

    /**
     * The published figures of one run.
     *
     * @param runDate the run's date, for the calendar rule when a table has no provisional column (may be null)
     */
    public record Figures(String runId, LocalDate runDate, List<Table> tables) {

        Table table(String name) {
            return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
        }
    }

    /** One figure that changed (a row of {@code runs/<run_id>/changes}). */
    public record Change(String table, String unitaryArea, String periodType, String period, String dimension,
                         String category, String measure, Double oldValue, Double newValue, Double difference,
                         Double pctChange, String flag, boolean closedPeriod, String oldRunId, String newRunId) {
    }

    /** Every changed figure of {@code now} against {@code before}, closed periods first, then by flag, largest first. */
    public static List<Change> compare(Figures before, Figures now, Limits limits) {
        List<Change> out = new ArrayList<>();
        for (String name : TABLES) {
            Table o = before.table(name);
            Table n = now.table(name);
            if (n == null && o == null) {
                continue;
            }
            compareTable(name, o, n, before, now, limits, out);
        }
        out.sort(ORDER);
        return out;
    }

    /** Closed periods first, then revised, suppressed_now, ..., then the largest change, then the key. */
    public static final Comparator<Change> ORDER = Comparator.comparing((Change c) -> !c.closedPeriod())
            .thenComparing(c -> FLAGS.indexOf(c.flag()))
            .thenComparing(Comparator.comparingDouble(Changes::magnitude).reversed())
            .thenComparing(c -> Math.abs(c.difference() == null ? 0 : c.difference()), Comparator.reverseOrder())
            .thenComparing(c -> String.join("|", c.table(), s(c.unitaryArea()), s(c.period()), s(c.dimension()),
                    s(c.category()), c.measure()));

    /** |% change|; a change from 0 counts as infinitely large, a new or gone figure as nothing. */
    static double magnitude(Change c) {
        if (c.pctChange() != null) {
            return Math.abs(c.pctChange());
        }
        return c.difference() != null && c.difference() != 0 ? Double.POSITIVE_INFINITY : 0;
    }

    /** How many changes of each flag, in {@link #FLAGS} order (flags with none included, as 0). */
    public static Map<String, Long> counts(List<Change> changes) {
        Map<String, Long> counts = new LinkedHashMap<>();
        FLAGS.forEach(f -> counts.put(f, 0L));
        changes.forEach(c -> counts.merge(c.flag(), 1L, Long::sum));
        return counts;
    }

    private static void compareTable(String name, Table o, Table n, Figures before, Figures now, Limits limits,
                                     List<Change> out) {
        Map<String, Map<String, Object>> oldRows = byKey(o);
        Map<String, Map<String, Object>> newRows = byKey(n);
        // whether a period was closed in the old run, for figures new in it
        Map<String, Boolean> closedPeriods = new HashMap<>();
        oldRows.values().forEach(r -> closedPeriods.merge(periodKey(r), closed(r, before.runDate()), Boolean::logicalOr));
        Set<String> keys = new LinkedHashSet<>(oldRows.keySet());
        keys.addAll(newRows.keySet());
        List<String> oldMeasures = o == null ? List.of() : o.measures();
        List<String> newMeasures = n == null ? List.of() : n.measures();
        Set<String> counts = new LinkedHashSet<>();
        if (o != null) {
            counts.addAll(o.counts());
        }
        if (n != null) {
            counts.addAll(n.counts());
        }
        Map<String, String> numerators = NUMERATORS.getOrDefault(name, Map.of());
        for (String key : keys) {
            Map<String, Object> or = oldRows.get(key);
            Map<String, Object> nr = newRows.get(key);
            Map<String, Object> any = or != null ? or : nr;
            boolean closed = or != null ? closed(or, before.runDate())
                    : closedPeriods.getOrDefault(periodKey(nr), false);
            String oldRunId = runId(or, before.runId());
            String newRunId = runId(nr, now.runId());
            if (or == null || nr == null) {
                for (String m : or == null ? newMeasures : oldMeasures) {
                    Double v = number((or == null ? nr : or).get(m));
                    if (v != null) {
                        out.add(change(name, any, m, or == null ? null : v, or == null ? v : null, null, null,
                                or == null ? NEW : GONE, closed, oldRunId, newRunId));
                    }
                }
                continue;
            }
            for (String m : newMeasures) {
                if (!oldMeasures.contains(m)) {
                    continue; // a column the older layout did not have: nothing to compare with
                }
                Double ov = number(or.get(m));
                Double nv = number(nr.get(m));
                if (ov == null && nv == null) {
                    continue;
                }
                if (ov == null || nv == null) {
                    out.add(change(name, any, m, ov, nv, null, null, ov == null ? UNSUPPRESSED_NOW : SUPPRESSED_NOW,
                            closed, oldRunId, newRunId));
                    continue;
                }
                double diff = nv - ov;
                if (Math.abs(diff) <= 1e-9 * Math.max(1, Math.abs(ov))) {
                    continue;
                }
                Double pct = ov == 0 ? null : 100 * diff / Math.abs(ov);
                Double count = counts.contains(m) ? Math.abs(diff) : numeratorDiff(numerators.get(m), or, nr);
                boolean beyondPct = pct == null || Math.abs(pct) > limits.minPct();
                boolean beyondCount = count == null || count >= limits.minCount();
                out.add(change(name, any, m, ov, nv, diff, pct, beyondPct && beyondCount ? REVISED : CHANGED, closed,
                        oldRunId, newRunId));
            }
        }
    }

    private static Double numeratorDiff(String column, Map<String, Object> or, Map<String, Object> nr) {
        if (column == null) {
            return null;
        }
        Double a = number(or.get(column));
        Double b = number(nr.get(column));
        return a == null || b == null ? null : Math.abs(b - a);
    }

    private static Change change(String table, Map<String, Object> row, String measure, Double ov, Double nv,
                                 Double diff, Double pct, String flag, boolean closed, String oldRunId,
                                 String newRunId) {
        String[] k = key(row);
        return new Change(table, k[0], k[1], k[2], k[3], k[4], measure, ov, nv, diff, pct, flag, closed, oldRunId,
                newRunId);
    }

    /** unitary_area, period_type, period, dimension, category of a row. */
    static String[] key(Map<String, Object> r) {
        String area = str(r.get("unitary_area"));
        String periodType;
        String period;
        if (r.containsKey("month")) {
            periodType = "month";
            period = str(r.get("month"));
        } else if (r.containsKey("period_type")) {
            periodType = str(r.get("period_type"));
            period = str(r.get("period"));
        } else {
            periodType = "snapshot";
            period = str(r.get("snapshot_date"));
        }
        String dimension = r.containsKey("dimension") ? str(r.get("dimension"))
                : r.containsKey("indicator") ? "indicator" : null;
        String category = r.containsKey("dimension") ? str(r.get("category"))
                : r.containsKey("indicator") ? str(r.get("indicator")) : null;
        return new String[] {area, periodType, period, dimension, category};
    }

    private static Map<String, Map<String, Object>> byKey(Table t) {
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        if (t != null) {
            for (Map<String, Object> r : t.rows()) {
                rows.put(String.join("\u0000", java.util.Arrays.stream(key(r)).map(Changes::s).toList()), r);
            }
        }
        return rows;
    }

    private static String periodKey(Map<String, Object> r) {
        String[] k = key(r);
        return s(k[0]) + "\u0000" + s(k[1]) + "\u0000" + s(k[2]);
    }

    /**
     * Whether the row's period was closed in its run: not provisional; a table of the layout before the
     * provisional column: the period ended before the run date.
     */
    static boolean closed(Map<String, Object> r, LocalDate runDate) {
        if (r.containsKey("provisional") && r.get("provisional") instanceof Boolean p) {
            return !p;
        }
        LocalDate end = date(r.get("period_end"));
        return end != null && runDate != null && end.isBefore(runDate);
    }

    private static String runId(Map<String, Object> r, String fallback) {
        return r != null && r.get("run_id") != null ? r.get("run_id").toString() : fallback;
    }

    static LocalDate date(Object v) {
        if (v instanceof LocalDate d) {
            return d;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return v == null ? null : LocalDate.parse(v.toString().substring(0, 10));
    }

    private static Double number(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return Double.isNaN(d) ? null : d;
        }
        return null;
    }

    private static String str(Object v) {
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        return v == null ? null : v.toString();
    }

    private static String s(String v) {
        return Objects.requireNonNullElse(v, "");
    }
}
