package org.bedflow.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * {@code bedflow restart}: resumes the last failed execution of an output folder (or the one
 * named) at its failed step; completed steps are not redone. Without {@code --output} it
 * takes the last failed execution only when every candidate writes to the same output folder;
 * otherwise it lists them and asks which (a restart must never republish another folder's
 * night by surprise). A failed execution whose output folder has since completed a newer run
 * is no candidate: restarting it would replace newer tables with older ones
 * ({@code --execution-id} still can). It runs with the configuration file and Spark
 * master the failed execution was launched with, unless given again here. An execution left
 * STARTED by a process that was killed (kill -9, power loss) is first marked FAILED, but only
 * once the output folder's lock shows that no process is still working on it.
 */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart the last failed execution of the nightly run of --output DIR (or --execution-id N) at "
                + "its failed step. Without either, the last failed execution when all candidates share one output "
                + "folder; else the candidates are listed.")
public class RestartCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RestartCommand.class);

    @Option(names = "--execution-id", paramLabel = "N", description = "the execution to restart (default: the last failed one)")
    Long executionId;

    @Option(names = "--output", paramLabel = "DIR", description = "the output folder whose last failed run to restart")
    Path output;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        List<String> lookupArgs = common.springArgs();
        ConfigurableApplicationContext ctx = SpringCommand.start(lookupArgs);
        try {
            JobExplorer explorer = ctx.getBean(JobExplorer.class);
            Optional<JobExecution> target;
            if (executionId != null) {
                target = Optional.ofNullable(explorer.getJobExecution(executionId));
                if (target.isEmpty()) {
                    System.err.println("bedflow: there is no execution " + executionId + " (see bedflow history)");
                    return ExitCodes.USAGE;
                }
            } else {
                Choice choice = choose(lastExecutions(explorer), output == null ? null : CommonOptions.localDir(output));
                if (choice.candidates().size() > 1) {
                    System.err.println("bedflow: failed runs of " + choice.candidates().size()
                            + " output folders could be restarted; name one:");
                    choice.candidates().forEach(c -> System.err.println("  bedflow restart --output "
                            + c.getJobParameters().getString(RunParameters.PARAM_OUTPUT) + "    # execution " + c.getId()
                            + ", run date " + c.getJobParameters().getLocalDate(RunParameters.PARAM_RUN_DATE)
                            + ", " + c.getStatus()));
                    return ExitCodes.USAGE;
                }
                if (choice.candidates().isEmpty()) {
                    System.err.println("bedflow: no failed execution to restart" + (output == null ? ""
                            : " for output folder " + CommonOptions.localDir(output)) + " (see bedflow history)");
                    return ExitCodes.FAILED;
                }
                target = Optional.of(choice.candidates().get(0));
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
     * What a restart without {@code --execution-id} may take: one execution, none, or (only
     * when no output folder was named) the newest failed one of each of several output folders.
     */
    record Choice(List<JobExecution> candidates) {
    }

    /**
     * @param lastExecutions the last execution of each job instance of the nightly job
     * @param output         the folder named by --output, or null
     */
    static Choice choose(List<JobExecution> lastExecutions, Path output) {
        // newest first, by execution id (ids only grow)
        List<JobExecution> newest = lastExecutions.stream()
                .sorted(Comparator.comparing(JobExecution::getId).reversed()).toList();
        Map<String, JobExecution> perOutput = new LinkedHashMap<>();
        Set<String> completedSince = new HashSet<>();
        for (JobExecution e : newest) {
            String out = e.getJobParameters().getString(RunParameters.PARAM_OUTPUT);
            if (out == null || (output != null && !Path.of(out).equals(output))) {
                continue;
            }
            if (e.getStatus() == BatchStatus.COMPLETED) {
                completedSince.add(out); // every older failure of this folder is superseded
            } else if (e.getStatus() != BatchStatus.ABANDONED && !completedSince.contains(out)) {
                perOutput.putIfAbsent(out, e);
            }
        }
        return new Choice(List.copyOf(perOutput.values()));
    }

    /** The last execution of every job instance of the nightly job. */
    static List<JobExecution> lastExecutions(JobExplorer explorer) {
        List<JobExecution> last = new ArrayList<>();
        int page = 500;
        for (int start = 0; ; start += page) {
            List<JobInstance> instances = explorer.getJobInstances(NightlyJobConfig.NIGHTLY, start, page);
            for (JobInstance instance : instances) {
                JobExecution e = explorer.getLastJobExecution(instance);
                if (e != null) {
                    last.add(e);
                }
            }
            if (instances.size() < page) {
                return last;
            }
        }
    }
}
