package org.bedflow.pipeline.publish.report;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.publish.report.ReportFigures.AreaSeries;
import org.bedflow.pipeline.publish.report.ReportFigures.MonthValues;

/**
 * {@code runs/<run_id>/report.html} (outputs.md): one self-contained page for the analyst
 * reading the night's run: the run summary, data quality per feed, the linkage between
 * hospital and social care data, which periods are provisional, and monthly charts per
 * unitary area. Built from the manifest and a few aggregates only ({@link ReportFigures}),
 * so it holds no NHS number, person id, person key or postcode. The HTML comes from a
 * FreeMarker template ({@code report.ftlh}, escaped by default); the charts are inline SVG
 * ({@link ReportCharts}); there are no scripts, no fonts or styles to fetch.
 */
public final class RunReport {

    public static final String FILE = "report.html";

    /** One step of the execution, as the job saw it. */
    public record Step(String name, String status, double seconds, String summary) {
    }

    /**
     * What the report is built from.
     *
     * @param job               nightly or validate
     * @param steps             the steps this execution ran
     * @param figures           the run's aggregates; {@link ReportFigures#none()} when there are none
     * @param chartsUnavailable why the chart sections are empty (null when there are figures)
     */
    public record Input(RunManifest manifest, String job, List<Step> steps, ReportFigures figures,
                        String chartsUnavailable) {
    }

    /** A reason and how many rows it concerns. */
    public record Count(String reason, long rows) {
    }

    /** Data quality of one feed, with its files. */
    public record FeedQuality(String feed, long rowsRead, long accepted, long quarantined, long warnings,
                              long excludedSuperseded, long excludedOptOut, double errorRatePct, double thresholdPct,
                              boolean breached, List<Count> quarantinedBy, List<Count> warningsBy,
                              List<String> unknownColumns, List<RunManifest.Input> files, boolean balances) {
    }

    /** An indicator: one chart per area, and the numbers behind them. */
    public record Chart(String id, String title, String definition, List<Panel> panels, List<String> areas,
                        List<TableRow> rows) {
    }

    public record Panel(String area, String areaName, String svg) {
    }

    public record TableRow(String month, boolean provisional, List<String> cells) {
    }

    /** Colour-blind-safe colours, one per area in order. */
    private static final List<Color> AREA_COLOURS = List.of(new Color(0x1F, 0x77, 0xB4), new Color(0xD9, 0x5F, 0x02),
            new Color(0x1B, 0x9E, 0x77), new Color(0x75, 0x70, 0xB3), new Color(0xE7, 0x29, 0x8A));

    private static final Configuration FREEMARKER = freemarker();

    private RunReport() {
    }

    private static Configuration freemarker() {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setClassForTemplateLoading(RunReport.class, "");
        cfg.setDefaultEncoding("UTF-8");
        cfg.setLocale(Locale.UK);
        cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
        cfg.setNumberFormat("#,##0.##");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
        cfg.setFallbackOnNullLoopVariable(false);
        return cfg;
    }

