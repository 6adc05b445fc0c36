package org.bedflow.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.bedflow.pipeline.ingest.IngestReport;
import org.bedflow.pipeline.ingest.SkippedFile;
import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.publish.report.RunReport;
import org.junit.jupiter.api.Test;

/** Files of a feed folder that were not read are named, with why, in the manifest and the run report. */
class SkippedFilesManifestTest {

    static final String WHY = "not read: its name starts with '_' (hidden to Hadoop and Spark); rename it to have it read";

    @Test
    void skipped_files_are_in_the_manifest_of_their_feed_and_in_the_report() throws Exception {
        IngestReport report = new IngestReport(List.of(), List.of(
                new IngestReport.FeedCounts("apc_admissions", 1, 1, 1, 0, 0, 0, 0, 0, 0.05, false, Map.of(), Map.of(),
                        List.of()),
                new IngestReport.FeedCounts("population", 0, 0, 0, 0, 0, 0, 0, 0, 0.05, false, Map.of(), Map.of(),
                        List.of())),
                List.of(), List.of(), List.of(new SkippedFile("apc_admissions", "apc_admissions/_late.csv", WHY)));

        List<RunManifest.Feed> feeds = ValidateFeeds.feeds(report);

        assertThat(feeds.get(0).skippedFiles()).containsExactly(new RunManifest.Skipped("apc_admissions/_late.csv", WHY));
        assertThat(feeds.get(1).skippedFiles()).isNullOrEmpty();
        String json = ManifestFiles.json().writeValueAsString(feeds);
        var tree = ManifestFiles.json().readTree(json);
        assertThat(tree.get(0).get("skipped_files").get(0).get("path").asText()).isEqualTo("apc_admissions/_late.csv");
        assertThat(tree.get(0).get("skipped_files").get(0).get("reason").asText()).isEqualTo(WHY);
        assertThat(tree.get(0).get("skipped_files").get(0).size()).as("path and reason only").isEqualTo(2);
        assertThat(tree.get(1).has("skipped_files")).as("left out when none").isFalse();

        RunManifest m = new RunManifest("r1", "2022-03-20", "FAILED", "2022-04-01T02:00:00Z", "2022-04-01T02:01:00Z",
                "0.1.0", "abc", "local[*]", "f".repeat(64), "/data/feeds", true, null, List.of(), feeds, List.of());
        String html = RunReport.render(new RunReport.Input(m, "nightly", List.of(), null, null));
        assertThat(html).contains("Files not read", "<code>apc_admissions/_late.csv</code>",
                "its name starts with &#39;_&#39;");
    }
}
