package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.bedflow.jobs.testing.InProcessCli;
import org.bedflow.jobs.testing.InProcessCli.Result;
import org.bedflow.jobs.testing.SampleCopies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guardrails for a new source through the command line (docs/adding-a-feed.md, "When a
 * descriptor is wrong"): {@code validate} on the worked example 1 hospital (and example 2's
 * council, a population row) exits 3 with one line naming the source, the field and the fix
 * when the admissions descriptor maps no residence, when the trust's unmapped delay reasons
 * pass the warning threshold, and when the admissions file is written month first; within a
 * threshold set for the source it exits 0 and prints the rates against the thresholds that
 * applied; {@code query} reads the rejects the stopped run kept.
 */
class SourceGuardrailsJobTest {

    static final Path REPO_ROOT = SampleCopies.SAMPLE.getParent().getParent();
    static final Path EXAMPLES = REPO_ROOT.resolve("sample-data/examples");

    @TempDir
    static Path tmp;

    static InProcessCli cli;

    @BeforeAll
    static void repository() {
        cli = new InProcessCli()
                .set("BEDFLOW_DB_URL", "jdbc:h2:file:" + tmp.resolve("repo/jobs") + ";AUTO_SERVER=TRUE")
                .set("BEDFLOW_LOG_FILE", tmp.resolve("process.log").toString())
                .set("bedflow.home", REPO_ROOT.toString());
    }

    @AfterAll
    static void restore() {
        cli.close();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Examples 1 and 2 with their descriptors in {@code name/feeds}, a population row, and a configuration. */
    static Path[] setUp(String name, String... configLines) throws IOException {
        return setUp(tmp.resolve(name), configLines);
    }

    /** As {@link #setUp(String, String...)}, in {@code dir}: {in, feeds, out, bedflow.yml}. */
    static Path[] setUp(Path dir, String... configLines) throws IOException {
        Path in = dir.resolve("in");
        Path feeds = dir.resolve("feeds");
        copyTree(EXAMPLES.resolve("1-second-hospital/input"), in);
        copyTree(EXAMPLES.resolve("2-council-system/input"), in);
        copyTree(EXAMPLES.resolve("1-second-hospital/feeds"), feeds);
        copyTree(EXAMPLES.resolve("2-council-system/feeds"), feeds);
        Files.createDirectories(in.resolve("population"));
        Files.writeString(in.resolve("population/p.csv"), "area_code,year,sex,age,population\nE07000154,2021,1,70,100\n",
                StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of("bedflow:", "  feeds-dir: " + feeds));
        lines.addAll(Arrays.asList(configLines));
        lines.addAll(List.of("  spark:", "    conf:", "      spark.sql.shuffle.partitions: \"2\"",
                "      spark.ui.enabled: \"false\""));
        Files.write(dir.resolve("bedflow.yml"), lines);
        return new Path[] {in, feeds, dir.resolve("out"), dir.resolve("bedflow.yml")};
    }

    static Result validate(Path[] p) {
        return cli.run("validate", "--input", p[0].toString(), "--output", p[2].toString(), "--run-date", "2022-04-01",
                "--config", p[3].toString(), "--master", "local[2]");
    }

    static void assertOneLine(Result r, String... contains) {
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).startsWith("bedflow: step validate failed: ").contains(contains)
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    /** the example's rwe_discharges: one delay reason of seven is unmapped (14 %); the guide allows it 20 % */
    static final String ALLOW_RWE = "  feeds: {rwe_discharges: {warning-threshold: 0.2}}";

    @Test
    void unmapped_delay_reasons_above_the_warning_threshold_exit_3_and_query_reads_the_rejects_the_run_kept()
            throws Exception {
        Path[] p = setUp("unmapped");

        Result r = validate(p);

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.DATA_QUALITY);
        Path descriptor = p[1].resolve("rwe_discharges.yaml");
        assertOneLine(r, "apc_discharges, source rwe_discharges (" + descriptor + "): 1 of 7 rows (14.3 %) have "
                + "delay_reason values the delay reason mapping does not know (UNMAPPED_CODE), above the warning "
                + "threshold of 5.0 % (global: bedflow.warning-threshold); add the source's values to values: "
                + "delay_reason: in " + descriptor);
        assertThat(r.out()).as(r.toString()).contains("source rwe_discharges: 7 rows, error 0.00 % <= threshold 5.0 % "
                + "(global: bedflow.reject-threshold)", "delay_reason UNMAPPED_CODE: 1 rows, 14.29 %  > threshold");
        assertThat(p[2].resolve("rejects")).as("nothing published").doesNotExist();

        // the analyst reads what the stopped run kept
        Result q = cli.run("query", "--output", p[2].toString(),
                "select feed, severity, reason_code, count(*) as n from run_rejects group by feed, severity, reason_code "
                        + "order by feed, reason_code");
        assertThat(q.code()).as(q.toString()).isEqualTo(ExitCodes.OK);
        assertThat(q.out()).contains("| apc_discharges     | WARNING  | UNMAPPED_CODE |")
                .contains("| apc_admissions     | ERROR    | BAD_DATE      |");
        Result fallback = cli.run("query", "--output", p[2].toString(), "select count(*) as n from rejects "
                + "where reason_code = 'UNMAPPED_CODE'");
        assertThat(fallback.out()).as(fallback.toString()).contains("| 1 |");
        String runId;
        try (Stream<Path> runs = Files.list(p[2].resolve("runs"))) {
            runId = runs.filter(d -> Files.isDirectory(d.resolve("rejects"))).findFirst().orElseThrow()
                    .getFileName().toString();
        }
        Result byRun = cli.run("query", "--output", p[2].toString(), "--run", runId,
                "select count(*) as n from run_rejects where feed = 'apc_discharges'");
        assertThat(byRun.out()).as(byRun.toString()).contains("| 1 |");
    }

