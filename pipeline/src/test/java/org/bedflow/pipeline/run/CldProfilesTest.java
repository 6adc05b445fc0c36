package org.bedflow.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.ingest.IngestStage;
import org.bedflow.pipeline.link.PseudonymKey;
import org.bedflow.pipeline.reference.CodeLists;
import org.bedflow.pipeline.ingest.IngestOptions;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.reference.ReferenceFiles;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.testing.LeakScan;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed synthetic CLD files (sample-data/national/cld-r1, cld-r2) read as councils send them, with nothing
 * but the one-line profile choice, through validation and linkage (docs/adding-a-feed.md, "Your data is probably
 * already in one of these shapes"): every row accepted, council codes onto ONS codes, ages derived from the date of
 * birth, outcomes in the canonical list, areas from the postcodes; and no name, date of birth, GP practice or
 * postcode reaches rejects, the work tables or the log, not even from a malformed line.
 */
class CldProfilesTest {

    static final Path NATIONAL = Path.of("..", "sample-data", "national");
    static final Path SAMPLE = Path.of("..", "sample-data", "northamptonshire");
    static final Path R2 = NATIONAL.resolve("cld-r2/NNC_CLD_R2_2024-25.csv");
    static final Path R1 = NATIONAL.resolve("cld-r1/NCC_CLD_R1_2020-21.csv");
    static final LocalDate RUN_DATE = LocalDate.of(2025, 4, 1);

    @TempDir
    Path in;
    @TempDir
    Path out;
    @TempDir
    Path feeds;

    final SparkSession spark = SharedSpark.session();

    /** the required feeds around the CLD file: the sample's geography and population, hospital files header only */
    void otherFeeds() throws Exception {
        for (String folder : List.of("geography", "population")) {
            try (Stream<Path> files = Files.list(SAMPLE.resolve(folder))) {
                for (Path p : files.toList()) {
                    Files.createDirectories(in.resolve(folder));
                    Files.copy(p, in.resolve(folder).resolve(p.getFileName()));
                }
            }
        }
        for (String[] f : new String[][] {{"apc_admissions", "RNS_2020-04_2025-03.csv"},
                {"apc_discharges", "RNS_2020-04_2025-03.csv"}}) {
            String header = Files.readAllLines(SAMPLE.resolve(f[0]).resolve(f[1])).get(0);
            Files.createDirectories(in.resolve(f[0]));
            Files.writeString(in.resolve(f[0]).resolve("none.csv"), header + "\n");
        }
        Files.createDirectories(in.resolve("social_care_events"));
    }

    /** the CLD file's records by column label (a BOM before the first label is dropped) */
    static List<Map<String, String>> cld(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "");
        List<Map<String, String>> out = new ArrayList<>();
        try (Reader r = new java.io.StringReader(text)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                out.add(rec.toMap());
            }
        }
        return out;
    }

    record Result(Dataset<Row> accepted, Dataset<Row> careEvents, List<String> rejects, List<String> texts) {
    }

    /** validate and link, the whole log captured; texts: rejects, work tables and every log line */
    Result run(RunConfig config) throws Exception {
        RunContext run = new RunContext("cld-run", RUN_DATE, in.toString(), out.toString(), config);
        WorkArea work = run.workArea(spark);
        List<String> texts = new ArrayList<>();
        Result result;
        try (LeakScan.LogCapture logged = LeakScan.captureLog(true)) {
            new ValidateFeeds(spark, run).execute();
            new LinkSpells(spark, run, PseudonymKey.of("a-test-key-of-sixteen-bytes-or-more", "test")).execute();
            List<String> rejects = work.read(IngestStage.REJECTS).toJSON().collectAsList();
            Dataset<Row> careEvents = work.read(LinkSpells.CARE_EVENTS);
            texts.addAll(rejects);
            texts.addAll(careEvents.toJSON().collectAsList());
            texts.addAll(work.read(LinkSpells.SPELLS).toJSON().collectAsList());
            texts.addAll(work.readStaged(OutputTables.LINKED_SPELLS).toJSON().collectAsList());
            result = new Result(IngestStage.accepted(work, Feeds.SOCIAL_CARE_EVENTS), careEvents, rejects, texts);
            texts.addAll(logged.lines());
        }
        return result;
    }

    static RunConfig config(String feedsDir, Map<String, String> profiles) {
        return new RunConfig(0.05, Map.of(), ReorganisationMapping.DEFAULT, DelayReasons.DEFAULT, feedsDir, true, null,
                IngestOptions.DEFAULT_WARNING_THRESHOLD, Map.of(), profiles);
    }

    /** the values of the file that must never be shown: names, dates of birth, GP practices, postcodes */
    static Set<String> secrets(List<Map<String, String>> rows) {
        Set<String> out = new java.util.TreeSet<>();
        for (Map<String, String> r : rows) {
            out.add(r.get("Last Name"));                       // "Person-012"
            out.add(r.get("Date of Birth"));
            out.add(r.get("GP Practice Name"));
            out.add(r.get("Postcode"));
            out.add(r.get("Postcode").replace(" ", ""));
        }
        out.remove("");
        return out;
    }

    /** a secret counts only as a whole word ("2020-01-01" not inside a longer number) */
    static void assertNothingShown(List<String> texts, Set<String> secrets) {
        LeakScan.of(secrets).texts("the run", texts).assertNone();
    }

    /** Every accepted event's age is whole years from the file's Date of Birth to its Event Start Date. */
    static void assertAgesDerived(Dataset<Row> accepted, List<Map<String, String>> rows) {
        Map<String, Integer> expected = new TreeMap<>();
        for (Map<String, String> r : rows) {
            expected.put(r.get("Event Reference"), Period.between(LocalDate.parse(r.get("Date of Birth")),
                    LocalDate.parse(r.get("Event Start Date"))).getYears());
        }
        Map<String, Integer> ages = new TreeMap<>();
        accepted.select("event_id", "age").collectAsList().forEach(r -> ages.put(r.getString(0), r.getInt(1)));
        assertThat(ages).isEqualTo(expected);
    }

    static Set<String> outcomeCodes() {
        return ReferenceFiles.bundled("codes/event_outcome.csv").stream().map(r -> r.get("code")).collect(Collectors.toSet());
    }

    @Test
    void release_2_selected_in_the_configuration_bom_and_crlf() throws Exception {
        byte[] bytes = Files.readAllBytes(R2);
        assertThat(new String(bytes, 0, 3, StandardCharsets.ISO_8859_1)).as("the committed file has a BOM")
                .isEqualTo("\u00EF\u00BB\u00BF");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).as("and CRLF line ends").contains("\r\n");
        otherFeeds();
        Files.createDirectories(in.resolve("social_care_events/cld"));
        Files.copy(R2, in.resolve("social_care_events/cld").resolve(R2.getFileName()));
        List<Map<String, String>> rows = cld(R2);
        assertThat(rows).hasSizeBetween(100, 300);

        Result r = run(config(null, Map.of("social_care_events/cld", "cld-r2")));

        assertThat(r.rejects()).isEmpty();
        assertThat(r.accepted().count()).isEqualTo(rows.size());
        assertThat(r.accepted().select("la_code").distinct().collectAsList()).extracting(x -> x.getString(0))
                .containsExactly("E06000061");
        assertAgesDerived(r.accepted(), rows);
        // Release 2 wordings are the canonical codes; components mapped by the profile
        List<String> outcomes = r.accepted().select("event_outcome").distinct().collectAsList().stream()
                .map(x -> x.getString(0)).filter(java.util.Objects::nonNull).toList();
        assertThat(outcomeCodes()).containsAll(outcomes);
        assertThat(outcomes).contains("Progress to support planning or services", "NFA: Deceased");
        assertThat(r.accepted().filter("service_component = 'Home Care'").count())
                .isEqualTo(rows.stream().filter(x -> x.get("Service Component").equals("Home support or domiciliary care")).count())
                .isPositive();
        assertThat(r.accepted().filter("service_type = 'Long Term Support: Community'").count()).isPositive();
        // submitted_at is the Reporting Period End Date
        assertThat(r.accepted().selectExpr("cast(submitted_at as string)").distinct().collectAsList())
                .extracting(x -> x.getString(0)).singleElement().asString().startsWith("2025-03-31 00:00");
        // every event placed by its postcode in North Northamptonshire
        Map<String, Long> areas = new TreeMap<>();
        r.careEvents().groupBy("unitary_area").count().collectAsList().forEach(x -> areas.put(x.getString(0), x.getLong(1)));
        assertThat(areas).containsExactly(Map.entry("E06000061", (long) rows.size()));
        assertThat(r.careEvents().columns()).doesNotContain("postcode", "person_id");

        assertNothingShown(r.texts(), secrets(rows));
    }

    @Test
    void release_1_selected_in_a_descriptor_with_the_councils_social_services_code() throws Exception {
        otherFeeds();
        Files.createDirectories(in.resolve("social_care_events/ncc_cld"));
        Files.copy(R1, in.resolve("social_care_events/ncc_cld").resolve(R1.getFileName()));
        Files.writeString(feeds.resolve("ncc_cld.yaml"), "source: ncc_cld\nprofile: cld-r1\npattern: \"ncc_cld/**\"\n");
        List<Map<String, String>> rows = cld(R1);
        assertThat(rows).hasSizeBetween(100, 300);
        assertThat(rows).extracting(x -> x.get("LA Code")).containsOnly("928");

        Result r = run(config(feeds.toString(), Map.of()));

        assertThat(r.rejects()).isEmpty();
        assertThat(r.accepted().count()).isEqualTo(rows.size());
        assertThat(r.accepted().select("la_code").distinct().collectAsList()).extracting(x -> x.getString(0))
                .containsExactly("E10000021");
        assertAgesDerived(r.accepted(), rows);
        // Release 1 wordings land on the canonical (Release 2) codes
        List<String> outcomes = r.accepted().select("event_outcome").distinct().collectAsList().stream()
                .map(x -> x.getString(0)).filter(java.util.Objects::nonNull).toList();
        assertThat(outcomeCodes()).containsAll(outcomes);
        assertThat(outcomes).contains("Progress to assessment, review or reassessment", "NFA: Support ended as planned");
        // county-era events split between the unitary areas by the district of their postcode
        Map<String, Long> areas = new TreeMap<>();
        r.careEvents().groupBy("unitary_area").count().collectAsList().forEach(x -> areas.put(x.getString(0), x.getLong(1)));
        assertThat(areas.keySet()).containsExactly("E06000061", "E06000062");
        assertThat(areas.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(rows.size());

        assertNothingShown(r.texts(), secrets(rows));
    }

    @Test
    void a_malformed_line_of_a_cld_file_is_not_shown_and_an_unknown_council_code_is_named() throws Exception {
        otherFeeds();
        Files.createDirectories(in.resolve("social_care_events/cld"));
        List<String> lines = new ArrayList<>(Files.readAllLines(R2, StandardCharsets.UTF_8));
        String good = lines.get(1);
        // an unquoted comma in the first name: 51 fields instead of 50, every position after it shifted
        lines.add(good.replace("Test,Person-", "Test, Jr,Person-").replace(",Person-001,", ",Person-998,")
                .replaceFirst("\\d{4}-\\d{2}-\\d{2},,Service user", "1931-02-03,,Service user")
                .replace(",EV", ",EVX"));
        // too few fields
        lines.add("E06000061,2024-04-01,2025-03-31,9990000000,NNC-X,Test,Person-999,Test Surgery 99,K80099,Male,"
                + "Not stated,1932-03-04,,Service user,,NN17 2DA");
        // a council code reference/cld_council_codes.csv does not know
        lines.add(good.replaceFirst("^\uFEFF?E06000061", "999").replace(",EV", ",EVU"));
        Files.writeString(in.resolve("social_care_events/cld/x.csv"), String.join("\r\n", lines) + "\r\n");

        Result r = run(config(null, Map.of("social_care_events/cld", "cld-r2")));

        String rejects = String.join("\n", r.rejects());
        assertThat(rejects).contains("MALFORMED_ROW", "51 fields instead of 50", "16 fields instead of 50")
                .contains("not shown: its source declares columns that are never shown");
        assertThat(rejects).contains("la_code '999'");
        List<Map<String, String>> rows = cld(R2);
        Set<String> secrets = secrets(rows);
        secrets.addAll(List.of("Person-998", "Person-999", "1931-02-03", "1932-03-04", "Test Surgery 99", "NN17 2DA",
                "Jr"));
        assertNothingShown(r.texts(), secrets);
    }
}
