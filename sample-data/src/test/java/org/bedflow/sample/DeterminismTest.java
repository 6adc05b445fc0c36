package org.bedflow.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed and options give byte-identical files; the format does not change the data. */
class DeterminismTest {

    // 12 months across the vesting day, so that all three councils and the resubmissions appear
    private static final GeneratorOptions SMALL = new GeneratorOptions(3_000, 12, YearMonth.of(2020, 10), 7,
            Format.CSV, true);

    @Test
    void sameSeedGivesByteIdenticalFilesInEveryFormat(@TempDir Path a, @TempDir Path b) throws IOException {
        GenerationSummary first = SyntheticFeeds.generate(a, SMALL);
        GenerationSummary second = SyntheticFeeds.generate(b, SMALL);
        assertThat(second.files()).isEqualTo(first.files());
        assertThat(first.files()).extracting(GenerationSummary.FileCount::format)
                .contains("csv", "csv.gz", "avro", "parquet");
        for (GenerationSummary.FileCount f : first.files()) {
            assertThat(Files.readAllBytes(b.resolve(f.path()))).as(f.path())
                    .isEqualTo(Files.readAllBytes(a.resolve(f.path())));
        }
    }

    @Test
    void sameSeedGivesByteIdenticalParquet(@TempDir Path a, @TempDir Path b) throws IOException {
        GeneratorOptions parquet = SMALL.withFormat(Format.PARQUET).withSampleExtras(false);
        GenerationSummary first = SyntheticFeeds.generate(a, parquet);
        SyntheticFeeds.generate(b, parquet);
        assertThat(first.files()).allSatisfy(f -> assertThat(f.format()).isEqualTo("parquet"));
        for (GenerationSummary.FileCount f : first.files()) {
            assertThat(Files.readAllBytes(b.resolve(f.path()))).as(f.path())
                    .isEqualTo(Files.readAllBytes(a.resolve(f.path())));
        }
    }

    @Test
    void anotherSeedGivesOtherData(@TempDir Path a, @TempDir Path b) {
        SyntheticFeeds.generate(a, SMALL);
        SyntheticFeeds.generate(b, SMALL.withSeed(8));
        assertThat(FeedFiles.readFeed(b, Recorder.ADMISSIONS)).isNotEqualTo(FeedFiles.readFeed(a, Recorder.ADMISSIONS));
    }

    @Test
    void csvAndParquetCarryTheSameRows(@TempDir Path csv, @TempDir Path parquet) {
        GenerationSummary c = SyntheticFeeds.generate(csv, SMALL.withSampleExtras(false));
        GenerationSummary p = SyntheticFeeds.generate(parquet, SMALL.withFormat(Format.PARQUET).withSampleExtras(false));
        assertThat(p.rowsByFeed()).isEqualTo(c.rowsByFeed());
        for (String feed : c.rowsByFeed().keySet()) {
            List<Map<String, String>> fromCsv = FeedFiles.readFeed(csv, feed);
            List<Map<String, String>> fromParquet = FeedFiles.readFeed(parquet, feed);
            assertThat(fromParquet).as(feed).isEqualTo(fromCsv);
        }
    }

    @Test
    void writesExactlyTheRequestedNumberOfSpells(@TempDir Path dir) {
        GenerationSummary s = SyntheticFeeds.generate(dir, SMALL.withSampleExtras(false));
        long mainAdmissionRows = s.files().stream()
                .filter(f -> f.feed().equals(Recorder.ADMISSIONS) && !f.path().contains("resubmission"))
                .mapToLong(GenerationSummary.FileCount::rows).sum();
        assertThat(s.spells()).isEqualTo(3_000);
        assertThat(mainAdmissionRows).isEqualTo(3_000);
    }

    @Test
    void refusesAFolderThatAlreadyHoldsExtracts(@TempDir Path dir) {
        SyntheticFeeds.generate(dir, SMALL.withSpells(100));
        assertThatThrownBy(() -> SyntheticFeeds.generate(dir, SMALL.withSpells(100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already holds files");
    }
}
