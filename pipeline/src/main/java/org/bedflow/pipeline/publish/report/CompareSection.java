package org.bedflow.pipeline.publish.report;

import java.awt.Color;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bedflow.pipeline.publish.report.ReportFigures.AreaSeries;
import org.bedflow.pipeline.publish.report.ReportFigures.Breakdown;
import org.bedflow.pipeline.publish.report.ReportFigures.Published;
import org.bedflow.pipeline.publish.report.ReportFigures.Snapshot;

/**
 * The report's comparisons between areas: yearly rates and percentages from
 * {@code published/indicators} with their 95 % confidence intervals, both areas on one
 * chart; delayed discharges by pathway and by delay reason over the latest twelve complete
 * months ({@code delayed_discharge_breakdown}); the inpatient snapshot. Everything as the run
 * published it: a suppressed value reads "suppressed" and is never recomputed.
 */
final class CompareSection {

    /** A yearly indicator compared between areas, and the CI method docs/data-dictionary.md gives for it. */
    public record Rate(String indicator, String title, String unit, String method, String glossary) {
    }

    static final String WILSON = "Wilson score interval";
    static final String DOBSON = "Dobson method (Byar's approximation)";
    static final String BYAR = "Byar's approximation (exact Poisson under 10 events)";

    static final List<Rate> RATES = List.of(
            new Rate("emergency_admissions", "Emergency admissions", "per 100,000, age-standardised", DOBSON,
                    "emergency-admissions"),
            new Rate("emergency_admissions_65plus", "Emergency admissions, aged 65+", "per 100,000 aged 65+", BYAR,
                    "emergency-admissions-65"),
            new Rate("chronic_acsc_admissions", "Emergency admissions for chronic ambulatory care sensitive conditions",
                    "per 100,000, age-standardised", DOBSON, "chronic-acsc"),
            new Rate("acute_acsc_admissions", "Emergency admissions for acute ambulatory care sensitive conditions",
                    "per 100,000, age-standardised", DOBSON, "acute-acsc"),
            new Rate("falls_admissions_65plus", "Emergency admissions for falls, aged 65+",
                    "per 100,000 aged 65+, age-standardised", DOBSON, "falls"),
            new Rate("emergency_readmissions_30d", "Emergency readmissions within 30 days", "% of index stays", WILSON,
                    "readmissions"),
            new Rate("discharged_on_drd", "Discharged on their discharge ready date", "% of DRD-measured discharges",
                    WILSON, "discharged-on-drd"),
            new Rate("discharge_to_usual_residence", "Discharged to their usual place of residence", "% of discharges",
                    WILSON, "usual-residence"),
            new Rate("delayed_beds_per_day_per_100k_18plus", "Beds occupied by delayed patients",
                    "per day per 100,000 aged 18+", "none (bedflow gives no limits for this rate)", "delayed-beds-rate"));

    /** One rate's chart and the table behind it: a row per financial year, a cell per area. */
    public record RateChart(String id, String title, String unit, String method, String glossary, String svg,
                     List<String> areas, List<YearCells> years) {
    }

    public record YearCells(String year, boolean provisional, List<String> cells) {
    }

    private CompareSection() {
    }

