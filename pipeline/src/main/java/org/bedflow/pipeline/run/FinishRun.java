package org.bedflow.pipeline.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.ingest.IngestStage;
import org.bedflow.pipeline.link.RuleCoverage;
import org.bedflow.pipeline.measure.ReportingGrid;
import org.bedflow.pipeline.measure.completeness.Completeness;
import org.bedflow.pipeline.measure.cost.CostBasis;
import org.bedflow.pipeline.measure.indicators.ReablementAfterDischarge;
import org.bedflow.pipeline.publish.feedback.FeedbackFiles;
import org.bedflow.pipeline.publish.feedback.SupplierFeedback;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.schema.columns.LinkedSpellsColumns;
import org.bedflow.pipeline.spark.Concurrently;
import org.bedflow.pipeline.publish.CostBasisFolder;
import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.publish.TableStore;
import org.bedflow.pipeline.publish.changes.RunChanges;
import org.bedflow.pipeline.publish.report.ChangesSection;
import org.bedflow.pipeline.publish.report.CostSection;
import org.bedflow.pipeline.publish.report.EpisodeLinkage;
import org.bedflow.pipeline.publish.report.ReportFigures;
import org.bedflow.pipeline.publish.report.RunReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of every execution of a run, whatever its outcome: writes
 * {@code runs/<run_id>/manifest.json} and the run report {@code runs/<run_id>/report.html}
 * (docs/architecture.md), after a completed nightly run the feedback files for suppliers
 * ({@code feedback/<supplier>/}, docs/operations.md), and removes the run's work area once the run has completed (its
 * work files hold NHS numbers). A run that did not complete, or only validated, still gets
 * its summary and data quality; the chart sections then say why they are empty. A report
 * that cannot be written leaves the run's outcome as it was and says so.
 */
public final class FinishRun {

    private static final Logger log = LoggerFactory.getLogger(FinishRun.class);

    private final SparkSession spark;
    private final RunContext run;

    public FinishRun(SparkSession spark, RunContext run) {
        this.spark = spark;
        this.run = run;
    }

    /**
     * How the execution went, as the job runner saw it.
     *
     * @param job         job name (nightly, validate)
     * @param nightly     whether the job computes indicators (a validate-only run does not)
     * @param status      COMPLETED, FAILED, STOPPED, ...
     * @param failedStep  the step that did not complete, or null
     * @param failure     one line on why it failed, or null
     * @param startedAt   ISO-8601 start of the execution
     * @param finishedAt  ISO-8601 end of the execution
     * @param steps       each step's status, time and summary, for the report
     * @param ruleGaps    national exclusions the link step could not apply for lack of a field, for the report
     */
    public record Outcome(String job, boolean nightly, String status, String failedStep, String failure,
                          String startedAt, String finishedAt, List<RunReport.Step> steps,
                          List<RunManifest.Input> inputs, List<RunManifest.Feed> feeds,
                          List<RunManifest.Output> outputs, List<RuleCoverage.Gap> ruleGaps) {

        public Outcome {
            ruleGaps = ruleGaps == null ? List.of() : List.copyOf(ruleGaps);
        }

        public boolean completed() {
            return "COMPLETED".equals(status);
        }
    }

    /** What wrote the run: recorded in the manifest so a figure can be traced to its code and settings. */
    public record Provenance(String version, String gitCommit, String configSha256) {
    }

    /**
     * @param manifest      the manifest file
     * @param report        the report file, or null when it could not be written
     * @param reportError   why the report could not be written, or null
     * @param unbalanced    inputs whose counts do not add up (none, unless something is wrong)
     */
    public record Result(RunManifest content, Path manifest, Path report, RuntimeException reportError,
                         List<RunManifest.Input> unbalanced) {
    }

