package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;

import org.bedflow.jobs.config.BedflowApplication;
import org.bedflow.jobs.nightly.NightlyJobConfig;
import org.bedflow.jobs.nightly.PseudonymKeys;
import org.bedflow.jobs.nightly.RunParameters;
import org.bedflow.jobs.testing.InProcessCli;
import org.bedflow.jobs.testing.SampleCopies;
import org.bedflow.jobs.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The job repository on a real PostgreSQL (docs/operations.md, "Job repository": PostgreSQL in production): the
 * schema is created on first use, a failed run is recorded, and a restart of the same job
 * instance resumes at the failed step.
 */
class JobRepositoryPostgresTest {

    static TestPostgres postgres;

    @BeforeAll
    static void database() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void dropDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void given_a_late_feed_when_the_run_fails_and_is_restarted_then_postgres_holds_one_instance_with_two_executions(
            @TempDir Path tmp) throws Exception {
        // given the sample with its discharge feed not yet delivered
        Path input = SampleCopies.copy(tmp.resolve("in"));
        Path late = tmp.resolve("late-discharges");
        Files.move(input.resolve("apc_discharges"), late);
        Path output = tmp.resolve("out");
        JobParameters params = new JobParametersBuilder()
                .addLocalDate(RunParameters.PARAM_RUN_DATE, LocalDate.of(2025, 4, 1))
                .addString(RunParameters.PARAM_INPUT, input.toString())
                .addString(RunParameters.PARAM_OUTPUT, output.toString())
                .addString(PseudonymKeys.PARAM_DEMO_KEY, "true", false)
                .toJobParameters();

        // command-line arguments: they outrank the test profile's embedded database
        try (var ctx = new SpringApplicationBuilder(BedflowApplication.class).profiles("test")
                .run("--spring.datasource.url=" + postgres.url(), "--spring.datasource.username=" + postgres.user(),
                        "--spring.datasource.password=" + postgres.password())) {
            assertThat(ctx.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:postgresql:");
            JobLauncher launcher = ctx.getBean(JobLauncher.class);
            Job nightly = ctx.getBean(NightlyJobConfig.NIGHTLY, Job.class);

            // when the run starts without the feed
            JobExecution first = launcher.run(nightly, params);
            // then it fails at validate, naming the missing folder
            assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(first.getAllFailureExceptions().get(0).getMessage()).contains("apc_discharges");

            // when the feed arrives and the same run is launched again (a restart)
            Files.move(late, input.resolve("apc_discharges"));
            JobExecution second = launcher.run(nightly, params);

            // then it completes as the same job instance, with every step done once after validate's retry
            assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
            assertThat(second.getJobInstance().getInstanceId()).isEqualTo(first.getJobInstance().getInstanceId());
            assertThat(second.getExecutionContext().getString(RunParameters.RUN_ID))
                    .as("the restart keeps the run id").isEqualTo(first.getExecutionContext().getString(RunParameters.RUN_ID));
            JobExplorer explorer = ctx.getBean(JobExplorer.class);
            assertThat(explorer.getJobExecutions(first.getJobInstance())).hasSize(2);
            assertThat(Files.exists(output.resolve("delayed_discharge_monthly"))).isTrue();
        }

        // and the executions are really stored in PostgreSQL
        try (Connection c = DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
             ResultSet rs = c.createStatement().executeQuery(
                     "select status from batch_job_execution order by job_execution_id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("FAILED");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("COMPLETED");
            assertThat(rs.next()).isFalse();
        }

        // and `bedflow history` with BEDFLOW_DB_URL naming the PostgreSQL database lists them
        try (InProcessCli cli = new InProcessCli().set("BEDFLOW_DB_URL", postgres.url())
                .set("BEDFLOW_DB_USER", postgres.user()).set("BEDFLOW_DB_PASSWORD", postgres.password())
                .set("BEDFLOW_LOG_FILE", tmp.resolve("history.log").toString())) {
            InProcessCli.Result history = cli.run("history");
            assertThat(history.code()).as(history.toString()).isZero();
            System.out.println("bedflow history on PostgreSQL:\n" + history.out());
            List<String> rows = history.out().lines().filter(l -> l.matches("^\\d+ .*")).toList();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).contains("COMPLETED", "2025-04-01");
            assertThat(rows.get(1)).contains("FAILED", "2025-04-01", "validate");
        }
    }
}
