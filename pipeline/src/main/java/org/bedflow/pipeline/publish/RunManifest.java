package org.bedflow.pipeline.publish;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code runs/<run_id>/manifest.json} (docs/operations.md): what a run read, what it wrote, and
 * the proof that every input row is accounted for. Keys are snake_case. A completed nightly run also
 * records its run-date {@code warnings} and, per feed and supplier, its {@code completeness}
 * (docs/measures.md, "When a month is provisional"); other runs leave both out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunManifest(
        String runId,
        String runDate,
        String status,
        String startedAt,
        String finishedAt,
        String bedflowVersion,
        String gitCommit,
        String sparkMaster,
        String configSha256,
        String input,
        Boolean disclosureControl,
        String failure,
        List<Input> inputs,
        List<Feed> feeds,
        List<Output> outputs,
        List<String> warnings,
        List<SupplierCompleteness> completeness,
        List<FeedbackFolder> feedback,
        ChangesSummary changes) {

    /** Without the feedback folders and the comparison with the previous run (a run that wrote neither). */
    public RunManifest(String runId, String runDate, String status, String startedAt, String finishedAt,
                       String bedflowVersion, String gitCommit, String sparkMaster, String configSha256, String input,
                       Boolean disclosureControl, String failure, List<Input> inputs, List<Feed> feeds,
                       List<Output> outputs, List<String> warnings, List<SupplierCompleteness> completeness) {
        this(runId, runDate, status, startedAt, finishedAt, bedflowVersion, gitCommit, sparkMaster, configSha256,
                input, disclosureControl, failure, inputs, feeds, outputs, warnings, completeness, null, null);
    }

    /** Without warnings nor completeness (a run that computed no measure). */
    public RunManifest(String runId, String runDate, String status, String startedAt, String finishedAt,
                       String bedflowVersion, String gitCommit, String sparkMaster, String configSha256, String input,
                       Boolean disclosureControl, String failure, List<Input> inputs, List<Feed> feeds,
                       List<Output> outputs) {
        this(runId, runDate, status, startedAt, finishedAt, bedflowVersion, gitCommit, sparkMaster, configSha256,
                input, disclosureControl, failure, inputs, feeds, outputs, null, null);
    }

    /** This manifest with the run-date warnings and the completeness per feed and supplier. */
    public RunManifest with(List<String> runWarnings, List<SupplierCompleteness> suppliers) {
        return new RunManifest(runId, runDate, status, startedAt, finishedAt, bedflowVersion, gitCommit, sparkMaster,
                configSha256, input, disclosureControl, failure, inputs, feeds, outputs, runWarnings, suppliers,
                feedback, changes);
    }

    /** This manifest with the feedback folders the run wrote (docs/operations.md, "Feedback files for suppliers"). */
    public RunManifest withFeedback(List<FeedbackFolder> folders) {
        return new RunManifest(runId, runDate, status, startedAt, finishedAt, bedflowVersion, gitCommit, sparkMaster,
                configSha256, input, disclosureControl, failure, inputs, feeds, outputs, warnings, completeness,
                folders, changes);
    }

    /**
     * One supplier's feedback folder: {@code feedback/<supplier>/} (or {@code feedback/_unattributed/}) and its rows
     * to fix, quarantined (ERROR) and warned (WARNING), as counted in this run's {@code rejects}.
     */
    public record FeedbackFolder(String supplier, String folder, long errors, long warnings) {

        public long rowsToFix() {
            return errors + warnings;
        }
    }

    /** This manifest with the summary of what changed since the previous run (null: none). */
    public RunManifest withChanges(ChangesSummary summary) {
        return new RunManifest(runId, runDate, status, startedAt, finishedAt, bedflowVersion, gitCommit, sparkMaster,
                configSha256, input, disclosureControl, failure, inputs, feeds, outputs, warnings, completeness,
                feedback, summary);
    }

    /**
     * What changed since the previous run (docs/operations.md, "What changed since the last run"): the run
     * compared with, the changes file (relative to the output folder), the limits of a revision and the changed
     * figures per flag.
     */
    public record ChangesSummary(String previousRunId, String path, double minPct, long minCount,
                                 Map<String, Long> counts) {
    }

    /**
     * One feed and supplier: its last complete month and, when a later month is provisional, that month and why
     * ({@code 2022-03: 389 of 475 admissions (82 %) have no discharge yet, where about 19 (4 %) would still be in
     * hospital at this provider's usual lengths of stay; limit 5 points above that}).
     *
     * @param shades whether its provisional months shade a configured area's months
     */
    public record SupplierCompleteness(String feed, String supplier, String lastCompleteMonth,
                                       String firstProvisionalMonth, String reason, boolean shades) {
    }

    /** One extract file. {@code rows_read = accepted + quarantined + excluded_superseded + excluded_opt_out}. */
    public record Input(String feed, String path, long bytes, String sha256, long rowsRead, long accepted,
                        long quarantined, long warnings, long excludedSuperseded, long excludedOptOut) {

        public boolean balances() {
            return rowsRead == accepted + quarantined + excludedSuperseded + excludedOptOut;
        }
    }

    /**
     * Per feed totals, reason counts and the unknown columns seen (listed once); the files found in
     * the feed folder and not read, each with why ({@code skipped_files}, left out when none).
     */
    public record Feed(String feed, long rowsRead, long accepted, long quarantined, long warnings,
                       long excludedSuperseded, long excludedOptOut, double errorRate, double threshold,
                       boolean thresholdBreached, Map<String, Long> errors, Map<String, Long> warningsByReason,
                       List<String> unknownColumns, @JsonInclude(JsonInclude.Include.NON_NULL) List<Source> sources,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Skipped> skippedFiles) {

        /** Without the files not read. */
        public Feed(String feed, long rowsRead, long accepted, long quarantined, long warnings,
                    long excludedSuperseded, long excludedOptOut, double errorRate, double threshold,
                    boolean thresholdBreached, Map<String, Long> errors, Map<String, Long> warningsByReason,
                    List<String> unknownColumns, List<Source> sources) {
            this(feed, rowsRead, accepted, quarantined, warnings, excludedSuperseded, excludedOptOut, errorRate,
                    threshold, thresholdBreached, errors, warningsByReason, unknownColumns, sources, null);
        }

        /** Without the per-source rates. */
        public Feed(String feed, long rowsRead, long accepted, long quarantined, long warnings,
                    long excludedSuperseded, long excludedOptOut, double errorRate, double threshold,
                    boolean thresholdBreached, Map<String, Long> errors, Map<String, Long> warningsByReason,
                    List<String> unknownColumns) {
            this(feed, rowsRead, accepted, quarantined, warnings, excludedSuperseded, excludedOptOut, errorRate,
                    threshold, thresholdBreached, errors, warningsByReason, unknownColumns, null);
        }
    }

    /**
     * One source (descriptor) of a feed: its error rate and its largest share of rows with a
     * mappable warning of one field, each against the threshold that applied and the setting it
     * came from; the rows with such warnings per {@code field CODE}; the fields indicators need
     * that it never fills ({@code fields: what it disables}, {@code ERROR } first when it stops the run).
     */
    public record Source(String source, String origin, long rowsRead, double errorRate, double errorThreshold,
                         String errorThresholdFrom, boolean errorBreached, double warningRate, double warningThreshold,
                         String warningThresholdFrom, boolean warningBreached, Map<String, Long> warningsByField,
                         List<String> neverFilled) {
    }

    /** A file found in a feed folder and not read: its path (relative to the input folder) and why; never its content. */
    public record Skipped(String path, String reason) {
    }

    public record Output(String table, long rows) {
    }
}