    static List<RateChart> rates(ReportFigures f, Map<String, List<String>> provisionalByArea, LocalDate runDate) {
        Map<String, Published> rows = new HashMap<>();
        for (Published p : f.indicators()) {
            if (p.periodType().equals("financial_year")) {
                rows.put(p.indicator() + "|" + p.area() + "|" + p.period(), p);
            }
        }
        List<RateChart> out = new ArrayList<>();
        for (Rate r : RATES) {
            Set<String> yearSet = new LinkedHashSet<>();
            f.indicators().stream().filter(p -> p.indicator().equals(r.indicator())
                    && p.periodType().equals("financial_year")).map(Published::period).sorted().forEach(yearSet::add);
            if (yearSet.isEmpty()) {
                continue;
            }
            List<String> years = List.copyOf(yearSet);
            List<SvgCharts.Series> series = new ArrayList<>();
            List<YearCells> table = new ArrayList<>();
            List<Boolean> shaded = new ArrayList<>();
            for (String y : years) {
                boolean provisional = false;
                for (AreaSeries a : f.areas()) {
                    provisional |= !SummarySection.completeYears(List.of(y),
                            provisionalByArea.getOrDefault(a.code(), List.of()), runDate).contains(y);
                }
                shaded.add(provisional);
                List<String> cells = new ArrayList<>();
                for (AreaSeries a : f.areas()) {
                    cells.add(cell(rows.get(r.indicator() + "|" + a.code() + "|" + y)));
                }
                table.add(new YearCells(y, provisional, cells));
            }
            for (int i = 0; i < f.areas().size(); i++) {
                AreaSeries a = f.areas().get(i);
                List<Double> v = new ArrayList<>();
                List<Double> lo = new ArrayList<>();
                List<Double> hi = new ArrayList<>();
                List<String> missing = new ArrayList<>();
                for (String y : years) {
                    Published p = rows.get(r.indicator() + "|" + a.code() + "|" + y);
                    v.add(p == null ? null : p.value());
                    lo.add(p == null ? null : p.lower95());
                    hi.add(p == null ? null : p.upper95());
                    missing.add(p != null && p.suppressed() ? "suppressed" : "no value");
                }
                series.add(new SvgCharts.Series(a.name(), colour(i), v, lo, hi, missing));
            }
            String id = "compare-" + r.indicator().replace('_', '-');
            out.add(new RateChart(id, r.title(), r.unit(), r.method(), r.glossary(),
                    SvgCharts.intervals(id, years, series, r.unit().split(",")[0], shaded, "provisional"),
                    f.areas().stream().map(AreaSeries::name).toList(), table));
        }
        return out;
    }

    /** value (lower – upper), "suppressed", or "–" */
    static String cell(Published p) {
        if (p == null) {
            return "–";
        }
        if (p.value() == null) {
            return p.suppressed() ? "suppressed" : "–";
        }
        String v = String.format(Locale.UK, "%,.1f", p.value());
        return p.lower95() == null || p.upper95() == null ? v
                : v + " (" + String.format(Locale.UK, "%,.1f", p.lower95()) + " – "
                        + String.format(Locale.UK, "%,.1f", p.upper95()) + ")";
    }

    /**
     * One dimension of the breakdown over an area's latest twelve complete months.
     *
     * @param window one "Apr 2024 – Mar 2025" per area
     * @param rows   one per category with a delayed discharge (or a suppressed count) in a window
     */
    public record BreakdownChart(String dimension, String title, String svg, List<String> areas, List<String> window,
                          List<CategoryRow> rows, boolean anySuppressed, boolean mostlySuppressed) {
    }

    /** @param cells per area: "delayed discharges · delay days · share" */
    public record CategoryRow(String category, List<String> cells) {
    }

    private static final Map<String, String> DIMENSION_TITLES = Map.of("pathway", "Delayed discharges by discharge pathway",
            "delay_reason", "Delayed discharges by reason for the delay");

