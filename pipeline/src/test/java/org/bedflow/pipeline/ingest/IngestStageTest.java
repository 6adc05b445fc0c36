package org.bedflow.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.ingest.read.FeedReader;
import org.bedflow.pipeline.schema.FeedInputException;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.testing.WorkAreas;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validate stage on tiny input folders: every row ends in exactly one place
 * (accepted, quarantined, superseded, opt-out), per file, and the counts add up; any mix of
 * formats and schema versions loads; what cannot be read at all fails the run by name.
 */
class IngestStageTest {

    static final String NHS_A = "9434765919";
    /** on the opt-out list */
    static final String NHS_OPT = "9434765870";
    static final String ADM_HEADER = "provider_code,spell_id,nhs_number,age_on_admission,sex,residence_lad_code,lsoa_code,"
            + "gp_practice_code,admission_date,admission_method,admission_source,primary_diagnosis,secondary_diagnoses,submitted_at";
    static final String DIS_HEADER = "provider_code,spell_id,discharge_date,discharge_method,discharge_destination,"
            + "discharge_ready_date,discharge_pathway,delay_reason,submitted_at";
    static final String CARE_HEADER = "la_code,event_id,person_id,nhs_number,age,residence_lad_code,event_type,"
            + "event_start_date,event_end_date,request_route,service_type,service_component,submitted_at";

    @TempDir
    Path in;
    @TempDir
    Path work;

    final SparkSession spark = SharedSpark.session();

    static String adm(String spell, String nhs, String age, String date, String primary, String submitted) {
        return String.join(",", "RNS", spell, nhs, age, "2", "E07000154", "", "", date, "21", "", primary, "", submitted);
    }

