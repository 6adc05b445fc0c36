package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bedflow.jobs.cli.JobLaunch;
import org.bedflow.jobs.cli.OutputLock;
import org.bedflow.jobs.nightly.NightlyJobConfig;
import org.bedflow.jobs.nightly.RunParameters;
import org.bedflow.jobs.testing.InProcessCli;
import org.bedflow.jobs.testing.InProcessCli.Result;
import org.bedflow.jobs.testing.SampleCopies;
import org.bedflow.jobs.testing.SampleIdentifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.bedflow.jobs.config.BedflowApplication;

/**
 * docs/operations.md through the command line, in the test JVM: restart at the failed step,
 * history, the exit code and one-line reason of every failure path, the per-execution log,
 * and the embedded job repository created on first use. The job repository is an H2 file of
 * this class; in-process runs use {@code demo} or {@code validate}, which need no key in the
 * environment (the crash-recovery test runs {@code run} with a real key in child processes).
 */
class OperationsCommandsTest {

    static final Path REPO_ROOT = SampleCopies.SAMPLE.getParent().getParent();

    @TempDir
    static Path tmp;

    static InProcessCli cli;
    static String dbUrl;

    @BeforeAll
    static void repository() {
        dbUrl = "jdbc:h2:file:" + tmp.resolve("repo/jobs") + ";AUTO_SERVER=TRUE";
        cli = new InProcessCli()
                .set("BEDFLOW_DB_URL", dbUrl)
                .set("BEDFLOW_LOG_FILE", tmp.resolve("process.log").toString())
                .set("bedflow.home", REPO_ROOT.toString());
    }

    @AfterAll
    static void restore() {
        cli.close();
    }

