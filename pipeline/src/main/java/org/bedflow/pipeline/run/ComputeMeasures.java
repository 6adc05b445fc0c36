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
 */
public final class ComputeMeasures {

    private final SparkSession spark;
    private final RunContext run;

    public ComputeMeasures(SparkSession spark, RunContext run) {
        this.spark = spark;
        this.run = run;
    }

    /** @param rows aggregate rows staged, all four tables */
    public record Result(ReportingGrid grid, long rows) {

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

        // the four tables at once: most of each is planning and small jobs, which overlap well on two cores
        AtomicLong written = new AtomicLong();
        Concurrently.run(List.of(
                () -> written.addAndGet(stage(work, OutputTables.INDICATORS, Indicators.compute(spark, spells,
                        work.read(LinkSpells.CARE_EVENTS), work.read(LinkSpells.COMMUNITY_CONTACTS),
                        IngestStage.accepted(work, Feeds.POPULATION), mapping, grid, run.runDate(), run.runId()))),
                () -> written.addAndGet(stage(work, OutputTables.DELAYED_DISCHARGE_MONTHLY,
                        DelayedDischargeMeasures.monthly(spark, spells, grid, run.runId()))),
                () -> written.addAndGet(stage(work, OutputTables.DELAYED_DISCHARGE_BREAKDOWN,
                        DelayedDischargeBreakdown.breakdown(spark, spells, grid, run.config().delayReasonMapping(),
                                run.runId()))),
                () -> written.addAndGet(stage(work, OutputTables.INPATIENT_SNAPSHOT,
                        InpatientSnapshot.snapshot(spark, spells, grid, run.runDate(), run.runId())))));
        return new Result(grid, written.get());
    }

    private static long stage(WorkArea work, OutputTables table, Dataset<Row> rows) {
        work.stage(table, rows);
        return work.readStaged(table).count();
    }
}