    void write(String feedAndFile, String header, String... lines) throws Exception {
        Path p = in.resolve(feedAndFile);
        Files.createDirectories(p.getParent());
        Files.writeString(p, header + "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** the feeds every run needs, with one harmless row each */
    void minimalOtherFeeds() throws Exception {
        write("population/p.csv", "area_code,year,sex,age,population", "E07000154,2021,1,70,100");
        if (!Files.exists(in.resolve("social_care_events"))) {
            write("social_care_events/c.csv", CARE_HEADER);
        }
        if (!Files.exists(in.resolve("apc_discharges"))) {
            write("apc_discharges/d.csv", DIS_HEADER);
        }
    }

    IngestReport run(IngestOptions options) {
        Map<String, RawFeed> raw = new LinkedHashMap<>();
        for (FeedSchema feed : Feeds.all()) {
            raw.put(feed.name(), FeedReader.read(spark, in.toString(), feed));
        }
        return IngestStage.run(spark, raw, options, WorkAreas.in(spark, work));
    }

    IngestReport run() {
        return run(new IngestOptions(LocalDate.of(2022, 4, 1), "test-run", 0.5, Map.of()));
    }

    /** file -> "read accepted quarantined superseded opt_out warnings" */
    static Map<String, String> counts(IngestReport report) {
        Map<String, String> m = new LinkedHashMap<>();
        report.files().forEach(f -> m.put(f.file().path(), f.rowsRead() + " " + f.accepted() + " " + f.quarantined() + " "
                + f.excludedSuperseded() + " " + f.excludedOptOut() + " " + f.warnings()));
        return m;
    }

    List<String> rejects() {
        List<String> out = new ArrayList<>();
        WorkAreas.in(spark, work).read(IngestStage.REJECTS).orderBy("source_file", "record_number", "reason_code")
                .collectAsList().forEach(r -> out.add(r.getAs("source_file") + ":" + r.getAs("record_number") + " "
                        + r.getAs("severity") + " " + r.getAs("reason_code")));
        return out;
    }

    List<String> validated(String feed, String... columns) {
        List<String> out = new ArrayList<>();
        IngestStage.accepted(WorkAreas.in(spark, work), Feeds.byName(feed).orElseThrow())
                .selectExpr(columns).orderBy(columns[0]).collectAsList().forEach(r -> {
                    List<String> parts = new ArrayList<>();
                    for (int i = 0; i < r.size(); i++) {
                        parts.add(String.valueOf(r.get(i)));
                    }
                    out.add(String.join(" ", parts));
                });
        return out;
    }

    @Test
    void every_row_ends_in_exactly_one_place_and_the_counts_add_up() throws Exception {
        // given admissions in which S1 is resubmitted (line 3 the latest, line 4 an identical copy of it),
        // S2 belongs to an opted-out person (and is broken: opted out comes first), S3 has a bad date,
        // S4 has two different versions with the same submitted_at, and S5's resubmission in a2.csv is bad
        write("apc_admissions/a1.csv", ADM_HEADER,
                adm("S1", NHS_A, "70", "2021-05-01", "R69", "2021-05-02T00:00:00"),
                adm("S1", NHS_A, "70", "2021-05-01", "J44.0", "2021-05-03T00:00:00"),
                adm("S1", NHS_A, "70", "2021-05-01", "J44.0", "2021-05-03T00:00:00"),
                adm("S2", NHS_OPT, "abc", "2021-05-01", "R69", "2021-05-02T00:00:00"),
                adm("S3", NHS_A, "70", "2021-02-30", "R69", "2021-05-02T00:00:00"),
                adm("S4", NHS_A, "70", "2021-05-01", "J441", "2021-05-02T00:00:00"),
                adm("S4", NHS_A, "70", "2021-05-01", "J189", "2021-05-02T00:00:00"),
                adm("S5", NHS_A, "70", "2021-05-01", "I10", "2021-05-02T00:00:00"));
        write("apc_admissions/a2.csv", ADM_HEADER, adm("S5", NHS_A, "200", "2021-05-01", "I10", "2021-06-01T00:00:00"));
        // discharges: S1 with a DRD before its admission, the opted-out S2, S9 with no admission,
        // S5 before its admission, S3 whose admission was quarantined
        write("apc_discharges/d1.csv", DIS_HEADER,
                "RNS,S1,2021-05-10,1,19,2021-04-20,0,,2021-05-11T00:00:00",
                "RNS,S2,2021-05-10,1,19,,0,,2021-05-11T00:00:00",
                "RNS,S9,2021-05-10,1,19,,0,,2021-05-11T00:00:00",
                "RNS,S5,2021-04-30,1,19,,0,,2021-05-11T00:00:00",
                "RNS,S3,2021-05-10,1,19,,0,,2021-05-11T00:00:00");
        write("social_care_events/c1.csv", CARE_HEADER,
                "E06000062,EV1,WNC-1," + NHS_OPT + ",70,E07000154,Service,2021-05-10,,,Long Term Support: Community,Home Care,2022-04-01T01:00:00",
                "E06000062,EV2,WNC-2," + NHS_A + ",70,E07000154,Service,2021-05-10,,,Long Term Support: Community,Home Care,2022-04-01T01:00:00");
        write("opt_outs/o.csv", "nhs_number", NHS_OPT);
        minimalOtherFeeds();

        IngestReport report = run();

        // then, per file: read accepted quarantined superseded opt_out warnings
        // a1: 8 read = 2 accepted (S1 line 3, S5 line 9) + 3 quarantined (S3, S4 twice) + 2 superseded
        //     (S1 lines 2 and 4) + 1 opt-out (S2)
        // a2: S5's bad resubmission is quarantined and does not hide line 9 of a1
        // d1: 5 read = 3 accepted (S1 with a DRD warning, S9 and S3 orphans) + 1 quarantined (S5) + 1 opt-out (S2)
        // c1: EV1 opted out, EV2 accepted
        assertThat(counts(report)).containsEntry("apc_admissions/a1.csv", "8 2 3 2 1 0")
                .containsEntry("apc_admissions/a2.csv", "1 0 1 0 0 0")
                .containsEntry("apc_discharges/d1.csv", "5 3 1 0 1 3")
                .containsEntry("social_care_events/c1.csv", "2 1 0 0 1 0")
                .containsEntry("opt_outs/o.csv", "1 1 0 0 0 0");
        assertThat(report.files()).allSatisfy(f -> assertThat(f.balances()).as(f.file().path()).isTrue());
        assertThat(report.breaches()).isEmpty();

        assertThat(validated("apc_admissions", "spell_id", "primary_diagnosis", "_record_number"))
                .containsExactly("S1 J440 3", "S5 I10 9");
        assertThat(validated("apc_discharges", "spell_id", "discharge_ready_date"))
                .as("the out-of-range DRD is left out").containsExactly("S1 null", "S3 null", "S9 null");
        assertThat(validated("social_care_events", "event_id")).containsExactly("EV2");

        assertThat(rejects()).containsExactly(
                "apc_admissions/a1.csv:6 ERROR BAD_DATE",
                "apc_admissions/a1.csv:7 ERROR CONFLICTING_DUPLICATE",
                "apc_admissions/a1.csv:8 ERROR CONFLICTING_DUPLICATE",
                "apc_admissions/a2.csv:2 ERROR AGE_OUT_OF_RANGE",
                "apc_discharges/d1.csv:2 WARNING DRD_OUT_OF_RANGE",
                "apc_discharges/d1.csv:4 WARNING ORPHAN_DISCHARGE",
                "apc_discharges/d1.csv:5 ERROR DATE_ORDER",
                "apc_discharges/d1.csv:6 WARNING ORPHAN_DISCHARGE");
        var raw = WorkAreas.in(spark, work).read(IngestStage.REJECTS).selectExpr("raw_record").collectAsList();
        assertThat(raw).allSatisfy(r -> assertThat(r.getString(0)).doesNotContain(NHS_A).doesNotContain(NHS_OPT));

        var feed = report.feeds().stream().filter(f -> f.feed().equals("apc_admissions")).findFirst().orElseThrow();
        assertThat(feed.errors()).containsExactly(Map.entry("AGE_OUT_OF_RANGE", 1L), Map.entry("BAD_DATE", 1L),
                Map.entry("CONFLICTING_DUPLICATE", 2L));
        // 4 quarantined of 9 read
        assertThat(feed.errorRate()).isEqualTo(4.0 / 9);
    }

    @Test
    void any_mix_of_formats_and_schema_versions_loads() throws Exception {
        // a CSV with its header in another case and spaces, gzipped
        Path gz = in.resolve("apc_admissions/x.csv.gz");
        Files.createDirectories(gz.getParent());
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((ADM_HEADER.toUpperCase().replace(",", " , ") + "\n"
                    + adm("G1", NHS_A, "70", "2021-05-01", "J44.0", "2021-05-02T00:00:00") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Schema full = Feeds.APC_ADMISSIONS.avro();
        // an older writer without three optional fields, and a newer one with an extra optional field
        Schema older = record(full, List.of("lsoa_code", "gp_practice_code", "admission_source"), false);
        Schema newer = record(full, List.of(), true);
        avro(in.resolve("apc_admissions/old.avro"), older, "V1");
        avro(in.resolve("apc_admissions/new.avro"), newer, "V2");
        // Parquet written by Spark with real DATE and TIMESTAMP columns and no secondary_diagnoses
        StructType t = new StructType().add("provider_code", DataTypes.StringType).add("spell_id", DataTypes.StringType)
                .add("age_on_admission", DataTypes.IntegerType).add("sex", DataTypes.StringType)
                .add("admission_date", DataTypes.DateType).add("admission_method", DataTypes.StringType)
                .add("submitted_at", DataTypes.TimestampType);
        spark.createDataFrame(List.of(RowFactory.create("RNS", "P1", 70, "2", java.sql.Date.valueOf("2021-05-01"), "21",
                        java.sql.Timestamp.from(java.time.Instant.parse("2021-05-02T00:00:00Z")))), t)
                .coalesce(1).write().parquet(in.resolve("apc_admissions/p.parquet").toString());
        minimalOtherFeeds();

        IngestReport report = run();

        assertThat(validated("apc_admissions", "spell_id", "admission_date", "submitted_at", "age_on_admission",
                "primary_diagnosis", "_record_number")).containsExactly(
                "G1 2021-05-01 2021-05-02 00:00:00.0 70 J440 2",
                "P1 2021-05-01 2021-05-02 00:00:00.0 70 null 1",
                "V1 2021-05-01 2021-05-02 00:00:00.0 70 J440 1",
                "V2 2021-05-01 2021-05-02 00:00:00.0 70 J440 1");
        assertThat(report.files()).filteredOn(f -> f.file().feed().equals("apc_admissions"))
                .extracting(f -> f.file().format()).containsExactlyInAnyOrder("csv.gz", "avro", "avro", "parquet");
        assertThat(report.files()).allSatisfy(f -> assertThat(f.file().sha256()).hasSize(64));
        var feed = report.feeds().stream().filter(f -> f.feed().equals("apc_admissions")).findFirst().orElseThrow();
        assertThat(feed.unknownColumns()).containsExactly("ethnic_category");
        assertThat(feed.accepted()).isEqualTo(4);
    }

    @Test
    void extracts_without_the_newer_optional_columns_still_load_next_to_ones_with_them() throws Exception {
        // old.csv: an extract of before patient_classification, main_specialty_code, treatment_function_code,
        // procedures (and delay_responsible_sector); new.csv: one with them, one value of each kind bad
        write("apc_admissions/old.csv", ADM_HEADER, adm("A1", NHS_A, "70", "2021-05-01", "J44.0", "2021-05-02T00:00:00"));
        write("apc_admissions/new.csv", ADM_HEADER.replace(",submitted_at",
                        ",patient_classification,main_specialty_code,treatment_function_code,procedures,submitted_at"),
                adm("A2", NHS_A, "70", "2021-05-01", "J44.0", "2021-05-02T00:00:00")
                        .replace(",2021-05-02T00:00:00", ",1,300,300,\"K40.1;Y53.9,Z94.1\",2021-05-02T00:00:00"),
                adm("A3", NHS_A, "70", "2021-05-01", "J44.0", "2021-05-02T00:00:00")
                        .replace(",2021-05-02T00:00:00", ",7,30,,K40.1|T20,2021-05-02T00:00:00"));
        write("apc_discharges/old.csv", DIS_HEADER, "RNS,A1,2021-05-10,1,19,,1,E,2021-05-11T00:00:00");
        write("apc_discharges/new.csv", DIS_HEADER.replace(",submitted_at", ",delay_responsible_sector,submitted_at"),
                "RNS,A2,2021-05-10,1,19,,1,E,social care,2021-05-11T00:00:00",
                "RNS,A3,2021-05-10,1,19,,1,E,Council,2021-05-11T00:00:00");
        minimalOtherFeeds();

        IngestReport report = run();

        // read accepted quarantined superseded opt_out warned: a bad optional value only warns (A3's row, twice)
        assertThat(counts(report)).containsEntry("apc_admissions/old.csv", "1 1 0 0 0 0")
                .containsEntry("apc_admissions/new.csv", "2 2 0 0 0 1")
                .containsEntry("apc_discharges/old.csv", "1 1 0 0 0 0")
                .containsEntry("apc_discharges/new.csv", "2 2 0 0 0 1");
        assertThat(validated("apc_admissions", "spell_id", "primary_diagnosis", "patient_classification",
                "main_specialty_code", "treatment_function_code", "procedures")).containsExactly(
                "A1 J440 null null null null",
                "A2 J440 1 300 300 K401;Y539;Z941",
                "A3 J440 null null null K401;T20");
        assertThat(validated("apc_discharges", "spell_id", "delay_reason", "delay_responsible_sector"))
                .containsExactly("A1 E null", "A2 E Social care", "A3 E null");
        assertThat(rejects()).containsExactly(
                "apc_admissions/new.csv:3 WARNING BAD_FORMAT",
                "apc_admissions/new.csv:3 WARNING UNKNOWN_CODE",
                "apc_discharges/new.csv:3 WARNING UNKNOWN_CODE");
        var feed = report.feeds().stream().filter(f -> f.feed().equals("apc_admissions")).findFirst().orElseThrow();
        assertThat(feed.unknownColumns()).isEmpty();
    }

    @Test
    void a_feed_above_its_threshold_is_a_breach_and_a_per_feed_threshold_overrides_the_default() throws Exception {
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            rows.add(adm("S" + i, NHS_A, "70", "2021-05-01", "I10", "2021-05-02T00:00:00"));
        }
        rows.add(adm("S10", NHS_A, "70", "not a date", "I10", "2021-05-02T00:00:00"));
        write("apc_admissions/a.csv", ADM_HEADER, rows.toArray(String[]::new));
        minimalOtherFeeds();
        LocalDate runDate = LocalDate.of(2022, 4, 1);

        // 1 of 10 quarantined = 10 % > 5 %
        assertThat(run(new IngestOptions(runDate, "r", 0.05, Map.of())).breaches()).singleElement().asString()
                .startsWith("apc_admissions: 1 of 10 rows quarantined (10.0 %), above the threshold of 5.0 %");
        assertThat(run(new IngestOptions(runDate, "r", 0.05, Map.of("apc_admissions", 0.10))).breaches())
                .as("10 % does not exceed 10 %").isEmpty();
    }

    @Test
    void what_cannot_be_read_fails_the_run_naming_the_folder_or_file() throws Exception {
        minimalOtherFeeds();
        assertThatThrownBy(this::run).isInstanceOf(FeedInputException.class)
                .hasMessageContaining("required feed folder apc_admissions/ is missing or empty");

        write("apc_admissions/notes.txt", "hello");
        assertThatThrownBy(this::run).isInstanceOf(FeedInputException.class)
                .hasMessageStartingWith("apc_admissions/notes.txt is not a CSV, CSV.gz, Avro or Parquet file");
        Files.delete(in.resolve("apc_admissions/notes.txt"));

        write("apc_admissions/a.csv", ADM_HEADER.replace("admission_date,", ""), "RNS");
        assertThatThrownBy(this::run).isInstanceOf(FeedInputException.class)
                .hasMessageStartingWith("apc_admissions/a.csv: the header lacks required column(s) admission_date");
        Files.delete(in.resolve("apc_admissions/a.csv"));

        Schema wrongType = new Schema.Parser().parse(Feeds.APC_ADMISSIONS.avro().toString()
                .replace("{\"name\":\"age_on_admission\",\"type\":\"int\"", "{\"name\":\"age_on_admission\",\"type\":\"string\""));
        assertThat(wrongType.getField("age_on_admission").schema().getType()).isEqualTo(Schema.Type.STRING);
        avroOf(in.resolve("apc_admissions/bad.avro"), wrongType, List.of());
        assertThatThrownBy(this::run).isInstanceOf(FeedInputException.class)
                .hasMessageStartingWith("apc_admissions/bad.avro: its Avro schema cannot be read as the apc_admissions schema");
    }

    /** the feed's record schema without some fields, or with an extra optional one */
    static Schema record(Schema full, List<String> without, boolean extra) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : full.getFields()) {
            if (!without.contains(f.name())) {
                fields.add(new Schema.Field(f.name(), f.schema(), f.doc(), f.defaultVal()));
            }
        }
        if (extra) {
            fields.add(new Schema.Field("ethnic_category", Schema.createUnion(Schema.create(Schema.Type.NULL),
                    Schema.create(Schema.Type.STRING)), "a newer field", Schema.Field.NULL_DEFAULT_VALUE));
        }
        return Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, fields);
    }