    static List<BreakdownChart> breakdowns(ReportFigures f, Map<String, List<String>> provisionalByArea) {
        List<BreakdownChart> out = new ArrayList<>();
        for (String dimension : ReportFigures.BREAKDOWN_DIMENSIONS) {
            List<Breakdown> rows = f.breakdown().stream().filter(b -> b.dimension().equals(dimension)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            List<String> windows = new ArrayList<>();
            // area -> category -> {delayed discharges, delay days, suppressed cells}
            List<Map<String, long[]>> sums = new ArrayList<>();
            Set<String> categories = new java.util.TreeSet<>();
            boolean anySuppressed = false;
            long cellsHeld = 0; // cells of the windows with a delayed discharge, or suppressed
            long cellsSuppressed = 0;
            for (AreaSeries a : f.areas()) {
                List<String> window = lastTwelve(SummarySection.completeMonths(f.months(),
                        provisionalByArea.getOrDefault(a.code(), List.of())));
                windows.add(window.isEmpty() ? "no complete month"
                        : ReportCharts.monthLabel(window.get(0)) + " – " + ReportCharts.monthLabel(window.get(window.size() - 1)));
                Map<String, long[]> byCategory = new HashMap<>();
                for (Breakdown b : rows) {
                    if (!b.area().equals(a.code()) || !window.contains(b.month())) {
                        continue;
                    }
                    long[] s = byCategory.computeIfAbsent(b.category(), k -> new long[3]);
                    if (b.delayedDischarges() == null || b.delayedDischarges() > 0) {
                        cellsHeld++;
                    }
                    if (b.delayedDischarges() == null) {
                        cellsSuppressed++;
                        s[2]++;
                        anySuppressed = true;
                    } else {
                        s[0] += b.delayedDischarges();
                        s[1] += b.delayDays() == null ? 0 : b.delayDays();
                    }
                    if (s[0] > 0 || s[2] > 0) {
                        categories.add(b.category());
                    }
                }
                sums.add(byCategory);
            }
            List<String> cats = List.copyOf(categories);
            List<List<Double>> shares = new ArrayList<>();
            List<List<String>> labels = new ArrayList<>();
            List<CategoryRow> table = new ArrayList<>();
            for (String c : cats) {
                table.add(new CategoryRow(c, new ArrayList<>()));
            }
            for (int i = 0; i < f.areas().size(); i++) {
                Map<String, long[]> byCategory = sums.get(i);
                long total = byCategory.values().stream().mapToLong(s -> s[0]).sum();
                List<Double> v = new ArrayList<>();
                List<String> l = new ArrayList<>();
                for (int c = 0; c < cats.size(); c++) {
                    long[] s = byCategory.getOrDefault(cats.get(c), new long[3]);
                    Double share = total == 0 ? null : 100.0 * s[0] / total;
                    v.add(share);
                    l.add(barLabel(s[0], share, s[2]));
                    table.get(c).cells().add(String.format(Locale.UK, "%,d", s[0]) + " · "
                            + String.format(Locale.UK, "%,d", s[1]) + " days"
                            + (share == null ? "" : String.format(Locale.UK, " · %.1f %%", share))
                            + (s[2] > 0 ? " · " + s[2] + " month(s) suppressed" : ""));
                }
                shares.add(v);
                labels.add(l);
            }
            List<String> names = f.areas().stream().map(AreaSeries::name).toList();
            List<Color> colours = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                colours.add(colour(i));
            }
            String svg = cats.isEmpty() ? null : SvgCharts.bars("breakdown-" + dimension.replace('_', '-'), cats,
                    names, colours, shares, labels);
            out.add(new BreakdownChart(dimension, DIMENSION_TITLES.get(dimension), svg, names, windows, table,
                    anySuppressed, 2 * cellsSuppressed > cellsHeld));
        }
        return out;
    }

    /** "67 % (20)", "67 % (20), 9 months suppressed", or "suppressed (11 months)" */
    static String barLabel(long known, Double share, long suppressedMonths) {
        String months = suppressedMonths + (suppressedMonths == 1 ? " month" : " months");
        if (known == 0 && suppressedMonths > 0) {
            return "suppressed (" + months + ")";
        }
        String shown = share == null ? String.format(Locale.UK, "%,d", known)
                : String.format(Locale.UK, "%.0f %% (%,d)", share, known);
        return suppressedMonths > 0 ? shown + ", " + months + " suppressed" : shown;
    }

    private static List<String> lastTwelve(List<String> months) {
        return months.subList(Math.max(0, months.size() - 12), months.size());
    }

    /** The snapshot rows of the configured areas, in their order, with the share of 21+ day stays. */
    public record SnapshotRow(String area, String areaName, String date, String inpatients, String los7, String los14,
                       String los21, String emergency, String share21, boolean provisional) {
    }

    static List<SnapshotRow> snapshot(ReportFigures f) {
        List<SnapshotRow> out = new ArrayList<>();
        for (AreaSeries a : f.areas()) {
            for (Snapshot s : f.snapshot()) {
                if (s.area().equals(a.code())) {
                    String share = s.inpatients() == null || s.los21plus() == null || s.inpatients() == 0 ? "–"
                            : String.format(Locale.UK, "%.1f %%", 100.0 * s.los21plus() / s.inpatients());
                    out.add(new SnapshotRow(a.code(), a.name(), s.snapshotDate() == null ? "–" : s.snapshotDate().toString(),
                            count(s.inpatients()), count(s.los7plus()), count(s.los14plus()), count(s.los21plus()),
                            count(s.emergencyInpatients()), share, s.provisional()));
                }
            }
        }
        return out;
    }

    private static String count(Long n) {
        return n == null ? "suppressed" : String.format(Locale.UK, "%,d", n);
    }

    private static Color colour(int i) {
        return IndicatorCharts.AREA_COLOURS.get(i % IndicatorCharts.AREA_COLOURS.size());
    }
}
