package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.bedflow.jobs.cli.ScheduleCommandAccess;
import org.bedflow.jobs.testing.InProcessCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bedflow schedule} on a fast cron (every 2 seconds), with the launch of the nightly
 * run replaced by a stand-in that records when it runs: launches come on the cron
 * expression, never two at once, a launch that came due during a long run starts right after
 * it, and every launch is logged. (The real launch is {@code run}'s; the crash-recovery test
 * starts a real {@code schedule} that meets a locked output folder.)
 */
class ScheduleCommandTest {

    @TempDir
    Path tmp;

    record Launch(LocalDate runDate, Instant start, Instant end) {
    }

    @Test
    void launches_on_the_cron_expression_one_at_a_time_and_logs_each_launch() throws Exception {
        List<Launch> launches = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        // the first run takes longer than the 2-second period, the others are short
        List<Duration> takes = List.of(Duration.ofMillis(2600), Duration.ofMillis(300), Duration.ofMillis(300));
        Path log = tmp.resolve("process.log");

        int code;
        try (InProcessCli env = new InProcessCli()
                .set("BEDFLOW_DB_URL", "jdbc:h2:file:" + tmp.resolve("repo/jobs") + ";AUTO_SERVER=TRUE")
                .set("BEDFLOW_LOG_FILE", log.toString())) {
            InProcessCli.freshLogging();
            code = ScheduleCommandAccess.execute(runDate -> {
                Instant start = Instant.now();
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(takes.get(launches.size()).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                launches.add(new Launch(runDate, start, Instant.now()));
                return launches.size() == 2 ? ExitCodes.DATA_QUALITY : ExitCodes.OK;
            }, "--cron", "*/2 * * * * *", "--input", tmp.toString(), "--output", tmp.resolve("out").toString(),
                    "--max-runs", "3");
        }

        assertThat(code).isZero();
        assertThat(launches).hasSize(3);
        assertThat(mostAtOnce.get()).as("launches running at once").isEqualTo(1);
        assertThat(launches).allSatisfy(l -> assertThat(l.runDate()).isIn(LocalDate.now(), LocalDate.now().minusDays(1)));
        Launch first = launches.get(0);
        Launch second = launches.get(1);
        Launch third = launches.get(2);
        // the first comes on an even second (the cron expression)
        assertThat(first.start().getEpochSecond() % 2).as("first launch at %s", first.start()).isZero();
        // the second came due while the first was running: it starts when the first ends, not before
        assertThat(second.start()).isAfterOrEqualTo(first.end());
        assertThat(Duration.between(first.end(), second.start())).isLessThan(Duration.ofMillis(900));
        // the third waits for its own time: the next even second after the second launch began
        assertThat(third.start()).isAfterOrEqualTo(second.end());
        assertThat(third.start().getEpochSecond() % 2).as("third launch at %s", third.start()).isZero();
        assertThat(Duration.between(second.end(), third.start())).isGreaterThan(Duration.ofMillis(200));

        // and each launch and its outcome is in the process log
        String text = Files.readString(log);
        assertThat(text).contains("schedule started: cron '*/2 * * * * *'", "scheduled launch 1 ", "scheduled launch 2 ",
                "scheduled launch 3 ", "ended with exit code 3", "came while run 1 was going", "schedule stops after 3 launches");
    }
}
