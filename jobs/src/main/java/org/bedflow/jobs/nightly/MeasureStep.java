package org.bedflow.jobs.nightly;

import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.publish.TableStore;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Step 3, measure: computes the aggregate tables from the linked spells into the work area. */
@Component
public class MeasureStep implements Tasklet {

    private final ObjectProvider<SparkSession> spark;

    public MeasureStep(ObjectProvider<SparkSession> spark) {
        this.spark = spark;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        var step = chunk.getStepContext().getStepExecution();
        RunSettings run = RunSettings.of(step.getJobExecution());
        SparkSession session = spark.getObject();
        TableStore store = new TableStore(session, run.output());
        long spells = session.read().parquet(run.work(store, "spells")).count();
        contribution.incrementReadCount(spells);
        step.getExecutionContext().putString(StepProgress.SUMMARY, String.format("%,d spells measured", spells));
        return RepeatStatus.FINISHED;
    }
}
