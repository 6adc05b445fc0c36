package org.bedflow.jobs.cli;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import org.bedflow.jobs.ExitCodes;
import org.bedflow.jobs.nightly.NightlyJobConfig;
import org.bedflow.jobs.nightly.RunSettings;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bedflow history}: past executions, newest first, from the job repository. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List past executions: id, job, run date, status, start, duration, rows in/out, failing step.")
public class HistoryCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Option(names = "--limit", defaultValue = "20", description = "most executions to list (default ${DEFAULT-VALUE})")
    int limit;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        try (var ctx = SpringCommand.start(common.springArgs())) {
            JobExplorer explorer = ctx.getBean(JobExplorer.class);
            List<JobExecution> executions = new ArrayList<>();
            for (String job : List.of(NightlyJobConfig.NIGHTLY, NightlyJobConfig.VALIDATE)) {
                for (JobInstance instance : explorer.getJobInstances(job, 0, limit)) {
                    executions.addAll(explorer.getJobExecutions(instance));
                }
            }
            executions.sort(Comparator.comparing(JobExecution::getId).reversed());
            System.out.print(table(executions.subList(0, Math.min(limit, executions.size()))));
            return ExitCodes.OK;
        }
    }

    static String table(List<JobExecution> executions) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"id", "job", "run date", "status", "started", "duration", "rows in", "rows out",
                "failed step", "output"});
        for (JobExecution e : executions) {
            StepExecution validate = step(e, "validate");
            StepExecution publish = step(e, "publish");
            String failed = e.getStepExecutions().stream().filter(s -> s.getStatus() == BatchStatus.FAILED)
                    .map(StepExecution::getStepName).findFirst().orElse("");
            rows.add(new String[] {
                    String.valueOf(e.getId()),
                    e.getJobInstance().getJobName(),
                    String.valueOf(e.getJobParameters().getLocalDate(RunSettings.PARAM_RUN_DATE)),
                    e.getStatus().toString(),
                    e.getStartTime() == null ? "" : e.getStartTime().format(TIME),
                    duration(e.getStartTime(), e.getEndTime()),
                    validate == null ? "" : String.format("%,d", validate.getReadCount()),
                    publish == null ? "" : String.format("%,d", publish.getWriteCount()),
                    failed,
                    String.valueOf(e.getJobParameters().getString(RunSettings.PARAM_OUTPUT))});
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
