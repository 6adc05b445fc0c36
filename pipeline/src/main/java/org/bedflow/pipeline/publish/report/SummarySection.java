package org.bedflow.pipeline.publish.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bedflow.pipeline.publish.report.ReportFigures.AreaSeries;
import org.bedflow.pipeline.publish.report.ReportFigures.Published;

/**
 * The top of the run report: per configured area, the key measures of the latest complete
 * month against the complete month before it, and of the latest complete financial year
 * against the one before, each with the change and whether it is better or worse. Values are
 * the run's {@code published/indicators} rows (disclosure control applied: a suppressed value
 * reads "suppressed"). Which months are complete is given per area by the caller
 * ({@code provisionalByArea}); a financial year is complete when it has ended by the run date
 * and none of its months is provisional.
 */
final class SummarySection {

    /** Which way a measure improves; declared once per measure. */
    enum Better {
        HIGHER("higher is better"), LOWER("lower is better"), NONE("no better direction");

        final String words;

        Better(String words) {
            this.words = words;
        }
    }

    /** Which number of the indicator row the measure shows. */
    enum Field { VALUE, NUMERATOR_DISCHARGES }

    /**
     * A measure of the summary.
     *
     * @param followUpDays days of follow-up after the period's end its value needs (0: none)
     * @param glossary     the glossary entry that explains it (its anchor)
     */
    public record Measure(String indicator, Field field, String label, String unit, Better better, boolean percent,
                   int followUpDays, String glossary) {
    }

    static final List<Measure> MONTHLY = List.of(
            new Measure("discharged_on_drd", Field.VALUE, "% discharged on their discharge ready date", "%",
                    Better.HIGHER, true, 0, "discharged-on-drd"),
            new Measure("mean_discharge_delay_days", Field.NUMERATOR_DISCHARGES, "Delayed discharges", "discharges",
                    Better.LOWER, false, 0, "delayed-discharges"),
            new Measure("mean_discharge_delay_days", Field.VALUE, "Mean delay", "days per measured discharge",
                    Better.LOWER, false, 0, "mean-delay"),
            new Measure("delayed_beds_per_day_per_100k_18plus", Field.VALUE, "Delayed bed days", "days",
                    Better.LOWER, false, 0, "delayed-bed-days"),
            new Measure("emergency_admissions", Field.VALUE, "Emergency admissions", "admissions (a count)",
                    Better.NONE, false, 0, "emergency-admissions"),
            new Measure("chronic_acsc_admissions", Field.VALUE, "Chronic ACSC emergency admissions",
                    "admissions (a count)", Better.NONE, false, 0, "chronic-acsc"),
            new Measure("emergency_readmissions_30d", Field.VALUE, "Emergency readmissions within 30 days", "%",
                    Better.LOWER, true, 30, "readmissions"));

    static final List<Measure> YEARLY = List.of(
            new Measure("discharged_on_drd", Field.VALUE, "% discharged on their discharge ready date", "%",
                    Better.HIGHER, true, 0, "discharged-on-drd"),
            new Measure("mean_discharge_delay_days", Field.VALUE, "Mean delay", "days per measured discharge",
                    Better.LOWER, false, 0, "mean-delay"),
            new Measure("delayed_beds_per_day_per_100k_18plus", Field.VALUE, "Delayed beds",
                    "per day per 100,000 aged 18+", Better.LOWER, false, 0, "delayed-beds-rate"),
            new Measure("emergency_admissions", Field.VALUE, "Emergency admissions",
                    "per 100,000 (age-standardised)", Better.LOWER, false, 0, "emergency-admissions"),
            new Measure("chronic_acsc_admissions", Field.VALUE, "Chronic ACSC emergency admissions",
                    "per 100,000 (age-standardised)", Better.LOWER, false, 0, "chronic-acsc"),
            new Measure("emergency_readmissions_30d", Field.VALUE, "Emergency readmissions within 30 days", "%",
                    Better.LOWER, true, 30, "readmissions"),
            new Measure("residential_admissions_18_64", Field.VALUE, "ASCOF 2B: care home admissions 18-64",
                    "per 100,000 aged 18-64", Better.LOWER, false, 0, "ascof-2b"),
            new Measure("residential_admissions_65plus", Field.VALUE, "ASCOF 2C: care home admissions 65+",
                    "per 100,000 aged 65+", Better.LOWER, false, 0, "ascof-2c"),
            new Measure("reablement_remained_in_community_12wk", Field.VALUE,
                    "ASCOF 2D part 1: at home 12 weeks after reablement", "%", Better.HIGHER, true, 84, "ascof-2d-1"),
            new Measure("reablement_after_discharge", Field.VALUE, "ASCOF 2D part 2: reablement after discharge", "%",
                    Better.HIGHER, true, 0, "ascof-2d-2"));

