package org.bedflow.pipeline.publish.report;

import java.awt.Color;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bedflow.pipeline.measure.indicators.Indicator;
import org.bedflow.pipeline.measure.indicators.ReablementAfterDischarge;
import org.bedflow.pipeline.publish.report.ReportFigures.AreaSeries;
import org.bedflow.pipeline.publish.report.ReportFigures.IndicatorValue;
import org.bedflow.pipeline.publish.report.RunReport.Chart;
import org.bedflow.pipeline.publish.report.RunReport.Panel;
import org.bedflow.pipeline.publish.report.RunReport.TableRow;

/**
 * The report's section on the Adult Social Care Outcomes Framework measures bedflow computes
 * (docs/indicators.md): ASCOF 2B and 2C (new long-term care home admissions per 100,000) and
 * ASCOF 2D parts 1 and 2 (reablement after a hospital discharge), per configured area and
 * financial year, as the {@code indicators} table holds them, each with its
 * {@code national_reference}. Part 1 needs 84 days of follow-up after the discharge: the
 * years and months that end after run date − 84 are marked, and shaded in its monthly chart.
 */
final class AscofSection {

    /** The indicator ids of the section, in the order shown. */
    static final List<String> IDS = List.of(Indicator.RESIDENTIAL_ADMISSIONS_18_64.id(),
            Indicator.RESIDENTIAL_ADMISSIONS_65PLUS.id(), Indicator.REABLEMENT_REMAINED_IN_COMMUNITY_12WK.id(),
            Indicator.REABLEMENT_AFTER_DISCHARGE.id());

    private static final Map<String, String[]> TITLES = Map.of(
            Indicator.RESIDENTIAL_ADMISSIONS_18_64.id(), new String[] {"ASCOF 2B",
                    "Adults 18-64 whose long-term support needs are met by admission to residential or nursing care",
                    "New long-term residential or nursing placements of service users aged 18-64 (a self-funded or "
                            + "12-week-disregard outcome and short-term care left out; no such placement of the person "
                            + "in the 365 days before), persons per 100,000 population 18-64."},
            Indicator.RESIDENTIAL_ADMISSIONS_65PLUS.id(), new String[] {"ASCOF 2C",
                    "Adults 65+ whose long-term support needs are met by admission to residential or nursing care",
                    "The same for service users aged 65 and over, per 100,000 population 65+."},
            Indicator.REABLEMENT_REMAINED_IN_COMMUNITY_12WK.id(), new String[] {"ASCOF 2D part 1",
                    "People 65+ discharged from hospital into reablement who remained in the community for 12 weeks",
                    "Reablement episodes that started from 3 days before to 7 days after an eligible hospital discharge "
                            + "of a person 65+, with no death, no emergency readmission of a night or more and no new "
                            + "long-term residential or nursing care within 84 days of the discharge, as a share of "
                            + "those episodes; by discharge date and the episode's area."},
            Indicator.REABLEMENT_AFTER_DISCHARGE.id(), new String[] {"ASCOF 2D part 2",
                    "People 65+ discharged from hospital who received reablement",
                    "Eligible hospital discharges of people 65+ (a night or more, alive, not to another hospital or a "
                            + "hospice, not from a care home, no maternity, mental health or learning disability "
                            + "treatment function) followed by a reablement episode, as a share of those discharges; "
                            + "by discharge date and area of residence."});

    /**
     * One measure: a row per financial year, a cell per configured area.
     *
     * @param code  ASCOF's own label, e.g. {@code ASCOF 2D part 1}
     */
    public record Measure(String id, String code, String title, String definition, String nationalReference,
                   List<String> areas, List<YearRow> years) {
    }

    /** @param note empty, or why the year's figure is not final (e.g. "follow-up incomplete") */
    public record YearRow(String year, String note, List<String> cells) {
    }

    private AscofSection() {
    }

    /** The last discharge date whose 84 days of follow-up are complete at the run date. */
    static LocalDate followUpCutoff(LocalDate runDate) {
        return ReablementAfterDischarge.lastCompleteDischarge(runDate);
    }

