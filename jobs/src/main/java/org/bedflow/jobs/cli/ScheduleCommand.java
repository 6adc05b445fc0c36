package org.bedflow.jobs.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import org.bedflow.jobs.ExitCodes;
import org.bedflow.jobs.nightly.NightlyJobConfig;
import org.bedflow.jobs.nightly.PseudonymKeys;
import org.bedflow.pipeline.link.PseudonymKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bedflow schedule}: stays running and launches {@code run} on a cron expression
 * (Spring's six-field form: second minute hour day-of-month month day-of-week), one
 * execution at a time. Launches run one after the other in this loop, so two never
 * overlap; a launch that comes due while a run is still going waits for it and starts as
 * soon as it ends (once, however many came due). Run date = the day of launch. A launch
 * whose run date already completed (a schedule that fires more than once a day) runs it
 * again; one whose run date failed restarts it. Each launch and its exit code go to the
 * terminal and the process log. Stop it with Ctrl-C or SIGTERM; a run it leaves unfinished
 * is resumed by the next launch of the same day or by {@code bedflow restart}.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Stay running and launch the nightly run on a cron schedule, one execution at a time.")
public class ScheduleCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ScheduleCommand.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One launch of the nightly run for a run date; returns its exit code. */
    interface Launcher {
        int launch(LocalDate runDate);
    }

    @Option(names = "--cron", required = true, paramLabel = "EXPR",
            description = "six fields: second minute hour day month weekday, e.g. \"0 30 2 * * *\" = 02:30 every day")
    String cron;

    @Option(names = "--input", required = true, paramLabel = "DIR")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR")
    Path output;

    @Option(names = "--max-runs", hidden = true, description = "stop after this many launches (tests)")
    Integer maxRuns;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    /** tests replace the real launch */
    Launcher launcher;

    @Override
    public Integer call() throws InterruptedException {
        CronExpression expression;
        try {
            expression = CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--cron '" + cron + "' is not a cron expression of six fields "
                    + "(second minute hour day month weekday): " + e.getMessage());
        }
        Launcher launch = launcher;
        if (launch == null) {
            if (PseudonymKey.fromEnvironment(System.getenv()) == null) {
                System.err.println("bedflow: " + PseudonymKeys.missingMessage());
                return ExitCodes.FAILED;
            }
            launch = runDate -> RunCommand.launch(NightlyJobConfig.NIGHTLY, input, output, runDate, false, false, common,
                    true);
        }
        // fail now rather than at 02:30 on a bad configuration or an unreachable job repository;
        // this also points logging at the process log
        try (var ctx = SpringCommand.start(common.springArgs())) {
            log.info("schedule started: cron '{}', input {}, output {}", cron, CommonOptions.localDir(input),
                    CommonOptions.localDir(output));
        } catch (ParameterException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("schedule cannot start", e);
            System.err.println("bedflow: " + Failures.describe(e));
            return ExitCodes.FAILED;
        }

        int launches = 0;
        ZonedDateTime due = expression.next(now());
        while (maxRuns == null || launches < maxRuns) {
            if (due == null) {
                System.err.println("bedflow: the cron expression '" + cron + "' never fires again");
                log.info("schedule ends: the cron expression never fires again");
                return ExitCodes.OK;
            }
            System.out.println("next run at " + TIME.format(due));
            System.out.flush();
            sleepUntil(due);
            launches++;
            ZonedDateTime started = now();
            LocalDate runDate = started.toLocalDate();
            log.info("scheduled launch {} (due {}) for run date {}", launches, due, runDate);
            System.out.println(TIME.format(started) + " launching run " + launches + " for run date " + runDate);
            System.out.flush();
            int code = launch.launch(runDate);
            ZonedDateTime ended = now();
            log.info("scheduled launch {} for run date {} ended with exit code {} after {} s", launches, runDate, code,
                    Duration.between(started, ended).toSeconds());
            System.out.println(TIME.format(ended) + " run " + launches + " for run date " + runDate + " ended with exit code "
                    + code);
            System.out.flush();

            ZonedDateTime next = expression.next(due);
            if (next != null && !next.isAfter(ended)) {
                // it came due while the run was going: start now, once
                log.info("launch due {} came while run {} was going; it starts now", next, launches);
                due = ended;
            } else {
                due = next;
            }
        }
        log.info("schedule stops after {} launches", launches);
        return ExitCodes.OK;
    }

    private ZonedDateTime now() {
        return ZonedDateTime.now();
    }

    private void sleepUntil(ZonedDateTime due) throws InterruptedException {
        for (ZonedDateTime now = now(); now.isBefore(due); now = now()) {
            // at most a minute at a time: a clock change or a suspended machine does not stretch the wait
            Thread.sleep(Math.max(1, Math.min(Duration.between(now, due).toMillis() + 1, 60_000)));
        }
    }
}
