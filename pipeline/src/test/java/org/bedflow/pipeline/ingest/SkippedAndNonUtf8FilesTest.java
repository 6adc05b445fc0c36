package org.bedflow.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bedflow.pipeline.ingest.IngestStageTest.ADM_HEADER;
import static org.bedflow.pipeline.ingest.IngestStageTest.NHS_A;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.ingest.read.FeedReader;
import org.bedflow.pipeline.schema.FeedInputException;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of a feed folder that are not read are named with the reason, never skipped without a word;
 * a CSV file that is not valid UTF-8 is refused naming the file and the first bad line, never its content.
 */
class SkippedAndNonUtf8FilesTest {

    @TempDir
    Path in;

    final SparkSession spark = SharedSpark.session();

    void write(String feedAndFile, String... lines) throws Exception {
        Path p = in.resolve(feedAndFile);
        Files.createDirectories(p.getParent());
        Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void hidden_and_marker_files_are_listed_as_skipped_with_the_reason() throws Exception {
        write("apc_admissions/rns.csv", ADM_HEADER,
                IngestStageTest.adm("S1", NHS_A, "70", "2022-01-04", "J44.0", "2022-01-05T02:00:00"));
        write("apc_admissions/_late.csv", ADM_HEADER,
                IngestStageTest.adm("S2", NHS_A, "70", "2022-01-04", "J44.0", "2022-01-05T02:00:00"),
                IngestStageTest.adm("S3", NHS_A, "70", "2022-01-04", "J44.0", "2022-01-05T02:00:00"));
        write("apc_admissions/.extra.csv", ADM_HEADER,
                IngestStageTest.adm("S4", NHS_A, "70", "2022-01-04", "J44.0", "2022-01-05T02:00:00"));
        write("apc_admissions/_SUCCESS");
        write("apc_admissions/.rns.csv.crc", "x");

        RawFeed raw = FeedReader.read(spark, in.toString(), Feeds.APC_ADMISSIONS);

        assertThat(raw.files()).extracting(InputFile::path).containsExactly("apc_admissions/rns.csv");
        assertThat(raw.skipped()).extracting(SkippedFile::path).containsExactly(
                "apc_admissions/.extra.csv", "apc_admissions/.rns.csv.crc", "apc_admissions/_SUCCESS",
                "apc_admissions/_late.csv");
        assertThat(raw.skipped()).allSatisfy(s -> assertThat(s.feed()).isEqualTo("apc_admissions"));
        assertThat(raw.skipped().get(0).reason()).contains("starts with '.'");
        assertThat(raw.skipped().get(1).reason()).contains("checksum");
        assertThat(raw.skipped().get(2).reason()).contains("job marker");
        assertThat(raw.skipped().get(3).reason()).contains("starts with '_'");
        assertThat(raw.rows().count()).isEqualTo(1);
    }

    @Test
    void a_folder_holding_only_skipped_files_says_so() throws Exception {
        write("apc_admissions/_late.csv", ADM_HEADER,
                IngestStageTest.adm("S2", NHS_A, "70", "2022-01-04", "J44.0", "2022-01-05T02:00:00"));
        assertThatThrownBy(() -> FeedReader.read(spark, in.toString(), Feeds.APC_ADMISSIONS))
                .isInstanceOf(FeedInputException.class)
                .hasMessageContaining("apc_admissions/_late.csv");
    }

    @Test
    void a_latin1_csv_is_refused_naming_the_file_and_line_not_the_content() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((ADM_HEADER + "\n"
                + IngestStageTest.adm("S1", NHS_A, "70", "2022-01-04", "J44.0", "2022-01-05T02:00:00") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        // line 3: a diagnosis with a Latin-1 é (0xE9), not UTF-8
        bytes.writeBytes((IngestStageTest.adm("S2", NHS_A, "70", "2022-01-04", "Ecz\u00e9ma", "2022-01-05T02:00:00") + "\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Path p = in.resolve("apc_admissions/rns.csv");
        Files.createDirectories(p.getParent());
        Files.write(p, bytes.toByteArray());

        assertThatThrownBy(() -> FeedReader.read(spark, in.toString(), Feeds.APC_ADMISSIONS))
                .isInstanceOf(FeedInputException.class)
                .hasMessageContaining("apc_admissions/rns.csv")
                .hasMessageContaining("line 3")
                .hasMessageContaining("UTF-8")
                .hasMessageNotContaining("Ecz")
                .hasMessageNotContaining(NHS_A);
    }

    @Test
    void a_gzipped_csv_is_checked_whole_and_the_line_counted_across_buffers() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        text.writeBytes((ADM_HEADER + "\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 5000; i++) {
            // valid UTF-8 accented letters, two bytes each, straddling the 64 KiB reads somewhere
            text.writeBytes((IngestStageTest.adm("S" + i, NHS_A, "70", "2022-01-04", "\u00e9\u00e9\u00e9",
                    "2022-01-05T02:00:00") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        text.writeBytes((IngestStageTest.adm("S9", NHS_A, "70", "2022-01-04", "caf\u00e9", "2022-01-05T02:00:00") + "\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Path p = in.resolve("apc_admissions/rns.csv.gz");
        Files.createDirectories(p.getParent());
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(p))) {
            gz.write(text.toByteArray());
        }
        assertThatThrownBy(() -> FeedReader.read(spark, in.toString(), Feeds.APC_ADMISSIONS))
                .isInstanceOf(FeedInputException.class)
                .hasMessageContaining("apc_admissions/rns.csv.gz is not valid UTF-8: line 5002 ")
                .hasMessageNotContaining("caf");
    }
}
