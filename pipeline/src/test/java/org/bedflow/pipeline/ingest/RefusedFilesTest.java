package org.bedflow.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bedflow.pipeline.ingest.IngestStageTest.ADM_HEADER;
import static org.bedflow.pipeline.ingest.IngestStageTest.NHS_A;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.avro.Schema;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.ingest.read.FeedReader;
import org.bedflow.pipeline.schema.FeedInputException;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/validation.md "The input folder": a file that cannot be read as what its name says (a gzip file cut
 * short, a .gz that is not gzip, a binary file named .csv, an Avro file written with another schema) is
 * refused before any row is read, naming the file and what is wrong in words, never a byte of it.
 */
class RefusedFilesTest {

    @TempDir
    Path in;

    final SparkSession spark = SharedSpark.session();

    static final String ROW = IngestStageTest.adm("S1", NHS_A, "70", "2022-01-04", "J44.0", "2022-01-05T02:00:00");

    Path file(String feedAndFile, byte[] bytes) throws Exception {
        Path p = in.resolve(feedAndFile);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p;
    }

    static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    void refused(String message, String... notShown) {
        assertThatThrownBy(() -> FeedReader.read(spark, in.toString(), Feeds.APC_ADMISSIONS))
                .isInstanceOf(FeedInputException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> {
                    for (String s : notShown) {
                        org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain(s);
                    }
                });
    }

    @Test
    void a_gzip_file_cut_short_is_refused_as_incomplete() throws Exception {
        StringBuilder text = new StringBuilder(ADM_HEADER).append('\n');
        for (int i = 0; i < 200; i++) {
            text.append(IngestStageTest.adm("S" + i, NHS_A, "70", "2022-01-04", "J44.0", "2022-01-05T02:00:00")).append('\n');
        }
        byte[] whole = gzip(text.toString());
        file("apc_admissions/rns.csv.gz", Arrays.copyOf(whole, whole.length / 2));
        refused("apc_admissions/rns.csv.gz: is not a complete gzip file (it ends early); the file is refused.",
                NHS_A, "ZLIB");
    }

    @Test
    void a_gzip_file_missing_only_its_trailer_is_refused_as_incomplete() throws Exception {
        byte[] whole = gzip(ADM_HEADER + "\n" + ROW + "\n");
        file("apc_admissions/rns.csv.gz", Arrays.copyOf(whole, whole.length - 4));
        refused("apc_admissions/rns.csv.gz: is not a complete gzip file (it ends early)");
    }

    @Test
    void a_file_named_gz_that_is_not_gzip_is_refused() throws Exception {
        file("apc_admissions/rns.csv.gz", (ADM_HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8));
        refused("apc_admissions/rns.csv.gz: is not a gzip file (its name ends in .gz but it does not start as a gzip "
                + "file does)", NHS_A, "RNS");
    }

    @Test
    void a_binary_file_named_csv_is_refused_naming_the_line_with_the_nul_byte_and_none_of_its_bytes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((ADM_HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("PK\u0003\u0004\u0000\u0000secret".getBytes(StandardCharsets.UTF_8));
        file("apc_admissions/rns.csv", bytes.toByteArray());
        refused("apc_admissions/rns.csv: line 3 is not text (it holds a NUL byte); is it a CSV file?",
                "PK", "secret", "\u0000", "\u0003", NHS_A);
    }

    @Test
    void a_binary_file_from_its_first_byte_is_refused_at_line_1() throws Exception {
        file("apc_admissions/rns.csv", new byte[] {0, 0, 1, 2, 'a', ',', 'b'});
        refused("apc_admissions/rns.csv: line 1 is not text (it holds a NUL byte); is it a CSV file?");
    }

    @Test
    void a_file_named_parquet_that_is_not_parquet_is_refused_without_its_bytes() throws Exception {
        file("apc_admissions/rns.parquet", (ADM_HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8));
        refused("apc_admissions/rns.parquet cannot be read as Parquet: it is not a Parquet file, or it is incomplete "
                + "(its footer is missing or damaged); the file is refused", "magic", "[");
    }

    @Test
    void a_file_named_avro_that_is_not_avro_is_refused_in_words() throws Exception {
        file("apc_admissions/rns.avro", (ADM_HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8));
        refused("apc_admissions/rns.avro cannot be read as Avro: it is not an Avro data file, or its header is damaged; "
                + "the file is refused", NHS_A);
    }

    @Test
    void an_avro_field_of_another_type_is_named_with_both_types_in_words() throws Exception {
        Schema longDate = new Schema.Parser().parse(Feeds.APC_ADMISSIONS.avro().toString().replace(
                "{\"name\":\"admission_date\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"}",
                "{\"name\":\"admission_date\",\"type\":\"long\""));
        org.assertj.core.api.Assertions.assertThat(longDate.getField("admission_date").schema().getType())
                .isEqualTo(Schema.Type.LONG);
        IngestStageTest.avroOf(in.resolve("apc_admissions/bad.avro"), longDate, List.of());
        refused("apc_admissions/bad.avro: its Avro schema cannot be read as the apc_admissions schema: "
                + "field `admission_date` is long in the file but the feed needs int/date. Write the file with the "
                + "feed's schema (schemas/src/main/avro/feed/apc_admissions.avsc)", "TYPE_MISMATCH", "/fields");
    }

    @Test
    void an_avro_file_whose_records_have_another_name_says_so_in_words() throws Exception {
        Schema old = new Schema.Parser().parse(Feeds.APC_ADMISSIONS.avro().toString()
                .replace("\"name\":\"ApcAdmission\"", "\"name\":\"Old\""));
        IngestStageTest.avroOf(in.resolve("apc_admissions/old.avro"), old, List.of());
        refused("apc_admissions/old.avro: its Avro schema cannot be read as the apc_admissions schema: "
                + "its records are named `", "expected:", "/name");
        assertThatThrownBy(() -> FeedReader.read(spark, in.toString(), Feeds.APC_ADMISSIONS))
                .hasMessageContaining("Old` in the file but the feed's are `")
                .hasMessageContaining(Feeds.APC_ADMISSIONS.avro().getFullName());
    }

    @Test
    void an_avro_field_the_feed_needs_but_the_file_lacks_is_named() throws Exception {
        Schema without = IngestStageTest.record(Feeds.APC_ADMISSIONS.avro(), List.of("spell_id"), false);
        IngestStageTest.avroOf(in.resolve("apc_admissions/short.avro"), without, List.of());
        refused("apc_admissions/short.avro: its Avro schema cannot be read as the apc_admissions schema: "
                + "field `spell_id` is not in the file and the feed needs it (it may not be empty)");
    }

    @Test
    void an_avro_union_with_a_type_the_feed_cannot_read_is_named() throws Exception {
        Schema full = Feeds.APC_ADMISSIONS.avro();
        List<Schema.Field> fields = new java.util.ArrayList<>();
        for (Schema.Field f : full.getFields()) {
            fields.add(new Schema.Field(f.name(), f.name().equals("lsoa_code") ? Schema.createUnion(
                    Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.INT)) : f.schema(), f.doc(), f.defaultVal()));
        }
        Schema intLsoa = Schema.createRecord(full.getName(), full.getDoc(), full.getNamespace(), false, fields);
        IngestStageTest.avroOf(in.resolve("apc_admissions/u.avro"), intLsoa, List.of());
        refused("apc_admissions/u.avro: its Avro schema cannot be read as the apc_admissions schema: "
                + "field `lsoa_code` can be int in the file but the feed needs string or empty");
    }
}
