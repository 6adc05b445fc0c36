package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.jobs.config.BedflowApplication;
import org.bedflow.jobs.nightly.NightlyJobConfig;
import org.bedflow.jobs.nightly.PseudonymKeys;
import org.bedflow.jobs.nightly.RunParameters;
import org.bedflow.jobs.testing.OutputFingerprints;
import org.bedflow.pipeline.publish.DisclosureControl;
import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.schema.OutputTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The real nightly job on the committed sample, launched with real parameters, as Spring
 * Batch's samples test their jobs: given the sample, when the job runs, then every input
 * row is accounted for and the rejects show every reason code of docs/validation.md but BAD_FORMAT and UNMAPPED_CODE.
 */
@SpringBootTest(classes = BedflowApplication.class)
@ActiveProfiles("test")
class NightlyJobTest {

    static final Path SAMPLE = Path.of("..", "sample-data", "northamptonshire").toAbsolutePath().normalize();
    static final List<String> REASON_CODES = List.of("MISSING_REQUIRED", "BAD_DATE", "BAD_NUMBER", "UNKNOWN_CODE",
            "DATE_ORDER", "FUTURE_DATE", "AGE_OUT_OF_RANGE", "INVALID_NHS_NUMBER", "DRD_OUT_OF_RANGE",
            "CONFLICTING_DUPLICATE", "ORPHAN_DISCHARGE", "MALFORMED_ROW");

