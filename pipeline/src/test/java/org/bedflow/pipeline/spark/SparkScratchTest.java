package org.bedflow.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.bedflow.pipeline.testing.EndedProcessScratch;

/**
 * Spark's scratch folder holds what a job shuffles (NHS numbers, the opt-out list): it is
 * created owner-and-group only under the output folder, or owner-only in the system temp
 * folder, and the next run removes the one a killed process left behind, never a living one's.
 */
class SparkScratchTest {

    @TempDir
    Path out;

    @Test
    void the_scratch_folder_under_the_output_is_owner_and_group_only_and_named_after_this_process() throws Exception {
        // a .scratch folder that something else created open to others
        Files.createDirectories(out.resolve(".scratch"));
        Files.setPosixFilePermissions(out.resolve(".scratch"), PosixFilePermissions.fromString("rwxr-xr-x"));

        Path folder = SparkScratch.underOutput(out);

        assertThat(folder).isEqualTo(out.resolve(".scratch").resolve(SparkScratch.processKey()));
        assertThat(perms(out.resolve(".scratch"))).isEqualTo("rwxrwx---");
        assertThat(perms(folder)).isEqualTo("rwxrwx---");
    }

    @Test
    void the_scratch_folder_of_a_process_without_an_output_folder_is_owner_only() throws Exception {
        Path folder = SparkScratch.privateTemp();

        assertThat(folder.getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
        assertThat(perms(folder)).isEqualTo("rwx------");
    }

    @Test
    void the_next_run_removes_the_scratch_folder_of_a_process_that_ended_and_keeps_those_of_living_ones()
            throws Exception {
        Path left = EndedProcessScratch.leftIn(out);
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        Path living = out.resolve(".scratch/" + parent.pid() + "-"
                + parent.info().startInstant().map(Instant::toEpochMilli).orElseThrow());
        Files.createDirectories(living);
        Path own = SparkScratch.underOutput(out);

        List<String> removed = SparkScratch.removeLeftovers(out);

        assertThat(removed).containsExactly(left.getFileName().toString());
        assertThat(left).doesNotExist();
        assertThat(living).isDirectory();
        assertThat(own).isDirectory();
    }

    @Test
    void a_process_with_the_pid_of_an_ended_one_but_another_start_time_is_not_taken_for_it() {
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        long started = parent.info().startInstant().map(Instant::toEpochMilli).orElseThrow();

        assertThat(SparkScratch.alive(parent.pid() + "-" + started)).isTrue();
        assertThat(SparkScratch.alive(parent.pid() + "-" + (started - 60_000))).isFalse();
        assertThat(SparkScratch.alive("not-a-process")).isFalse();
    }

    static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
