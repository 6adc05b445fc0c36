package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.jobs.testing.InProcessCli;
import org.bedflow.jobs.testing.InProcessCli.Result;
import org.bedflow.jobs.testing.SampleCopies;
import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.testing.LeakScan;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The bad-input suite (issue 17; catalogue: docs/bad-input.md): one small file per kind of bad input, each with
 * identifiers of its own, and the exact outcome of each through the command line, in-process.
 *
 * <p>The kinds whose rows are quarantined, warned or read correctly are files of ONE input folder beside a
 * minimal valid night, checked by ONE {@code bedflow validate --output} (validate and publish of the rejects, the
 * manifest and the report), with thresholds set high so the night is not stopped; each kind then has its own
 * test on that launch: the rejects of its file (line, severity, reason code), the manifest's counts of its file.
 * The kinds that refuse a file get a launch each on the valid night plus that one file: exit code 3, one line on
 * stderr naming the file (and the line where the kind has one), nothing published.
 *
 * <p>After every launch the leak scan looks for every identifier of the input in every file the launch wrote
 * (Parquet decoded), its terminal output, the process log and every row of the job repository.
 */
class BadInputSuiteTest {

    static final Path REPO_ROOT = SampleCopies.SAMPLE.getParent().getParent();

    static final String RUN_DATE = "2025-04-01";
    static final String ADM = "provider_code,spell_id,nhs_number,age_on_admission,sex,residence_lad_code,admission_date,"
            + "admission_method,primary_diagnosis,submitted_at";
    static final String DIS = "provider_code,spell_id,discharge_date,discharge_method,discharge_destination,"
            + "discharge_ready_date,submitted_at";
    static final String CARE = "la_code,event_id,person_id,nhs_number,age,residence_lad_code,event_type,"
            + "event_start_date,event_end_date,request_route,service_type,service_component,event_outcome,client_type,"
            + "date_of_death,postcode,submitted_at";

    /** every identifier written into any input of the suite: none may be found in anything a launch writes */
    static final Set<String> IDENTIFIERS = new LinkedHashSet<>();
    private static long nextNhs = 943_000_001L;
    private static int nextPerson = 7_000_001;

    @TempDir
    static Path tmp;

    static InProcessCli cli;
    static Path combinedIn;
    static Path combinedOut;
    static Result combined;
    static RunManifest manifest;
    static List<Row> rejects;
    static String report;

    // ---------------------------------------------------------------- identifiers

