package org.bedflow.jobs.nightly;

import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The jobs. {@code nightly}: validate -> link -> measure -> publish. {@code validate}: the
 * first step and the publication of rejects only. A failed execution restarts at its
 * failed step; completed steps are not redone.
 */
@Configuration
public class NightlyJobConfig {

    public static final String NIGHTLY = "nightly";
    public static final String VALIDATE = "validate";

    private final JobRepository repository;
    private final PlatformTransactionManager tx;
    private final StepProgress progress;

    public NightlyJobConfig(JobRepository repository, PlatformTransactionManager tx, StepProgress progress) {
        this.repository = repository;
        this.tx = tx;
        this.progress = progress;
    }

    @Bean(name = NIGHTLY)
    public Job nightly(RunLifecycle lifecycle, ValidateStep validate, LinkStep link, MeasureStep measure,
                       PublishStep publish) {
        return new JobBuilder(NIGHTLY, repository)
                .listener(lifecycle)
                .start(step("validate", validate))
                .next(step("link", link))
                .next(step("measure", measure))
                .next(step("publish", publish))
                .build();
    }

    @Bean(name = VALIDATE)
    public Job validateOnly(RunLifecycle lifecycle, ValidateStep validate, PublishStep publish) {
        return new JobBuilder(VALIDATE, repository)
                .listener(lifecycle)
                .start(step("validate", validate))
                .next(step("publish", publish))
                .build();
    }

    private Step step(String name, Tasklet tasklet) {
        return new StepBuilder(name, repository).tasklet(tasklet, tx).listener(progress).build();
    }
}
