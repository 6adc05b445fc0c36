package org.bedflow.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.bedflow.jobs.ExitCodes;
import org.bedflow.jobs.nightly.NightlyJobConfig;
import org.bedflow.jobs.nightly.PseudonymKeys;
import org.bedflow.jobs.nightly.RunParameters;
import org.bedflow.pipeline.link.PseudonymKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bedflow restart}: resumes the last failed execution (or the one named) at its
 * failed step; completed steps are not redone. It runs with the configuration file and Spark
 * master the failed execution was launched with, unless given again here. An execution left
 * STARTED by a process that was killed (kill -9, power loss) is first marked FAILED, but only
 * once the output folder's lock shows that no process is still working on it.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart the last failed execution of the nightly run (or --execution-id N) at its failed step.")
public class RestartCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RestartCommand.class);

    @Option(names = "--execution-id", paramLabel = "N", description = "the execution to restart (default: the last failed one)")
    Long executionId;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        List<String> lookupArgs = common.springArgs();
        ConfigurableApplicationContext ctx = SpringCommand.start(lookupArgs);
        try {
            JobExplorer explorer = ctx.getBean(JobExplorer.class);
            Optional<JobExecution> target = executionId != null ? Optional.ofNullable(explorer.getJobExecution(executionId))
                    : lastRestartable(explorer);
            if (target.isEmpty()) {
                System.err.println("bedflow: " + (executionId != null ? "there is no execution " + executionId
                        + " (see bedflow history)" : "no failed execution to restart (see bedflow history)"));
                return executionId != null ? ExitCodes.USAGE : ExitCodes.FAILED;
            }
            JobExecution failed = target.get();
            if (failed.getStatus() == BatchStatus.COMPLETED || failed.getStatus() == BatchStatus.ABANDONED) {
                System.err.println("bedflow: execution " + failed.getId() + " is " + failed.getStatus()
                        + "; nothing to restart (run --rerun runs a completed run date again)");
                return ExitCodes.FAILED;
            }
            JobParameters params = failed.getJobParameters();
            String jobName = failed.getJobInstance().getJobName();
            if (NightlyJobConfig.NIGHTLY.equals(jobName) && !"true".equals(params.getString(PseudonymKeys.PARAM_DEMO_KEY))
                    && PseudonymKey.fromEnvironment(System.getenv()) == null) {
                System.err.println("bedflow: " + PseudonymKeys.missingMessage());
                return ExitCodes.FAILED;
            }
            // the configuration the execution ran with, unless given again here
            String storedConfig = params.getString(JobLaunch.PARAM_CONFIG);
            Path config = common.config != null ? common.config : storedConfig == null ? null : Path.of(storedConfig);
            if (common.config == null && config != null && !Files.isRegularFile(config)) {
                System.err.println("bedflow: execution " + failed.getId() + " ran with the configuration file " + config
                        + ", which no longer exists; give --config FILE");
                return ExitCodes.USAGE;
            }
            String master = common.master != null ? common.master : params.getString(JobLaunch.PARAM_MASTER);
            List<String> springArgs = common.springArgs(config, master);

            Path output = Path.of(params.getString(RunParameters.PARAM_OUTPUT));
            Optional<OutputLock> lock = OutputLock.tryAcquire(output);
            if (lock.isEmpty()) {
                System.err.println("bedflow: another run is writing to " + output + " (pid " + OutputLock.holder(output)
                        + "); execution " + failed.getId() + " can be restarted when it has finished");
                return ExitCodes.ALREADY_RUNNING;
            }
            try (OutputLock held = lock.get()) {
                if (!springArgs.equals(lookupArgs)) {
                    ctx.close();
                    ctx = SpringCommand.start(springArgs);
                }
                JobExecution current = ctx.getBean(JobExplorer.class).getJobExecution(failed.getId());
                if (current != null && current.isRunning()) {
                    // the lock is ours, so the process that left it STARTED is gone
                    JobLaunch.markAbandonedRunFailed(ctx.getBean(JobRepository.class), current);
                }
                System.out.println("restarting execution " + failed.getId() + " of " + jobName + " (run date "
                        + params.getLocalDate(RunParameters.PARAM_RUN_DATE) + ") at its failed step"
                        + (storedConfig != null && common.config == null ? "; configuration " + storedConfig : ""));
                log.info("restarting execution {} of {}", failed.getId(), jobName);
                Job job = ctx.getBean(jobName, Job.class);
                JobExecution next = ctx.getBean(JobLauncher.class).run(job, params);
                return JobLaunch.exitCode(next, System.err);
            } catch (JobExecutionAlreadyRunningException e) {
                System.err.println("bedflow: " + e.getMessage());
                return ExitCodes.ALREADY_RUNNING;
            } catch (Exception e) {
                log.error("restart of execution {} failed", failed.getId(), e);
                System.err.println("bedflow: " + Failures.describe(e));
                return ExitCodes.FAILED;
            }
        } finally {
            ctx.close();
        }
    }

    /**
     * The newest execution of the nightly job, over all its job instances, that is the last of
     * its instance and did not complete. (A failed {@code validate} check is simply run again;
     * restarting one needs its --execution-id.)
     */
    static Optional<JobExecution> lastRestartable(JobExplorer explorer) {
        JobExecution best = null;
        for (JobInstance instance : explorer.getJobInstances(NightlyJobConfig.NIGHTLY, 0, 100)) {
            JobExecution last = explorer.getLastJobExecution(instance);
            if (last != null && last.getStatus() != BatchStatus.COMPLETED && last.getStatus() != BatchStatus.ABANDONED
                    && (best == null || last.getId() > best.getId())) {
                best = last;
            }
        }
        return Optional.ofNullable(best);
    }
}
