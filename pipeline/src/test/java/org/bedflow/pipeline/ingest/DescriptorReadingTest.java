package org.bedflow.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bedflow.pipeline.ingest.IngestStageTest.ADM_HEADER;
import static org.bedflow.pipeline.ingest.IngestStageTest.NHS_A;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.descriptor.FeedDescriptorException;
import org.bedflow.pipeline.descriptor.FeedDescriptors;
import org.bedflow.pipeline.ingest.read.FeedReader;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.schema.FeedInputException;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.testing.WorkAreas;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading files with a descriptor: what can only be checked against the files (a mapped
 * column missing from a header, a format the descriptor does not read) fails before any
 * Spark job, naming the descriptor file and the extract; the column mapping also applies
 * to Avro (through schema aliases, keeping Avro's schema resolution for older and newer
 * writers) and to Parquet.
 */
class DescriptorReadingTest {

    @TempDir
    Path in;
    @TempDir
    Path feeds;

    final SparkSession spark = SharedSpark.session();

    FeedDescriptors descriptor(String yaml) throws Exception {
        Files.writeString(feeds.resolve("kgh.yaml"), yaml, StandardCharsets.UTF_8);
        return FeedDescriptors.load(feeds, DelayReasons.load("dtoc"));
    }

    String origin() {
        return feeds.resolve("kgh.yaml").toAbsolutePath().toString();
    }

