package org.bedflow.jobs.nightly;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.publish.TableStore;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Last step, publish: stages each output table of the run and swaps it in whole. Safe to
 * re-run after a crash: staging is redone only for tables not staged completely, and a
 * table already swapped in by this run is left alone.
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

        long rejects = publish(session, store, run, "rejects", session.read().parquet(run.work(store, "rejects")),
                List.of("feed"));
        RunState.addOutput(step.getJobExecution().getExecutionContext(), "rejects", rejects);
        contribution.incrementWriteCount(rejects);
        step.getExecutionContext().putString(StepProgress.SUMMARY, String.format("rejects %,d rows", rejects));
        return RepeatStatus.FINISHED;
    }

    static long publish(SparkSession session, TableStore store, RunSettings run, String table, Dataset<Row> rows,
                        List<String> partitionBy) {
        if (!store.isStaged(run.runId(), table)) {
            store.stage(rows, run.runId(), table, partitionBy);
        }
        long count = session.read().parquet(store.stagingPath(run.runId(), table).toString()).count();
        store.publish(run.runId(), table);
        return count;
    }
}
