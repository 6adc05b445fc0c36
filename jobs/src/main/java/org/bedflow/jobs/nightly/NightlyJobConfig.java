package org.bedflow.jobs.nightly;

import java.time.LocalDate;
import java.util.List;

import org.bedflow.jobs.config.BedflowProperties;
import org.bedflow.pipeline.run.RunContext;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepExecutionListener;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The jobs. {@code nightly}: validate -> link -> measure -> publish. {@code validate}: the
 * first step and the publication of rejects only. A failed execution restarts at its
 * failed step; completed steps are not redone. The steps are thin adapters: what each does
 * is in {@code org.bedflow.pipeline.run}.
 */
@Configuration
public class NightlyJobConfig {

    public static final String NIGHTLY = "nightly";
    public static final String VALIDATE = "validate";

    private final JobRepository repository;
    private final PlatformTransactionManager tx;
    private final ObjectProvider<StepExecutionListener> listeners;

    public NightlyJobConfig(JobRepository repository, PlatformTransactionManager tx,
                            ObjectProvider<StepExecutionListener> listeners) {
        this.repository = repository;
        this.tx = tx;
        this.listeners = listeners;
    }

    /**
     * The run a step works on, from the job's parameters, its execution context (the run id,
     * given by {@link RunLifecycle} before the first step) and the configuration. Created
     * inside each step, when the step's tasklet is (no proxy: a record cannot have one).
     */
    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.NO)
    public RunContext runContext(@Value("#{jobExecutionContext['" + RunParameters.RUN_ID + "']}") String runId,
                                 @Value("#{jobParameters['" + RunParameters.PARAM_RUN_DATE + "']}") LocalDate runDate,
                                 @Value("#{jobParameters['" + RunParameters.PARAM_INPUT + "']}") String input,
                                 @Value("#{jobParameters['" + RunParameters.PARAM_OUTPUT + "']}") String output,
                                 BedflowProperties properties) {
        return new RunContext(runId, runDate, input, output, properties.runConfig());
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

    /** A step with every step listener of the application: the progress lines, and any a test adds. */
    private Step step(String name, Tasklet tasklet) {
        StepBuilder builder = new StepBuilder(name, repository);
        List<StepExecutionListener> all = listeners.orderedStream().toList();
        var step = builder.tasklet(tasklet, tx);
        all.forEach(step::listener);
        return step.build();
    }
}
