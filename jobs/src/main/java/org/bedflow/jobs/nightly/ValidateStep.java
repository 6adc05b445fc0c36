package org.bedflow.jobs.nightly;

import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.run.RunContext;
import org.bedflow.pipeline.run.ValidateFeeds;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/** Step 1, validate ({@link ValidateFeeds}); a breached threshold fails the run with exit code 3. */
@Component
@StepScope
public class ValidateStep implements Tasklet {

    private final ValidateFeeds validate;

    public ValidateStep(SparkSession spark, RunContext run) {
        this.validate = new ValidateFeeds(spark, run);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        ValidateFeeds.Result result = validate.execute();
        RunState.putInputs(contribution.getStepExecution().getJobExecution().getExecutionContext(), result.inputs(),
                result.feeds());
        DataQualitySummary.print(System.out, result.report());
        contribution.getStepExecution().setReadCount(result.rowsRead());
        contribution.incrementFilterCount(result.rowsRead() - result.accepted());
        StepProgress.record(contribution, result.accepted(), result.summary());
        if (result.breached()) {
            throw new DataQualityException(result.breaches());
        }
        return RepeatStatus.FINISHED;
    }
}
