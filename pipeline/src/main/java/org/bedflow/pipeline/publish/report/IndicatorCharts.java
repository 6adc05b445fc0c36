package org.bedflow.pipeline.publish.report;

import java.awt.Color;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    static final List<Color> AREA_COLOURS = List.of(new Color(0x1F, 0x77, 0xB4), new Color(0xD9, 0x5F, 0x02),
            new Color(0x1B, 0x9E, 0x77), new Color(0x75, 0x70, 0xB3), new Color(0xE7, 0x29, 0x8A));

    private IndicatorCharts() {
    }

    static List<Chart> charts(ReportFigures f, Map<String, List<String>> provisionalByArea) {
        // the table marks a month provisional when it is for any area; each area's chart shades its own
        List<String> provisional = f.months().stream()
                .filter(m -> provisionalByArea.values().stream().anyMatch(l -> l.contains(m))).toList();
        LocalDate cutoff = f.readmissionCutoff();
        // months with a discharge after the cut-off: their readmission rate rests on part of the month only
        List<String> followUpIncomplete = f.months().stream()
                .filter(m -> YearMonth.parse(m).atEndOfMonth().isAfter(cutoff)).toList();
        List<Chart> charts = new ArrayList<>();
        charts.add(chart(f, provisional, "delay-days", "Delay days",
                "Days from the discharge ready date (DRD) to discharge, summed over delayed discharges of adults, "
                        + "by month of discharge (delayed_discharge_monthly.delay_days).",
                MonthValues::delayDays, v -> integer(v.delayDays()), ReportCharts.Kind.BAR, "delay days", null, true,
                provisionalByArea, "provisional"));
        charts.add(chart(f, provisional, "discharged-on-drd", "% discharged on the discharge ready date",
                "Adult overnight discharges that left hospital on their discharge ready date (DRD), as a share of "
                        + "those whose delay is known, by month of discharge (delayed_discharge_monthly."
                        + "pct_discharged_on_drd; NHS England's measure). A blank DRD counts as no delay from April "
                        + "2023 in provider-months that record DRDs; before that, or where a provider does not "
                        + "record them, the delay is unknown and the discharge is left out (docs/measures.md). Before "
                        + "April 2023 only the DRDs providers did record count, and those were mostly on delayed "
                        + "stays: the share reads low there and is not comparable with NHS England's figures.",
                MonthValues::pctDischargedOnDrd, v -> percent(v.pctDischargedOnDrd()) + " (" + integer(v.drdMeasuredDischarges())
                        + " measured)", ReportCharts.Kind.LINE, "% on DRD", 100.0, false, provisionalByArea, "provisional"));
        charts.add(chart(f, provisional, "drd-completeness", "Discharge ready date completeness",
                "Adult overnight discharges whose extract carried a DRD, as a share of adult overnight discharges, "
                        + "by month of discharge (delayed_discharge_monthly.pct_drd_recorded). Low values from April "
                        + "2023 are expected: providers may leave the DRD blank when the patient left on the day they "
                        + "were ready. The table gives the overnight discharges and those whose delay is known.",
                MonthValues::pctDrdRecorded, v -> percent(v.pctDrdRecorded()) + " (" + integer(v.drdMeasuredDischarges())
                        + " of " + integer(v.overnightDischarges()) + " measured)",
                ReportCharts.Kind.LINE, "% with a DRD", 100.0, false, provisionalByArea, "provisional"));
        charts.add(delayBands(f, provisional, provisionalByArea));
        charts.add(chart(f, provisional, "emergency-admissions", "Emergency admissions",
                "Emergency continuous inpatient spells of residents, all ages, counted once by their first spell "
                        + "(a transfer between hospitals is not a second admission), by month of admission "
                        + "(docs/indicators.md emergency_admissions, monthly count).",
                MonthValues::emergencyAdmissions, v -> integer(v.emergencyAdmissions()), ReportCharts.Kind.BAR,
                "admissions", null, true, provisionalByArea, "provisional"));
        charts.add(chart(f, provisional, "chronic-acsc-admissions",
                "Emergency admissions for chronic ambulatory care sensitive conditions",
                "Emergency continuous inpatient spells whose first spell's primary diagnosis is on the chronic ACSC "
                        + "list (angina with an excluded primary procedure left out), by month of admission "
                        + "(docs/indicators.md chronic_acsc_admissions, monthly count).",
                MonthValues::chronicAcscAdmissions, v -> integer(v.chronicAcscAdmissions()), ReportCharts.Kind.BAR,
                "admissions", null, true, provisionalByArea, "provisional"));
        charts.add(chart(f, provisional, "readmissions-30d", "Emergency readmissions within 30 days",
                "Index stays (continuous inpatient spells ending alive, not in a transfer to another hospital, "
                        + "without day cases, maternity or cancer) whose next stay is an emergency admission within 30 "
                        + "days, as a share of index stays, by month of discharge (docs/indicators.md "
                        + "emergency_readmissions_30d). Only discharges up to " + cutoff + " (run date − 30 days) "
                        + "have had their 30 days of follow-up; a month with later discharges is not drawn, and its "
                        + "partial rate is in the table.",
                v -> followUpIncomplete.contains(v.month()) ? null : v.readmissionRate(),
                v -> v.readmissionDenominator() == 0 && followUpIncomplete.contains(v.month()) ? "–"
                        : percent(v.readmissionRate()) + " (" + integer(v.readmissionNumerator()) + " / "
                        + integer(v.readmissionDenominator()) + ")"
                        + (followUpIncomplete.contains(v.month()) ? " follow-up incomplete" : ""),
                ReportCharts.Kind.LINE, "% readmitted", null, false, sameFor(f, followUpIncomplete),
                "follow-up incomplete"));
        return charts;
    }

    /** NHS England's delay bands, bottom of the stack first, light (short) to dark (long). */
    static final List<String> BAND_LABELS = List.of("1 day", "2-3 days", "4-6 days", "7-13 days", "14-20 days",
            "21+ days");
    private static final List<Color> BAND_COLOURS = List.of(new Color(0xFE, 0xE0, 0x8B), new Color(0xFD, 0xAE, 0x61),
            new Color(0xF4, 0x6D, 0x43), new Color(0xD7, 0x30, 0x27), new Color(0xA5, 0x00, 0x26),
            new Color(0x54, 0x00, 0x14));

    /** Delayed discharges by delay band, stacked, one chart per area on a shared axis. */
    private static Map<String, List<String>> sameFor(ReportFigures f, List<String> months) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        f.areas().forEach(a -> out.put(a.code(), months));
        return out;
    }

    private static Chart delayBands(ReportFigures f, List<String> provisional, Map<String, List<String>> provisionalByArea) {
        double max = 0;
        for (AreaSeries a : f.areas()) {
            for (MonthValues v : a.months()) {
                max = Math.max(max, v.delayBands().stream().mapToLong(Long::longValue).sum());
            }
        }
        double yMax = max <= 0 ? 5 : max * 1.1;
        List<Panel> panels = new ArrayList<>();
        for (AreaSeries a : f.areas()) {
            LinkedHashMap<String, List<? extends Number>> layers = new LinkedHashMap<>();
            for (int b = 0; b < BAND_LABELS.size(); b++) {
                int band = b;
                layers.put(BAND_LABELS.get(b), a.months().stream().map(v -> v.delayBands().get(band)).toList());
            }
            panels.add(new Panel(a.code(), a.name(), ReportCharts.stacked("chart-delay-bands-" + a.code(), f.months(),
                    layers, BAND_COLOURS, "delayed discharges", yMax, provisionalByArea.getOrDefault(a.code(), List.of()), "provisional")));
        }
        List<TableRow> rows = new ArrayList<>();
        for (int m = 0; m < f.months().size(); m++) {
            List<String> cells = new ArrayList<>();
            for (AreaSeries a : f.areas()) {
                List<Long> bands = a.months().get(m).delayBands();
                List<String> parts = new ArrayList<>();
                for (int b = 0; b < bands.size(); b++) {
                    parts.add(integer(bands.get(b)));
                }
                cells.add(String.join(" · ", parts));
            }
            String month = f.months().get(m);
            rows.add(new TableRow(month, provisional.contains(month), cells));
        }
        return new Chart("delay-bands", "Delayed discharges by length of delay",
                "Adult overnight discharges that left hospital one day or more after their discharge ready date, by "
                        + "NHS England's delay bands (1, 2-3, 4-6, 7-13, 14-20, 21+ days), by month of discharge "
                        + "(delayed_discharge_monthly.delayed_1_day … delayed_21plus_days). Table cells list the six "
                        + "bands in that order.",
                panels, f.areas().stream().map(AreaSeries::name).toList(), rows);
    }

    private static Chart chart(ReportFigures f, List<String> provisional, String id, String title, String definition,
                               Function<MonthValues, Number> value, Function<MonthValues, String> cell,
                               ReportCharts.Kind kind, String label, Double fixedMax, boolean integers,
                               Map<String, List<String>> shaded, String shadeLabel) {
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
                    AREA_COLOURS.get(i % AREA_COLOURS.size()), shaded.getOrDefault(a.code(), List.of()), shadeLabel);
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