    /** The page. */
    public static String render(Input in) {
        RunManifest m = in.manifest();
        LocalDate runDate = LocalDate.parse(m.runDate());
        ReportFigures figures = in.figures() == null ? ReportFigures.none() : in.figures();
        List<String> provisional = ReportFigures.provisionalMonths(figures.months(), runDate);

        Map<String, Object> model = new HashMap<>();
        model.put("run", m);
        model.put("job", in.job());
        model.put("duration", duration(m.startedAt(), m.finishedAt()));
        model.put("started", timestamp(m.startedAt()));
        model.put("finished", timestamp(m.finishedAt()));
        model.put("steps", in.steps() == null ? List.of() : in.steps());
        model.put("outputs", m.outputs() == null ? List.of() : m.outputs());
        model.put("feeds", feeds(m));
        model.put("totals", totals(m));
        model.put("linkage", figures.linkage());
        model.put("months", figures.months());
        model.put("firstMonth", figures.months().isEmpty() ? null : figures.months().get(0));
        model.put("lastMonth", figures.months().isEmpty() ? null : figures.months().get(figures.months().size() - 1));
        model.put("provisionalMonths", provisional);
        model.put("provisionalYears", provisionalYears(figures.months(), runDate));
        model.put("readmissionCutoff", figures.readmissionCutoff() == null ? null : figures.readmissionCutoff().toString());
        model.put("charts", figures.isEmpty() ? List.of() : charts(figures, provisional));
        model.put("chartsUnavailable", figures.isEmpty()
                ? (in.chartsUnavailable() == null ? "This run published no indicator rows." : in.chartsUnavailable())
                : null);
        try {
            Template template = FREEMARKER.getTemplate("report.ftlh");
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException("cannot render the run report: " + e.getMessage(), e);
        }
    }

    /** Writes {@code runs/<run_id>/report.html} through the output's file system (its permissions apply). */
    public static Path write(FileSystem fs, Path outputRoot, String runId, String html) {
        Path dir = ManifestFiles.runDir(outputRoot, runId);
        Path target = new Path(dir, FILE);
        Path tmp = new Path(dir, "." + FILE + ".tmp");
        try {
            fs.mkdirs(dir);
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(html.getBytes(StandardCharsets.UTF_8));
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("could not rename " + tmp + " to " + target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    static String duration(String started, String finished) {
        if (started == null || finished == null) {
            return null;
        }
        try {
            Duration d = Duration.between(OffsetDateTime.parse(started), OffsetDateTime.parse(finished));
            long s = Math.max(0, d.toSeconds());
            return s >= 3600 ? String.format("%d h %02d min", s / 3600, s % 3600 / 60)
                    : s >= 60 ? String.format("%d min %02d s", s / 60, s % 60) : s + " s";
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** 2022-04-01 02:00:00 +01:00: to the second, with the offset */
    static String timestamp(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx"));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    private static List<FeedQuality> feeds(RunManifest m) {
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

    private static Map<String, Long> totals(RunManifest m) {
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

    /** Financial years (1 April–31 March) touched by {@code months} that had not ended by the run date. */
    static List<String> provisionalYears(List<String> months, LocalDate runDate) {
        Set<String> out = new LinkedHashSet<>();
        for (String month : months) {
            YearMonth m = YearMonth.parse(month);
            int start = m.getMonthValue() >= 4 ? m.getYear() : m.getYear() - 1;
            if (!LocalDate.of(start + 1, 3, 31).isBefore(runDate)) {
                out.add(String.format("%d-%02d", start, (start + 1) % 100));
            }
        }
        return List.copyOf(out);
    }

    private static List<Chart> charts(ReportFigures f, List<String> provisional) {
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
                "Emergency spells of residents, all ages, by month of admission (metrics.md emergency_admissions, "
                        + "monthly count).",
                MonthValues::emergencyAdmissions, v -> integer(v.emergencyAdmissions()), ReportCharts.Kind.BAR,
                "admissions", null, true, provisional, "provisional"));
        charts.add(chart(f, provisional, "chronic-acsc-admissions",
                "Emergency admissions for chronic ambulatory care sensitive conditions",
                "Emergency spells whose primary diagnosis is on the chronic ACSC list, by month of admission "
                        + "(metrics.md chronic_acsc_admissions, monthly count).",
                MonthValues::chronicAcscAdmissions, v -> integer(v.chronicAcscAdmissions()), ReportCharts.Kind.BAR,
                "admissions", null, true, provisional, "provisional"));
        charts.add(chart(f, provisional, "readmissions-30d", "Emergency readmissions within 30 days",
                "Alive discharges with a person key followed by an emergency admission within 30 days, as a share of "
                        + "alive discharges with a person key, by month of discharge (metrics.md "
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
