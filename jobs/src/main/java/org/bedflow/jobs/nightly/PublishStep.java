package org.bedflow.jobs.nightly;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
 * Last step, publish: every output table was staged by the step that computed it (rejects by
 * validate, linked_spells by link, the aggregate tables by measure) in the run's staging
 * area, partitioned as outputs.md says. Publish stages the commissioners'
 * disclosure-controlled copies under {@code published/} and swaps each table in whole. Safe
 * to re-run after a crash: a table an earlier attempt already swapped in is recognised by its
 * run_id and left in place; the rest are swapped as before.
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

        // the nightly job publishes every table, the validate job its rejects only; the steps
        // staged them already, so publishing is making the commissioners' copies and swapping.
        // A table neither staged nor already swapped in by an earlier attempt of this run (a
        // restart) fails the step rather than being skipped: a run never completes with tables missing.
        boolean nightly = NightlyJobConfig.NIGHTLY.equals(step.getJobExecution().getJobInstance().getJobName());
        StringBuilder summary = new StringBuilder();
        long total = 0;
        boolean anyPublished = false;
        for (OutputTables table : OutputTables.values()) {
            if (!nightly && table != OutputTables.REJECTS) {
                continue;
            }
            String name = table.table();
            Dataset<Row> rows = store.isStaged(run.runId(), name) ? store.readStaged(run.runId(), name)
                    : store.isPublishedBy(run.runId(), name) ? store.read(name)
                    : run.readStaged(store, table);
            long count = rows.count();
            var published = DisclosureControl.published(table, rows, properties.isDisclosureControl());
            if (published.isPresent()) {
                anyPublished = true;
                String copy = PUBLISHED + name;
                if (!store.isPublishedBy(run.runId(), copy) || store.isStaged(run.runId(), name)) {
                    // staged before the table itself moves: its rows are read from the table's staged copy
                    store.stage(published.get(), run.runId(), copy, table.partitionBy());
                }
                store.publish(run.runId(), name);
                store.publish(run.runId(), copy);
                RunState.addOutput(ctx, copy, store.read(copy).count());
            } else {
                store.publish(run.runId(), name);
            }
            RunState.addOutput(ctx, name, count);
            total += count;
            summary.append(summary.isEmpty() ? "" : ", ").append(String.format("%s %,d", name, count));
        }
        contribution.incrementWriteCount(total);
        step.getExecutionContext().putString(StepProgress.SUMMARY, summary + (!anyPublished ? ""
                : properties.isDisclosureControl() ? "; published/ disclosure-controlled" : "; published/ WITHOUT disclosure control"));
        return RepeatStatus.FINISHED;
    }

}
