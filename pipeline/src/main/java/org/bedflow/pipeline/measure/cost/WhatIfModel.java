package org.bedflow.pipeline.measure.cost;

import java.sql.Types;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bedflow.pipeline.publish.DisclosureControl;
import org.bedflow.pipeline.query.DuckDbQuery;

/**
 * What delays and avoidable admissions cost, and what three scenarios would release (docs/cost.md): plain arithmetic
 * on the {@link CostBasis} of a run, shared by the report's cost section and {@code bedflow whatif}.
 *
 * <p>For each area and group (the whole period, each pathway, or each month):
 * <ul>
 * <li><b>delays now</b>: delayed discharges (delay of 1 day or more) and the bed days lost to their delays;</li>
 * <li><b>ACSC admissions now</b>: emergency admissions for ambulatory care sensitive conditions and their bed days;</li>
 * <li><b>the scenarios</b> of {@link WhatIf}, each against what happened: the discharges or admissions affected and
 *     the bed days released.</li>
 * </ul>
 * <b>Beds</b> = bed days ÷ the days of the period (of the month, by month): the beds those days would fill on an
 * average day. <b>Cost</b>: bed days lost to or released from delays x the price of an excess bed day; admissions
 * (avoided) x the price of a non-elective admission, which already pays for their bed days, so those are shown but
 * not priced again ({@link UnitCosts}).
 *
 * <p><b>Disclosure control</b> (as for the published tables, docs/commissioners.md): a figure resting on 1-7
 * discharges or admissions is suppressed with its bed days, beds and cost; other counts and bed days are rounded to
 * the nearest 5, and beds and cost are worked out from the rounded figures. By pathway or month, an area's lone
 * suppressed group of a measure takes the next smallest group with it, so that it cannot be recovered from the total.
 * The ACSC scenario is worked out from the published ACSC figures.
 */
public final class WhatIfModel {

    /** The whole period, in the {@code group} of a figure by area. */
    public static final String ALL = "all";

    /** One row of a run's cost basis ({@link CostBasis}). */
    public record BasisRow(String area, String areaName, String month, String pathway, String measure,
                           Integer delayDays, long spells, long bedDays, boolean provisional) {
    }

    public enum Grouping { AREA, PATHWAY, MONTH }

    /** What a figure counts. */
    public enum Measure {
        DELAYS("delays now", "delayed discharges", false),
        CAPPED("delays capped", "discharges delayed beyond the cap", false),
        DRD_TARGET("% on DRD reaches target", "delayed discharges on their DRD instead", false),
        ACSC("ACSC admissions now", "emergency admissions for ACSC", true),
        ACSC_DOWN("ACSC admissions down", "admissions avoided", true);

        private final String label;
        private final String counts;
        private final boolean admissions;

        Measure(String label, String counts, boolean admissions) {
            this.label = label;
            this.counts = counts;
            this.admissions = admissions;
        }

        public String label() {
            return label;
        }

        /** What the count of the figure counts. */
        public String counts() {
            return counts;
        }

        /** Priced per admission (else per bed day). */
        public boolean admissions() {
            return admissions;
        }

        /** A scenario, not what happened. */
        public boolean scenario() {
            return this == CAPPED || this == DRD_TARGET || this == ACSC_DOWN;
        }
    }

    /**
     * One figure: null count, bed days, beds and cost when suppressed; with disclosure control, null bed days (and
     * the beds and a cost resting on them) when they sum to 1-7.
     *
     * @param group {@value #ALL}, a pathway (0-3, unknown) or a month (yyyy-MM)
     * @param days  the days the beds are worked out over
     */
    public record Figure(String area, String areaName, String group, Measure measure, Double count, Double bedDays,
                         Double beds, Double cost, boolean suppressed, int days) {
    }

    /**
     * @param from        first month of the period
     * @param to          last month
     * @param provisional months of the period provisional in some area (figures there may still grow)
     * @param assumptions the scenarios and prices in words, to print beside the figures
     */
    public record Result(YearMonth from, YearMonth to, List<String> provisional, UnitCosts costs, WhatIf whatIf,
                         Grouping grouping, boolean disclosureControl, List<String> assumptions, List<Figure> figures) {
    }

    private WhatIfModel() {
    }