    public Result execute(Outcome outcome, Provenance provenance) {
        TableStore store = run.store(spark);
        RunManifest manifest = new RunManifest(run.runId(), run.runDate().toString(), outcome.status(),
                outcome.startedAt(), outcome.finishedAt(), provenance.version(), provenance.gitCommit(),
                spark.sparkContext().master(), provenance.configSha256(), run.input(), run.config().disclosureControl(),
                outcome.failure(), outcome.inputs(), outcome.feeds(), outcome.outputs());
        boolean nightly = outcome.completed() && outcome.nightly();
        // independent pieces, each a handful of small Spark queries: at the same time they keep both cores busy
        // (each one catches its own failure and says so in the report)
        AtomicReference<Completeness> completenessResult = new AtomicReference<>();
        AtomicReference<List<RunManifest.FeedbackFolder>> feedbackResult = new AtomicReference<>();
        AtomicReference<RunChanges.Result> changesResult = new AtomicReference<>();
        AtomicReference<RuntimeException> changesError = new AtomicReference<>();
        AtomicReference<CostSection.View> costResult = new AtomicReference<>();
        AtomicReference<EpisodeLinkage> episodesResult = new AtomicReference<>();
        AtomicReference<Figures> figuresResult = new AtomicReference<>();
        List<Runnable> pieces = new ArrayList<>();
        pieces.add(() -> figuresResult.set(figures(outcome, store)));
        if (nightly) {
            pieces.add(() -> completenessResult.set(completeness(store, outcome)));
            pieces.add(() -> feedbackResult.set(feedback(store)));
            pieces.add(() -> {
                try {
                    changesResult.set(new RunChanges(spark, store.fileSystem(), store.root())
                            .execute(run.runId(), run.runDate(), run.config().changes()));
                } catch (RuntimeException e) {
                    changesError.set(e);
                }
            });
            pieces.add(() -> costResult.set(cost(store)));
            // before the work area goes: the episodes come from its care events
            pieces.add(() -> episodesResult.set(episodeLinkage(store)));
        }
        Concurrently.run(pieces);

        Completeness completeness = completenessResult.get();
        if (completeness != null) {
            manifest = manifest.with(completeness.warnings(), completeness.suppliers().stream()
                    .map(s -> new RunManifest.SupplierCompleteness(s.feed(), s.supplier(), s.lastComplete(),
                            s.firstProvisional(), s.reason(), s.shades())).toList());
        }
        if (feedbackResult.get() != null) {
            manifest = manifest.withFeedback(feedbackResult.get());
        }
        ChangesSection.View changes = null;
        if (changesResult.get() != null) {
            manifest = manifest.withChanges(changesResult.get().summary());
            changes = ChangesSection.of(changesResult.get());
        } else if (changesError.get() != null) {
            log.warn("could not compare the published figures with the previous run's", changesError.get());
            changes = ChangesSection.unavailable(String.valueOf(changesError.get().getMessage()));
        }
        CostSection.View cost = costResult.get();
        EpisodeLinkage episodes = episodesResult.get();
        Path file = ManifestFiles.write(store.fileSystem(), store.root(), manifest);
        Path report = null;
        RuntimeException reportError = null;
        try {
            report = writeReport(outcome, store, manifest, figuresResult.get(), completeness, changes, cost, episodes);
        } catch (RuntimeException e) {
            log.error("could not write the run report", e);
            reportError = e;
        }
        if (outcome.completed()) {
            store.dropStaging(run.runId());
        }
        List<RunManifest.Input> bad = manifest.inputs().stream().filter(i -> !i.balances()).toList();
        if (!bad.isEmpty()) {
            log.error("row counts do not add up for {}", bad);
        }
        return new Result(manifest, file, report, reportError, bad);
    }

    /**
     * bedflow's completeness rule (docs/measures.md, "When a month is provisional") on the published linked spells
     * of this run, with the rows validation found dated after the run date; null when it cannot be assessed (the
     * report then falls back on the calendar rule, and says nothing is wrong with the run).
     */
    private Completeness completeness(TableStore store, Outcome outcome) {
        try {
            var spells = ReportFigures.read(spark, store.root().toString(), OutputTables.LINKED_SPELLS, run.runId());
            if (spells.isEmpty()) {
                return null;
            }
            Dataset<Row> rows = spells.get();
            ReportingGrid grid = ReportingGrid.spanning(rows, run.config().mapping());
            return ComputeMeasures.completeness(run.workArea(spark), rows, run, grid, futureRows(outcome.feeds()));
        } catch (RuntimeException e) {
            log.warn("could not assess the completeness of the feeds; the report marks provisional months by the "
                    + "calendar only", e);
            return null;
        }
    }

    /**
     * {@code feedback/<supplier>/} for every supplier of a completed nightly run (docs/operations.md, "Feedback files
     * for suppliers"), from this run's rejects, linked spells and accepted care events; null when they could not be
     * written (the run stays completed: the tables are published; the previous run's feedback folder is left whole).
     */
    private List<RunManifest.FeedbackFolder> feedback(TableStore store) {
        try {
            String root = store.root().toString();
            var rejects = ReportFigures.read(spark, root, OutputTables.REJECTS, run.runId()).orElse(null);
            var spells = ReportFigures.read(spark, root, OutputTables.LINKED_SPELLS, run.runId()).orElse(null);
            WorkArea work = run.workArea(spark);
            var care = work.has(IngestStage.classifiedName(Feeds.SOCIAL_CARE_EVENTS))
                    ? IngestStage.accepted(work, Feeds.SOCIAL_CARE_EVENTS) : null;
            SupplierFeedback.Contents contents = SupplierFeedback.collect(rejects, spells, care, run.runDate(),
                    run.config().missingDischargeDays());
            return FeedbackFiles.write(store.fileSystem(), store.root(), run.runId(), contents);
        } catch (RuntimeException e) {
            log.error("could not write the feedback files for suppliers", e);
            return null;
        }
    }

