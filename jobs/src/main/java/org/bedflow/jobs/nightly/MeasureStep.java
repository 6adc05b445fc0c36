package org.bedflow.jobs.nightly;

import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.run.ComputeMeasures;
import org.bedflow.pipeline.run.RunContext;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/** Step 3, measure ({@link ComputeMeasures}). */
@Component
@StepScope
public class MeasureStep implements Tasklet {

    private final ComputeMeasures measure;

    public MeasureStep(SparkSession spark, RunContext run) {
        this.measure = new ComputeMeasures(spark, run);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        ComputeMeasures.Result result = measure.execute();
        StepProgress.record(contribution, result.rows(), result.summary());
        return RepeatStatus.FINISHED;
    }
}