    /**
     * The latest twelve months ending with the latest month that is complete (not provisional) in every area of the
     * basis, starting no earlier than the basis (beds are bed days over days that have data); null when the basis is
     * empty or no month is complete.
     */
    public static YearMonth[] defaultPeriod(List<BasisRow> basis) {
        Map<String, TreeSet<YearMonth>> provisional = new TreeMap<>();
        TreeSet<YearMonth> months = new TreeSet<>();
        for (BasisRow r : basis) {
            YearMonth m = YearMonth.parse(r.month());
            months.add(m);
            provisional.computeIfAbsent(r.area(), a -> new TreeSet<>());
            if (r.provisional()) {
                provisional.get(r.area()).add(m);
            }
        }
        YearMonth last = null;
        for (YearMonth m : months.descendingSet()) {
            YearMonth month = m;
            if (provisional.values().stream().noneMatch(p -> p.contains(month))) {
                last = m;
                break;
            }
        }
        if (last == null) {
            return null;
        }
        YearMonth from = last.minusMonths(11);
        return new YearMonth[] {from.isBefore(months.first()) ? months.first() : from, last};
    }

    public static Result compute(List<BasisRow> basis, YearMonth from, YearMonth to, Grouping grouping,
                                 UnitCosts costs, WhatIf whatIf, boolean disclosureControl) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
        }
        List<BasisRow> rows = basis.stream().filter(r -> {
            YearMonth m = YearMonth.parse(r.month());
            return !m.isBefore(from) && !m.isAfter(to);
        }).toList();
        Map<String, String> names = new TreeMap<>();
        TreeSet<String> provisional = new TreeSet<>();
        rows.forEach(r -> {
            names.put(r.area(), r.areaName());
            if (r.provisional()) {
                provisional.add(r.month());
            }
        });

        // raw sums per area, group and measure: {count, bed days}
        Map<String, Map<String, Map<Measure, double[]>>> raw = new TreeMap<>();
        for (BasisRow r : rows) {
            String group = group(r, grouping);
            if (CostBasis.DELAY.equals(r.measure())) {
                int d = r.delayDays() == null ? 0 : r.delayDays();
                if (d >= 1) {
                    add(raw, r.area(), group, Measure.DELAYS, r.spells(), r.bedDays());
                    if (whatIf.capDelayDays() != null && d > whatIf.capDelayDays()) {
                        add(raw, r.area(), group, Measure.CAPPED, r.spells(),
                                r.spells() * (double) (d - whatIf.capDelayDays()));
                    }
                }
            } else if (CostBasis.ACSC.equals(r.measure())) {
                add(raw, r.area(), group, Measure.ACSC, r.spells(), r.bedDays());
            }
        }
        if (whatIf.drdTargetPct() != null) {
            drdTarget(rows, grouping, whatIf.drdTargetPct(), raw);
        }
        if (grouping == Grouping.AREA) {
            // every measure of every area, 0 where nothing happened (a scenario that releases nothing says so)
            for (String area : names.keySet()) {
                for (Measure m : List.of(Measure.DELAYS, Measure.CAPPED, Measure.DRD_TARGET, Measure.ACSC)) {
                    if ((m == Measure.CAPPED && whatIf.capDelayDays() == null)
                            || (m == Measure.DRD_TARGET && whatIf.drdTargetPct() == null)) {
                        continue;
                    }
                    add(raw, area, ALL, m, 0, 0);
                }
            }
        }

        List<Figure> figures = new ArrayList<>();
        int periodDays = days(from, to);
        for (var area : raw.entrySet()) {
            Map<Measure, Map<String, Figure>> byMeasure = new LinkedHashMap<>();
            for (Measure m : List.of(Measure.DELAYS, Measure.CAPPED, Measure.DRD_TARGET, Measure.ACSC)) {
                Map<String, Figure> groups = new TreeMap<>(groupOrder(grouping));
                for (var g : area.getValue().entrySet()) {
                    double[] v = g.getValue().get(m);
                    if (v == null) {
                        continue;
                    }
                    int days = grouping == Grouping.MONTH ? YearMonth.parse(g.getKey()).lengthOfMonth() : periodDays;
                    groups.put(g.getKey(), figure(area.getKey(), names.get(area.getKey()), g.getKey(), m, v, days,
                            costs, disclosureControl));
                }
                if (disclosureControl && grouping != Grouping.AREA) {
                    secondarySuppression(groups);
                }
                byMeasure.put(m, groups);
            }
            if (whatIf.acscReductionPct() != null) {
                Map<String, Figure> down = new TreeMap<>(groupOrder(grouping));
                byMeasure.get(Measure.ACSC).forEach((g, f) -> down.put(g, reduced(f, whatIf.acscReductionPct(), costs)));
                byMeasure.put(Measure.ACSC_DOWN, down);
            }
            for (Measure m : Measure.values()) {
                if (byMeasure.containsKey(m)) {
                    figures.addAll(byMeasure.get(m).values());
                }
            }
        }
        figures.sort(Comparator.comparing(Figure::area)
                .thenComparing(Figure::group, groupOrder(grouping))
                .thenComparing(f -> f.measure().ordinal()));
        return new Result(from, to, List.copyOf(provisional), costs, whatIf, grouping, disclosureControl,
                assumptions(costs, whatIf, disclosureControl), figures);
    }

    /**
     * "% discharged on the DRD reaches P", per area and month (the measure is monthly): of the DRD-measured
     * discharges, ceil(P x measured / 100) - those on their DRD more must leave on it; they are taken from the
     * shortest delays up (ties: pathway order), each releasing its delay.
     */
    private static void drdTarget(List<BasisRow> rows, Grouping grouping, double target,
                                  Map<String, Map<String, Map<Measure, double[]>>> raw) {
        Map<String, List<BasisRow>> byAreaMonth = new TreeMap<>();
        rows.stream().filter(r -> CostBasis.DELAY.equals(r.measure()))
                .forEach(r -> byAreaMonth.computeIfAbsent(r.area() + "|" + r.month(), k -> new ArrayList<>()).add(r));
        for (List<BasisRow> month : byAreaMonth.values()) {
            long measured = month.stream().mapToLong(BasisRow::spells).sum();
            long onDrd = month.stream().filter(r -> delay(r) == 0).mapToLong(BasisRow::spells).sum();
            // the fewest on the DRD that make at least P %; the small allowance keeps 90 % of 10 at 9, not 10
            long needed = Math.max(0, (long) Math.ceil(target * measured / 100.0 - 1e-9) - onDrd);
            List<BasisRow> delayed = month.stream().filter(r -> delay(r) >= 1)
                    .sorted(Comparator.comparingInt(WhatIfModel::delay)
                            .thenComparing(BasisRow::pathway, groupOrder(Grouping.PATHWAY)))
                    .toList();
            for (BasisRow r : delayed) {
                if (needed == 0) {
                    break;
                }
                long taken = Math.min(needed, r.spells());
                add(raw, r.area(), group(r, grouping), Measure.DRD_TARGET, taken, taken * (double) delay(r));
                needed -= taken;
            }
        }
    }

    private static int delay(BasisRow r) {
        return r.delayDays() == null ? 0 : r.delayDays();
    }

    private static String group(BasisRow r, Grouping grouping) {
        return switch (grouping) {
            case AREA -> ALL;
            case PATHWAY -> r.pathway();
            case MONTH -> r.month();
        };
    }

    /** Pathways 0, 1, 2, 3, then any other code, then unknown; months and "all" in their natural order. */
    static Comparator<String> groupOrder(Grouping grouping) {
        if (grouping != Grouping.PATHWAY) {
            return Comparator.naturalOrder();
        }
        return Comparator.comparing((String p) -> "unknown".equals(p)).thenComparing(Comparator.naturalOrder());
    }

    private static void add(Map<String, Map<String, Map<Measure, double[]>>> raw, String area, String group,
                            Measure m, double count, double bedDays) {
        double[] v = raw.computeIfAbsent(area, a -> new TreeMap<>()).computeIfAbsent(group, g -> new LinkedHashMap<>())
                .computeIfAbsent(m, x -> new double[2]);
        v[0] += count;
        v[1] += bedDays;
    }

    private static Figure figure(String area, String name, String group, Measure m, double[] v, int days,
                                 UnitCosts costs, boolean disclosureControl) {
        double count = v[0];
        Double bedDays = v[1];
        if (disclosureControl) {
            Long published = DisclosureControl.publishCount(Math.round(count));
            if (published == null) {
                return suppressed(area, name, group, m, days);
            }
            count = published;
            // a sum of 1-7 days is suppressed on its own, as in the published tables (0 stays 0)
            Long publishedDays = DisclosureControl.publishCount(Math.round(bedDays));
            bedDays = publishedDays == null ? null : publishedDays.doubleValue();
        }
        return priced(area, name, group, m, count, bedDays, days, costs);
    }

    /** Beds and cost of a figure; a suppressed sum of bed days leaves its beds, and a cost priced on it, out. */
    private static Figure priced(String area, String name, String group, Measure m, double count, Double bedDays,
                                 int days, UnitCosts costs) {
        Double beds = bedDays == null ? null : bedDays / days;
        Double cost = m.admissions() ? Double.valueOf(count * costs.nonElectiveSpell())
                : bedDays == null ? null : bedDays * costs.excessBedDay();
        return new Figure(area, name, group, m, count, bedDays, beds, cost, false, days);
    }

    private static Figure suppressed(String area, String name, String group, Measure m, int days) {
        return new Figure(area, name, group, m, null, null, null, null, true, days);
    }

    /** X % of an ACSC figure (as published); suppressed with it. */
    private static Figure reduced(Figure acsc, double pct, UnitCosts costs) {
        if (acsc.suppressed()) {
            return suppressed(acsc.area(), acsc.areaName(), acsc.group(), Measure.ACSC_DOWN, acsc.days());
        }
        return priced(acsc.area(), acsc.areaName(), acsc.group(), Measure.ACSC_DOWN, acsc.count() * pct / 100.0,
                acsc.bedDays() == null ? null : acsc.bedDays() * pct / 100.0, acsc.days(), costs);
    }

    /** A lone suppressed group takes the smallest other non-zero group with it. */
    private static void secondarySuppression(Map<String, Figure> groups) {
        List<Figure> hidden = groups.values().stream().filter(Figure::suppressed).toList();
        if (hidden.size() != 1) {
            return;
        }
        groups.values().stream().filter(f -> !f.suppressed() && f.count() > 0)
                .min(Comparator.comparingDouble(Figure::count))
                .ifPresent(f -> groups.put(f.group(), suppressed(f.area(), f.areaName(), f.group(), f.measure(),
                        f.days())));
    }

    static int days(YearMonth from, YearMonth to) {
        return (int) (to.atEndOfMonth().toEpochDay() - from.atDay(1).toEpochDay() + 1);
    }

    /** The prices, scenarios and rules in words, printed beside the figures. */
    static List<String> assumptions(UnitCosts costs, WhatIf whatIf, boolean disclosureControl) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("A bed day lost to a delay costs £%,.0f (excess bed day: %s).", costs.excessBedDay(),
                costs.excessBedDaySource()));
        lines.add(String.format("An emergency admission for an ambulatory care sensitive condition (ACSC) costs £%,.0f "
                        + "(non-elective admission: %s); its bed days are shown, not priced again.",
                costs.nonElectiveSpell(), costs.nonElectiveSpellSource()));
        lines.add("Beds = bed days ÷ days in the period: the beds they fill on an average day.");
        lines.addAll(whatIf.describe());
        lines.add("Each scenario is worked out on its own against what happened; they are not added together.");
        lines.add(disclosureControl
                ? "Disclosure control: figures on 1-7 discharges or admissions are suppressed, others rounded to 5."
                : "Disclosure control is off: figures are exact and not for publication.");
        return lines;
    }

    /** The figures as a table for {@code --format table|csv}. */
    public static DuckDbQuery.Result asResult(Result result) {
        List<String> columns = List.of("unitary_area", "unitary_area_name", groupColumn(result.grouping()), "measure",
                "count", "counts", "bed_days", "beds", "cost_gbp", "suppressed");
        int s = Types.VARCHAR;
        int d = Types.DOUBLE;
        List<Integer> types = List.of(s, s, s, s, d, s, d, d, d, Types.BOOLEAN);
        String period = result.from() + " to " + result.to();
        List<Object[]> rows = result.figures().stream().map(f -> new Object[] {f.area(), f.areaName(),
                ALL.equals(f.group()) ? period : f.group(),
                f.measure().label(), f.count(), f.measure().counts(), f.bedDays(), f.beds(), f.cost(),
                f.suppressed()}).toList();
        return new DuckDbQuery.Result(columns, types, rows, false);
    }

    static String groupColumn(Grouping g) {
        return switch (g) {
            case AREA -> "period";
            case PATHWAY -> "discharge_pathway";
            case MONTH -> "month";
        };
    }
}
