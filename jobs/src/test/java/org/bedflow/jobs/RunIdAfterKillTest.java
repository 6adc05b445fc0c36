package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bedflow.jobs.testing.BedflowProcess;
import org.bedflow.jobs.testing.PauseInStep;
import org.bedflow.jobs.testing.SampleCopies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/operations.md "Restart and re-run": a restart keeps the run's id, so its files stay
 * together under {@code runs/<run_id>/} — also when the first execution was killed in its
 * very first step, before any step had finished (the run id is stored in the job repository
 * when the run starts, not at the end of its first step).
 */
class RunIdAfterKillTest {

    private static final Pattern RUN = Pattern.compile("bedflow nightly: run (\\S+) \\(execution (\\d+)\\)");

    @TempDir
    Path tmp;

    @Test
    void a_run_killed_inside_validate_is_restarted_under_the_same_run_id() throws Exception {
        Path out = tmp.resolve("out");
        List<String> pauseInValidate = List.of("-D" + PauseInStep.PROPERTY + "=validate");

        // given a run killed with SIGKILL while inside validate, its first step
        Matcher first = killedInValidate(tmp.resolve("1-run.txt"), pauseInValidate, out,
                "run", "--input", SampleCopies.SAMPLE.toString(), "--run-date", "2025-04-01", "--output", out.toString());

        // when it is restarted (held in validate again, then killed: only its id matters here)
        Matcher second = killedInValidate(tmp.resolve("2-restart.txt"), pauseInValidate, out,
                "restart", "--output", out.toString());

        // then the restart is a new execution of the same run
        assertThat(second.group(2)).isNotEqualTo(first.group(2));
        assertThat(second.group(1)).isEqualTo(first.group(1));
    }

    private Matcher killedInValidate(Path log, List<String> props, Path out, String... args) throws Exception {
        Process p = BedflowProcess.start(tmp, log, props, Map.of(), args);
        Path marker = out.resolve(".paused-validate");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!Files.exists(marker) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(marker).as("reached validate; output:%n%s", BedflowProcess.read(log)).exists();
        // the embedded H2 file writes committed transactions to disk up to about half a second later
        // (its write delay): a kill sooner could lose the execution itself, which is H2's durability,
        // not what this test is about
        Thread.sleep(2_000);
        p.destroyForcibly(); // SIGKILL
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Files.delete(marker);
        Matcher m = RUN.matcher(BedflowProcess.read(log));
        assertThat(m.find()).as("run line in:%n%s", BedflowProcess.read(log)).isTrue();
        return m;
    }
}
