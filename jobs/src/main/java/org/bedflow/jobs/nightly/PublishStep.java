package org.bedflow.jobs.nightly;

import java.util.List;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
 * linked and aggregate tables when the job computed them) partitioned as outputs.md says,
 * and swaps each in whole. Safe to re-run after a crash: a table already swapped in by this
 * run is staged and swapped again from the same work files, giving the same result.
 */
@Component
public class PublishStep implements Tasklet {

    private final ObjectProvider<SparkSession> spark;

    public PublishStep(ObjectProvider<SparkSession> spark) {
        this.spark = spark;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        var step = chunk.getStepContext().getStepExecution();
        RunSettings run = RunSettings.of(step.getJobExecution());
        SparkSession session = spark.getObject();
        TableStore store = new TableStore(session, run.output());
        var ctx = step.getJobExecution().getExecutionContext();

        StringBuilder summary = new StringBuilder();
        long total = 0;
        for (OutputTables table : OutputTables.values()) {
            String source = table == OutputTables.REJECTS ? run.work(store, "rejects")
                    : table == OutputTables.LINKED_SPELLS ? run.work(store, "linked_spells")
                    : run.work(store, "tables/" + table.table());
            if (!exists(store, source)) {
                continue;
            }
            long rows = publish(session, store, run, table, session.read().parquet(source));
            RunState.addOutput(ctx, table.table(), rows);
            total += rows;
            summary.append(summary.isEmpty() ? "" : ", ").append(String.format("%s %,d", table.table(), rows));
        }
        contribution.incrementWriteCount(total);
        step.getExecutionContext().putString(StepProgress.SUMMARY, summary.toString());
        return RepeatStatus.FINISHED;
    }

    private static boolean exists(TableStore store, String path) {
        try {
            return store.fileSystem().exists(new Path(path, "_SUCCESS"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static long publish(SparkSession session, TableStore store, RunSettings run, OutputTables table, Dataset<Row> rows) {
        List<String> partitionBy = table.partitionBy();
        Dataset<Row> ordered = partitionBy.isEmpty() ? rows
                : rows.repartition(partitionBy.stream().map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new));
        store.stage(ordered, run.runId(), table.table(), partitionBy);
        long count = session.read().parquet(store.stagingPath(run.runId(), table.table()).toString()).count();
        store.publish(run.runId(), table.table());
        return count;
    }
}
