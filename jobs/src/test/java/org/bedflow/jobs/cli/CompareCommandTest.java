package org.bedflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.bedflow.jobs.BedflowCli;
import org.bedflow.jobs.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bedflow compare --output DIR RUN_A RUN_B} on two runs' kept figures (written here with DuckDB): the
 * revision is printed, one below the limits is a change, an unknown run exits 2 naming the runs kept.
 */
class CompareCommandTest {

    @TempDir
    Path out;

    private void figures(String runId, long january, long february) throws Exception {
        Path dir = Files.createDirectories(out.resolve("runs").resolve(runId).resolve("figures")
                .resolve("delayed_discharge_monthly"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("copy (select 'E06000061' as unitary_area, '2024-01' as month, " + january + "::bigint as "
                    + "discharges, false as provisional, '" + runId + "' as run_id union all select 'E06000061', "
                    + "'2024-02', " + february + "::bigint, true, '" + runId + "') to '"
                    + dir.resolve("part-0.parquet") + "' (format parquet)");
        }
    }

    private record Printed(int code, String out, String err) {
    }

    private static Printed bedflow(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = BedflowCli.execute(args);
            return new Printed(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void given_two_kept_runs_when_compared_then_the_revision_is_printed_and_the_small_change_is_not_one()
            throws Exception {
        // given January 200 -> 212 (+12, +6 %: revised) and February 100 -> 106 (+6 < 10: changed)
        figures("A", 200, 100);
        figures("B", 212, 106);

        // when
        Printed csv = bedflow("compare", "--output", out.toString(), "--format", "csv", "A", "B");
        Printed table = bedflow("compare", "--output", out.toString(), "A", "B");

        // then
        assertThat(csv.code()).as(csv.toString()).isEqualTo(ExitCodes.OK);
        assertThat(csv.out().lines()).containsExactly(
                "table,unitary_area,period_type,period,dimension,category,measure,old_value,new_value,difference,"
                        + "pct_change,flag,closed_period,old_run_id,new_run_id",
                "delayed_discharge_monthly,E06000061,month,2024-01,,,discharges,200.0,212.0,12.0,6.0,revised,true,A,B",
                "delayed_discharge_monthly,E06000061,month,2024-02,,,discharges,100.0,106.0,6.0,6.0,changed,false,A,B");
        assertThat(table.code()).isEqualTo(ExitCodes.OK);
        assertThat(table.out()).contains("| revised |", "| changed |", "{revised=1, suppressed_now=0");
    }

    @Test
    void an_unknown_run_exits_2_naming_the_runs_kept() throws Exception {
        figures("A", 200, 100);

        Printed r = bedflow("compare", "--output", out.toString(), "A", "nope");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("run nope has no kept figures", "runs kept: A");
    }
}
