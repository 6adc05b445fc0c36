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
import java.util.Arrays;
import java.util.List;

import org.bedflow.jobs.BedflowCli;
import org.bedflow.jobs.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bedflow whatif --output DIR} on a run's cost basis (written here with DuckDB as the nightly run writes it
 * with Spark): West Northamptonshire, April (30 days) and May 2024 (31 days), May still provisional:
 * <pre>
 *  month    measure  pathway  delay  spells  bed days
 *  2024-04  delay    1        0      6       0
 *  2024-04  delay    1        2      2       4
 *  2024-04  delay    3        10     1       10
 *  2024-04  delay    3        20     1       20
 *  2024-04  acsc     0        -      10      40
 *  2024-05  delay    1        0      9       0
 *  2024-05  delay    2        1      1       1
 *  2024-05  acsc     0        -      10      20
 * </pre>
 * At £300 a bed day and £1,500 an admission, April to May (61 days), exact figures:
 * <ul>
 * <li>delays now: 2 + 1 + 1 + 1 = 5 delayed discharges, 4 + 10 + 20 + 1 = 35 bed days, 35 / 61 = 0.57 beds,
 *     35 x 300 = £10,500;</li>
 * <li>delays capped at 7 days: the 10- and 20-day delays, (10 - 7) + (20 - 7) = 16 days, 0.26 beds, £4,800;</li>
 * <li>90 % on the DRD: April 6 of 10 on the DRD, 3 more needed: the two 2-day delays and the 10-day one, 14 days,
 *     0.23 beds, £4,200; May 9 of 10 already;</li>
 * <li>ACSC admissions now: 20 admissions, 60 bed days (0.98 beds), 20 x 1,500 = £30,000;</li>
 * <li>ACSC admissions down by 10 %: 2 admissions, 6 bed days (0.10 beds), £3,000.</li>
 * </ul>
 * An older run has a basis of its own (one ACSC row), so that the latest run is seen to be the default.
 */
class WhatIfCommandTest {

    static final String OLD_RUN = "20240604T023000Z-1";
    static final String RUN = "20240605T023000Z-2";

    @TempDir
    Path out;

    @BeforeEach
    void basis() throws Exception {
        write(OLD_RUN, row("2024-04", "0", "acsc", "null", 99, 99, false));
        write(RUN, String.join(" union all ",
                row("2024-04", "1", "delay", "0", 6, 0, false),
                row("2024-04", "1", "delay", "2", 2, 4, false),
                row("2024-04", "3", "delay", "10", 1, 10, false),
                row("2024-04", "3", "delay", "20", 1, 20, false),
                row("2024-04", "0", "acsc", "null", 10, 40, false),
                row("2024-05", "1", "delay", "0", 9, 0, true),
                row("2024-05", "2", "delay", "1", 1, 1, true),
                row("2024-05", "0", "acsc", "null", 10, 20, true)));
    }

