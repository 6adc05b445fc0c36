package org.bedflow.pipeline.run;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.ingest.IngestStage;
import org.bedflow.pipeline.measure.DelayedDischargeBreakdown;
import org.bedflow.pipeline.measure.DelayedDischargeMeasures;
import org.bedflow.pipeline.measure.InpatientSnapshot;
import org.bedflow.pipeline.measure.ReportingGrid;
import org.bedflow.pipeline.measure.completeness.Completeness;
import org.bedflow.pipeline.measure.completeness.FeedCompleteness;
import org.bedflow.pipeline.measure.completeness.ProvisionalColumn;
import org.bedflow.pipeline.measure.indicators.Indicators;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.spark.Concurrently;

/**
 * Step 3, measure: computes the four aggregate tables (docs/data-dictionary.md,
 * docs/indicators.md) from the staged linked_spells — and, for indicators, the
 * pseudonymised care events and community contacts link kept and the accepted population —
 * over the grid of configured areas x the months from the first to the last admission or
 * discharge month. Each table is staged partitioned as published: publish only swaps it in.
 * Every table carries {@code provisional} from bedflow's completeness rule ({@link FeedCompleteness}).
 */
public final class ComputeMeasures {

    private final SparkSession spark;
    private final RunContext run;

    public ComputeMeasures(SparkSession spark, RunContext run) {
        this.spark = spark;
        this.run = run;
    }

    /** @param rows aggregate rows staged, all four tables */
    public record Result(ReportingGrid grid, long rows, Completeness completeness) {

        public Result(ReportingGrid grid, long rows) {
            this(grid, rows, null);
        }

        public String summary() {
            return String.format("%d areas x %d months (%s to %s), %,d aggregate rows", grid.areas().size(),
                    grid.months().size(), grid.firstMonth(), grid.lastMonth(), rows);
        }
    }

    public Result execute() {
        WorkArea work = run.workArea(spark);
        Dataset<Row> spells = work.readStaged(OutputTables.LINKED_SPELLS);
        ReorganisationMapping mapping = run.config().mapping();
        ReportingGrid grid = ReportingGrid.spanning(spells, mapping);
        Completeness complete = completeness(work, spells, run, grid, 0);
        java.time.LocalDate runDate = run.runDate();

        // the four tables at once: most of each is planning and small jobs, which overlap well on two cores
        AtomicLong written = new AtomicLong();
        Concurrently.run(List.of(
                () -> written.addAndGet(stage(work, OutputTables.INDICATORS, ProvisionalColumn.indicators(
                        Indicators.compute(spark, spells, work.read(LinkSpells.CARE_EVENTS),
                                work.read(LinkSpells.COMMUNITY_CONTACTS), IngestStage.accepted(work, Feeds.POPULATION),
                                mapping, grid, runDate, run.runId()), complete, runDate))),
                () -> written.addAndGet(stage(work, OutputTables.DELAYED_DISCHARGE_MONTHLY, ProvisionalColumn.monthly(
                        DelayedDischargeMeasures.monthly(spark, spells, grid, run.runId()), complete, runDate))),
                () -> written.addAndGet(stage(work, OutputTables.DELAYED_DISCHARGE_BREAKDOWN, ProvisionalColumn.monthly(
                        DelayedDischargeBreakdown.breakdown(spark, spells, grid, run.config().delayReasonMapping(),
                                run.runId()), complete, runDate))),
                () -> written.addAndGet(stage(work, OutputTables.INPATIENT_SNAPSHOT, ProvisionalColumn.snapshot(
                        InpatientSnapshot.snapshot(spark, spells, grid, runDate, run.runId()), complete, runDate)))));
        return new Result(grid, written.get(), complete);
    }

    /**
     * bedflow's completeness rule on the run's linked spells and, when the run has a social care feed, its accepted
     * care events, over the reporting grid's months.
     *
     * @param futureRows rows validation found dated after the run date (for the run-date warning)
     */
    public static Completeness completeness(WorkArea work, Dataset<Row> spells, RunContext run, ReportingGrid grid,
                                            long futureRows) {
        Dataset<Row> care = work.has(IngestStage.classifiedName(Feeds.SOCIAL_CARE_EVENTS))
                ? IngestStage.accepted(work, Feeds.SOCIAL_CARE_EVENTS) : null;
        return FeedCompleteness.assess(FeedCompleteness.collect(spells, care, run.config().mapping()),
                run.config().completeness(), grid.areas(), grid.months(), run.runDate(), futureRows);
    }

    private static long stage(WorkArea work, OutputTables table, Dataset<Row> rows) {
        work.stage(table, rows);
        return work.readStaged(table).count();
    }
}
