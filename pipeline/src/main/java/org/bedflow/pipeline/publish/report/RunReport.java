package org.bedflow.pipeline.publish.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.bedflow.pipeline.link.DrdSettings;
import org.bedflow.pipeline.link.RuleCoverage;
import org.bedflow.pipeline.measure.completeness.Completeness;
import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.RunManifest;

/**
 * {@code runs/<run_id>/report.html} (docs/operations.md): one self-contained page for the analyst
 * reading the night's run: per area the latest complete month and financial year against the
 * previous ones ({@link SummarySection}), the run summary, data quality per feed, the linkage
 * between hospital and social care data, which periods are provisional, the areas compared on
 * published rates with 95 % intervals, pathways, delay reasons and the inpatient snapshot
 * ({@link CompareSection}), monthly charts per unitary area and a glossary ({@link Glossary}). Built from the manifest and a few aggregates only ({@link ReportFigures}),
 * so it holds no NHS number, person id, person key or postcode. The HTML comes from a
 * FreeMarker template ({@code report.ftlh}, escaped by default); the charts are inline SVG
 * ({@link ReportCharts}); there are no scripts, no fonts or styles to fetch.
 *
 * <p>This class assembles the page's model and writes the file; the data quality section
 * comes from {@link QualitySection}, the chart section from {@link IndicatorCharts}. Which
 * months are provisional is decided once, per area, by {@link #provisionalByArea}.
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
     * @param ruleGaps          national exclusions not applied to a provider's spells for lack of a field
     * @param drd               when a blank Discharge Ready Date means no delay (for the provider-months list)
     * @param completeness      bedflow's completeness rule for the run (provisional months per area, per supplier
     *                          the last complete month, run-date warnings); null: the calendar rule only
     * @param changes           what changed since the last run; null: no section (the run did not complete)
     * @param cost              what delays and avoidable admissions cost; null: no section (the run did not complete)
     * @param episodeLinkage    ASCOF 2D episodes linked exactly or on the window, per area and month; null: not
     *                          shown (the run did not complete, or only validated)
     */
    public record Input(RunManifest manifest, String job, List<Step> steps, ReportFigures figures,
                        String chartsUnavailable, List<RuleCoverage.Gap> ruleGaps, DrdSettings drd,
                        Completeness completeness, ChangesSection.View changes, CostSection.View cost,
                        EpisodeLinkage episodeLinkage) {

        /** Without the ASCOF 2D episode links. */
        public Input(RunManifest manifest, String job, List<Step> steps, ReportFigures figures,
                     String chartsUnavailable, List<RuleCoverage.Gap> ruleGaps, DrdSettings drd,
                     Completeness completeness, ChangesSection.View changes, CostSection.View cost) {
            this(manifest, job, steps, figures, chartsUnavailable, ruleGaps, drd, completeness, changes, cost, null);
        }

        /** Without the cost section and the ASCOF 2D episode links. */
        public Input(RunManifest manifest, String job, List<Step> steps, ReportFigures figures,
                     String chartsUnavailable, List<RuleCoverage.Gap> ruleGaps, DrdSettings drd,
                     Completeness completeness, ChangesSection.View changes) {
            this(manifest, job, steps, figures, chartsUnavailable, ruleGaps, drd, completeness, changes, null);
        }

        /** Without the comparison with the previous run. */
        public Input(RunManifest manifest, String job, List<Step> steps, ReportFigures figures,
                     String chartsUnavailable, List<RuleCoverage.Gap> ruleGaps, DrdSettings drd,
                     Completeness completeness) {
            this(manifest, job, steps, figures, chartsUnavailable, ruleGaps, drd, completeness, null);
        }

        public Input {
            ruleGaps = ruleGaps == null ? List.of() : List.copyOf(ruleGaps);
            drd = drd == null ? DrdSettings.defaults() : drd;
        }

        /** Without a completeness result: the calendar alone marks provisional months. */
        public Input(RunManifest manifest, String job, List<Step> steps, ReportFigures figures,
                     String chartsUnavailable, List<RuleCoverage.Gap> ruleGaps, DrdSettings drd) {
            this(manifest, job, steps, figures, chartsUnavailable, ruleGaps, drd, null);
        }

        /** Without rule gaps, with the default DRD settings. */
        public Input(RunManifest manifest, String job, List<Step> steps, ReportFigures figures, String chartsUnavailable) {
            this(manifest, job, steps, figures, chartsUnavailable, List.of(), DrdSettings.defaults());
        }
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
        Map<String, List<String>> provisionalByArea = provisionalByArea(figures, in.completeness(), runDate);
        List<String> provisional = union(provisionalByArea, figures.months(), runDate);

        Map<String, Object> model = new HashMap<>();
        model.put("run", m);
        model.put("job", in.job());
        model.put("duration", duration(m.startedAt(), m.finishedAt()));
        model.put("started", timestamp(m.startedAt()));
        model.put("finished", timestamp(m.finishedAt()));
        model.put("steps", in.steps() == null ? List.of() : in.steps());
        model.put("outputs", m.outputs() == null ? List.of() : m.outputs());
        model.put("feeds", QualitySection.feeds(m));
        model.put("sources", QualitySection.sources(m));
        model.put("skippedFiles", QualitySection.skipped(m));
        model.put("totals", QualitySection.totals(m));
        model.put("linkage", figures.linkage());
        model.put("months", figures.months());
        model.put("firstMonth", figures.months().isEmpty() ? null : figures.months().get(0));
        model.put("lastMonth", figures.months().isEmpty() ? null : figures.months().get(figures.months().size() - 1));
        model.put("provisionalMonths", provisional);
        model.put("provisionalYears", provisionalYears(figures.months(), provisional, runDate));
        model.put("provisionalByArea", provisionalByArea);
        model.put("completeness", in.completeness() == null ? List.of() : in.completeness().suppliers());
        model.put("warnings", in.completeness() != null ? in.completeness().warnings()
                : m.warnings() == null ? List.of() : m.warnings());
        model.put("readmissionCutoff", figures.readmissionCutoff() == null ? null : figures.readmissionCutoff().toString());
        model.put("ruleGaps", in.ruleGaps());
        model.put("drdNotRecording", figures.drdNotRecording());
        model.put("drdCollectionStart", in.drd().collectionStart().toString());
        model.put("drdMinOvernight", in.drd().minOvernightDischarges());
        model.put("drdMinShare", String.format(Locale.UK, "%.4g %%", 100 * in.drd().minRecordedShare())
                .replaceAll("\\.?0+ %", " %"));
        model.put("charts", figures.isEmpty() ? List.of() : IndicatorCharts.charts(figures, provisionalByArea));
        model.put("summaries", figures.isEmpty() ? List.of() : SummarySection.summaries(figures, provisionalByArea, runDate,
                in.drd().collectionStart()));
        model.put("rates", figures.isEmpty() ? List.of() : CompareSection.rates(figures, provisionalByArea, runDate));
        model.put("breakdowns", figures.isEmpty() ? List.of() : CompareSection.breakdowns(figures, provisionalByArea));
        model.put("snapshot", figures.isEmpty() ? List.of() : CompareSection.snapshot(figures));
        model.put("glossary", Glossary.ENTRIES);
        if (in.changes() != null) {
            model.put("changes", in.changes());
        }
        if (in.cost() != null) {
            model.put("cost", in.cost());
        }
        if (in.episodeLinkage() != null) {
            model.put("episodeLinkage", in.episodeLinkage());
            model.put("episodeAreas", in.episodeLinkage().areas(figures));
        }
        model.put("ascof", figures.isEmpty() ? List.of() : AscofSection.measures(figures, runDate));
        model.put("ascofChart", figures.isEmpty() || figures.ascof().isEmpty() ? null
                : AscofSection.part1ByMonth(figures, runDate, IndicatorCharts.AREA_COLOURS));
        model.put("ascofCutoff", AscofSection.followUpCutoff(runDate).toString());
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
            return OffsetDateTime.parse(iso).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx"));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    /**
     * Area code -> its provisional months (oldest first), the one place the report decides them: the completeness
     * rule's when the run has one, else the calendar rule (months not over at the run date) for every area.
     */
    static Map<String, List<String>> provisionalByArea(ReportFigures figures, Completeness completeness,
                                                       LocalDate runDate) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        List<String> calendar = ReportFigures.provisionalMonths(figures.months(), runDate);
        for (ReportFigures.AreaSeries area : figures.areas()) {
            List<String> months = completeness == null ? calendar
                    : completeness.provisionalByArea().getOrDefault(area.code(), calendar);
            out.put(area.code(), figures.months().stream().filter(months::contains).toList());
        }
        return out;
    }

    /** Every month provisional in at least one area (what the charts shade); the calendar rule when there is no area. */
    private static List<String> union(Map<String, List<String>> byArea, List<String> months, LocalDate runDate) {
        if (byArea.isEmpty()) {
            return ReportFigures.provisionalMonths(months, runDate);
        }
        Set<String> all = new java.util.TreeSet<>();
        byArea.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    /**
     * Financial years (1 April–31 March) touched by {@code months} that had not ended by the run date, or that hold a
     * provisional month (as the {@code indicators} table's {@code provisional} column marks them).
     */
    static List<String> provisionalYears(List<String> months, List<String> provisionalMonths, LocalDate runDate) {
        Set<String> out = new LinkedHashSet<>();
        for (String month : months) {
            YearMonth m = YearMonth.parse(month);
            int start = m.getMonthValue() >= 4 ? m.getYear() : m.getYear() - 1;
            if (!LocalDate.of(start + 1, 3, 31).isBefore(runDate) || provisionalMonths.contains(month)) {
                out.add(String.format("%d-%02d", start, (start + 1) % 100));
            }
        }
        return List.copyOf(out);
    }
}