    void write(String feedAndFile, String... lines) throws Exception {
        Path p = in.resolve(feedAndFile);
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void a_mapped_column_missing_from_a_file_names_the_descriptor_and_the_file_before_any_spark_job() throws Exception {
        FeedDescriptors d = descriptor("""
                source: kgh_admissions
                role: apc_admissions
                pattern: "kgh/*"
                columns:
                  Adm Date: admission_date
                """);
        write("apc_admissions/kgh/KGH_2022-01.csv", ADM_HEADER.replace("admission_date", "Admission Date"),
                IngestStageTest.adm("K1", NHS_A, "70", "2022-01-04", "J44.0", "2022-01-05T02:00:00"));

        AtomicInteger jobs = new AtomicInteger();
        SparkListener count = new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                jobs.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(count);
        try {
            assertThatThrownBy(() -> FeedReader.read(spark, in.toString(), Feeds.APC_ADMISSIONS, d))
                    .isInstanceOf(FeedDescriptorException.class)
                    .hasMessage(origin() + ": apc_admissions/kgh/KGH_2022-01.csv has no column 'Adm Date' "
                            + "(admission_date) that descriptor kgh_admissions (" + origin() + ") maps under columns:; it "
                            + "has " + ADM_HEADER.replace("admission_date", "Admission Date").replace(",", ", "));
        } finally {
            spark.sparkContext().removeSparkListener(count);
        }
        assertThat(jobs.get()).as("Spark jobs started").isZero();
    }

    @Test
    void a_file_in_a_format_the_descriptor_does_not_read() throws Exception {
        FeedDescriptors d = descriptor("source: kgh_admissions\nrole: apc_admissions\npattern: \"kgh/*\"\nformat: csv\n");
        write("apc_admissions/kgh/KGH_2022-01.csv.gz", "not really gzip");
        assertThatThrownBy(() -> FeedReader.read(spark, in.toString(), Feeds.APC_ADMISSIONS, d))
                .isInstanceOf(FeedDescriptorException.class)
                .hasMessage(origin() + ": apc_admissions/kgh/KGH_2022-01.csv.gz is a csv.gz file, but descriptor "
                        + "kgh_admissions (" + origin() + ") reads only csv");
    }

    @Test
    void a_required_field_neither_mapped_nor_in_the_header() throws Exception {
        FeedDescriptors d = descriptor("source: kgh_admissions\nrole: apc_admissions\npattern: \"kgh/*\"\n"
                + "columns:\n  Spell: spell_id\n");
        write("apc_admissions/kgh/KGH.csv", ADM_HEADER.replace("spell_id", "Spell").replace("admission_date,", ""), "x");
        assertThatThrownBy(() -> FeedReader.read(spark, in.toString(), Feeds.APC_ADMISSIONS, d))
                .isInstanceOf(FeedInputException.class)
                .hasMessageStartingWith("apc_admissions/kgh/KGH.csv: the header lacks required column(s) admission_date")
                .hasMessageEndingWith("(read with descriptor kgh_admissions (" + origin() + "); map them under columns:)");
    }

    @Test
    void avro_older_and_newer_writers_load_through_a_descriptor_that_renames_columns() throws Exception {
        FeedDescriptors d = descriptor("""
                source: kgh_admissions
                role: apc_admissions
                pattern: "kgh/*.avro"
                columns:
                  hospital_spell_no: spell_id
                  extract_time: submitted_at
                """);
        Schema full = Feeds.APC_ADMISSIONS.avro();
        // the trust's writers name two fields their own way; the older one lacks three optional fields,
        // the newer one has an extra optional field
        Schema older = renamed(IngestStageTest.record(full, List.of("lsoa_code", "gp_practice_code", "admission_source"),
                false));
        Schema newer = renamed(IngestStageTest.record(full, List.of(), true));
        avro(in.resolve("apc_admissions/kgh/old.avro"), older, "V1");
        avro(in.resolve("apc_admissions/kgh/new.avro"), newer, "V2");
        Path work = in.resolve("_work");
        IngestReport report = ingestWithAdmissionsOnly(d, work);

        List<String> rows = new ArrayList<>();
        IngestStage.accepted(WorkAreas.in(spark, work), Feeds.APC_ADMISSIONS).orderBy("spell_id").collectAsList()
                .forEach(r -> rows.add(r.getAs("spell_id") + " " + r.getAs("submitted_at") + " " + r.getAs("lsoa_code")));
        assertThat(rows).containsExactly("V1 2021-05-02 00:00:00.0 null", "V2 2021-05-02 00:00:00.0 null");
        assertThat(report.files()).filteredOn(f -> f.file().feed().equals("apc_admissions"))
                .extracting(f -> f.file().path() + " " + f.file().source())
                .containsExactly("apc_admissions/kgh/new.avro kgh_admissions", "apc_admissions/kgh/old.avro kgh_admissions");
        assertThat(report.feeds().get(0).unknownColumns()).containsExactly("ethnic_category");
    }

    @Test
    void parquet_columns_are_mapped_too() throws Exception {
        FeedDescriptors d = descriptor("""
                source: kgh_admissions
                role: apc_admissions
                pattern: "kgh/**"
                columns:
                  Spell: spell_id
                  Admitted: admission_date
                date_format: dd/MM/yyyy
                """);
        // a typed DATE column needs no format; the text column Admitted is read with dd/MM/yyyy
        StructType t = new StructType().add("provider_code", DataTypes.StringType).add("Spell", DataTypes.StringType)
                .add("age_on_admission", DataTypes.IntegerType).add("sex", DataTypes.StringType)
                .add("Admitted", DataTypes.StringType).add("admission_method", DataTypes.StringType)
                .add("submitted_at", DataTypes.TimestampType);
        List<Row> data = List.of(RowFactory.create("KGH", "P1", 70, "2", "04/01/2022", "21",
                java.sql.Timestamp.from(java.time.Instant.parse("2022-01-05T02:00:00Z"))));
        spark.createDataFrame(data, t).coalesce(1).write().parquet(in.resolve("apc_admissions/kgh/p.parquet").toString());
        Path work = in.resolve("_work");
        ingestWithAdmissionsOnly(d, work);

        Row r = IngestStage.accepted(WorkAreas.in(spark, work), Feeds.APC_ADMISSIONS).first();
        assertThat(r.<String>getAs("spell_id")).isEqualTo("P1");
        assertThat(r.<java.sql.Date>getAs("admission_date")).hasToString("2022-01-04");
        assertThat(r.<java.sql.Timestamp>getAs("submitted_at")).hasToString("2022-01-05 02:00:00.0");
    }

    /** the schema with spell_id and submitted_at renamed as the trust's writer names them */
    static Schema renamed(Schema s) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : s.getFields()) {
            String name = switch (f.name()) {
                case "spell_id" -> "hospital_spell_no";
                case "submitted_at" -> "extract_time";
                default -> f.name();
            };
            fields.add(new Schema.Field(name, f.schema(), f.doc(), f.defaultVal()));
        }
        return Schema.createRecord("KghAdmission", s.getDoc(), "uk.nhs.kgh", false, fields);
    }

    /** The other required feeds, minimal (a population row, empty discharges and care events), then validate everything. */
    private IngestReport ingestWithAdmissionsOnly(FeedDescriptors d, Path work) throws Exception {
        write("population/p.csv", "area_code,year,sex,age,population", "E07000154,2021,1,70,100");
        write("apc_discharges/d.csv", IngestStageTest.DIS_HEADER);
        write("social_care_events/c.csv", IngestStageTest.CARE_HEADER);
        Map<String, RawFeed> raw = new java.util.LinkedHashMap<>();
        for (var feed : Feeds.all()) {
            raw.put(feed.name(), FeedReader.read(spark, in.toString(), feed, d));
        }
        return IngestStage.run(spark, raw, new IngestOptions(LocalDate.of(2022, 4, 1), "r", 0.05, Map.of()), WorkAreas.in(spark, work));
    }

    static void avro(Path file, Schema schema, String spell) throws Exception {
        GenericRecord r = new GenericData.Record(schema);
        r.put("provider_code", "KGH");
        r.put("hospital_spell_no", spell);
        r.put("nhs_number", NHS_A);
        r.put("age_on_admission", 70);
        r.put("sex", "2");
        r.put("admission_date", (int) LocalDate.of(2021, 5, 1).toEpochDay());
        r.put("admission_method", "21");
        r.put("primary_diagnosis", "J44.0");
        r.put("extract_time", LocalDateTime.of(2021, 5, 2, 0, 0).toInstant(java.time.ZoneOffset.UTC).toEpochMilli());
        IngestStageTest.avroOf(file, schema, List.of(r));
    }
}