    static List<Measure> measures(ReportFigures f, LocalDate runDate) {
        List<String> areaCodes = f.areas().stream().map(AreaSeries::code).toList();
        List<String> areaNames = f.areas().stream().map(AreaSeries::name).toList();
        LocalDate cutoff = followUpCutoff(runDate);
        List<Measure> out = new ArrayList<>();
        for (String id : IDS) {
            Map<String, IndicatorValue> byAreaYear = new HashMap<>();
            Set<String> years = new LinkedHashSet<>();
            String reference = "";
            for (IndicatorValue v : f.ascof()) {
                if (v.indicator().equals(id) && v.periodType().equals("financial_year")) {
                    byAreaYear.put(v.area() + "|" + v.period(), v);
                    years.add(v.period());
                    reference = v.nationalReference() == null ? reference : v.nationalReference();
                }
            }
            if (years.isEmpty()) {
                continue;
            }
            boolean followedUp = id.equals(Indicator.REABLEMENT_REMAINED_IN_COMMUNITY_12WK.id());
            boolean rate = id.startsWith("residential_admissions");
            List<YearRow> rows = new ArrayList<>();
            for (String year : years.stream().sorted().toList()) {
                LocalDate yearEnd = LocalDate.of(Integer.parseInt(year.substring(0, 4)) + 1, 3, 31);
                String note = followedUp && yearEnd.isAfter(cutoff)
                        ? "follow-up incomplete: discharges after " + cutoff + " not counted yet"
                        : !yearEnd.isBefore(runDate) ? "provisional: the year is not over" : "";
                List<String> cells = new ArrayList<>();
                for (String area : areaCodes) {
                    IndicatorValue v = byAreaYear.get(area + "|" + year);
                    cells.add(v == null ? "–" : rate
                            ? number(v.value()) + " (" + integer(v.numerator()) + " people; population "
                                    + integer(v.denominator()) + ")"
                            : number(v.value()) + " % (" + integer(v.numerator()) + " / " + integer(v.denominator()) + ")");
                }
                rows.add(new YearRow(year, note, cells));
            }
            String[] t = TITLES.get(id);
            out.add(new Measure(id, t[0], t[1], t[2], reference, areaNames, rows));
        }
        return out;
    }

    /** Part 1 by month of discharge, one chart per area, the months without complete follow-up shaded. */
    static Chart part1ByMonth(ReportFigures f, LocalDate runDate, List<Color> colours) {
        String id = Indicator.REABLEMENT_REMAINED_IN_COMMUNITY_12WK.id();
        LocalDate cutoff = followUpCutoff(runDate);
        List<String> incomplete = f.months().stream()
                .filter(m -> YearMonth.parse(m).atEndOfMonth().isAfter(cutoff)).toList();
        Map<String, IndicatorValue> byAreaMonth = new HashMap<>();
        for (IndicatorValue v : f.ascof()) {
            if (v.indicator().equals(id) && v.periodType().equals("month")) {
                byAreaMonth.put(v.area() + "|" + v.period(), v);
            }
        }
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < f.areas().size(); i++) {
            AreaSeries a = f.areas().get(i);
            List<Double> values = f.months().stream().map(m -> {
                IndicatorValue v = byAreaMonth.get(a.code() + "|" + m);
                return incomplete.contains(m) || v == null ? null : v.value();
            }).toList();
            panels.add(new Panel(a.code(), a.name(), ReportCharts.monthly("chart-ascof-2d-part-1-" + a.code(), a.name(),
                    f.months(), values, ReportCharts.Kind.LINE, "% remained in the community", 100.0, false,
                    colours.get(i % colours.size()), incomplete, "follow-up incomplete")));
        }
        List<TableRow> rows = new ArrayList<>();
        for (String m : f.months()) {
            List<String> cells = new ArrayList<>();
            for (AreaSeries a : f.areas()) {
                IndicatorValue v = byAreaMonth.get(a.code() + "|" + m);
                cells.add(v == null || v.denominator() == 0 ? "–"
                        : number(v.value()) + " (" + integer(v.numerator()) + " / " + integer(v.denominator()) + ")");
            }
            rows.add(new TableRow(m, incomplete.contains(m), cells));
        }
        return new Chart("ascof-2d-part-1", "ASCOF 2D part 1 by month of discharge",
                "Reablement episodes after a discharge in the month whose person remained in the community for 84 "
                        + "days, as a share of them (docs/indicators.md reablement_remained_in_community_12wk). Only "
                        + "discharges up to " + cutoff + " (run date − 84 days) have had their 12 weeks of follow-up: "
                        + "later months are shaded and not drawn, and marked in the table. A month holds few "
                        + "episodes, so single months swing widely: the yearly table above is the figure to read.",
                panels, f.areas().stream().map(AreaSeries::name).toList(), rows);
    }

    private static String integer(long n) {
        return String.format(Locale.UK, "%,d", n);
    }

    private static String number(Double n) {
        return n == null ? "–" : String.format(Locale.UK, "%.1f", n);
    }
}
