package org.bedflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The committed sample IS generator output: regenerating with the committed options gives the
 * same files (bytes for CSV and Avro, whose sync marker is derived from the seed; decompressed
 * bytes for .csv.gz, whose compressed form depends on the zlib build; records for Parquet).
 * Run with {@code -Dbedflow.sample.regenerate=true} to rewrite the committed files first.
 */
class CommittedSampleTest {

    private static final long MAX_BYTES = 5L * 1024 * 1024;

    private static GenerationSummary fresh;
    private static Path committed;

    @BeforeAll
    static void generate() {
        committed = GeneratedSample.committed();
        if (Boolean.getBoolean("bedflow.sample.regenerate")) {
            SampleDataSet.regenerate(committed);
        }
        fresh = GeneratedSample.committedOptions();
    }

    @Test
    void committedFilesEqualARegeneration() throws IOException {
        for (GenerationSummary.FileCount f : fresh.files()) {
            Path mine = committed.resolve(f.path());
            Path theirs = fresh.outDir().resolve(f.path());
            assertThat(mine).as("committed file %s", f.path()).exists();
            switch (f.format()) {
                case "parquet" -> assertThat(FeedFiles.read(mine)).as(f.path()).isEqualTo(FeedFiles.read(theirs));
                case "csv.gz" -> assertThat(gunzip(mine)).as(f.path()).isEqualTo(gunzip(theirs));
                default -> assertThat(Files.readAllBytes(mine)).as(f.path()).isEqualTo(Files.readAllBytes(theirs));
            }
        }
    }

    @Test
    void committedFolderHoldsOnlyGeneratedAndHandMadeFiles() throws IOException {
        TreeSet<String> expected = new TreeSet<>();
        fresh.files().forEach(f -> expected.add(f.path()));
        expected.add("apc_admissions/zz_bad_rows.csv");
        expected.add("apc_discharges/zz_bad_rows.csv");
        expected.add("social_care_events/zz_bad_rows.csv");
        TreeSet<String> actual = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(committed)) {
            walk.filter(Files::isRegularFile)
                    .forEach(p -> actual.add(committed.relativize(p).toString().replace('\\', '/')));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void mixesFormatsAsTheReadersMustSupport() {
        assertThat(fresh.files()).extracting(GenerationSummary.FileCount::path).contains(
                "apc_discharges/RNQ_2020-04_2025-03.avro",
                "social_care_events/E06000062_2021-04_2025-03.parquet",
                "apc_admissions/RD8_2020-04_2025-03.csv.gz",
                "apc_admissions/RNS_2020-04_2025-03.csv");
    }

    @Test
    void staysUnderFiveMegabytes() throws IOException {
        long bytes;
        try (Stream<Path> walk = Files.walk(committed)) {
            bytes = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(bytes).isLessThan(MAX_BYTES);
    }

    @Test
    void isTheDocumentedGeneration() {
        GeneratorOptions o = fresh.options();
        assertThat(o.spells()).isEqualTo(22_000);
        assertThat(o.months()).isEqualTo(60);
        assertThat(o.end()).hasToString("2025-03");
        assertThat(o.start()).hasToString("2020-04");
        assertThat(o.seed()).isEqualTo(42);
        Map<String, Long> rows = fresh.rowsByFeed();
        assertThat(rows).containsOnlyKeys(List.of("apc_admissions", "apc_discharges", "social_care_events",
                "population", "geography", "opt_outs"));
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }
}
