package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.bedflow.jobs.testing.InProcessCli;
import org.bedflow.jobs.testing.InProcessCli.Result;
import org.bedflow.jobs.testing.SampleCopies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/operations.md, "Working files" and "Job repository", in the test JVM: a run stopped in
 * validate (which a restart runs again from the start) leaves no work files; the job
 * repository and the process log bedflow creates are readable by their owner only; a user's
 * H2 file URL without the mixed-mode options still works, and one that turns them off is refused.
 */
class WorkingDataTest {

    static final Path REPO_ROOT = SampleCopies.SAMPLE.getParent().getParent();
    static final Path EXAMPLES = REPO_ROOT.resolve("sample-data/examples");

    @TempDir
    Path tmp;

    private InProcessCli cli(Path home) {
        // as a user would set it: no AUTO_SERVER / AUTO_RECONNECT
        return new InProcessCli()
                .set("BEDFLOW_DB_URL", "jdbc:h2:file:" + home.resolve("repo/jobs"))
                .set("BEDFLOW_LOG_FILE", home.resolve("logs/bedflow.log").toString())
                .set("bedflow.home", REPO_ROOT.toString());
    }

    @Test
    void a_validate_stopped_by_a_threshold_keeps_its_rejects_and_leaves_no_work_files() throws Exception {
        // worked examples 1 and 2: one delay reason of seven is unmapped, above the 5 % warning threshold
        Path[] night = SourceGuardrailsJobTest.setUp(tmp);
        Path in = night[0];
        Path out = night[2];
        Path config = night[3];

        Result r;
        try (InProcessCli cli = cli(tmp.resolve("home"))) {
            r = cli.run("validate", "--input", in.toString(), "--output", out.toString(), "--run-date", "2022-04-01",
                    "--config", config.toString(), "--master", "local[2]");
        }

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.DATA_QUALITY);
        assertThat(r.err()).startsWith("bedflow: step validate failed: ");
        assertThat(list(out.resolve(".staging"))).as("the run's staging folder, work files included").isEmpty();
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            assertThat(runs.toList()).singleElement().satisfies(run -> {
                assertThat(run.resolve("rejects")).isDirectory();
                assertThat(run.resolve("manifest.json")).isRegularFile();
            });
        }
    }

    @Test
    void the_job_repository_and_the_process_log_bedflow_creates_are_owner_only() throws Exception {
        Path home = tmp.resolve("home");

        Result r;
        try (InProcessCli cli = cli(home)) {
            r = cli.run("history");
        }

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(perms(home.resolve("repo"))).isEqualTo("rwx------");
        assertThat(perms(home.resolve("repo/jobs.mv.db"))).isEqualTo("rw-------");
        assertThat(perms(home.resolve("logs"))).isEqualTo("rwx------");
        assertThat(perms(home.resolve("logs/bedflow.log"))).isEqualTo("rw-------");
    }

    @Test
    void an_h2_file_url_that_turns_auto_server_off_is_refused_with_one_line_naming_the_setting() {
        Path home = tmp.resolve("home");

        Result r;
        try (InProcessCli cli = cli(home)) {
            cli.set("BEDFLOW_DB_URL", "jdbc:h2:file:" + home.resolve("repo/jobs") + ";AUTO_SERVER=FALSE");
            r = cli.run("history");
        }

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.err()).as(r.toString()).isEqualTo("bedflow: the job repository URL (BEDFLOW_DB_URL, "
                + "spring.datasource.url) sets AUTO_SERVER=FALSE; bedflow needs AUTO_SERVER=TRUE for an H2 file, so that "
                + "several bedflow processes can use it at once: remove the AUTO_SERVER setting" + System.lineSeparator());
        assertThat(home.resolve("repo/jobs.mv.db")).as("nothing was opened").doesNotExist();
    }

    static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(folder)) {
            return all.toList();
        }
    }

    static String perms(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
