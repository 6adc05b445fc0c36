package org.bedflow.pipeline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bedflow.pipeline.ingest.IngestStageTest.CARE_HEADER;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.descriptor.FeedDescriptors;
import org.bedflow.pipeline.ingest.read.FeedReader;
import org.bedflow.pipeline.link.DrdSettings;
import org.bedflow.pipeline.link.LinkedSpells;
import org.bedflow.pipeline.link.PseudonymKey;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.FeedInputException;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.testing.SharedSpark;
import org.bedflow.pipeline.testing.WorkAreas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed synthetic SUS+ APCS extract ({@code sample-data/national/sus-apcs/}) read
 * with a copy of the sus-apcs profile through read, validate and link: one file, two roles,
 * labelled values, episode lists, infant ages, pseudonymised NHS numbers linked to council
 * events pseudonymised the same way, and the refusal to link them with real NHS numbers.
 */
class SusApcsSampleTest {

    static final Path SAMPLE = Path.of("..", "sample-data", "national", "sus-apcs",
            "SUS_APCS_2024-04_2025-03_extract_2025-04-01.csv");
    static final Path LSOA = Path.of("..", "sample-data", "northamptonshire", "geography", "lsoa_to_lad.csv");
    static final String FILE = "apc_admissions/sus/SUS_APCS_2024-04_2025-03_extract_2025-04-01.csv";
    static final DelayReasons REASONS = DelayReasons.load(DelayReasons.DEFAULT);
    static final LocalDate RUN_DATE = LocalDate.of(2025, 4, 1);
    /** council events pseudonymised by the same service as the SUS extract */
    static final String COUNCIL = """
            source: council_pseudo
            role: social_care_events
            pattern: "pseudo/**"
            nhs_number: pseudonymised
            """;

    @TempDir
    Path in;
    @TempDir
    Path work;
    @TempDir
    Path feeds;

    final SparkSession spark = SharedSpark.session();