    /**
     * One measure's line: the previous and latest values as shown, the change, and the verdict.
     *
     * @param verdict better, worse, no change, no better direction, or why there is no comparison
     * @param tone    better, worse or neutral (the CSS class)
     */
    public record Line(String label, String unit, String glossary, String previous, String latest, String change,
                String verdict, String tone) {
    }

    /** One area's summary; a period is null when the area has no complete one. */
    public record AreaSummary(String area, String areaName, String month, String previousMonth, List<Line> monthLines,
                       String year, String previousYear, List<Line> yearLines) {
    }

    private SummarySection() {
    }

    /**
     * The measures built on the Discharge Ready Date: before DRDs were collected (docs/measures.md, "Discharge Ready
     * Date") only the few recorded ones count, so a period starting before the collection start is not compared
     * with a later one.
     */
    static final Set<String> DRD_MEASURES = Set.of("discharged_on_drd", "mean_discharge_delay_days",
            "delayed_beds_per_day_per_100k_18plus");

    /** Without a DRD collection start: every period compared. */
    static List<AreaSummary> summaries(ReportFigures f, Map<String, List<String>> provisionalByArea, LocalDate runDate) {
        return summaries(f, provisionalByArea, runDate, null);
    }

    /**
     * @param drdStart the first day DRDs were collected (DrdSettings.collectionStart); a DRD measure whose earlier
     *                 period starts before it reads "not comparable". Null: no such rule.
     */
    static List<AreaSummary> summaries(ReportFigures f, Map<String, List<String>> provisionalByArea, LocalDate runDate,
                                       LocalDate drdStart) {
        Map<String, Published> rows = new HashMap<>();
        for (Published p : f.indicators()) {
            rows.put(key(p.indicator(), p.area(), p.periodType(), p.period()), p);
        }
        List<AreaSummary> out = new ArrayList<>();
        for (AreaSeries a : f.areas()) {
            List<String> provisional = provisionalByArea.getOrDefault(a.code(), List.of());
            List<String> months = completeMonths(f.months(), provisional);
            String month = last(months, 0);
            String previousMonth = last(months, 1);
            List<String> years = completeYears(f.indicators().stream().filter(p -> p.area().equals(a.code())
                    && p.periodType().equals("financial_year")).map(Published::period).distinct().sorted().toList(),
                    provisional, runDate);
            String year = last(years, 0);
            String previousYear = last(years, 1);
            List<Line> monthLines = new ArrayList<>();
            if (month != null) {
                for (Measure m : MONTHLY) {
                    lineOf(m, rows, a.code(), "month", month, previousMonth, YearMonth.parse(month).atEndOfMonth(),
                            runDate, drdStart, monthLines);
                }
            }
            List<Line> yearLines = new ArrayList<>();
            if (year != null) {
                for (Measure m : YEARLY) {
                    lineOf(m, rows, a.code(), "financial_year", year, previousYear, yearEnd(year), runDate, drdStart,
                            yearLines);
                }
            }
            out.add(new AreaSummary(a.code(), a.name(), month == null ? null : ReportCharts.monthLabel(month),
                    previousMonth == null ? null : ReportCharts.monthLabel(previousMonth), monthLines, year,
                    previousYear, yearLines));
        }
        return out;
    }

    /** The months of the grid that are not provisional, oldest first. */
    static List<String> completeMonths(List<String> months, List<String> provisional) {
        return months.stream().filter(m -> !provisional.contains(m)).toList();
    }

    /** Financial years (2021-22) that ended before the run date and hold no provisional month, oldest first. */
    static List<String> completeYears(List<String> years, List<String> provisional, LocalDate runDate) {
        return years.stream().filter(y -> yearEnd(y).isBefore(runDate))
                .filter(y -> provisional.stream().noneMatch(m -> financialYear(m).equals(y))).toList();
    }

    /** 2021-04 … 2022-03 → 2021-22 */
    static String financialYear(String month) {
        YearMonth m = YearMonth.parse(month);
        int start = m.getMonthValue() >= 4 ? m.getYear() : m.getYear() - 1;
        return String.format("%d-%02d", start, (start + 1) % 100);
    }

    static LocalDate periodStart(String periodType, String period) {
        return "month".equals(periodType) ? YearMonth.parse(period).atDay(1)
                : LocalDate.of(Integer.parseInt(period.substring(0, 4)), 4, 1);
    }

    private static String previousLabel(String periodType, String period) {
        return "month".equals(periodType) ? ReportCharts.monthLabel(period) : period;
    }

    static LocalDate yearEnd(String year) {
        return LocalDate.of(Integer.parseInt(year.substring(0, 4)) + 1, 3, 31);
    }