    static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "sample-outputs.tsv");
    static final String GOLDEN_HEADER = """
            # Golden fingerprints of the nightly run on sample-data/northamptonshire, run date 2025-04-01, demo key.
            # table, rows, columns, sha256 of the sorted row digests (run_id left out, doubles rounded to 9 places).
            # Regenerate on purpose only: ./mvnw -pl jobs -am test -Dtest=NightlyJobTest -Dsurefire.failIfNoSpecifiedTests=false -Dbedflow.golden.update=true
            """;

    @Autowired
    JobLauncher launcher;

    @Autowired
    @Qualifier(NightlyJobConfig.NIGHTLY)
    Job nightly;

    @Autowired
    SparkSession spark;

    @TempDir
    Path out;

    @Test
    void given_the_sample_when_the_nightly_job_runs_then_every_row_is_accounted_for() throws Exception {
        // given the committed sample and the night after its last month
        var params = new JobParametersBuilder()
                .addLocalDate(RunParameters.PARAM_RUN_DATE, LocalDate.of(2025, 4, 1))
                .addString(RunParameters.PARAM_INPUT, SAMPLE.toString())
                .addString(RunParameters.PARAM_OUTPUT, out.toString())
                // the public demo key (a real run takes BEDFLOW_PSEUDONYM_KEY from the environment)
                .addString(PseudonymKeys.PARAM_DEMO_KEY, "true", false)
                .toJobParameters();

        // when
        JobExecution execution = launcher.run(nightly, params);

        // then the four steps completed in order
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getStepExecutions()).extracting(s -> s.getStepName())
                .containsExactly("validate", "link", "measure", "publish");

        // and the manifest balances for every file: read = accepted + quarantined + excluded
        String runId = execution.getExecutionContext().getString(RunParameters.RUN_ID);
        Path manifestFile = out.resolve("runs").resolve(runId).resolve("manifest.json");
        assertThat(manifestFile).exists();
        RunManifest manifest = ManifestFiles.read(FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()),
                new org.apache.hadoop.fs.Path(manifestFile.toString()));
        assertThat(manifest.status()).isEqualTo("COMPLETED");
        assertThat(manifest.runDate()).isEqualTo("2025-04-01");
        assertThat(manifest.inputs()).isNotEmpty().allSatisfy(i -> assertThat(i.balances())
                .as("rows_read = accepted + quarantined + excluded for %s", i.path()).isTrue());
        assertThat(manifest.inputs()).extracting(RunManifest.Input::path)
                .anyMatch(p -> p.endsWith(".avro")).anyMatch(p -> p.endsWith(".parquet"))
                .anyMatch(p -> p.endsWith(".csv")).anyMatch(p -> p.endsWith(".csv.gz"));
        assertThat(manifest.inputs()).allSatisfy(i -> assertThat(i.sha256()).hasSize(64));
        assertThat(manifest.inputs().stream().mapToLong(RunManifest.Input::excludedSuperseded).sum())
                .as("the sample's resubmissions supersede older versions").isPositive();
        assertThat(manifest.inputs().stream().mapToLong(RunManifest.Input::excludedOptOut).sum())
                .as("the sample's opt-outs are excluded").isPositive();

        // and the rejects table holds every reason code, one ERROR row per quarantined row
        Dataset<Row> rejects = spark.read().parquet(out.resolve("rejects").toString());
        Set<String> codes = rejects.select("reason_code").distinct().collectAsList().stream()
                .map(r -> r.getString(0)).collect(Collectors.toSet());
        assertThat(codes).containsAll(REASON_CODES);
        long quarantined = manifest.inputs().stream().mapToLong(RunManifest.Input::quarantined).sum();
        assertThat(rejects.filter("severity = 'ERROR'").count()).isEqualTo(quarantined);
        assertThat(rejects.filter("run_id <> '" + runId + "'").count()).isZero();
        assertThat(Files.list(out.resolve("rejects")).map(p -> p.getFileName().toString()))
                .contains("feed=apc_admissions", "feed=apc_discharges", "feed=social_care_events");

        // and no raw value in rejects shows an NHS number: only the last four digits survive
        assertThat(rejects.filter("raw_record like '%nhs_number%'").count()).isPositive();
        assertThat(rejects.filter("raw_record rlike '\"nhs_number\":\"[0-9]'").count()).isZero();
        assertThat(rejects.filter("raw_record like '%person_id%'").count()).isZero();

        // and the run's work area (which holds NHS numbers) is gone
        assertThat(out.resolve(".staging").resolve(runId)).doesNotExist();
        assertThat(manifest.outputs()).extracting(RunManifest.Output::table).contains("rejects");

        // and the run report is there: every section, a chart per area and indicator, nothing to fetch
        String report = Files.readString(out.resolve("runs").resolve(runId).resolve("report.html"));
        assertThat(report).contains("<h2>Run summary</h2>", "<h2>Provisional periods</h2>",
                "<h2>Data quality per feed</h2>", "<h2>Linkage between hospital and social care data</h2>",
                "<h2>Indicators by unitary area and month</h2>", "North Northamptonshire", "West Northamptonshire",
                "Delay days", "% discharged on the discharge ready date", "Emergency admissions",
                "chronic ambulatory care sensitive conditions", "Emergency readmissions within 30 days",
                "<code>MALFORMED_ROW</code>", "2020-04 to 2025-03 (60 months)");
        // the sample ends in March 2025 and runs on 1 April 2025: no month is provisional by the calendar, but the
        // sample's discharges lag: 46 of 136 of RNQ's February admissions (34 %) have no discharge yet where its usual
        // lengths of stay leave about 2 (2 %) in hospital, 32 points above, more than 5 points, so every provider's
        // last complete month is January and February and March are provisional in both areas
        assertThat(report).contains("<strong>2025-02, 2025-03</strong>",
                "<code>E06000061</code>:\n        2025-02, 2025-03", "<code>E06000062</code>:\n        2025-02, 2025-03",
                "2025-02: 46 of 136 admissions (34 %) have no discharge yet, where about 2 (2 %) would still be in "
                        + "hospital at this provider&#39;s usual lengths of stay; limit 5 points above that");
        // run date 2025-04-01, the day after the data: no stale-run-date warning; the sample's 3 rows dated after the
        // run date (its FUTURE_DATE examples) are one
        assertThat(manifest.warnings()).containsExactly("3 rows are dated after the run date 2025-04-01 (FUTURE_DATE: "
                + "quarantined, or the date dropped); if the run date is wrong, re-run with --run-date set to the night "
                + "the extracts were taken");
        assertThat(manifest.completeness()).filteredOn(c -> c.feed().equals("apc_discharges"))
                .extracting(RunManifest.SupplierCompleteness::lastCompleteMonth).containsOnly("2025-01");
        assertThat(spark.read().parquet(out.resolve("delayed_discharge_monthly").toString())
                .where("provisional").select("month").distinct().collectAsList()).extracting(r -> r.getString(0))
                .containsExactlyInAnyOrder("2025-02", "2025-03");
        // 7 indicator charts and the ASCOF 2D part 1 chart, for each of the 2 areas (16); 9 yearly rates with both
        // areas on one chart; the pathway and the delay reason bars: 16 + 9 + 2 = 27
        assertThat(report.split("<svg", -1).length - 1).as("charts").isEqualTo(27);
        // the summary first (its latest complete month is January 2025, its latest complete year 2023-24), areas
        // compared on published rates with intervals, the breakdown, the snapshot and its date, the glossary; one
        // month format
        assertThat(report.indexOf("<h2>At a glance</h2>")).isLessThan(report.indexOf("<h2>Run summary</h2>"));
        assertThat(report).contains("Dec 2024</th><th class=\"num\">Jan 2025</th>",
                "<th class=\"num\">2022-23</th><th class=\"num\">2023-24</th>",
                "<h2>Areas compared: rates with 95 % confidence intervals</h2>", "95 % interval: Dobson method",
                "Delayed discharges by discharge pathway", "Delayed discharges by reason for the delay",
                "<h2>Inpatients at the snapshot date, with long stays</h2>", "<td>2025-04-01</td>", "<h2>Glossary</h2>");
        assertThat(report).doesNotContain("Sept", "compare directly");
        // the ASCOF section: 2B, 2C, 2D parts 1 and 2 per area and year; run date 2025-04-01 - 84 days = 2025-01-07
        assertThat(report).contains("<h2>Adult social care outcomes (ASCOF 2B, 2C, 2D)</h2>", "ASCOF 2B: ", "ASCOF 2C: ",
                "ASCOF 2D part 1: ", "ASCOF 2D part 2: ",
                "follow-up incomplete: discharges after 2025-01-07 not counted yet");
        // the cost section: the twelve months to January 2025, the latest month complete in both areas (February
        // 2024 has 29 days: 366); its basis is kept for bedflow whatif and agrees with the tables it repeats: per area
        // and month, the delay bed days are delayed_discharge_monthly's delay_days and the ACSC admissions the
        // chronic and acute ACSC counts of indicators
        assertThat(report).contains("<section id=\"cost\">", "Feb 2024 to Jan 2025 (366 days)", "delays now",
                "if: delays capped", "ACSC admissions now");
        Dataset<Row> basis = spark.read().parquet(out.resolve("runs").resolve(runId).resolve("cost_basis").toString());
        basis.createOrReplaceTempView("cost_basis");
        spark.read().parquet(out.resolve("delayed_discharge_monthly").toString()).createOrReplaceTempView("ddm");
        spark.read().parquet(out.resolve("indicators").toString()).createOrReplaceTempView("ind");
        assertThat(spark.sql("select b.unitary_area, b.month from (select unitary_area, month, sum(bed_days) d "
                + "from cost_basis where measure = 'delay' group by 1, 2) b join ddm m on b.unitary_area = "
                + "m.unitary_area and b.month = m.month where b.d <> m.delay_days").count()).isZero();
        assertThat(spark.sql("select count(*) from cost_basis where measure = 'delay' and delay_days >= 1")
                .first().getLong(0)).isPositive();
        assertThat(spark.sql("select a.unitary_area, a.month from (select unitary_area, month, sum(spells) n from "
                + "cost_basis where measure = 'acsc' group by 1, 2) a join (select unitary_area, period, sum(numerator) n "
                + "from ind where period_type = 'month' and indicator in ('chronic_acsc_admissions', "
                + "'acute_acsc_admissions') group by 1, 2) i on a.unitary_area = i.unitary_area and a.month = i.period "
                + "where a.n <> i.n").count()).isZero();
        // the linkage section grades the ASCOF 2D episodes too, from the run's care events before they are removed
        assertThat(report).contains("<code>E06000061</code>: ASCOF 2D reablement episodes linked to a discharge: ",
                "<code>E06000062</code>: ASCOF 2D reablement episodes linked to a discharge: ")
                .doesNotContain("Exact and window links of the ASCOF 2D episodes are not shown");
        // the sample's RNQ starts recording Discharge Ready Dates in July 2023: April-June 2023 are named, and their
        // blank DRDs are not taken as "no delay"
        assertThat(report).contains("<h2>National rules that could not be applied</h2>",
                "<td><code>RNQ</code></td><td>2023-04</td>", "<td><code>RNQ</code></td><td>2023-06</td>",
                "Discharge ready date completeness", "Delayed discharges by length of delay");
        assertThat(report).doesNotContain("<td><code>RNQ</code></td><td>2023-07</td>");
        assertThat(report).doesNotContainIgnoringCase("http").doesNotContainIgnoringCase("<script");
        // built from aggregates: no person key of the run appears in it
        spark.read().parquet(out.resolve("linked_spells").toString()).where("person_key is not null")
                .select("person_key").limit(200).collectAsList()
                .forEach(r -> assertThat(report).doesNotContain(r.getString(0)));

        // and every supplier got its feedback folder (docs/operations.md, "Feedback files for suppliers"): the
        // workbook opens, and its rows to fix are the rejects table's rows of that supplier, errors and warnings
        assertThat(manifest.feedback()).extracting(RunManifest.FeedbackFolder::supplier).contains("RNQ");
        assertThat(report).contains("Feedback files for suppliers", "../../feedback/RNQ/feedback.xlsx");
        Dataset<Row> supplied = rejects.where("feed not in ('population', 'geography', 'opt_outs')")
                .withColumn("supplier", org.apache.spark.sql.functions.expr("upper(trim(coalesce("
                        + "nullif(trim(get_json_object(raw_record, '$.provider_code')), ''), "
                        + "get_json_object(raw_record, '$.la_code'))))"));
        assertThat(manifest.feedback().stream().mapToLong(RunManifest.FeedbackFolder::rowsToFix).sum())
                .as("every supplier's rejects are in one folder").isEqualTo(supplied.count());
        for (RunManifest.FeedbackFolder f : manifest.feedback()) {
            Path xlsx = out.resolve(f.folder()).resolve("feedback.xlsx");
            try (var in = Files.newInputStream(xlsx);
                 var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
                assertThat(wb.getSheetName(0)).isEqualTo("Summary");
                assertThat(wb.getSheetName(1)).isEqualTo("Rows to fix");
                assertThat(wb.getSheet("Rows to fix").getLastRowNum()).as("rows to fix of %s", f.supplier())
                        .isEqualTo(f.rowsToFix());
            }
            assertThat(Files.readAllLines(out.resolve(f.folder()).resolve("rows_to_fix.csv"))).isNotEmpty();
            if (!f.supplier().equals("_unattributed")) {
                Dataset<Row> own = supplied.where(org.apache.spark.sql.functions.col("supplier").equalTo(f.supplier()));
                assertThat(own.where("severity = 'ERROR'").count()).as("errors of %s", f.supplier())
                        .isEqualTo(f.errors());
                assertThat(own.where("severity = 'WARNING'").count()).as("warnings of %s", f.supplier())
                        .isEqualTo(f.warnings());
            }
        }

        // and every output table has exactly the columns of its Avro schema (partition columns included), and
        // so does its commissioners' copy, plus its suppressed flag
        for (OutputTables table : OutputTables.values()) {
            assertThat(spark.read().parquet(out.resolve(table.table()).toString()).columns())
                    .as("columns of %s against its Avro schema", table.table())
                    .containsExactlyInAnyOrderElementsOf(table.columns());
            Path copy = out.resolve("published").resolve(table.table());
            if (Files.exists(copy)) {
                List<String> expected = new ArrayList<>(table.columns());
                expected.add(DisclosureControl.SUPPRESSED);
                assertThat(spark.read().parquet(copy.toString()).columns()).as("columns of published/%s", table.table())
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }

        // and every table is what the committed golden fingerprints say (a refactor changes none of them;
        // a deliberate change of a definition updates the file with -Dbedflow.golden.update=true, and its
        // diff shows which tables moved)
        var fingerprints = OutputFingerprints.of(spark, out);
        if (Boolean.getBoolean("bedflow.golden.update")) {
            OutputFingerprints.write(GOLDEN, fingerprints, GOLDEN_HEADER);
        }
        assertThat(fingerprints).as("output tables against %s", GOLDEN).isEqualTo(OutputFingerprints.read(GOLDEN));

        // and nothing the run wrote can be read by others (docs/operations.md, "Logs and privacy")
        try (var all = Files.walk(out)) {
            assertThat(all.filter(p -> !p.equals(out)).filter(p -> {
                try {
                    return Files.getPosixFilePermissions(p).stream().anyMatch(x -> x.name().startsWith("OTHERS"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(p -> out.relativize(p).toString()).toList()).as("readable by others").isEmpty();
        }

        // and the first run on the folder has nothing to compare with, but keeps its figures for the next
        assertThat(report).contains("<h2>What changed since the last run</h2>", "First run on this folder");
        assertThat(manifest.changes()).isNull();
        assertThat(out.resolve("runs").resolve(runId).resolve("figures").resolve("delayed_discharge_monthly"))
                .isDirectory();

        whenTheDischargeFeedIsResubmittedTheSecondRunListsTheRevision(runId);
    }

    @TempDir
    Path resubmitted;

    /**
     * Given the sample with a resubmitted RNS discharge extract (its June 2024 discharges home, destination 19, now
     * to a care home, 54), when the job runs again on the same output folder, then the second run's changes and
     * report list the revised discharged_to_usual_residence of June 2024, a closed month, and {@code bedflow
     * compare} on the two runs prints it.
     */
    void whenTheDischargeFeedIsResubmittedTheSecondRunListsTheRevision(String firstRunId) throws Exception {
        // given the sample and a resubmission of RNS's June 2024 discharges, submitted after the first run
        try (var files = Files.walk(SAMPLE)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = resubmitted.resolve(SAMPLE.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        Path rns = SAMPLE.resolve("apc_discharges/RNS_2020-04_2025-03.csv");
        List<String> lines = Files.readAllLines(rns);
        List<String> resubmission = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[2].startsWith("2024-06") && f[4].equals("19")) {
                f[4] = "54";
                f[f.length - 1] = "2025-03-30T03:15:00";
                resubmission.add(String.join(",", f));
            }
        }
        assertThat(resubmission).hasSizeGreaterThan(20);
        Files.write(resubmitted.resolve("apc_discharges/RNS_resubmission_2024-06.csv"), resubmission);

        // when the job runs again on the same output folder
        JobExecution second = launcher.run(nightly, new JobParametersBuilder()
                .addLocalDate(RunParameters.PARAM_RUN_DATE, LocalDate.of(2025, 4, 1))
                .addString(RunParameters.PARAM_INPUT, resubmitted.toString())
                .addString(RunParameters.PARAM_OUTPUT, out.toString())
                .addString(PseudonymKeys.PARAM_DEMO_KEY, "true", false)
                .toJobParameters());
        assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String runId = second.getExecutionContext().getString(RunParameters.RUN_ID);

        // then its changes hold the revision, in a closed month, against the first run
        Dataset<Row> changes = spark.read().parquet(out.resolve("runs").resolve(runId).resolve("changes").toString());
        List<Row> revised = changes.where("flag = 'revised' and table = 'delayed_discharge_monthly' and period = "
                + "'2024-06' and measure = 'discharged_to_usual_residence'").collectAsList();
        assertThat(revised).isNotEmpty().allSatisfy(r -> {
            assertThat(r.<Double>getAs("difference")).isNegative();
            assertThat(r.<Boolean>getAs("closed_period")).isTrue();
            assertThat(r.<String>getAs("old_run_id")).isEqualTo(firstRunId);
            assertThat(r.<String>getAs("new_run_id")).isEqualTo(runId);
        });
        // and months the resubmission did not touch did not move
        assertThat(changes.where("table = 'delayed_discharge_monthly' and period < '2024-01'").count()).isZero();

        // and the manifest counts them, and the report lists the revision
        RunManifest manifest = ManifestFiles.read(FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()),
                new org.apache.hadoop.fs.Path(out.resolve("runs").resolve(runId).resolve("manifest.json").toString()));
        assertThat(manifest.changes().previousRunId()).isEqualTo(firstRunId);
        assertThat(manifest.changes().counts().get("revised")).isPositive();
        assertThat(manifest.changes().path()).isEqualTo("runs/" + runId + "/changes");
        String report = Files.readString(out.resolve("runs").resolve(runId).resolve("report.html"));
        assertThat(report).contains("<h2>What changed since the last run</h2>", "Revised figures", firstRunId)
                .containsPattern("(?s)<strong>closed</strong></td><td>delayed_discharge_monthly</td><td>E0600006[12]"
                        + "</td><td>2024-06</td><td></td><td>discharged_to_usual_residence</td>");
        System.out.println(report.substring(report.indexOf("<section id=\"changes\">"),
                report.indexOf("</section>", report.indexOf("<section id=\"changes\">"))));

        // and bedflow compare on the two runs prints the same revision
        var printed = new java.io.ByteArrayOutputStream();
        var stdout = System.out;
        int code;
        try {
            System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            code = BedflowCli.execute("compare", "--output",
                    out.toString(), "--format", "csv", firstRunId, runId);
        } finally {
            System.setOut(stdout);
        }
        assertThat(code).isZero();
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).containsPattern(
                "delayed_discharge_monthly,E0600006[12],month,2024-06,,,discharged_to_usual_residence,[0-9.]+,[0-9.]+,-[0-9.]+,-[0-9.E]+,revised,true,"
                        + firstRunId + "," + runId);
        var unknown = BedflowCli.execute("compare", "--output",
                out.toString(), "nope", runId);
        assertThat(unknown).isEqualTo(2);
    }
}
