package org.bedflow.jobs.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.bedflow.jobs.ExitCodes;
import org.bedflow.jobs.nightly.NightlyJobConfig;
import org.bedflow.jobs.nightly.RunSettings;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bedflow restart}: resumes the last failed execution (or the one named) at its
 * failed step; completed steps are not redone. An execution left STARTED by a process that
 * was killed (kill -9, power loss) is first marked FAILED, but only once the output
 * folder's lock shows that no process is still working on it.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart the last failed execution (or --execution-id N) at its failed step.")
public class RestartCommand implements Callable<Integer> {

    @Option(names = "--execution-id", paramLabel = "N", description = "the execution to restart (default: the last failed one)")
    Long executionId;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        try (var ctx = SpringCommand.start(common.springArgs())) {
            JobExplorer explorer = ctx.getBean(JobExplorer.class);
            Optional<JobExecution> target = executionId != null ? Optional.ofNullable(explorer.getJobExecution(executionId))
                    : lastRestartable(explorer);
            if (target.isEmpty()) {
                System.err.println("bedflow: " + (executionId != null ? "no execution " + executionId
                        : "no failed execution to restart"));
                return ExitCodes.FAILED;
            }
            JobExecution failed = target.get();
            Path output = Path.of(failed.getJobParameters().getString(RunSettings.PARAM_OUTPUT));
            Optional<OutputLock> lock = OutputLock.tryAcquire(output);
            if (lock.isEmpty()) {
                System.err.println("bedflow: another run is writing to " + output + " (pid " + OutputLock.holder(output) + ")");
                return ExitCodes.ALREADY_RUNNING;
            }
            try (OutputLock held = lock.get()) {
                if (failed.getStatus() == BatchStatus.COMPLETED) {
                    System.err.println("bedflow: execution " + failed.getId() + " completed; nothing to restart "
                            + "(use run --rerun to run the date again)");
                    return ExitCodes.FAILED;
                }
                if (failed.isRunning()) {
                    // the lock is ours, so the process that left it STARTED is gone
                    markAbandonedRunFailed(ctx.getBean(JobRepository.class), failed);
                }
                System.out.println("restarting execution " + failed.getId() + " of " + failed.getJobInstance().getJobName()
                        + " (run date " + failed.getJobParameters().getLocalDate(RunSettings.PARAM_RUN_DATE) + ")");
                Job job = ctx.getBean(failed.getJobInstance().getJobName(), Job.class);
                JobExecution next = ctx.getBean(JobLauncher.class).run(job, failed.getJobParameters());
                return JobLaunch.exitCode(next, System.err);
            }
        } catch (Exception e) {
            System.err.println("bedflow: " + org.bedflow.jobs.BedflowCli.oneLine(e));
            return ExitCodes.FAILED;
        }
    }

    static Optional<JobExecution> lastRestartable(JobExplorer explorer) {
        JobExecution best = null;
        for (String name : List.of(NightlyJobConfig.NIGHTLY, NightlyJobConfig.VALIDATE)) {
            for (JobInstance instance : explorer.getJobInstances(name, 0, 50)) {
                JobExecution last = explorer.getLastJobExecution(instance);
                if (last != null && last.getStatus() != BatchStatus.COMPLETED && last.getStatus() != BatchStatus.ABANDONED
                        && (best == null || last.getId() > best.getId())) {
                    best = last;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** After kill -9 the execution stays STARTED; Spring Batch restarts only a FAILED one. */
    static void markAbandonedRunFailed(JobRepository repository, JobExecution execution) {
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("process ended without finishing the step"));
                step.setEndTime(now);
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription("process ended without finishing the job"));
        execution.setEndTime(now);
        repository.update(execution);
    }
}