    private void write(String runId, String select) throws Exception {
        Path dir = Files.createDirectories(out.resolve("runs").resolve(runId).resolve("cost_basis"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("copy (" + select + ") to '" + dir.resolve("part-00000.parquet") + "' (format parquet)");
        }
    }

    private static String row(String month, String pathway, String measure, String delay, long spells, long bedDays,
                              boolean provisional) {
        return "select 'E06000062' as unitary_area, 'West Northamptonshire' as unitary_area_name, '" + month
                + "' as month, '" + pathway + "' as discharge_pathway, '" + measure + "' as measure, " + delay
                + "::integer as delay_days, " + spells + "::bigint as spells, " + bedDays + "::bigint as bed_days, "
                + provisional + " as provisional";
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

    private Printed whatif(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "whatif";
        all[1] = "--output";
        all[2] = out.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return bedflow(all);
    }

    /** The cells of the table row of {@code measure}, trimmed: area, name, group, measure, count, ... */
    private static List<String> tableRow(String table, String measure) {
        return table.lines().filter(l -> l.startsWith("|"))
                .map(l -> Arrays.stream(l.substring(1).split("\\|")).map(String::strip).toList())
                .filter(cells -> cells.size() > 3 && cells.get(3).equals(measure))
                .findFirst().orElse(null);
    }

    @Test
    void given_a_cost_basis_when_whatif_then_the_period_the_assumptions_and_the_figures_worked_out_by_hand() {
        Printed r = whatif("--from", "2024-04", "--to", "2024-05", "--bed-day-cost", "300", "--admission-cost", "1500",
                "--no-disclosure-control");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("What if: " + RUN + ", 2024-04 to 2024-05 (61 days)");
        assertThat(lines.get(1)).isEqualTo("Assumptions:");
        assertThat(lines).contains(
                "  - A bed day lost to a delay costs £300 (excess bed day: configured).",
                "  - Disclosure control is off: figures are exact and not for publication.",
                "provisional months in the period (figures may still grow): 2024-05");
        assertThat(r.out()).contains("  - Delays capped at 7 days", "  - % discharged on the DRD reaches 90 %",
                "  - ACSC admissions down by 10 %", "not added together");
        // count, what it counts, bed days, beds, £, suppressed
        assertThat(tableRow(r.out(), "delays now")).containsExactly("E06000062", "West Northamptonshire",
                "2024-04 to 2024-05", "delays now", "5.00", "delayed discharges", "35.00", "0.57", "10500.00", "false");
        assertThat(tableRow(r.out(), "delays capped").subList(4, 10))
                .containsExactly("2.00", "discharges delayed beyond the cap", "16.00", "0.26", "4800.00", "false");
        assertThat(tableRow(r.out(), "% on DRD reaches target").subList(4, 9))
                .containsExactly("3.00", "delayed discharges on their DRD instead", "14.00", "0.23", "4200.00");
        assertThat(tableRow(r.out(), "ACSC admissions now").subList(4, 9))
                .containsExactly("20.00", "emergency admissions for ACSC", "60.00", "0.98", "30000.00");
        assertThat(tableRow(r.out(), "ACSC admissions down").subList(4, 9))
                .containsExactly("2.00", "admissions avoided", "6.00", "0.10", "3000.00");
        assertThat(r.out()).endsWith("5 rows\n");
    }

    @Test
    void by_default_the_latest_run_the_12_months_to_the_latest_complete_month_the_bundled_prices_and_control() {
        Printed r = whatif();

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        // May is provisional: the 12 months to April 2024, from April, where the basis starts: 30 days
        assertThat(r.out()).startsWith("What if: " + RUN + ", 2024-04 to 2024-04 (30 days)\n")
                .contains("£345 (excess bed day: 2020/21", "£1,590 (non-elective admission: 2016/17",
                        "figures on 1-7 discharges or admissions are suppressed")
                .doesNotContain("provisional months");
        // April alone: 4 delayed discharges are suppressed; 10 ACSC admissions and 40 bed days stay as they are
        assertThat(tableRow(r.out(), "delays now").subList(4, 10))
                .containsExactly("NULL", "delayed discharges", "NULL", "NULL", "NULL", "true");
        assertThat(tableRow(r.out(), "ACSC admissions now").subList(4, 9))
                .containsExactly("10.00", "emergency admissions for ACSC", "40.00", "1.33", "15900.00");

        Printed old = whatif("--run", OLD_RUN, "--from", "2024-04", "--no-disclosure-control");
        assertThat(tableRow(old.out(), "ACSC admissions now").get(4)).isEqualTo("99.00");
    }

    @Test
    void by_pathway_as_csv_prints_only_the_figures() {
        Printed r = whatif("--from", "2024-04", "--to", "2024-05", "--bed-day-cost", "300", "--admission-cost", "1500",
                "--no-disclosure-control", "--by", "pathway", "--format", "csv");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("unitary_area,unitary_area_name,discharge_pathway,measure,count,counts,"
                + "bed_days,beds,cost_gbp,suppressed");
        // the released days go to the pathway of the discharges affected: the 10- and 20-day delays are pathway 3
        assertThat(lines).anyMatch(l -> l.startsWith(
                "E06000062,West Northamptonshire,3,delays capped,2.0,discharges delayed beyond the cap,16.0,"))
                .anyMatch(l -> l.startsWith(
                        "E06000062,West Northamptonshire,1,% on DRD reaches target,2.0,"
                                + "delayed discharges on their DRD instead,4.0,"))
                .noneMatch(l -> l.startsWith("What if") || l.startsWith("Assumptions"));
    }

    @Test
    void a_scenario_left_out_or_changed() {
        Printed noCap = whatif("--from", "2024-04", "--to", "2024-05", "--no-disclosure-control", "--no-cap");
        assertThat(noCap.code()).as(noCap.err()).isEqualTo(ExitCodes.OK);
        assertThat(noCap.out()).doesNotContain("capped");
        assertThat(tableRow(noCap.out(), "% on DRD reaches target")).isNotNull();

        // cap 10: the 10-day delay is not beyond it, the 20-day one releases 10 days
        Printed cap10 = whatif("--from", "2024-04", "--to", "2024-05", "--no-disclosure-control",
                "--cap-delay-days", "10");
        assertThat(cap10.out()).contains("  - Delays capped at 10 days");
        assertThat(tableRow(cap10.out(), "delays capped").subList(4, 7))
                .containsExactly("1.00", "discharges delayed beyond the cap", "10.00");
    }

    @Test
    void from_alone_runs_to_the_last_month_of_the_basis_and_to_alone_is_the_12_months_ending_there() {
        assertThat(whatif("--from", "2024-05").out()).startsWith("What if: " + RUN + ", 2024-05 to 2024-05 (31 days)");
        // the 12 months to May 2024, but no earlier than the basis (April): 30 + 31 days
        assertThat(whatif("--to", "2024-05").out()).startsWith("What if: " + RUN + ", 2024-04 to 2024-05 (61 days)");
    }

    @Test
    void usage_errors_exit_2_with_one_line() {
        assertUsage(whatif("--from", "2024-13"), "bedflow: --from must be a month as yyyy-MM, not '2024-13'");
        assertUsage(whatif("--to", "2025-01"), "bedflow: --to 2025-01 is outside the cost basis of the run "
                + "(2024-04 to 2024-05)");
        assertUsage(whatif("--from", "2024-05", "--to", "2024-04"), "bedflow: --from 2024-05 is after --to 2024-04");
        assertUsage(whatif("--drd-target", "101"), "bedflow: % discharged on the DRD must be 0 to 100, not 101.0");
        assertUsage(whatif("--no-cap", "--cap-delay-days", "3"), "bedflow: --cap-delay-days and --no-cap cannot be "
                + "given together");
        assertUsage(whatif("--run", "nope"), "bedflow: run nope has no cost basis");
        assertUsage(bedflow("whatif", "--output", out.resolve("missing").toString()), "does not exist");
    }

    @Test
    void a_folder_whose_runs_have_no_cost_basis_exits_2_saying_to_run_a_nightly_run() throws Exception {
        Path empty = Files.createDirectories(out.resolve("empty").resolve("runs").resolve("20240101T023000Z-1"));

        Printed r = bedflow("whatif", "--output", empty.getParent().getParent().toString());

        assertUsage(r, "bedflow: no run in ");
        assertThat(r.err()).contains("has a cost basis", "run a nightly run first", "runs written before bedflow ");
    }

    private static void assertUsage(Printed r, String message) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(message);
        assertThat(r.out()).isEmpty();
    }
}
