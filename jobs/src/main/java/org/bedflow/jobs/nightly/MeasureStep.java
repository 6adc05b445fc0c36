package org.bedflow.jobs.nightly;

import java.time.YearMonth;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.jobs.config.BedflowProperties;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.measure.DelayedDischargeBreakdown;
import org.bedflow.pipeline.measure.DelayedDischargeMeasures;
import org.bedflow.pipeline.measure.InpatientSnapshot;
import org.bedflow.pipeline.measure.ReportingGrid;
import org.bedflow.pipeline.measure.indicators.Indicators;
import org.bedflow.pipeline.publish.TableStore;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.spark.Concurrently;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Step 3, measure: computes the aggregate tables from linked_spells (and, for indicators,
 * the pseudonymised care events and the validated population) into the work area
 * ({@code work/tables/<table>}), over the grid of configured areas x the months from the
 * first to the last admission or discharge month of the accepted spells.
 */
@Component
public class MeasureStep implements Tasklet {

    private final ObjectProvider<SparkSession> spark;
    private final BedflowProperties properties;

    public MeasureStep(ObjectProvider<SparkSession> spark, BedflowProperties properties) {
        this.spark = spark;
        this.properties = properties;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        var step = chunk.getStepContext().getStepExecution();
        RunSettings run = RunSettings.of(step.getJobExecution());
        SparkSession session = spark.getObject();
        TableStore store = new TableStore(session, run.output());
        Dataset<Row> spells = run.readStaged(store, OutputTables.LINKED_SPELLS);
        ReorganisationMapping mapping = ReorganisationMapping.load(properties.getReorganisation());
        ReportingGrid grid = grid(spells, mapping);
        DelayReasons reasons = DelayReasons.load(properties.getDelayReasons());

        // the four tables at once: most of each is planning and small jobs, which overlap well on two cores
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        Concurrently.run(List.of(
                () -> written.addAndGet(write(store, run, OutputTables.INDICATORS, Indicators.compute(session, spells,
                        run.readWork(session, store, "care_events"),
                        run.readWork(session, store, "community_contacts"),
                        run.readAccepted(session, store, Feeds.POPULATION),
                        mapping, grid, run.runDate(), run.runId()))),
                () -> written.addAndGet(write(store, run, OutputTables.DELAYED_DISCHARGE_MONTHLY,
                        DelayedDischargeMeasures.monthly(session, spells, grid, run.runId()))),
                () -> written.addAndGet(write(store, run, OutputTables.DELAYED_DISCHARGE_BREAKDOWN,
                        DelayedDischargeBreakdown.breakdown(session, spells, grid, reasons, run.runId()))),
                () -> written.addAndGet(write(store, run, OutputTables.INPATIENT_SNAPSHOT,
                        InpatientSnapshot.snapshot(session, spells, grid, run.runDate(), run.runId())))));
        long rows = written.get();
        contribution.incrementWriteCount(rows);
        step.getExecutionContext().putString(StepProgress.SUMMARY, String.format(
                "%d areas x %d months (%s to %s), %,d aggregate rows", grid.areas().size(), grid.months().size(),
                grid.firstMonth(), grid.lastMonth(), rows));
        return RepeatStatus.FINISHED;
    }

    static ReportingGrid grid(Dataset<Row> spells, ReorganisationMapping mapping) {
        Row span = spells.selectExpr("min(admission_month)", "max(greatest(admission_month, coalesce(discharge_month, admission_month)))").first();
        return ReportingGrid.of(mapping, span.isNullAt(0) ? null : YearMonth.parse(span.getString(0)),
                span.isNullAt(1) ? null : YearMonth.parse(span.getString(1)));
    }

    /** Stages the table as published (one file per area): publish only swaps it in. */
    private static long write(TableStore store, RunSettings run, OutputTables table, Dataset<Row> rows) {
        store.stage(rows, run.runId(), table.table(), table.partitionBy());
        return store.readStaged(run.runId(), table.table()).count();
    }
}
