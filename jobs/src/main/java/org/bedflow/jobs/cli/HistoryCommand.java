package org.bedflow.jobs.cli;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import org.bedflow.jobs.ExitCodes;
import org.bedflow.jobs.nightly.NightlyJobConfig;
import org.bedflow.jobs.nightly.RunParameters;
import org.bedflow.jobs.nightly.RunState;
import org.bedflow.pipeline.publish.RunManifest;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bedflow history}: past executions, newest first, from the job repository. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List past executions: id, job, run date, status, start, duration, rows in/out, failing step.")
public class HistoryCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Option(names = "--limit", defaultValue = "20", paramLabel = "N",
            description = "most executions to list, newest first (default ${DEFAULT-VALUE})")
    int limit;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1");
        }
        try (var ctx = SpringCommand.start(common.springArgs())) {
            System.out.print(table(executions(ctx.getBean(JobExplorer.class), limit)));
            return ExitCodes.OK;
        }
    }

    /** The newest executions of every bedflow job, newest first. */
    static List<JobExecution> executions(JobExplorer explorer, int limit) {
        List<JobExecution> executions = new ArrayList<>();
        for (String job : List.of(NightlyJobConfig.NIGHTLY, NightlyJobConfig.VALIDATE)) {
            // instances come newest first; an older instance may have been restarted recently, so look further back
            for (JobInstance instance : explorer.getJobInstances(job, 0, Math.max(limit, 200))) {
                executions.addAll(explorer.getJobExecutions(instance));
            }
        }
        executions.sort(Comparator.comparing(JobExecution::getId).reversed());
        return executions.subList(0, Math.min(limit, executions.size()));
    }

    static String table(List<JobExecution> executions) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"id", "run id", "job", "run date", "status", "started", "duration", "rows in", "rows out",
                "failed step", "output"});
        for (JobExecution e : executions) {
            String failed = e.getStepExecutions().stream().filter(s -> s.getStatus() == BatchStatus.FAILED)
                    .map(StepExecution::getStepName).findFirst().orElse("");
            String running = e.isRunning() ? e.getStepExecutions().stream().filter(s -> s.getStatus().isRunning())
                    .map(s -> "(in " + s.getStepName() + ")").findFirst().orElse("") : "";
            Long in = rowsIn(e);
            Long out = rowsOut(e);
            LocalDate runDate = e.getJobParameters().getLocalDate(RunParameters.PARAM_RUN_DATE);
            var ctx = e.getExecutionContext();
            rows.add(new String[] {
                    String.valueOf(e.getId()),
                    ctx.containsKey(RunParameters.RUN_ID) ? ctx.getString(RunParameters.RUN_ID) : "",
                    e.getJobInstance().getJobName(),
                    runDate == null ? "" : runDate.toString(),
                    e.getStatus().toString(),
                    e.getStartTime() == null ? "" : e.getStartTime().format(TIME),
                    duration(e.getStartTime(), e.getEndTime()),
                    in == null ? "" : String.format("%,d", in),
                    out == null ? "" : String.format("%,d", out),
                    failed.isEmpty() ? running : failed,
                    RunParameters.temporaryOutput(e.getJobParameters()) ? "(not kept: validate without --output)"
                            : String.valueOf(e.getJobParameters().getString(RunParameters.PARAM_OUTPUT))});
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                out.append(String.format("%-" + width[i] + "s", r[i])).append(i < r.length - 1 ? "  " : "\n");
            }
        }
        if (executions.isEmpty()) {
            out.append("(no executions yet)\n");
        }
        return out.toString();
    }

    /**
     * Rows read from the feeds: validate's count; for a restart that resumed after validate,
     * the counts validate left in the run's context (a restart carries them over).
     */
    static Long rowsIn(JobExecution e) {
        StepExecution validate = step(e, "validate");
        if (validate != null && validate.getStatus() == BatchStatus.COMPLETED) {
            return validate.getReadCount();
        }
        List<RunManifest.Feed> feeds = RunState.feeds(e.getExecutionContext());
        if (!feeds.isEmpty()) {
            return feeds.stream().mapToLong(RunManifest.Feed::rowsRead).sum();
        }
        return validate == null ? null : validate.getReadCount();
    }

    /** Rows written to the output tables (rejects included, the published/ copies not): publish's count. */
    static Long rowsOut(JobExecution e) {
        StepExecution publish = step(e, "publish");
        return publish == null || publish.getStatus() != BatchStatus.COMPLETED ? null : publish.getWriteCount();
    }

    private static StepExecution step(JobExecution e, String name) {
        return e.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElse(null);
    }

    private static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return "";
        }
        Duration d = Duration.between(start, end == null ? LocalDateTime.now() : end);
        return end == null ? "running " + d.toSeconds() + " s" : String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
