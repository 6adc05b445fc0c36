package org.bedflow.pipeline.publish.report;

import java.awt.Color;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.bedflow.pipeline.publish.report.ReportFigures.AreaSeries;
import org.bedflow.pipeline.publish.report.ReportFigures.MonthValues;
import org.bedflow.pipeline.publish.report.RunReport.Chart;
import org.bedflow.pipeline.publish.report.RunReport.Panel;
import org.bedflow.pipeline.publish.report.RunReport.TableRow;

/**
 * The chart section of the run report: which indicators are drawn, with their titles and
 * definitions, one chart per unitary area ({@link ReportCharts}) and the table of the
 * numbers behind them.
 */
final class IndicatorCharts {

    /** Colour-blind-safe colours, one per area in order. */
    private static final List<Color> AREA_COLOURS = List.of(new Color(0x1F, 0x77, 0xB4), new Color(0xD9, 0x5F, 0x02),
            new Color(0x1B, 0x9E, 0x77), new Color(0x75, 0x70, 0xB3), new Color(0xE7, 0x29, 0x8A));

    private IndicatorCharts() {
    }

    static List<Chart> charts(ReportFigures f, List<String> provisional) {
        LocalDate cutoff = f.readmissionCutoff();
        // months with a discharge after the cut-off: their readmission rate rests on part of the month only
        List<String> followUpIncomplete = f.months().stream()
                .filter(m -> YearMonth.parse(m).atEndOfMonth().isAfter(cutoff)).toList();
        List<Chart> charts = new ArrayList<>();
        charts.add(chart(f, provisional, "delay-days", "Delay days",
                "Days from the discharge ready date (DRD) to discharge, summed over delayed discharges of adults, "
                        + "by month of discharge (delayed_discharge_monthly.delay_days).",
                MonthValues::delayDays, v -> integer(v.delayDays()), ReportCharts.Kind.BAR, "delay days", null, true,
                provisional, "provisional"));
        charts.add(chart(f, provisional, "discharged-on-drd", "% discharged on the discharge ready date",
                "Adult discharges with a DRD that left hospital on it, as a share of adult discharges with a DRD, "
                        + "by month of discharge (delayed_discharge_monthly.pct_discharged_on_drd).",
                MonthValues::pctDischargedOnDrd, v -> percent(v.pctDischargedOnDrd()), ReportCharts.Kind.LINE,
                "% on DRD", 100.0, false, provisional, "provisional"));
        charts.add(chart(f, provisional, "emergency-admissions", "Emergency admissions",
                "Emergency spells of residents, all ages, by month of admission (docs/indicators.md "
                        + "emergency_admissions, monthly count).",
                MonthValues::emergencyAdmissions, v -> integer(v.emergencyAdmissions()), ReportCharts.Kind.BAR,
                "admissions", null, true, provisional, "provisional"));
        charts.add(chart(f, provisional, "chronic-acsc-admissions",
                "Emergency admissions for chronic ambulatory care sensitive conditions",
                "Emergency spells whose primary diagnosis is on the chronic ACSC list, by month of admission "
                        + "(docs/indicators.md chronic_acsc_admissions, monthly count).",
                MonthValues::chronicAcscAdmissions, v -> integer(v.chronicAcscAdmissions()), ReportCharts.Kind.BAR,
                "admissions", null, true, provisional, "provisional"));
        charts.add(chart(f, provisional, "readmissions-30d", "Emergency readmissions within 30 days",
                "Alive discharges with a person key followed by an emergency admission within 30 days, as a share of "
                        + "alive discharges with a person key, by month of discharge (docs/indicators.md "
                        + "emergency_readmissions_30d). Only discharges up to " + cutoff + " (run date − 30 days) "
                        + "have had their 30 days of follow-up; a month with later discharges is not drawn, and its "
                        + "partial rate is in the table.",
                v -> followUpIncomplete.contains(v.month()) ? null : v.readmissionRate(),
                v -> v.readmissionDenominator() == 0 && followUpIncomplete.contains(v.month()) ? "–"
                        : percent(v.readmissionRate()) + " (" + integer(v.readmissionNumerator()) + " / "
                        + integer(v.readmissionDenominator()) + ")"
                        + (followUpIncomplete.contains(v.month()) ? " follow-up incomplete" : ""),
                ReportCharts.Kind.LINE, "% readmitted", null, false, followUpIncomplete, "follow-up incomplete"));
        return charts;
    }

    private static Chart chart(ReportFigures f, List<String> provisional, String id, String title, String definition,
                               Function<MonthValues, Number> value, Function<MonthValues, String> cell,
                               ReportCharts.Kind kind, String label, Double fixedMax, boolean integers,
                               List<String> shaded, String shadeLabel) {
        double max = 0;
        for (AreaSeries a : f.areas()) {
            for (MonthValues v : a.months()) {
                Number n = value.apply(v);
                if (n != null) {
                    max = Math.max(max, n.doubleValue());
                }
            }
        }
        double yMax = fixedMax != null ? fixedMax : max <= 0 ? (integers ? 5 : 1) : max * 1.1;
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < f.areas().size(); i++) {
            AreaSeries a = f.areas().get(i);
            String svg = ReportCharts.monthly("chart-" + id + "-" + a.code(), a.name(), f.months(),
                    a.months().stream().map(value).toList(), kind, label, yMax, integers,
                    AREA_COLOURS.get(i % AREA_COLOURS.size()), shaded, shadeLabel);
            panels.add(new Panel(a.code(), a.name(), svg));
        }
        List<TableRow> rows = new ArrayList<>();
        for (int m = 0; m < f.months().size(); m++) {
            List<String> cells = new ArrayList<>();
            for (AreaSeries a : f.areas()) {
                cells.add(cell.apply(a.months().get(m)));
            }
            String month = f.months().get(m);
            rows.add(new TableRow(month, provisional.contains(month), cells));
        }
        return new Chart(id, title, definition, panels, f.areas().stream().map(AreaSeries::name).toList(), rows);
    }

    private static String integer(Number n) {
        return n == null ? "–" : String.format(Locale.UK, "%,d", n.longValue());
    }

    private static String percent(Number n) {
        return n == null ? "–" : String.format(Locale.UK, "%.1f", n.doubleValue());
    }
}
