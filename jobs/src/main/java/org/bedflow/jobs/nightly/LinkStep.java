package org.bedflow.jobs.nightly;

import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.link.PseudonymKey;
import org.bedflow.pipeline.run.LinkSpells;
import org.bedflow.pipeline.run.RunContext;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Step 2, link ({@link LinkSpells}), with the run's pseudonymisation key. */
@Component
@StepScope
public class LinkStep implements Tasklet {

    private final SparkSession spark;
    private final RunContext run;
    private final boolean demoKey;

    public LinkStep(SparkSession spark, RunContext run,
                    @Value("#{jobParameters['" + PseudonymKeys.PARAM_DEMO_KEY + "']}") String demoKey) {
        this.spark = spark;
        this.run = run;
        this.demoKey = "true".equals(demoKey);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        PseudonymKey key = PseudonymKeys.forRun(demoKey);
        if (key.isDemo()) {
            System.out.println("  (demo: person keys use the public built-in demo key; real runs need "
                    + PseudonymKey.ENV_KEY + ")");
        }
        LinkSpells.Result result = new LinkSpells(spark, run, key).execute();
        RunState.putRuleGaps(contribution.getStepExecution().getJobExecution().getExecutionContext(), result.ruleGaps());
        StepProgress.record(contribution, result.spells(), result.summary());
        return RepeatStatus.FINISHED;
    }
}
