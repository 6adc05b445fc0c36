package org.bedflow.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.ingest.read.FeedReader;
import org.bedflow.pipeline.schema.FeedInputException;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.testing.SharedSpark;
import org.bedflow.pipeline.testing.WorkAreas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/validation.md "What rejects holds": identifiers in the wrong place (a shifted row, an NHS
 * number in the age column, a person id as a service type, a CSV without its header row) appear
 * nowhere in rejects nor in the message of a run that stops.
 */
class IdentifierPrivacyTest {

    static final String CARE_HEADER = IngestStageTest.CARE_HEADER;

    @TempDir
    Path in;
    @TempDir
    Path work;

    final SparkSession spark = SharedSpark.session();

    void write(String feedAndFile, String header, String... lines) throws Exception {
        Path p = in.resolve(feedAndFile);
        Files.createDirectories(p.getParent());
        Files.writeString(p, (header == null ? "" : header + "\n") + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    void otherFeeds() throws Exception {
        write("population/p.csv", "area_code,year,sex,age,population", "E07000154,2021,1,70,100");
        write("apc_discharges/d.csv", IngestStageTest.DIS_HEADER);
        write("apc_admissions/a.csv", IngestStageTest.ADM_HEADER,
                IngestStageTest.adm("S1", "9434765919", "70", "2021-05-01", "J44.0", "2021-05-02T00:00:00"));
    }

    IngestReport run() {
        Map<String, RawFeed> raw = new LinkedHashMap<>();
        for (FeedSchema feed : Feeds.all()) {
            raw.put(feed.name(), FeedReader.read(spark, in.toString(), feed));
        }
        return IngestStage.run(spark, raw, new IngestOptions(LocalDate.of(2022, 4, 1), "test-run", 1.0, Map.of()),
                WorkAreas.in(spark, work));
    }

    static String care(String event, String personId, String age, String serviceType, String component) {
        return String.join(",", "E06000062", event, personId, "9434765919", age, "E06000062", "Service", "2021-05-10", "",
                "", serviceType, component, "2022-01-01T00:00:00");
    }

    @Test
    void identifiers_in_the_wrong_column_appear_nowhere_in_rejects() throws Exception {
        otherFeeds();
        write("social_care_events/c.csv", CARE_HEADER,
                care("EV1", "NNC-9100001", "80", "Long Term Support: Community", "Home Care"),
                // an unquoted comma in a field before the person id: every later column shifts by one
                care("EV2", "Smith, J,NNC-9100004", "80", "Long Term Support: Community", "Home Care"),
                care("EV3", "NNC-9100005", "9990000522", "Long Term Support: Community", "Home Care"),
                care("EV4", "NNC-9100006", "80", "NNC-9200002", "Home Care"),
                care("EV5", "NNC-9100007", "80", "Long Term Support: Community", "NN1 1AA"),
                care("EV6", "NNC-9100008", "NN11AA", "Long Term Support: Community", "9434765919"));
        run();
        List<String> rejects = new ArrayList<>();
        WorkAreas.in(spark, work).read(IngestStage.REJECTS).collectAsList()
                .forEach(r -> rejects.add(r.getAs("record_number") + " " + r.getAs("reason_code") + " "
                        + r.getAs("reason") + " " + r.getAs("raw_record")));
        String all = String.join("\n", rejects);
        assertThat(all).as("a row of each problem is in rejects").contains("MALFORMED_ROW", "AGE_OUT_OF_RANGE", "UNKNOWN_CODE");
        for (String identifier : List.of("9100004", "Smith", "9990000522", "9200002", "NN1 1AA", "NN11AA", "9434765919",
                "9100005", "9100006", "9100007", "9100008")) {
            assertThat(all).as(identifier).doesNotContain(identifier);
        }
        assertThat(all).contains("a 10-digit value");
    }

    @Test
    void an_unclosed_quote_takes_no_later_line_into_a_published_value() throws Exception {
        otherFeeds();
        write("social_care_events/c.csv", CARE_HEADER);
        // data line 2 opens a quote in primary_diagnosis and never closes it; data line 5 has a stray quote in the
        // same column, which would close it and make lines 3-6 one accepted record holding line 4's NHS number
        write("apc_admissions/b.csv", IngestStageTest.ADM_HEADER,
                IngestStageTest.adm("B1", "9434765919", "70", "2021-05-01", "J44.0", "2021-05-02T00:00:00"),
                IngestStageTest.adm("B2", "9434765919", "70", "2021-05-01", "\"J44.0", "2021-05-02T00:00:00"),
                IngestStageTest.adm("B3", "9990000018", "70", "2021-05-01", "J44.0", "2021-05-02T00:00:00"),
                IngestStageTest.adm("B4", "9434765919", "70", "2021-05-01", "J44.0", "2021-05-02T00:00:00"),
                IngestStageTest.adm("B5", "9434765919", "70", "2021-05-01", "J44.0\"", "2021-05-02T00:00:00"),
                IngestStageTest.adm("B6", "9434765919", "70", "2021-05-01", "J44.0", "2021-05-02T00:00:00"));
        IngestReport report = run();

        var counts = report.files().stream().filter(f -> f.file().path().equals("apc_admissions/b.csv")).findFirst()
                .orElseThrow();
        assertThat(counts.rowsRead() + " read, " + counts.accepted() + " accepted, " + counts.quarantined()
                + " quarantined").isEqualTo("6 read, 4 accepted, 2 quarantined");
        List<String> spells = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        IngestStage.accepted(WorkAreas.in(spark, work), Feeds.APC_ADMISSIONS)
                .where("spell_id like 'B%'").orderBy("spell_id").collectAsList().forEach(r -> {
                    spells.add(r.getAs("spell_id"));
                    accepted.add(r.mkString("|"));
                });
        // B2 opened a quote, B5's stray quote would have closed it: each is quarantined on its own line
        assertThat(spells).containsExactly("B1", "B3", "B4", "B6");
        assertThat(accepted).allSatisfy(r -> assertThat(r).doesNotContain("\n", "\r"));
        assertThat(accepted).as("line 4's NHS number is in its own row only").filteredOn(r -> r.contains("9990000018"))
                .singleElement().asString().contains("|B3|");
        List<String> rejects = new ArrayList<>();
        WorkAreas.in(spark, work).read(IngestStage.REJECTS).where("source_file = 'apc_admissions/b.csv'").collectAsList()
                .forEach(r -> rejects.add(r.getAs("record_number") + " " + r.getAs("reason_code") + " "
                        + r.getAs("reason") + " " + r.getAs("raw_record")));
        assertThat(rejects).hasSize(2);
        assertThat(rejects.get(0)).startsWith("3 MALFORMED_ROW the record could not be read as "
                + Feeds.APC_ADMISSIONS.fields().size() + " fields: a quoted value is not closed on its line").doesNotContain("9990000018", "9434765919");
        assertThat(rejects.get(1)).startsWith("6 MALFORMED_ROW the record could not be read as "
                + Feeds.APC_ADMISSIONS.fields().size() + " fields: a value holds a quote character").doesNotContain("9434765919");
    }

    @Test
    void a_csv_without_its_header_row_quotes_none_of_its_first_row() throws Exception {
        otherFeeds();
        write("social_care_events/c.csv", null,
                care("EV1", "NNC-9100001", "80", "Long Term Support: Community", "Home Care"),
                care("EV2", "NNC-9100002", "80", "Long Term Support: Community", "Home Care"));
        assertThatThrownBy(this::run).isInstanceOf(FeedInputException.class)
                .hasMessageContaining("social_care_events/c.csv")
                .hasMessageContaining("no header row")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("9434765919", "NNC-", "9100001", "E06000062",
                        "2021-05-10", "Home Care"));
    }

    @Test
    void a_header_lacking_a_column_is_quoted_with_identifier_shaped_cells_masked() throws Exception {
        otherFeeds();
        // a real header, one column name replaced by a value (an NHS number pasted over it)
        write("social_care_events/c.csv", CARE_HEADER.replace("event_start_date", "943 476 5919"),
                care("EV1", "NNC-9100001", "80", "Long Term Support: Community", "Home Care"));
        assertThatThrownBy(this::run).isInstanceOf(FeedInputException.class)
                .hasMessageContaining("lacks required column(s) event_start_date")
                .hasMessageContaining("la_code, event_id")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("943 476 5919", "9434765919"));
    }
}