    /** A new valid NHS number (Modulus 11), remembered as an identifier. */
    static String nhs() {
        while (true) {
            String nine = String.valueOf(nextNhs++);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 10) {
                continue;
            }
            String n = nine + (check == 11 ? 0 : check);
            IDENTIFIERS.add(n);
            return n;
        }
    }

    /** A new NHS number with a wrong check digit, remembered as an identifier. */
    static String badNhs() {
        String good = nhs();
        String bad = good.substring(0, 9) + (char) ('0' + (good.charAt(9) - '0' + 1) % 10);
        IDENTIFIERS.add(bad);
        return bad;
    }

    static String person() {
        String p = "WNC-" + nextPerson++;
        IDENTIFIERS.add(p);
        return p;
    }

    static String postcode(String p) {
        IDENTIFIERS.add(p);
        return p;
    }

    static String adm(String spell, String nhs, String age, String admitted, String method, String diagnosis) {
        return String.join(",", "RNS", spell, nhs, age, "2", "E07000154", admitted, method, diagnosis,
                "2024-06-01T00:00:00");
    }

    static String adm(String spell) {
        return adm(spell, nhs(), "80", "2024-05-01", "21", "J440");
    }

    static String dis(String spell, String discharged, String ready) {
        return String.join(",", "RNS", spell, discharged, "1", "19", ready, "2024-06-01T00:00:00");
    }

    static String care(String id, String serviceType, String dateOfDeath, String postcode) {
        return String.join(",", "E06000062", id, person(), nhs(), "80", "E06000062", "Service", "2024-05-12", "", "",
                serviceType, "Home Care", "", "", dateOfDeath, postcode, "2024-06-01T00:00:00");
    }

    // ---------------------------------------------------------------- files

    static void write(Path in, String file, String... lines) throws IOException {
        write(in, file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path in, String file, byte[] bytes) throws IOException {
        Path p = in.resolve(file);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    /** A minimal valid night: two spells with their discharges, a care event, population, geography, opt-outs. */
    static void validNight(Path in) throws IOException {
        write(in, "apc_admissions/base.csv", ADM, adm("B1"), adm("B2"), adm("B3"), adm("B4"));
        write(in, "apc_discharges/base.csv", DIS, dis("B1", "2024-05-10", ""), dis("B2", "2024-05-10", "2024-05-09"));
        write(in, "social_care_events/base.csv", CARE, care("EVB1", "Long Term Support: Community", "", ""));
        write(in, "population/p.csv", "area_code,year,sex,age,population", "E06000062,2024,2,80,100");
        write(in, "geography/lsoa.csv", "lsoa_code,lad_code", "E01027001,E07000150");
        write(in, "opt_outs/opt_outs.csv", "nhs_number", nhs());
    }

    static Path config(Path dir) throws IOException {
        Path config = dir.resolve("bedflow.yml");
        Files.createDirectories(dir);
        // one launch holds every kind: far more than 5 % of its rows are bad on purpose (all of the CLD file's)
        Files.write(config, List.of("bedflow:", "  reject-threshold: 1.0", "  warning-threshold: 1.0",
                "  feed-profiles:", "    - folder: social_care_events/cld", "      profile: cld-r2",
                "  spark:", "    conf:", "      spark.sql.shuffle.partitions: \"2\"", "      spark.ui.enabled: \"false\""));
        return config;
    }

    static Result validate(Path in, Path out, Path config) {
        return cli.run("validate", "--input", in.toString(), "--output", out.toString(), "--run-date", RUN_DATE,
                "--config", config.toString(), "--master", "local[2]");
    }

    // ---------------------------------------------------------------- the kinds read in the one launch

    static void kinds(Path in) throws IOException {
        String a = "apc_admissions/";
        write(in, a + "header_only.csv", ADM);
        write(in, a + "extra_column.csv", ADM + ",favourite_colour", adm("X1") + ",blue");
        write(in, a + "columns_reordered.csv", "submitted_at,primary_diagnosis,admission_method,admission_date,"
                + "residence_lad_code,sex,age_on_admission,nhs_number,spell_id,provider_code",
                "2024-06-01T00:00:00,J440,21,2024-05-01,E07000154,2,80," + nhs() + ",X2,RNS");
        write(in, a + "bom_crlf.csv", ("\uFEFF" + ADM + "\r\n" + adm("X3") + "\r\n" + adm("X4") + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        write(in, a + "blank_lines.csv", ADM, adm("X5"), "", adm("X6"), "");
        write(in, a + "too_few_fields.csv", ADM, "RNS,X7," + nhs() + ",80,2", adm("X8"));
        write(in, a + "too_many_fields.csv", ADM, adm("X9") + ",extra," + nhs());
        write(in, a + "stray_quote.csv", ADM, adm("X1\"0"), adm("X11"));
        write(in, a + "missing_required.csv", ADM, adm("X12", nhs(), "80", "", "21", "J440"));
        write(in, a + "impossible_date.csv", ADM, adm("X13", nhs(), "80", "2024-02-31", "21", "J440"));
        write(in, a + "wrong_date_format.csv", ADM, adm("X14", nhs(), "80", "01/05/2024", "21", "J440"));
        write(in, a + "future_date.csv", ADM, adm("X15", nhs(), "80", "2025-05-01", "21", "J440"));
        write(in, a + "age_holds_nhs_number.csv", ADM, adm("X16", nhs(), nhs(), "2024-05-01", "21", "J440"));
        write(in, a + "unknown_code.csv", ADM, adm("X17", nhs(), "80", "2024-05-01", "ZZ", "J440"));
        write(in, a + "invalid_nhs_checksum.csv", ADM, adm("X18", badNhs(), "80", "2024-05-01", "21", "J440"));
        write(in, a + "nhs_in_diagnosis.csv", ADM, adm("X19", nhs(), "80", "2024-05-01", "21", nhs()));
        String nhs = nhs();
        write(in, a + "conflicting_duplicate.csv", ADM, adm("X20", nhs, "80", "2024-05-01", "21", "J440"),
                adm("X20", nhs, "81", "2024-05-01", "21", "J440"));
        String same = adm("X21");
        write(in, a + "exact_duplicate.csv", ADM, same, same);
        write(in, a + "html_text.csv", ADM + ",<script>alert(1)</script>", adm("X22") + ",x");
        write(in, a + "formula_in_code.csv", ADM, adm("X23", nhs(), "80", "2024-05-01",
                "\"=HYPERLINK(\"\"http://example.org\"\",\"\"x\"\")\"", "J440"));
        write(in, a + "wrong_type.parquet", parquetWithABooleanAge());
        write(in, a + "_hidden.csv", ADM, adm("X24"));
        write(in, a + ".hidden.csv", ADM, adm("X25"));
        // being fixed (issue 17): quoting that spills over lines, values no field can hold
        write(in, a + "unclosed_then_stray_quote.csv", ADM, adm("Q1"), adm("Q2").replace(",80,", ",\"80,"), adm("Q3"),
                adm("Q4"), adm("Q5").replace(",J440,", ",J4\"40,"), adm("Q6"));
        write(in, a + "quoted_line_break.csv", ADM, adm("Q7").replace(",J440,", ",\"J4\n40\","), adm("Q8"));
        write(in, a + "value_too_long.csv", ADM, adm("L" + "1".repeat(1_000_000)), adm("Q9"));
        write(in, a + "control_characters.csv", ADM, adm("Q\u001b[31m10\u0007"), adm("Q\t11"), adm("Q12"));

        String d = "apc_discharges/";
        write(in, d + "discharge_before_admission.csv", DIS, dis("B3", "2024-04-20", ""));
        write(in, d + "orphan_discharge.csv", DIS, dis("NOADM1", "2024-05-10", ""));
        write(in, d + "drd_out_of_range.csv", DIS, dis("B4", "2024-05-10", "2024-04-01"));

        String c = "social_care_events/";
        // an unquoted comma in the event id ("EVS1, Smith"): every later column shifted, the person id a column on
        write(in, c + "shifted_person_id.csv", CARE, care("EVS1, Smith", "Long Term Support: Community", "", ""));
        write(in, c + "service_type_holds_person_id.csv", CARE, care("EVS2", person(), "", ""));
        write(in, c + "malformed_postcode.csv", CARE, care("EVS3", "Long Term Support: Community", "",
                postcode("NN99 9ZZZ")));
        write(in, c + "death_after_run_date.csv", CARE, care("EVS4", "Long Term Support: Community", "2025-06-01", ""));

        write(in, "opt_outs/invalid_nhs_number.csv", "nhs_number", nhs(), badNhs());

        // a council's CLD file (profile cld-r2) whose LA Code is no council's: its own person, names, date of birth
        List<String> cld = Files.readAllLines(REPO_ROOT.resolve("sample-data/national/cld-r2/NNC_CLD_R2_2024-25.csv"));
        String[] f = cld.get(1).split(",", -1);
        f[0] = "999";
        f[3] = nhs();
        f[4] = person();
        f[6] = identifier("Person-777");
        f[7] = identifier("Test Surgery 77");
        f[11] = identifier("1930-07-07");
        f[15] = postcode("NN8 7ZZ");
        write(in, c + "cld/unknown_council_code.csv", cld.get(0), String.join(",", f));
    }

    static String identifier(String value) {
        IDENTIFIERS.add(value);
        return value;
    }

    /** An admissions Parquet file whose age_on_admission is a boolean. */
    static byte[] parquetWithABooleanAge() throws IOException {
        Path dir = tmp.resolve("parquet-wrong-type");
        SharedSpark.session().sql("select 'RNS' as provider_code, 'X27' as spell_id, '" + nhs() + "' as nhs_number, "
                + "true as age_on_admission, '2' as sex, date'2024-05-01' as admission_date, '21' as admission_method, "
                + "timestamp'2024-06-01 00:00:00' as submitted_at").coalesce(1).write().parquet(dir.toString());
        try (Stream<Path> files = Files.list(dir)) {
            return Files.readAllBytes(files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst()
                    .orElseThrow());
        }
    }

    @BeforeAll
    static void theOneLaunch() throws Exception {
        cli = new InProcessCli()
                .set("BEDFLOW_DB_URL", "jdbc:h2:file:" + tmp.resolve("repo/jobs") + ";AUTO_SERVER=TRUE")
                .set("BEDFLOW_LOG_FILE", tmp.resolve("process.log").toString())
                .set("bedflow.home", REPO_ROOT.toString());
        combinedIn = tmp.resolve("combined/in");
        combinedOut = tmp.resolve("combined/out");
        validNight(combinedIn);
        kinds(combinedIn);
        long started = System.nanoTime();
        combined = validate(combinedIn, combinedOut, config(tmp.resolve("combined")));
        System.out.printf("bad-input suite: the combined launch took %d s%n", (System.nanoTime() - started) / 1_000_000_000);
        System.out.println(combined);
        SparkSession spark = SharedSpark.session();
        if (Files.isDirectory(combinedOut.resolve("rejects"))) {
            rejects = spark.read().parquet(combinedOut.resolve("rejects").toString())
                    .select("source_file", "record_number", "severity", "reason_code", "reason", "raw_record")
                    .collectAsList();
        } else {
            rejects = List.of();
        }
        Path run;
        try (Stream<Path> runs = Files.list(combinedOut.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        manifest = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(run.resolve("manifest.json").toFile(), RunManifest.class);
        report = Files.readString(run.resolve("report.html"));
    }

    @AfterAll
    static void restore() {
        if (cli != null) {
            cli.close();
        }
    }

    // ---------------------------------------------------------------- assertions

    /** The rejects of one file, each as "line SEVERITY CODE", in line order. */
    static List<String> rejectsOf(String file) {
        return rejects.stream().filter(r -> r.getString(0).equals(file))
                .sorted((x, y) -> Long.compare(x.getLong(1), y.getLong(1)))
                .map(r -> r.getLong(1) + " " + r.getString(2) + " " + r.getString(3)).toList();
    }

    static List<Row> rowsOf(String file) {
        return rejects.stream().filter(r -> r.getString(0).equals(file)).toList();
    }

    /** The manifest's counts of one file: read, accepted, quarantined, warnings, superseded, opted out. */
    static RunManifest.Input input(String file) {
        return manifest.inputs().stream().filter(i -> i.path().equals(file)).findFirst()
                .orElseThrow(() -> new AssertionError(file + " is not in the manifest: " + manifest.inputs()));
    }

    static void assertCounts(String file, long read, long accepted, long quarantined, long warnings, long superseded) {
        RunManifest.Input i = input(file);
        assertThat(List.of(i.rowsRead(), i.accepted(), i.quarantined(), i.warnings(), i.excludedSuperseded()))
                .as("%s: read, accepted, quarantined, warnings, superseded", file)
                .containsExactly(read, accepted, quarantined, warnings, superseded);
        assertThat(i.balances()).as("%s balances", file).isTrue();
    }

    static void assertKind(String file, long read, long accepted, String... rejectLines) {
        assertThat(rejectsOf(file)).as("rejects of %s", file).containsExactly(rejectLines);
        long quarantined = Arrays.stream(rejectLines).filter(l -> l.contains(" ERROR ")).count();
        long warnings = Arrays.stream(rejectLines).filter(l -> l.contains(" WARNING ")).count();
        assertCounts(file, read, accepted, quarantined, warnings, 0);
    }

    static String reasonOf(String file) {
        return rowsOf(file).stream().map(r -> r.getString(4) + " | " + r.getString(5)).reduce("", (x, y) -> x + y + "\n");
    }

    // ---------------------------------------------------------------- the combined launch

    @Test
    void the_combined_launch_completes_and_its_manifest_balances_per_file_per_feed_and_in_total() {
        assertThat(combined.code()).as(combined.toString()).isEqualTo(ExitCodes.OK);
        assertThat(manifest.inputs()).allSatisfy(i -> assertThat(i.balances()).as(i.path()).isTrue());
        for (RunManifest.Feed f : manifest.feeds()) {
            List<RunManifest.Input> files = manifest.inputs().stream().filter(i -> i.feed().equals(f.feed())).toList();
            assertThat(f.rowsRead()).as(f.feed()).isEqualTo(f.accepted() + f.quarantined() + f.excludedSuperseded()
                    + f.excludedOptOut())
                    .isEqualTo(files.stream().mapToLong(RunManifest.Input::rowsRead).sum());
            assertThat(f.quarantined()).as(f.feed()).isEqualTo(files.stream().mapToLong(RunManifest.Input::quarantined).sum());
        }
        long errors = rejects.stream().filter(r -> r.getString(2).equals("ERROR")).count();
        assertThat(manifest.feeds().stream().mapToLong(RunManifest.Feed::quarantined).sum())
                .as("one ERROR row in rejects per quarantined row").isEqualTo(errors);
    }

    @Test
    void the_combined_launch_shows_no_identifier_anywhere() throws Exception {
        assertNoLeaks(combinedOut, combined);
    }

    @Test
    void the_leak_scan_finds_what_is_there() throws Exception {
        // an ignored column's name is in the manifest and the report; the step in the process log; the input folder in
        // the job repository (a job parameter)
        assertThat(LeakScan.of(List.of("favourite_colour")).folder(combinedOut, SharedSpark.session()).leaks())
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(LeakScan.of(List.of("validate")).folder(tmp.resolve("process.log"), SharedSpark.session()).leaks())
                .isNotEmpty();
        try (Connection c = repository()) {
            assertThat(LeakScan.of(List.of(combinedIn.toString())).database(c).leaks()).isNotEmpty();
        }
    }

    @Test
    void no_value_of_any_output_is_longer_than_3000_characters() {
        // a raw value is cut at 2,000 characters; the raw_record around it adds the row's other fields
        assertThat(rejects).allSatisfy(r -> {
            for (int c = 0; c < r.size(); c++) {
                assertThat(String.valueOf(r.get(c)).length()).as("%s column %d", r.getString(0), c).isLessThan(3_000);
            }
        });
    }

    @Test
    void valid_night_reads_correctly() {
        assertKind("apc_admissions/base.csv", 4, 4);
        assertKind("apc_discharges/base.csv", 2, 2);
        assertKind("social_care_events/base.csv", 1, 1);
    }

    @Test
    void header_only_file_is_read_with_0_rows() {
        assertKind("apc_admissions/header_only.csv", 0, 0);
    }

    @Test
    void extra_unknown_column_is_ignored_and_listed() {
        assertKind("apc_admissions/extra_column.csv", 1, 1);
        assertThat(feed("apc_admissions").unknownColumns()).contains("favourite_colour");
    }

    @Test
    void columns_in_another_order_are_read_by_name() {
        assertKind("apc_admissions/columns_reordered.csv", 1, 1);
    }

    @Test
    void bom_and_crlf_are_read_correctly() {
        assertKind("apc_admissions/bom_crlf.csv", 2, 2);
    }

    @Test
    void blank_lines_are_not_records() {
        assertKind("apc_admissions/blank_lines.csv", 2, 2);
    }

    @Test
    void too_few_fields_is_malformed_at_its_line() {
        assertKind("apc_admissions/too_few_fields.csv", 2, 1, "2 ERROR MALFORMED_ROW");
        assertThat(reasonOf("apc_admissions/too_few_fields.csv")).contains("5 fields instead of 10");
    }

    @Test
    void too_many_fields_is_malformed_at_its_line() {
        assertKind("apc_admissions/too_many_fields.csv", 1, 0, "2 ERROR MALFORMED_ROW");
        assertThat(reasonOf("apc_admissions/too_many_fields.csv")).contains("12 fields instead of 10");
    }

    @Test
    void stray_quote_inside_an_unquoted_value() {
        assertKind("apc_admissions/stray_quote.csv", 2, 1, "2 ERROR MALFORMED_ROW");
    }

    @Test
    void missing_required_field() {
        assertKind("apc_admissions/missing_required.csv", 1, 0, "2 ERROR MISSING_REQUIRED");
        assertThat(reasonOf("apc_admissions/missing_required.csv")).contains("admission_date");
    }

    @Test
    void impossible_date() {
        assertKind("apc_admissions/impossible_date.csv", 1, 0, "2 ERROR BAD_DATE");
    }

    @Test
    void date_in_the_wrong_format() {
        assertKind("apc_admissions/wrong_date_format.csv", 1, 0, "2 ERROR BAD_DATE");
    }

    @Test
    void future_admission_date() {
        assertKind("apc_admissions/future_date.csv", 1, 0, "2 ERROR FUTURE_DATE");
    }

    @Test
    void age_holding_an_nhs_number_is_out_of_range_and_the_number_is_never_shown() {
        assertKind("apc_admissions/age_holds_nhs_number.csv", 1, 0, "2 ERROR AGE_OUT_OF_RANGE");
        assertThat(reasonOf("apc_admissions/age_holds_nhs_number.csv")).contains("(a 10-digit value)");
    }

    @Test
    void unknown_code() {
        assertKind("apc_admissions/unknown_code.csv", 1, 0, "2 ERROR UNKNOWN_CODE");
        assertThat(reasonOf("apc_admissions/unknown_code.csv")).contains("admission_method 'ZZ'");
    }

    @Test
    void invalid_nhs_number_checksum_is_a_warning_and_the_row_is_kept() {
        assertKind("apc_admissions/invalid_nhs_checksum.csv", 1, 1, "2 WARNING INVALID_NHS_NUMBER");
    }

    @Test
    void nhs_number_in_a_diagnosis_field_is_left_out_and_never_shown() {
        // primary_diagnosis is optional: a WARNING, the value dropped, the row kept (the leak scan checks the number)
        assertKind("apc_admissions/nhs_in_diagnosis.csv", 1, 1, "2 WARNING BAD_FORMAT");
        assertThat(reasonOf("apc_admissions/nhs_in_diagnosis.csv")).contains("does not have the shape of an ICD-10 code");
    }

    @Test
    void conflicting_duplicate_quarantines_both_versions() {
        assertKind("apc_admissions/conflicting_duplicate.csv", 2, 0, "2 ERROR CONFLICTING_DUPLICATE",
                "3 ERROR CONFLICTING_DUPLICATE");
    }

    @Test
    void exact_duplicate_keeps_one_and_supersedes_the_copy() {
        assertThat(rejectsOf("apc_admissions/exact_duplicate.csv")).isEmpty();
        assertCounts("apc_admissions/exact_duplicate.csv", 2, 1, 0, 0, 1);
    }


    @Test
    void parquet_with_a_column_of_the_wrong_type_quarantines_its_rows() {
        assertKind("apc_admissions/wrong_type.parquet", 1, 0, "1 ERROR BAD_NUMBER");
    }

    @Test
    void html_in_a_column_name_is_escaped_in_the_report() {
        assertKind("apc_admissions/html_text.csv", 1, 1);
        assertThat(report).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void spreadsheet_formula_in_a_code_field_is_quarantined_for_its_quotes() {
        // the formula's escaped quotes are quote characters in a value, which no feed value holds
        assertKind("apc_admissions/formula_in_code.csv", 1, 0, "2 ERROR MALFORMED_ROW");
    }

    @Test
    void hidden_files_are_not_read_and_listed_as_skipped() {
        assertThat(manifest.inputs()).extracting(RunManifest.Input::path)
                .doesNotContain("apc_admissions/_hidden.csv", "apc_admissions/.hidden.csv");
        assertThat(feed("apc_admissions").skippedFiles()).extracting(RunManifest.Skipped::path)
                .contains("apc_admissions/_hidden.csv", "apc_admissions/.hidden.csv");
    }

    @Test
    void unclosed_quote_then_stray_quote_are_malformed_each_at_its_own_line() {
        assertKind("apc_admissions/unclosed_then_stray_quote.csv", 6, 4, "3 ERROR MALFORMED_ROW", "6 ERROR MALFORMED_ROW");
        assertThat(rowsOf("apc_admissions/unclosed_then_stray_quote.csv"))
                .allSatisfy(r -> assertThat(r.getString(5)).doesNotContain("\n"));
    }

    @Test
    void quoted_value_with_a_line_break_is_malformed() {
        // line 3 is the value's second half, ending in the quote that closed it: a stray quote on its own line
        assertKind("apc_admissions/quoted_line_break.csv", 3, 1, "2 ERROR MALFORMED_ROW", "3 ERROR MALFORMED_ROW");
    }

    @Test
    void value_longer_than_255_characters_is_too_long() {
        assertKind("apc_admissions/value_too_long.csv", 2, 1, "2 ERROR VALUE_TOO_LONG");
    }

    @Test
    void control_characters_are_a_bad_format_never_shown_raw() {
        assertKind("apc_admissions/control_characters.csv", 3, 1, "2 ERROR BAD_FORMAT", "3 ERROR BAD_FORMAT");
        assertThat(rowsOf("apc_admissions/control_characters.csv")).allSatisfy(r ->
                assertThat(r.getString(4) + r.getString(5)).doesNotContain("\u001b", "\u0007", "\t"));
    }

    @Test
    void discharge_before_admission() {
        assertKind("apc_discharges/discharge_before_admission.csv", 1, 0, "2 ERROR DATE_ORDER");
    }

    @Test
    void orphan_discharge_is_a_warning_and_kept() {
        assertKind("apc_discharges/orphan_discharge.csv", 1, 1, "2 WARNING ORPHAN_DISCHARGE");
    }

    @Test
    void discharge_ready_date_out_of_range_is_a_warning_and_kept() {
        assertKind("apc_discharges/drd_out_of_range.csv", 1, 1, "2 WARNING DRD_OUT_OF_RANGE");
    }

    @Test
    void social_care_line_shifted_by_an_unquoted_comma_is_malformed_and_not_shown() {
        assertKind("social_care_events/shifted_person_id.csv", 1, 0, "2 ERROR MALFORMED_ROW");
    }

    @Test
    void service_type_holding_a_person_id_is_described_not_quoted() {
        // service_type is required of a Service event: an ERROR
        assertKind("social_care_events/service_type_holds_person_id.csv", 1, 0, "2 ERROR UNKNOWN_CODE");
        assertThat(reasonOf("social_care_events/service_type_holds_person_id.csv"))
                .contains("service_type (a value of 11 characters)");
    }

    @Test
    void malformed_postcode_is_a_warning_shown_masked() {
        assertKind("social_care_events/malformed_postcode.csv", 1, 1, "2 WARNING BAD_POSTCODE");
        assertThat(reasonOf("social_care_events/malformed_postcode.csv")).contains("***");
    }

    @Test
    void date_of_death_after_the_run_date_is_a_warning_and_kept() {
        assertKind("social_care_events/death_after_run_date.csv", 1, 1, "2 WARNING FUTURE_DATE");
    }

    @Test
    void opt_out_list_with_an_invalid_nhs_number_quarantines_it() {
        assertKind("opt_outs/invalid_nhs_number.csv", 2, 1, "3 ERROR INVALID_NHS_NUMBER");
    }

    @Test
    void cld_file_with_an_unknown_council_code_is_named() {
        assertKind("social_care_events/cld/unknown_council_code.csv", 1, 0, "2 ERROR BAD_FORMAT");
        assertThat(reasonOf("social_care_events/cld/unknown_council_code.csv")).contains("la_code '999'");
    }

    static RunManifest.Feed feed(String name) {
        return manifest.feeds().stream().filter(f -> f.feed().equals(name)).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- the kinds that refuse a file

    static int refusals;

    /** The valid night plus one bad file, validated: exit 3, one line naming the file, nothing published, no leak. */
    static Result refused(String file, byte[] bytes, String... messageContains) throws Exception {
        Path dir = tmp.resolve("refused-" + refusals++);
        Path in = dir.resolve("in");
        Path out = dir.resolve("out");
        validNight(in);
        write(in, file, bytes);
        Result r = validate(in, out, config(dir));
        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.DATA_QUALITY);
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        System.out.println("bad-input suite: " + file + ": " + r.err().strip());
        assertThat(r.err()).as(r.toString()).startsWith("bedflow: step validate failed: ").contains(file)
                .doesNotContain("\tat ");
        for (String m : messageContains) {
            assertThat(r.err()).as(r.toString()).contains(m);
        }
        assertThat(r.err().chars().filter(ch -> ch < 0x20 && ch != '\n' || ch == 0xFFFD).count())
                .as("no byte of the file in the message: %s", r.err()).isZero();
        assertThat(out.resolve("rejects")).as("nothing published").doesNotExist();
        assertNoLeaks(out, r);
        return r;
    }

    static byte[] utf8(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void csv_without_a_header_row() throws Exception {
        Result r = refused("apc_admissions/no_header.csv", utf8(adm("N1"), adm("N2")), "has no header row");
        assertThat(r.err()).doesNotContain("N1");
    }

    @Test
    void latin1_csv_is_refused_naming_file_and_line() throws Exception {
        byte[] bytes = (ADM + "\n" + adm("N3") + "\n" + adm("N4").replace("J440", "Caf\u00e9") + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        refused("apc_admissions/latin1.csv", bytes, "line 3");
    }

    @Test
    void utf16_file_is_refused() throws Exception {
        refused("apc_admissions/utf16.csv", (ADM + "\n" + adm("N5") + "\n").getBytes(StandardCharsets.UTF_16));
    }

    @Test
    void empty_file_is_refused() throws Exception {
        refused("apc_admissions/empty.csv", new byte[0]);
    }

    @Test
    void header_missing_a_required_column_is_refused() throws Exception {
        refused("apc_admissions/missing_column.csv", utf8(ADM.replace(",admission_date", ""),
                adm("N6").replace(",2024-05-01", "")), "admission_date");
    }

    @Test
    void a_column_named_twice_is_refused_naming_it_and_both_positions() throws Exception {
        refused("apc_admissions/duplicate_columns.csv", utf8(ADM + ",spell_id", adm("N11") + ",N11B"),
                "names column 'spell_id' twice (columns 2 and " + (ADM.split(",").length + 1) + ")");
    }

    @Test
    void file_with_an_unknown_extension_is_refused() throws Exception {
        refused("apc_admissions/notes.txt", utf8(ADM, adm("N8")));
    }

    @Test
    void corrupt_parquet_is_refused() throws Exception {
        refused("apc_admissions/corrupt.parquet", "PAR1 this is not parquet PAR1".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void avro_whose_schema_does_not_match_is_refused_naming_the_field() throws Exception {
        Schema schema = SchemaBuilder.record("apc_admissions").fields()
                .requiredString("provider_code").requiredString("spell_id")
                .requiredBoolean("age_on_admission").endRecord();
        GenericRecord rec = new GenericData.Record(schema);
        rec.put("provider_code", "RNS");
        rec.put("spell_id", "N10");
        rec.put("age_on_admission", true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
            w.create(schema, bytes);
            w.append(rec);
        }
        Result r = refused("apc_admissions/wrong_schema.avro", bytes.toByteArray(), "age_on_admission");
        assertThat(r.err()).doesNotContain("[expected:");
    }

    @Test
    void truncated_gzip_is_refused_as_not_a_complete_gzip_file() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(utf8(ADM, adm("N11"), adm("N12"), adm("N13")));
        }
        byte[] whole = gz.toByteArray();
        refused("apc_admissions/truncated.csv.gz", Arrays.copyOf(whole, whole.length / 2), "not a complete gzip file");
    }

    @Test
    void csv_gz_that_is_not_gzip_is_refused() throws Exception {
        refused("apc_admissions/not_gzip.csv.gz", utf8(ADM, adm("N14")));
    }

    @Test
    void binary_file_named_csv_is_refused() throws Exception {
        // NUL and other control bytes, every one of them valid UTF-8: not caught as an encoding
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % 128);
        }
        refused("apc_admissions/binary.csv", bytes);
    }

    // ---------------------------------------------------------------- the leak scan

    /** No identifier of the suite in the output folder, the terminal, the process log or the job repository. */
    static void assertNoLeaks(Path out, Result r) throws Exception {
        LeakScan scan = LeakScan.of(IDENTIFIERS).ignoringSpaces()
                .text("stdout", r.out()).text("stderr", r.err())
                .folder(tmp.resolve("process.log"), SharedSpark.session());
        if (Files.isDirectory(out)) {
            scan.folder(out, SharedSpark.session());
        }
        try (Connection c = repository()) {
            scan.database(c);
        }
        scan.assertNone();
    }

    static Connection repository() throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + tmp.resolve("repo/jobs") + ";AUTO_SERVER=TRUE", "", "");
    }
}
