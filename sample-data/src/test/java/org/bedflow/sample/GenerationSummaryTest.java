package org.bedflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What {@code bedflow generate} prints: a short table per feed, never an object dump. */
class GenerationSummaryTest {

    @Test
    void the_summary_is_one_line_per_feed_with_its_files_and_rows() {
        GeneratorOptions options = GeneratorOptions.committedSample().withSpells(1_200).withMonths(12);
        var files = List.of(new GenerationSummary.FileCount("apc_admissions", "apc_admissions/a.csv", "csv", 700),
                new GenerationSummary.FileCount("apc_admissions", "apc_admissions/b.csv.gz", "csv.gz", 500),
                new GenerationSummary.FileCount("social_care", "social_care/x.avro", "avro", 1_234));
        var profile = new GenerationSummary.Profile(1_200, 600, 300, 1_100, 100, 11, 5_500, 900, 90, 1_000, 100, 400,
                120, 80, 40, 3, 2, 1);
        var summary = new GenerationSummary(Path.of("/tmp/x"), options, files, 900, 1_200, 812.4, profile);

        String table = summary.table();

        // apc_admissions: 2 files, 700 + 500 = 1,200 rows; social_care: 1 file, 1,234 rows
        assertThat(table.lines()).contains(
                "  feed            files        rows",
                "  apc_admissions      2       1,200",
                "  social_care         1       1,234",
                "900 persons (1 written for every 812 in the county)");
        assertThat(table.lines().findFirst().orElseThrow()).startsWith("1,200 spells, 12 months from ");
        assertThat(table).doesNotContain("GenerationSummary[", "FileCount[", "Profile[");
    }
}
