package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.bedflow.jobs.testing.BedflowProcess;
import org.bedflow.jobs.testing.PauseInStep;
import org.bedflow.jobs.testing.SampleCopies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.bedflow.pipeline.testing.EndedProcessScratch;

/**
 * docs/operations.md, "Working files", with real processes: while a run is going its work
 * files and Spark's scratch folder are in the output folder, owner and group only; the scratch
 * folder of a process killed with kill -9 is removed by the next run; a run that completes
 * leaves neither work nor scratch files.
 */
class WorkingDataProcessTest {

    static final Path REPO_ROOT = SampleCopies.SAMPLE.getParent().getParent();
    static final Path EXAMPLES = REPO_ROOT.resolve("sample-data/examples");

    @TempDir
    Path tmp;

    @Test
    void work_and_scratch_files_are_private_while_running_and_gone_when_the_run_completes() throws Exception {
        Path[] night = SourceGuardrailsJobTest.setUp(tmp, SourceGuardrailsJobTest.ALLOW_RWE);
        Path in = night[0];
        Path out = night[2];
        Path config = night[3];
        String[] validate = {"validate", "--input", in.toString(), "--output", out.toString(), "--run-date", "2022-04-01",
                "--config", config.toString(), "--master", "local[2]"};
        List<String> props = List.of("-Dbedflow.home=" + REPO_ROOT);

        // given the scratch folder a killed process left, with shuffled NHS numbers in it
        Path left = EndedProcessScratch.leftIn(out);

        // when a run is held inside its last step (publish), after validate wrote its work files
        Path log1 = tmp.resolve("1-held.txt");
        Process held = BedflowProcess.start(tmp, log1, concat(props, "-D" + PauseInStep.PROPERTY + "=publish"), Map.of(),
                validate);
        Path marker = out.resolve(".paused-publish");
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!Files.exists(marker) && held.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(marker).as("the run reached publish; output:%n%s", BedflowProcess.read(log1)).exists();

        // then the killed process's scratch folder is gone, and this one's is in the output folder, owner and group only
        Path own = out.resolve(".scratch/" + held.pid() + "-"
                + held.info().startInstant().map(Instant::toEpochMilli).orElseThrow());
        assertThat(left).doesNotExist();
        assertThat(list(out.resolve(".scratch"))).containsExactly(own);
        assertThat(perms(out.resolve(".scratch"))).isEqualTo("rwxrwx---");
        assertThat(perms(own)).isEqualTo("rwxrwx---");
        assertThat(list(own)).as("Spark's blockmgr-* and spark-* folders").isNotEmpty();
        // and every work file and folder is owner and group only
        List<String> open;
        try (Stream<Path> all = Files.walk(out.resolve(".staging"))) {
            open = all.filter(p -> !perms(p).equals(Files.isDirectory(p) ? "rwxrwx---" : "rw-rw----"))
                    .map(p -> out.relativize(p) + " " + perms(p)).toList();
        }
        assertThat(open).isEmpty();
        try (Stream<Path> work = Files.list(out.resolve(".staging"))) {
            assertThat(work.toList()).singleElement().satisfies(run -> assertThat(run.resolve("work")).isDirectory());
        }

        // when it is killed with SIGKILL and the same command runs again (validate is a new run each time)
        held.destroyForcibly();
        assertThat(held.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Files.delete(marker);
        assertThat(own).as("kill -9 leaves Spark's scratch folder").isDirectory();
        Path log2 = tmp.resolve("2-resumed.txt");
        Process resumed = BedflowProcess.start(tmp, log2, props, Map.of(), validate);

        // then it completes and leaves no work files and no scratch folder: its own, or the killed one's and
        // the killed run's staging folder
        assertThat(BedflowProcess.finish(resumed, log2, 5)).as(BedflowProcess.read(log2)).isZero();
        assertThat(list(out.resolve(".staging"))).isEmpty();
        assertThat(list(out.resolve(".scratch"))).isEmpty();
        assertThat(out.resolve("rejects")).isDirectory();
    }

    static List<String> concat(List<String> a, String b) {
        return Stream.concat(a.stream(), Stream.of(b)).toList();
    }

    static List<Path> list(Path folder) throws java.io.IOException {
        return WorkingDataTest.list(folder);
    }

    static String perms(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