    /**
     * The run's cost basis (docs/cost.md), written to {@code runs/<run_id>/cost_basis} for {@code bedflow whatif},
     * and the report's cost section from it with the configured prices and scenarios; a section saying why when it
     * cannot be worked out (the run stays completed).
     */
    private CostSection.View cost(TableStore store) {
        try {
            String root = store.root().toString();
            var spells = ReportFigures.read(spark, root, OutputTables.LINKED_SPELLS, run.runId());
            var monthly = ReportFigures.read(spark, root, OutputTables.DELAYED_DISCHARGE_MONTHLY, run.runId());
            if (spells.isEmpty() || monthly.isEmpty()) {
                return CostSection.unavailable("the run published no linked spells or no delayed_discharge_monthly.");
            }
            ReportingGrid grid = ReportingGrid.spanning(spells.get(), run.config().mapping());
            Path path = CostBasisFolder.write(CostBasis.withProvisional(CostBasis.basis(spells.get(), grid,
                    run.runDate()), monthly.get()), store.root(), run.runId());
            var rows = CostBasis.collect(spark.read().parquet(path.toString()));
            return CostSection.of(rows, run.config().cost(), run.config().disclosureControl(),
                    CostBasisFolder.relative(run.runId()));
        } catch (RuntimeException e) {
            log.warn("could not work out the cost section", e);
            return CostSection.unavailable("it could not be worked out (" + e.getMessage() + "); see the log.");
        }
    }

    /**
     * The ASCOF 2D reablement episodes linked to a discharge, exact and window, per area and month (docs/indicators.md,
     * ASCOF 2D), for the report: from the published linked spells and the run's pseudonymised care events, the
     * frames the measure step gave the indicators. Says why there are none when the run has no social care feed or
     * they cannot be computed (the run stays completed).
     */
    private EpisodeLinkage episodeLinkage(TableStore store) {
        try {
            var spells = ReportFigures.read(spark, store.root().toString(), OutputTables.LINKED_SPELLS, run.runId());
            if (spells.isEmpty()) {
                return EpisodeLinkage.unavailable("the run published no linked_spells.");
            }
            WorkArea work = run.workArea(spark);
            if (!work.has(LinkSpells.CARE_EVENTS)) {
                return EpisodeLinkage.noSocialCareFeed();
            }
            List<EpisodeLinkage.Count> counts = ReablementAfterDischarge.linkQualityByMonth(spells.get(),
                            work.read(LinkSpells.CARE_EVENTS)).collectAsList().stream()
                    .map(r -> new EpisodeLinkage.Count(r.getAs(LinkedSpellsColumns.UNITARY_AREA),
                            r.getAs(ReablementAfterDischarge.DISCHARGE_MONTH),
                            r.<Long>getAs(ReablementAfterDischarge.LINKED_EPISODES),
                            r.<Long>getAs(ReablementAfterDischarge.EXACT_EPISODES)))
                    .toList();
            return EpisodeLinkage.of(counts);
        } catch (RuntimeException e) {
            log.warn("could not count the exact and window links of the ASCOF 2D episodes", e);
            return EpisodeLinkage.unavailable("they could not be computed (the run's log says why).");
        }
    }

    /** Rows that validation found dated after the run date ({@code FUTURE_DATE}, errors and warnings). */
    static long futureRows(List<RunManifest.Feed> feeds) {
        long n = 0;
        for (RunManifest.Feed f : feeds == null ? List.<RunManifest.Feed>of() : feeds) {
            n += f.errors() == null ? 0 : f.errors().getOrDefault("FUTURE_DATE", 0L);
            n += f.warningsByReason() == null ? 0 : f.warningsByReason().getOrDefault("FUTURE_DATE", 0L);
        }
        return n;
    }

    /** The report's charts and tables from the published tables, or why there are none, or what went wrong. */
    private record Figures(ReportFigures figures, String noCharts, RuntimeException error) {
    }

    private Figures figures(Outcome outcome, TableStore store) {
        if (!outcome.completed()) {
            String failed = outcome.failedStep() == null ? "" : " in step " + outcome.failedStep();
            return new Figures(ReportFigures.none(), "the run did not complete (" + outcome.status() + failed
                    + "); charts are drawn only from the tables of a completed run. A restart finishes the run and "
                    + "writes this report again.", null);
        }
        if (!outcome.nightly()) {
            return new Figures(ReportFigures.none(),
                    "this was a validate-only run: it checks the feeds and computes no indicator.", null);
        }
        try {
            ReportFigures figures = ReportFigures.collect(spark, store.root().toString(), run.runId(), run.runDate(),
                    run.config().drd());
            return new Figures(figures, figures.isEmpty() ? "the run published no row of delayed_discharge_monthly."
                    : null, null);
        } catch (RuntimeException e) {
            return new Figures(ReportFigures.none(), null, e);
        }
    }

    private Path writeReport(Outcome outcome, TableStore store, RunManifest manifest, Figures figures,
                             Completeness completeness, ChangesSection.View changes, CostSection.View cost,
                             EpisodeLinkage episodes) {
        if (figures.error() != null) {
            throw figures.error();
        }
        String html = RunReport.render(new RunReport.Input(manifest, outcome.job(), outcome.steps(), figures.figures(),
                figures.noCharts(), outcome.ruleGaps(), run.config().drd(), completeness, changes, cost, episodes));
        return RunReport.write(store.fileSystem(), store.root(), run.runId(), html);
    }
}