    static void avro(Path file, Schema schema, String spell) throws Exception {
        GenericRecord r = new GenericData.Record(schema);
        r.put("provider_code", "RNS");
        r.put("spell_id", spell);
        r.put("nhs_number", NHS_A);
        r.put("age_on_admission", 70);
        r.put("sex", "2");
        r.put("admission_date", (int) LocalDate.of(2021, 5, 1).toEpochDay());
        r.put("admission_method", "21");
        r.put("primary_diagnosis", "J44.0");
        r.put("submitted_at", LocalDateTime.of(2021, 5, 2, 0, 0).toInstant(java.time.ZoneOffset.UTC).toEpochMilli());
        avroOf(file, schema, List.of(r));
    }

    static void avroOf(Path file, Schema schema, List<GenericRecord> records) throws Exception {
        Files.createDirectories(file.getParent());
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
            w.create(schema, new File(file.toString()));
            for (GenericRecord r : records) {
                w.append(r);
            }
        }
    }


    @Test
    void the_geography_folder_takes_an_lsoa_lookup_and_a_postcode_lookup_side_by_side() throws Exception {
        // the sample's LSOA-only file, unchanged, and a postcode lookup beside it in which many postcodes share an
        // LSOA (no conflict: the key is lsoa_code + postcode); one postcode row is written twice (an identical
        // copy collapses) and one is given a second district under the same LSOA (a conflict, both quarantined)
        Path sample = Path.of(System.getProperty("user.dir")).resolveSibling("sample-data")
                .resolve("northamptonshire/geography/lsoa_to_lad.csv");
        Files.createDirectories(in.resolve("geography"));
        Files.copy(sample, in.resolve("geography/lsoa_to_lad.csv"));
        long sampleRows = Files.readAllLines(sample).stream().filter(l -> !l.isBlank()).count() - 1;
        write("geography/onspd_extract.csv", "postcode,lsoa_code,lad_code",
                "NN1 1AA,E01900001,E07000154",
                "nn11ab,E01900001,E07000154",
                "NN1 1AD,E01900001,E07000154",
                "NN1 1AD,E01900001,E07000154",
                "NN1 1AE,E01900001,E07000154",
                "NN1 1AE,E01900001,E07000155");
        write("apc_admissions/a.csv", ADM_HEADER);
        minimalOtherFeeds();

        IngestReport report = run();

        // read accepted quarantined superseded opt_out warnings
        assertThat(counts(report)).containsEntry("geography/lsoa_to_lad.csv", sampleRows + " " + sampleRows + " 0 0 0 0")
                .containsEntry("geography/onspd_extract.csv", "6 3 2 1 0 0");
        assertThat(validated("geography", "postcode", "lsoa_code")).contains("NN1 1AA E01900001", "NN1 1AB E01900001",
                "NN1 1AD E01900001").doesNotContain("NN1 1AE E01900001");
        assertThat(rejects()).containsExactly("geography/onspd_extract.csv:6 ERROR CONFLICTING_DUPLICATE",
                "geography/onspd_extract.csv:7 ERROR CONFLICTING_DUPLICATE");
    }
}