    static String profile() throws Exception {
        try (InputStream s = SusApcsSampleTest.class.getClassLoader().getResourceAsStream("feeds/profiles/sus-apcs.yaml")) {
            return new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    void write(String path, String text) throws Exception {
        Path p = in.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    void input() throws Exception {
        Files.createDirectories(in.resolve("apc_admissions/sus"));
        Files.copy(SAMPLE, in.resolve(FILE));
        Files.createDirectories(in.resolve("geography"));
        Files.copy(LSOA, in.resolve("geography/lsoa_to_lad.csv"));
        write("population/p.csv", "area_code,year,sex,age,population\nE07000154,2024,1,70,100\n");
        // no apc_discharges/ folder at all: the discharges come from the SUS file (also:)
        write("social_care_events/pseudo/events.csv", CARE_HEADER + "\n"
                // the day after spell 700000000 (discharged 2024-09-03) and spell 700000111 (2024-09-25)
                + "E06000062,EV1,P1,PSEUDO-B5B5CB68FFDC,80,E07000154,Service,2024-09-04,,,Short Term Support: ST-Max,"
                + "Reablement,2025-04-01T01:00:00\n"
                + "E06000062,EV2,P2,PSEUDO-7F7E1AFF4B9D,70,E07000154,Service,2024-09-26,,,Short Term Support: ST-Max,"
                + "Reablement,2025-04-01T01:00:00\n");
        Files.writeString(feeds.resolve("sus_apcs.yaml"), profile());
        Files.writeString(feeds.resolve("council_pseudo.yaml"), COUNCIL);
    }

    IngestReport run() {
        FeedDescriptors descriptors = FeedDescriptors.load(feeds, REASONS);
        Map<String, RawFeed> raw = new LinkedHashMap<>();
        for (FeedSchema feed : Feeds.all()) {
            raw.put(feed.name(), FeedReader.read(spark, in.toString(), feed, descriptors));
        }
        return IngestStage.run(spark, raw, new IngestOptions(RUN_DATE, "test-run", 0.05, Map.of(), REASONS.codes()),
                WorkAreas.in(spark, work));
    }

    Dataset<Row> validated(FeedSchema feed) {
        return IngestStage.accepted(WorkAreas.in(spark, work), feed);
    }

    static IngestReport.FileCounts counts(IngestReport report, String feed) {
        return report.files().stream().filter(c -> c.file().path().equals(FILE) && c.file().feed().equals(feed))
                .findFirst().orElseThrow();
    }

    @Test
    void one_sus_file_gives_every_spell_as_an_admission_and_the_finished_ones_as_discharges() throws Exception {
        input();
        IngestReport report = run();

        // the file appears under both feeds; 180 spells, of which 21 have no Discharge_Date (every 9th from the
        // 5th, and none discharged after the run date): 180 rows read as admissions, 159 as discharges
        var adm = counts(report, "apc_admissions");
        var dis = counts(report, "apc_discharges");
        assertThat(adm.file().source()).isEqualTo("sus_apcs");
        assertThat(dis.file().source()).isEqualTo("sus_apcs");
        assertThat(adm.rowsRead()).isEqualTo(180);
        assertThat(dis.rowsRead()).isEqualTo(159);
        for (var c : List.of(adm, dis)) {
            assertThat(c.accepted() + c.quarantined() + c.excludedSuperseded() + c.excludedOptOut()).isEqualTo(c.rowsRead());
        }
        assertThat(adm.quarantined()).isZero();
        assertThat(dis.quarantined()).isZero();
        // one warning: 0000000000 (line 63) is refused as INVALID_NHS_NUMBER, the row kept; the empty token (line 62)
        // is no value and no warning (nhs_number is optional); both spells stay unlinkable
        assertThat(adm.warnings()).isEqualTo(1);
        assertThat(report.breaches()).isEmpty();

        Dataset<Row> admissions = validated(Feeds.APC_ADMISSIONS);
        Dataset<Row> discharges = validated(Feeds.APC_DISCHARGES);
        // an unfinished spell gives only an admission
        assertThat(admissions.filter(col("spell_id").equalTo("700000148")).count()).isEqualTo(1);
        assertThat(discharges.filter(col("spell_id").equalTo("700000148")).count()).isZero();

        // line 2: "2A - Emergency via A&E of another provider" -> 2A, "||J441 ,I10X ,E119" -> J441 and I10;E119,
        // procedures "||W3811 ,Z942||X292" -> the first episode's, W3811;Z942; timestamps stamped from the file name
        Row first = admissions.filter(col("spell_id").equalTo("700000000")).first();
        assertThat(first.<String>getAs("admission_method")).isEqualTo("2A");
        assertThat(first.<String>getAs("primary_diagnosis")).isEqualTo("J441");
        assertThat(first.<String>getAs("secondary_diagnoses")).isEqualTo("I10;E119");
        assertThat(first.<String>getAs("procedures")).isEqualTo("W3811;Z942");
        assertThat(first.<String>getAs("nhs_number")).isEqualTo("PSEUDO-B5B5CB68FFDC");
        assertThat(first.getAs("submitted_at").toString()).isEqualTo("2025-04-01 00:00:00.0");
        assertThat(first.getAs("admission_date").toString()).isEqualTo("2024-08-26");
        // "65 - Local authority residential" -> 65; the DRD "2024-06-... 00:00:00.000" read as a date
        Row infant = admissions.filter(col("spell_id").equalTo("700000259")).first();
        assertThat(infant.<Integer>getAs("age_on_admission")).as("7003: 7 to 28 days").isZero();
        assertThat(discharges.filter(col("spell_id").equalTo("700000259")).first().<String>getAs("discharge_destination"))
                .isEqualTo("65");
        // all six infant codes (7001-7007) are age 0
        assertThat(admissions.filter(col("spell_id").isin("700000259", "700001517", "700003256", "700004921",
                "700005587", "700006290").and(col("age_on_admission").equalTo(0))).count()).isEqualTo(6);
        // labelled admission sources are codes now: no label is left
        assertThat(admissions.filter(col("admission_source").contains(" - ")).count()).isZero();
        assertThat(admissions.filter(col("nhs_number").isNull()).count()).isEqualTo(2);

        // link: person keys from the tokens, areas from the LSOA, spells with their care event
        ReorganisationMapping northants = ReorganisationMapping.load("northamptonshire");
        var settings = new LinkedSpells.Settings(PseudonymKey.demo(), northants, REASONS, DrdSettings.defaults(), "test-run");
        Dataset<Row> events = LinkedSpells.careEvents(spark, validated(Feeds.SOCIAL_CARE_EVENTS),
                validated(Feeds.GEOGRAPHY), settings);
        Dataset<Row> spells = LinkedSpells.build(spark, admissions, discharges, events, validated(Feeds.GEOGRAPHY), settings);
        assertThat(spells.count()).isEqualTo(180);
        assertThat(spells.filter(col("discharge_date").isNotNull()).count()).isEqualTo(159);
        // the sample's LSOAs are Northamptonshire's (both areas), some Harborough / Milton Keynes (OTHER), some empty
        List<String> areas = spells.select("unitary_area").distinct().orderBy("unitary_area").collectAsList()
                .stream().map(r -> r.getString(0)).toList();
        assertThat(areas).contains("E06000061", "E06000062", "OTHER", "UNKNOWN");
        assertThat(spells.filter(col("unitary_area").equalTo("UNKNOWN").and(col("person_key").isNotNull())).count())
                .as("a missing LSOA, not a missing token, makes UNKNOWN").isPositive();
        // the pseudonymised council events link to the pseudonymised spells
        assertThat(spells.filter(col("spell_id").isin("700000000", "700000111")).select("spell_id", "care_event_id")
                .orderBy("spell_id").collectAsList().toString()).isEqualTo("[[700000000,EV1], [700000111,EV2]]");
        assertThat(spells.filter(col("spell_id").equalTo("700000000")).first().<String>getAs("primary_diagnosis"))
                .isEqualTo("J441");
    }

    @Test
    void pseudonymised_spells_with_council_events_carrying_real_nhs_numbers_are_refused() throws Exception {
        input();
        // next to the pseudonymised events, a council file in the built-in layout with a real NHS number
        write("social_care_events/E06000061.csv", CARE_HEADER + "\n"
                + "E06000061,EV9,P9,9434765919,80,E07000153,Service,2024-09-04,,,Short Term Support: ST-Max,"
                + "Reablement,2025-04-01T01:00:00\n");
        assertThatThrownBy(this::run).isInstanceOf(FeedInputException.class)
                .hasMessageContaining("the linked feeds mix pseudonymised and real NHS numbers: pseudonymised sus_apcs "
                        + "(apc_admissions, ")
                .hasMessageContaining("council_pseudo (social_care_events, ")
                .hasMessageContaining("; real NHS numbers social_care_events (social_care_events, bedflow.jar!/feeds/"
                        + "social_care_events.yaml)")
                .hasMessageContaining("declare nhs_number: pseudonymised");
    }
}
