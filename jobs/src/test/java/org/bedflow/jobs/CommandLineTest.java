package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The command line answers usage questions and usage errors before anything starts (docs/operations.md). */
class CommandLineTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int bedflow(String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return BedflowCli.execute(args);
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    @Test
    void version_prints_the_version_and_exits_0() {
        assertThat(bedflow("--version")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("bedflow ").contains("Spark");
    }

    @Test
    void help_lists_every_command_and_the_exit_codes() {
        assertThat(bedflow("--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("run", "demo", "validate", "generate", "restart", "history", "schedule", "compare", "whatif", "Exit codes");
    }

    @Test
    void a_command_has_its_own_help() {
        assertThat(bedflow("run", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--input", "--output", "--run-date");
    }

    @Test
    void no_command_is_a_usage_error() {
        assertThat(bedflow()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage");
    }

    @Test
    void an_unknown_command_is_a_usage_error_with_a_usage_line() {
        assertThat(bedflow("frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: bedflow");
    }

    @Test
    void run_without_input_is_a_usage_error() {
        assertThat(bedflow("run", "--output", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--input");
    }

    @Test
    void an_impossible_run_date_is_a_usage_error() {
        assertThat(bedflow("run", "--input", "a", "--output", "b", "--run-date", "2022-13-01")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--run-date");
    }

    @Test
    void a_configuration_file_that_does_not_exist_is_a_usage_error() {
        assertThat(bedflow("run", "--input", "a", "--output", "b", "--config", "/nonexistent/bedflow.yml"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("/nonexistent/bedflow.yml", "Usage: bedflow run");
    }

    @Test
    void a_bad_cron_expression_is_a_usage_error() {
        assertThat(bedflow("schedule", "--cron", "30 2 * * *", "--input", "a", "--output", "b")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--cron", "six fields");
    }

    @Test
    void history_and_restart_check_their_numbers() {
        assertThat(bedflow("history", "--limit", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(bedflow("restart", "--execution-id", "last")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--limit", "--execution-id");
    }

    @Test
    void run_and_schedule_refuse_to_start_without_a_pseudonymisation_key() {
        Assumptions.assumeTrue(System.getenv("BEDFLOW_PSEUDONYM_KEY") == null
                && System.getenv("BEDFLOW_PSEUDONYM_KEY_FILE") == null, "a key is set in this environment");
        assertThat(bedflow("run", "--input", ".", "--output", "target/never")).isEqualTo(ExitCodes.FAILED);
        assertThat(bedflow("schedule", "--cron", "0 30 2 * * *", "--input", ".", "--output", "target/never"))
                .isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2)
                .allMatch(l -> l.startsWith("bedflow: no pseudonymisation key: set BEDFLOW_PSEUDONYM_KEY"));
    }

    @Test
    void a_missing_input_folder_is_reported_by_name() {
        assertThat(bedflow("run", "--input", "/nonexistent/feeds", "--output", "target/never")).isEqualTo(ExitCodes.DATA_QUALITY);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("/nonexistent/feeds");
    }
}
