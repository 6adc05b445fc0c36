package org.bedflow.jobs.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
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
import picocli.CommandLine.Option;

/**
 * {@code bedflow schedule}: stays running and launches {@code run} on a cron expression
 * (Spring's six-field form: second minute hour day month weekday), one execution at a
 * time: a launch that comes due while a run is still going waits for it. Run date = the
 * day of launch. Stop it with Ctrl-C or SIGTERM.
 */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = "Stay running and launch the nightly run on a cron schedule, one execution at a time.")
public class ScheduleCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ScheduleCommand.class);

    @Option(names = "--cron", required = true, paramLabel = "EXPR", description = "e.g. \"0 30 2 * * *\" = 02:30 every day")
    String cron;

    @Option(names = "--input", required = true, paramLabel = "DIR")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR")
    Path output;

    @Option(names = "--max-runs", hidden = true, description = "stop after this many launches (tests)")
    Integer maxRuns;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws InterruptedException {
        CronExpression expression;
        try {
            expression = CronExpression.parse(cron);
        } catch (IllegalArgumentException e) {
            System.err.println("bedflow: --cron '" + cron + "' is not a cron expression: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (PseudonymKey.fromEnvironment(System.getenv()) == null) {
            System.err.println("bedflow: " + PseudonymKeys.missingMessage());
            return ExitCodes.FAILED;
        }
        int launches = 0;
        while (maxRuns == null || launches < maxRuns) {
            ZonedDateTime now = ZonedDateTime.now();
            ZonedDateTime next = expression.next(now);
            if (next == null) {
                System.err.println("bedflow: the cron expression never fires again");
                return ExitCodes.OK;
            }
            System.out.println("next run at " + next);
            Thread.sleep(Math.max(0, Duration.between(ZonedDateTime.now(), next).toMillis()));
            LocalDate runDate = LocalDate.now();
            log.info("scheduled launch {} for run date {}", launches + 1, runDate);
            System.out.println("launching run for " + runDate);
            // runs are sequential in this loop: never two at once
            int code = RunCommand.launch(NightlyJobConfig.NIGHTLY, input, output, runDate, false, false, common);
            launches++;
            System.out.println("run for " + runDate + " ended with exit code " + code);
            log.info("scheduled run for {} ended with exit code {}", runDate, code);
        }
        return ExitCodes.OK;
    }
}