    private static void lineOf(Measure m, Map<String, Published> rows, String area, String periodType, String latest,
                               String previous, LocalDate periodEnd, LocalDate runDate, LocalDate drdStart,
                               List<Line> out) {
        Published now = rows.get(key(m.indicator(), area, periodType, latest));
        if (now == null) {
            return; // the run computed no such measure (e.g. no social care events): no line
        }
        Published before = previous == null ? null : rows.get(key(m.indicator(), area, periodType, previous));
        Double a = value(m, before);
        Double b = value(m, now);
        boolean followedUp = m.followUpDays() == 0 || periodEnd.plusDays(m.followUpDays()).isBefore(runDate);
        String change = "–";
        String verdict;
        String tone = "neutral";
        if (!followedUp) {
            verdict = "follow-up incomplete: not compared yet";
        } else if (previous != null && drdStart != null && DRD_MEASURES.contains(m.indicator())
                && periodStart(periodType, previous).isBefore(drdStart)) {
            verdict = "not comparable: " + previousLabel(periodType, previous) + " is before DRDs were collected ("
                    + ReportCharts.monthLabel(YearMonth.from(drdStart).toString()) + ")";
        } else if (before == null) {
            verdict = "no earlier period to compare";
        } else if (a == null || b == null) {
            verdict = "not compared (" + (shown(m, before).equals("suppressed") || shown(m, now).equals("suppressed")
                    ? "a value is suppressed" : "a value is missing") + ")";
        } else {
            change = change(m, a, b, whole(m, now));
            verdict = verdict(m.better(), a, b, m);
            tone = verdict.startsWith("better") ? "better" : verdict.startsWith("worse") ? "worse" : "neutral";
            if ((tone.equals("better") || tone.equals("worse")) && overlap(before, now)) {
                verdict += " (intervals overlap)";
            }
        }
        out.add(new Line(m.label(), m.unit(), m.glossary(), shown(m, before), shown(m, now), change, verdict, tone));
    }

    /** better or worse by the measure's direction; "no change" when equal as shown. */
    static String verdict(Better better, double previous, double latest, Measure m) {
        if (round(m, latest) == round(m, previous)) {
            return "no change";
        }
        if (better == Better.NONE) {
            return better.words;
        }
        boolean up = latest > previous;
        return (up == (better == Better.HIGHER)) ? "better" : "worse";
    }

    private static boolean overlap(Published a, Published b) {
        if (a.lower95() == null || a.upper95() == null || b.lower95() == null || b.upper95() == null) {
            return false;
        }
        return a.lower95() <= b.upper95() && b.lower95() <= a.upper95();
    }

    private static double round(Measure m, double v) {
        return Math.round(v * 10) / 10.0;
    }

    static Double value(Measure m, Published p) {
        if (p == null) {
            return null;
        }
        return m.field() == Field.NUMERATOR_DISCHARGES
                ? (p.numeratorDischarges() == null ? null : p.numeratorDischarges().doubleValue()) : p.value();
    }

    /** The value as the page shows it: "suppressed" when disclosure control withheld it, "–" when there is none. */
    static String shown(Measure m, Published p) {
        if (p == null) {
            return "–";
        }
        Double v = value(m, p);
        if (v == null) {
            return p.suppressed() ? "suppressed" : "–";
        }
        return number(v, whole(m, p)) + (m.percent() ? " %" : "");
    }

    /** counts (delayed discharges, monthly count rows) read as whole numbers; rates, means and percentages to 0.1 */
    private static boolean whole(Measure m, Published p) {
        return m.field() == Field.NUMERATOR_DISCHARGES || "count".equals(p.valueType());
    }

    private static String number(double v, boolean whole) {
        return whole ? String.format(Locale.UK, "%,d", Math.round(v)) : String.format(Locale.UK, "%,.1f", v);
    }

    /** +1.2 points for a percentage; +12 (+5.1 %) for a count; +0.5 (+25.0 %) otherwise */
    static String change(Measure m, double previous, double latest, boolean whole) {
        // the change of the values as shown (to 0.1, or whole), so that 1.0 -> 0.9 reads −0.1, not −0.0
        double d = whole ? Math.round(latest) - Math.round(previous) : round(m, latest) - round(m, previous);
        d = Math.round(d * 10) / 10.0;
        if (d == 0) {
            return "0";
        }
        String sign = d > 0 ? "+" : "−";
        if (m.percent()) {
            return sign + String.format(Locale.UK, "%.1f", Math.abs(d)) + " points";
        }
        String abs = number(Math.abs(d), whole);
        double base = whole ? Math.round(previous) : round(m, previous);
        return base == 0 ? sign + abs : sign + abs + " (" + sign + String.format(Locale.UK, "%.1f", Math.abs(100 * d / base)) + " %)";
    }

    private static String last(List<String> list, int fromEnd) {
        return list.size() > fromEnd ? list.get(list.size() - 1 - fromEnd) : null;
    }

    private static String key(String indicator, String area, String periodType, String period) {
        return indicator + "|" + area + "|" + periodType + "|" + period;
    }
}
