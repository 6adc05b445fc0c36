package org.bedflow.jobs.nightly;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.link.SpellAssembly;
import org.bedflow.pipeline.publish.TableStore;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Step 2, link: assembles hospital spells from the validated admissions and discharges. */
@Component
public class LinkStep implements Tasklet {

    private final ObjectProvider<SparkSession> spark;

    public LinkStep(ObjectProvider<SparkSession> spark) {
        this.spark = spark;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        var step = chunk.getStepContext().getStepExecution();
        RunSettings run = RunSettings.of(step.getJobExecution());
        SparkSession session = spark.getObject();
        TableStore store = new TableStore(session, run.output());
        Dataset<Row> admissions = session.read().parquet(run.work(store, "validated/apc_admissions"));
        Dataset<Row> discharges = session.read().parquet(run.work(store, "validated/apc_discharges"));
        SpellAssembly.spells(admissions, discharges).write().mode("overwrite").parquet(run.work(store, "spells"));
        long spells = session.read().parquet(run.work(store, "spells")).count();
        contribution.incrementWriteCount(spells);
        step.getExecutionContext().putString(StepProgress.SUMMARY, String.format("%,d spells", spells));
        return RepeatStatus.FINISHED;
    }
}