    /** Spark settings for a small input; the same JVM's one Spark session is reused by every command. */
    static Path config(Path dir, String... extraLines) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>(List.of("bedflow:"));
        lines.addAll(Arrays.asList(extraLines));
        lines.addAll(List.of("  spark:", "    conf:", "      spark.sql.shuffle.partitions: \"2\"",
                "      spark.ui.enabled: \"false\""));
        return Files.write(dir.resolve("bedflow.yml"), lines);
    }

    static void assertOneLineReason(Result r, String... contains) {
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith("bedflow: ").contains(contains)
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void given_a_run_that_fails_at_link_when_restarted_then_it_resumes_at_link_and_history_shows_both() throws Exception {
        // given a configuration naming a reorganisation mapping file that has not arrived yet
        Path out = tmp.resolve("out-restart");
        Path lateMapping = tmp.resolve("reference/late_lgr.csv");
        Path config = config(tmp.resolve("conf"), "  reorganisation: " + lateMapping);

        // when the run starts, it fails in link, after validate completed
        Result failed = cli.run("demo", "--output", out.toString(), "--config", config.toString(), "--master", "local[2]");
        assertThat(failed.code()).as(failed.toString()).isEqualTo(ExitCodes.FAILED);
        assertOneLineReason(failed, "step link failed", "unknown reorganisation mapping", "(log: ");
        long firstId = lastExecutionId();
        assertThat(steps(firstId)).containsExactly("validate COMPLETED", "link FAILED");

        // and its own log has the full cause (stack trace) that the terminal did not get
        String runId = onlyRunId(out);
        Path firstLog = out.resolve("runs").resolve(runId).resolve("execution-" + firstId + ".log");
        assertThat(failed.err()).contains(firstLog.toString());
        assertThat(Files.readString(firstLog)).contains("step validate COMPLETED", "step link FAILED",
                "unknown reorganisation mapping", "\tat ");

        // when the file arrives and the run is restarted (no options: it reuses the run's configuration)
        Files.createDirectories(lateMapping.getParent());
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("reference/lgr/northamptonshire.csv")) {
            Files.copy(in, lateMapping);
        }
        Result restart = cli.run("restart");

        // then it completes, resuming at link: validate is not redone
        assertThat(restart.code()).as(restart.toString()).isEqualTo(ExitCodes.OK);
        assertThat(restart.out()).contains("restarting execution " + firstId, "configuration " + config);
        long secondId = lastExecutionId();
        assertThat(secondId).isGreaterThan(firstId);
        assertThat(steps(secondId)).containsExactly("link COMPLETED", "measure COMPLETED", "publish COMPLETED");
        assertThat(onlyRunId(out)).as("a restart keeps the run id").isEqualTo(runId);
        assertThat(out.resolve("delayed_discharge_monthly")).isDirectory();
        Path secondLog = out.resolve("runs").resolve(runId).resolve("execution-" + secondId + ".log");
        assertThat(Files.readString(secondLog)).contains("step link COMPLETED", "step publish COMPLETED")
                .doesNotContain("step validate");

        // and history lists both executions: id, run date, status, start, duration, rows in/out, failing step
        Result history = cli.run("history");
        assertThat(history.code()).as(history.toString()).isZero();
        System.out.println("bedflow history after a failed run and its restart:\n" + history.out());
        List<String> lines = history.out().lines().toList();
        assertThat(lines.get(0)).contains("id", "run date", "status", "started", "duration", "rows in", "rows out",
                "failed step");
        String rowsIn = String.format("%,d", count("select read_count from batch_step_execution where job_execution_id = "
                + firstId + " and step_name = 'validate'"));
        String rowsOut = String.format("%,d", count("select write_count from batch_step_execution where job_execution_id = "
                + secondId + " and step_name = 'publish'"));
        // a restart is an execution of the same run: its run id on both lines
        assertThat(row(lines, firstId).split(" +")[1]).isEqualTo(runId);
        assertThat(row(lines, secondId).split(" +")[1]).isEqualTo(runId);
        assertThat(row(lines, secondId)).containsSubsequence(String.valueOf(secondId), "nightly", "2025-04-01",
                "COMPLETED", " s ", rowsIn, rowsOut);
        assertThat(row(lines, firstId)).containsSubsequence(String.valueOf(firstId), "nightly", "2025-04-01",
                "FAILED", " s ", rowsIn, "link");
        assertThat(rowsIn).isNotEqualTo("0");

        // and --limit keeps the newest
        Result one = cli.run("history", "--limit", "1");
        assertThat(one.out().lines().filter(l -> l.matches("^\\d+ .*"))).hasSize(1).allMatch(l -> l.startsWith(secondId + " "));

        // and there is nothing left to restart
        Result nothing = cli.run("restart");
        assertThat(nothing.code()).isEqualTo(ExitCodes.FAILED);
        assertOneLineReason(nothing, "no failed execution to restart");
        Result completed = cli.run("restart", "--execution-id", String.valueOf(secondId));
        assertThat(completed.code()).isEqualTo(ExitCodes.FAILED);
        assertOneLineReason(completed, "COMPLETED", "--rerun");
        Result unknown = cli.run("restart", "--execution-id", "999999");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertOneLineReason(unknown, "no execution 999999");

        // and no log, manifest or terminal line of these runs names a person
        Path terminal = Files.writeString(tmp.resolve("terminal.txt"), failed.out() + failed.err() + restart.out()
                + restart.err() + history.out());
        SampleIdentifiers.assertNoneIn(List.of(out.resolve("runs"), tmp.resolve("process.log"), terminal));
    }

    @Test
    void validate_without_an_output_folder_prints_no_path_it_deletes_and_history_says_nothing_was_kept()
            throws Exception {
        // given an input folder with no feeds yet, checked without --output (a temporary folder)
        Path input = Files.createDirectories(tmp.resolve("in-no-output"));

        Result r = cli.run("validate", "--input", input.toString(), "--config", config(tmp.resolve("conf-no-output"))
                .toString(), "--master", "local[2]");

        // then it fails as validate does, but names no file in the folder it removed
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.DATA_QUALITY);
        assertOneLineReason(r, "step validate failed", "is missing or empty");
        String tempDir = System.getProperty("java.io.tmpdir");
        assertThat(r.out() + r.err()).as(r.toString()).doesNotContain(tempDir + "/bedflow-validate-")
                .doesNotContain("(log: ");
        // and history lists the execution, with its run id, as keeping nothing
        Result history = cli.run("history");
        String line = history.out().lines().filter(l -> l.contains("validate") && l.contains("not kept")).findFirst()
                .orElseThrow(() -> new AssertionError(history.out()));
        assertThat(line).doesNotContain(tempDir).containsPattern("^\\d+ +\\d{8}T\\d{6}Z-\\d+ +validate ");
    }

    @Test
    void a_run_on_an_output_folder_that_another_run_holds_exits_4() throws Exception {
        Path out = tmp.resolve("out-locked");
        try (OutputLock held = OutputLock.tryAcquire(out).orElseThrow()) {
            Result demo = cli.run("demo", "--output", out.toString());
            assertThat(demo.code()).as(demo.toString()).isEqualTo(ExitCodes.ALREADY_RUNNING);
            assertOneLineReason(demo, "another run is writing to " + out);
            Result validate = cli.run("validate", "--input", SampleCopies.SAMPLE.toString(), "--output", out.toString());
            assertThat(validate.code()).as(validate.toString()).isEqualTo(ExitCodes.ALREADY_RUNNING);
        }
    }

    @Test
    void a_missing_feed_exits_3_naming_it_and_an_execution_abandoned_by_a_dead_process_does_not_block_the_next_run()
            throws Exception {
        // given the sample without its discharges
        Path input = SampleCopies.copy(tmp.resolve("in-late"));
        org.springframework.util.FileSystemUtils.deleteRecursively(input.resolve("apc_discharges"));
        Path out = tmp.resolve("out-late");
        Path config = config(tmp.resolve("conf-late"));

        Result r = cli.run("validate", "--input", input.toString(), "--output", out.toString(), "--config",
                config.toString(), "--master", "local[2]");
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.DATA_QUALITY);
        assertOneLineReason(r, "step validate failed", "apc_discharges");

        // given an execution still marked STARTED although its process is gone (kill -9)
        JobParameters params = new JobParametersBuilder()
                .addLocalDate(RunParameters.PARAM_RUN_DATE, LocalDate.of(2025, 4, 1))
                .addString(RunParameters.PARAM_INPUT, input.toString())
                .addString(RunParameters.PARAM_OUTPUT, out.toString())
                .toJobParameters();
        long abandoned;
        try (var ctx = new SpringApplicationBuilder(BedflowApplication.class).run("--spring.datasource.url=" + dbUrl)) {
            JobRepository repository = ctx.getBean(JobRepository.class);
            JobExecution e = repository.createJobExecution(NightlyJobConfig.VALIDATE, params);
            e.setStatus(BatchStatus.STARTED);
            e.setStartTime(java.time.LocalDateTime.now());
            repository.update(e);
            abandoned = e.getId();
        }
        // when the same run is launched again: the output lock is free, so that process is dead
        int code = JobLaunch.launch(NightlyJobConfig.VALIDATE, params, out,
                List.of("--spring.config.additional-location=file:" + config, "--bedflow.spark.master=local[2]"),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
        // then it runs (and fails on the missing feed) rather than reporting a run in progress
        assertThat(code).isEqualTo(ExitCodes.DATA_QUALITY);
        assertThat(status(abandoned)).isEqualTo("FAILED");
    }

    @Test
    void a_completed_run_date_is_refused_without_rerun_and_the_scheduler_runs_it_again() throws Exception {
        // given a small generated input (with the sample's hand-made bad rows: a night without
        // rejects fails in publish today, see the report) and a run of the validate job that completed
        Path input = tmp.resolve("in-small");
        assertThat(cli.run("generate", "--output", input.toString(), "--spells", "200", "--months", "2", "--start",
                "2025-01").code()).isZero();
        Files.copy(SampleCopies.SAMPLE.resolve("apc_admissions/zz_bad_rows.csv"),
                input.resolve("apc_admissions/zz_bad_rows.csv"));
        Path out = tmp.resolve("out-small");
        Path config = config(tmp.resolve("conf-small"), "  reject-threshold: 0.5");
        JobParameters params = new JobParametersBuilder()
                .addLocalDate(RunParameters.PARAM_RUN_DATE, LocalDate.of(2025, 4, 1))
                .addString(RunParameters.PARAM_INPUT, input.toString())
                .addString(RunParameters.PARAM_OUTPUT, out.toString())
                .toJobParameters();
        List<String> args = List.of("--spring.config.additional-location=file:" + config, "--bedflow.spark.master=local[2]");
        var err = new java.io.ByteArrayOutputStream();
        var errStream = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(JobLaunch.launch(NightlyJobConfig.VALIDATE, params, out, args, errStream)).isZero();

        // when the same run date is launched again: refused, exit code 1, pointing at --rerun
        assertThat(JobLaunch.launch(NightlyJobConfig.VALIDATE, params, out, args, errStream)).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "bedflow: run date 2025-04-01 has already completed for this input and output folder; "
                        + "add --rerun to run it again on purpose\n");

        // when the scheduler launches it (a schedule that fires twice a day): it runs again, as a new job instance
        assertThat(JobLaunch.launch(NightlyJobConfig.VALIDATE, params, out, args, errStream, true)).isZero();
        assertThat(query("select e.status from batch_job_execution e join batch_job_execution_params p"
                + " on p.job_execution_id = e.job_execution_id where p.parameter_name = 'input' and p.parameter_value = '"
                + input + "' order by e.job_execution_id")).containsExactly("COMPLETED", "COMPLETED");
        assertThat(count("select count(distinct e.job_instance_id) from batch_job_execution e join batch_job_execution_params p"
                + " on p.job_execution_id = e.job_execution_id where p.parameter_name = 'input' and p.parameter_value = '"
                + input + "'")).isEqualTo(2);
    }

    @Test
    void a_breached_reject_threshold_exits_3_and_publishes_nothing() throws Exception {
        // given the sample where the largest hospital's admissions all carry an impossible date (half the feed)
        Path input = SampleCopies.copy(tmp.resolve("in-bad"));
        Path rns = input.resolve("apc_admissions/RNS_2020-04_2025-03.csv");
        List<String> rows = Files.readAllLines(rns);
        int dateColumn = Arrays.asList(rows.get(0).split(",", -1)).indexOf("admission_date");
        List<String> bad = new ArrayList<>(List.of(rows.get(0)));
        rows.stream().skip(1).map(l -> l.split(",", -1)).forEach(f -> {
            f[dateColumn] = "2021-02-30";
            bad.add(String.join(",", f));
        });
        Files.write(rns, bad);
        Path out = tmp.resolve("out-bad");

        Result r = cli.run("validate", "--input", input.toString(), "--output", out.toString(), "--config",
                config(tmp.resolve("conf-bad")).toString(), "--master", "local[2]");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.DATA_QUALITY);
        assertOneLineReason(r, "step validate failed", "apc_admissions");
        assertThat(out.resolve("rejects")).as("nothing published").doesNotExist();
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            assertThat(runs.map(p -> p.resolve("rejects")).filter(Files::isDirectory).count())
                    .as("the run's rejects are kept for the analyst").isEqualTo(1);
        }
    }

    @Test
    void the_embedded_job_repository_is_created_under_the_home_folder_on_first_use() {
        Assumptions.assumeTrue(System.getenv("BEDFLOW_DB_URL") == null, "BEDFLOW_DB_URL is set in this environment");
        Path home = tmp.resolve("home");
        try (InProcessCli fresh = new InProcessCli().set("BEDFLOW_DB_URL", null).set("user.home", home.toString())
                .set("BEDFLOW_LOG_FILE", tmp.resolve("home.log").toString())) {
            Result r = fresh.run("history");
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out()).contains("(no executions yet)");
            assertThat(home.resolve(".bedflow/jobrepo.mv.db")).isRegularFile();
        }
    }

    // --- the job repository, read directly

    static long lastExecutionId() throws SQLException {
        return count("select max(job_execution_id) from batch_job_execution");
    }

    static List<String> steps(long executionId) throws SQLException {
        return query("select step_name || ' ' || status from batch_step_execution where job_execution_id = " + executionId
                + " order by step_execution_id");
    }

    static String status(long executionId) throws SQLException {
        return query("select status from batch_job_execution where job_execution_id = " + executionId).get(0);
    }

    /** The run id of the one run written to this output folder. */
    static String onlyRunId(Path out) throws IOException {
        try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
            List<String> ids = runs.map(p -> p.getFileName().toString()).toList();
            assertThat(ids).hasSize(1);
            return ids.get(0);
        }
    }

    static long count(String sql) throws SQLException {
        return Long.parseLong(query(sql).get(0));
    }

    static List<String> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl, "", "");
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    static String row(List<String> lines, long id) {
        return lines.stream().filter(l -> l.startsWith(id + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for execution " + id + " in\n"
                        + lines.stream().collect(Collectors.joining("\n"))));
    }
}
