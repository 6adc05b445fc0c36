package org.bedflow.jobs.nightly;

import java.util.List;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.bedflow.jobs.config.BedflowProperties;
import org.bedflow.pipeline.publish.DisclosureControl;
import org.bedflow.pipeline.publish.TableStore;
import org.bedflow.pipeline.schema.OutputTables;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Last step, publish: stages every output table the run produced (rejects always; the
 * linked and aggregate tables when the job computed them), partitioned as outputs.md says,
 * plus the commissioners' disclosure-controlled copies under {@code published/}, and swaps
 * each in whole. Safe to re-run after a crash: every table is staged again from the same
 * work files and swapped, giving the same result.
 */
@Component
public class PublishStep implements Tasklet {

    public static final String PUBLISHED = "published/";

    private final ObjectProvider<SparkSession> spark;
    private final BedflowProperties properties;

    public PublishStep(ObjectProvider<SparkSession> spark, BedflowProperties properties) {
        this.spark = spark;
        this.properties = properties;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        var step = chunk.getStepContext().getStepExecution();
        RunSettings run = RunSettings.of(step.getJobExecution());
        SparkSession session = spark.getObject();
        TableStore store = new TableStore(session, run.output());
        var ctx = step.getJobExecution().getExecutionContext();

        // the nightly job publishes every table, the validate job its rejects only; a table the
        // job should have computed but whose work files are gone fails the step rather than
        // being skipped, so a run never completes with tables missing
        boolean nightly = NightlyJobConfig.NIGHTLY.equals(step.getJobExecution().getJobInstance().getJobName());
        StringBuilder summary = new StringBuilder();
        long total = 0;
        boolean anyPublished = false;
        for (OutputTables table : OutputTables.values()) {
            if (!nightly && table != OutputTables.REJECTS) {
                continue;
            }
            Dataset<Row> rows = run.readWork(session, store, source(table));
            long count = publish(session, store, run, table.table(), rows, table.partitionBy());
            RunState.addOutput(ctx, table.table(), count);
            total += count;
            summary.append(summary.isEmpty() ? "" : ", ").append(String.format("%s %,d", table.table(), count));
            var published = DisclosureControl.published(table, rows, properties.isDisclosureControl());
            if (published.isPresent()) {
                anyPublished = true;
                long p = publish(session, store, run, PUBLISHED + table.table(), published.get(), table.partitionBy());
                RunState.addOutput(ctx, PUBLISHED + table.table(), p);
            }
        }
        contribution.incrementWriteCount(total);
        step.getExecutionContext().putString(StepProgress.SUMMARY, summary + (!anyPublished ? ""
                : properties.isDisclosureControl() ? "; published/ disclosure-controlled" : "; published/ WITHOUT disclosure control"));
        return RepeatStatus.FINISHED;
    }

    /** the work table a published table is made from */
    static String source(OutputTables table) {
        return switch (table) {
            case REJECTS -> "rejects";
            case LINKED_SPELLS -> "linked_spells";
            default -> "tables/" + table.table();
        };
    }

    static long publish(SparkSession session, TableStore store, RunSettings run, String table, Dataset<Row> rows,
                        List<String> partitionBy) {
        // one task per partition value: one file per partition folder rather than many small ones
        Dataset<Row> ordered = partitionBy.isEmpty() ? rows.coalesce(1)
                : rows.repartition(partitionBy.stream().map(functions::col).toArray(Column[]::new));
        store.stage(ordered, run.runId(), table, partitionBy);
        long count = session.read().parquet(store.stagingPath(run.runId(), table).toString()).count();
        store.publish(run.runId(), table);
        return count;
    }
}
