package org.bedflow.jobs.nightly;

import java.util.List;

import org.bedflow.pipeline.ingest.IngestReport;
import org.bedflow.pipeline.publish.RunManifest;

/** The validate stage's counts in the shape of the run manifest (outputs.md). */
public final class IngestSummaries {

    private IngestSummaries() {
    }

    public record Parts(List<RunManifest.Input> inputs, List<RunManifest.Feed> feeds) {
    }

    public static Parts of(IngestReport report) {
        List<RunManifest.Input> inputs = report.files().stream().map(f -> new RunManifest.Input(
                f.file().feed(), f.file().path(), f.file().bytes(), f.file().sha256(), f.rowsRead(), f.accepted(),
                f.quarantined(), f.warnings(), f.excludedSuperseded(), f.excludedOptOut())).toList();
        List<RunManifest.Feed> feeds = report.feeds().stream().map(f -> new RunManifest.Feed(
                f.feed(), f.rowsRead(), f.accepted(), f.quarantined(), f.warnings(), f.excludedSuperseded(),
                f.excludedOptOut(), f.errorRate(), f.threshold(), f.thresholdBreached(), f.errors(),
                f.warningsByReason(), f.unknownColumns())).toList();
        return new Parts(inputs, feeds);
    }
}
