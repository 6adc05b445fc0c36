package org.bedflow.jobs.nightly;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.run.PublishTables;
import org.bedflow.pipeline.run.RunContext;
import org.bedflow.pipeline.schema.OutputTables;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Last step, publish ({@link PublishTables}): every table after the nightly job, the rejects after validate. */
@Component
@StepScope
public class PublishStep implements Tasklet {

    private final PublishTables publish;

    public PublishStep(SparkSession spark, RunContext run, @Value("#{stepExecution.jobExecution.jobInstance.jobName}") String job) {
        List<OutputTables> tables = NightlyJobConfig.NIGHTLY.equals(job) ? Arrays.asList(OutputTables.values())
                : List.of(OutputTables.REJECTS);
        this.publish = new PublishTables(spark, run, tables);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        PublishTables.Result result = publish.execute();
        RunState.putOutputs(contribution.getStepExecution().getJobExecution().getExecutionContext(), result.outputs());
        StepProgress.record(contribution, result.rows(), result.summary());
        return RepeatStatus.FINISHED;
    }
}