    @Test
    void unmapped_delay_reasons_within_the_sources_warning_threshold_are_warnings_and_exit_0() throws Exception {
        Path[] p = setUp("allowed", ALLOW_RWE);

        Result r = validate(p);

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("warnings: UNMAPPED_CODE 1",
                "source rwe_discharges: 7 rows, error 0.00 % <= threshold 5.0 % (global: bedflow.reject-threshold)",
                "warnings: max 14.29 % of rows for one field, threshold 20.0 % "
                        + "(source: bedflow.feeds.rwe_discharges.warning-threshold)",
                "source rwe_admissions: 9 rows, error 11.11 % <= threshold 20.0 % (source: reject_threshold of "
                        + p[1].resolve("rwe_admissions.yaml") + ")");
        assertThat(p[2].resolve("rejects")).isDirectory();
        // the manifest has the same per source
        String manifest;
        try (Stream<Path> runs = Files.list(p[2].resolve("runs"))) {
            manifest = Files.readString(runs.findFirst().orElseThrow().resolve("manifest.json"));
        }
        assertThat(manifest).contains("\"source\" : \"rwe_discharges\"",
                "\"warning_threshold_from\" : \"source: bedflow.feeds.rwe_discharges.warning-threshold\"",
                "\"delay_reason UNMAPPED_CODE\" : 1");
    }

    @Test
    void a_hospital_descriptor_without_residence_exits_3_naming_the_source_the_field_and_the_fix() throws Exception {
        Path[] p = setUp("residence", ALLOW_RWE);
        Path descriptor = p[1].resolve("rwe_admissions.yaml");
        // the new data engineer left out the two residence lines
        List<String> lines = Files.readAllLines(descriptor).stream()
                .filter(l -> !l.contains("residence_lad_code") && !l.contains("lsoa_code")).toList();
        Files.write(descriptor, lines);

        Result r = validate(p);

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.DATA_QUALITY);
        assertOneLine(r, "apc_admissions, source rwe_admissions (" + descriptor + "): residence_lad_code or lsoa_code "
                + "never filled in 9 rows: every spell is in area UNKNOWN", "; map the column that holds the district of "
                + "residence to residence_lad_code, or the LSOA to lsoa_code, under columns: in " + descriptor);
        assertThat(r.out()).contains("ERROR: residence_lad_code or lsoa_code never filled");
        // the stopped run's report names the source and what it disables, in the data quality section
        String report;
        try (Stream<Path> runs = Files.list(p[2].resolve("runs"))) {
            report = Files.readString(runs.findFirst().orElseThrow().resolve("report.html"));
        }
        assertThat(report).contains("Per source: rates against the threshold that applied", "<code>rwe_admissions</code>",
                "ERROR residence_lad_code or lsoa_code: every spell is in area UNKNOWN");
    }

    @Test
    void an_admissions_file_written_month_first_is_refused_naming_the_file_the_column_and_the_fix() throws Exception {
        Path[] p = setUp("month-first", ALLOW_RWE);
        Path file = p[0].resolve("apc_admissions/rwe/RWE_APC_2022-01_2022-03.csv");
        List<String> rows = Files.readAllLines(file);
        int col = Arrays.asList(rows.get(0).split(",", -1)).indexOf("Admission Date");
        List<String> swapped = new ArrayList<>(List.of(rows.get(0)));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            String[] d = f[col].split("/");
            f[col] = d[1] + "/" + d[0] + "/" + d[2];
            swapped.add(String.join(",", f));
        }
        Files.write(file, swapped);

        Result r = validate(p);

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.DATA_QUALITY);
        assertOneLine(r, "apc_admissions/rwe/RWE_APC_2022-01_2022-03.csv: column 'Admission Date' (admission_date) has '",
                "a date only as MM/dd/yyyy, and no date of the file is one only as dd/MM/yyyy, the date_format of "
                        + "source rwe_admissions", "set date_format: MM/dd/yyyy in " + p[1].resolve("rwe_admissions.yaml"));
        assertThat(r.err()).doesNotContain("999 356 2300").doesNotContain("9993562300");
    }
}
