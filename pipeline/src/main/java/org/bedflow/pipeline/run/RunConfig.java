package org.bedflow.pipeline.run;

import java.nio.file.Path;
import java.util.Map;

import org.bedflow.pipeline.descriptor.FeedDescriptors;
import org.bedflow.pipeline.ingest.IngestOptions;
import org.bedflow.pipeline.link.DrdSettings;
import org.bedflow.pipeline.measure.completeness.CompletenessSettings;
import org.bedflow.pipeline.measure.cost.CostSettings;
import org.bedflow.pipeline.publish.feedback.SupplierFeedback;
import org.bedflow.pipeline.publish.changes.Changes;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.reference.ReorganisationMapping;

/**
 * The settings a run works with (docs/operations.md, "Configuration"): where they come
 * from — the jar's defaults, a {@code --config} file, the environment — is the command
 * line's business; the run only reads them.
 *
 * @param rejectThreshold   share of a feed's rows that may be quarantined before the run fails
 * @param thresholds        per feed role or per descriptor source, overriding the default
 * @param reorganisation    bundled reorganisation mapping name or CSV file
 * @param delayReasons      bundled delay reason mapping name or CSV file
 * @param feedsDir          folder of the data engineer's feed descriptors, or null
 * @param disclosureControl whether {@code published/} is disclosure-controlled
 * @param drd               when a blank Discharge Ready Date means no delay (collection start, recording test)
 * @param warningThreshold  share of a source's rows that may carry a mappable warning of one field
 *                          (UNMAPPED_CODE, UNKNOWN_CODE) before the run fails
 * @param warningThresholds per feed role or per descriptor source, overriding the default warning threshold
 * @param completeness      when a month is provisional because its data is not complete (docs/measures.md)
 * @param missingDischargeDays the feedback files count admissions more than this many days before the run date
 *                          still without a discharge ({@code bedflow.feedback.missing-discharge-days}, 60)
 * @param changes           the limits beyond which a figure changed since the last run is a revision
 * @param cost              the prices and scenarios of the report's cost section (docs/cost.md)
 */
public record RunConfig(double rejectThreshold, Map<String, Double> thresholds, String reorganisation,
                        String delayReasons, String feedsDir, boolean disclosureControl, DrdSettings drd,
                        double warningThreshold, Map<String, Double> warningThresholds,
                        Map<String, String> feedProfiles, CompletenessSettings completeness,
                        int missingDischargeDays, Changes.Limits changes, CostSettings cost) {

    /**
     * @param feedProfiles built-in profiles selected per input folder ({@code bedflow.feed-profiles}:
     *                     {@code social_care_events/cld -> cld-r2}, docs/adding-a-feed.md)
     */
    public RunConfig {
        drd = drd == null ? DrdSettings.defaults() : drd;
        completeness = completeness == null ? CompletenessSettings.defaults() : completeness;
        if (missingDischargeDays < 0) {
            throw new IllegalArgumentException("bedflow.feedback.missing-discharge-days must be 0 or more, not "
                    + missingDischargeDays);
        }
        changes = changes == null ? Changes.Limits.defaults() : changes;
        cost = cost == null ? CostSettings.defaults() : cost;
        warningThresholds = warningThresholds == null ? Map.of() : warningThresholds;
        feedProfiles = feedProfiles == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(feedProfiles));
    }

    /** With the default prices and scenarios of the cost section. */
    public RunConfig(double rejectThreshold, Map<String, Double> thresholds, String reorganisation,
                     String delayReasons, String feedsDir, boolean disclosureControl, DrdSettings drd,
                     double warningThreshold, Map<String, Double> warningThresholds,
                     Map<String, String> feedProfiles, CompletenessSettings completeness,
                     int missingDischargeDays, Changes.Limits changes) {
        this(rejectThreshold, thresholds, reorganisation, delayReasons, feedsDir, disclosureControl, drd,
                warningThreshold, warningThresholds, feedProfiles, completeness, missingDischargeDays, changes, null);
    }

    /** This configuration with other prices and scenarios for the cost section. */
    public RunConfig withCost(CostSettings settings) {
        return new RunConfig(rejectThreshold, thresholds, reorganisation, delayReasons, feedsDir, disclosureControl,
                drd, warningThreshold, warningThresholds, feedProfiles, completeness, missingDischargeDays, changes,
                settings);
    }

    /** With the default days for the feedback files' missing discharges and the default limits of a revision. */
    public RunConfig(double rejectThreshold, Map<String, Double> thresholds, String reorganisation,
                     String delayReasons, String feedsDir, boolean disclosureControl, DrdSettings drd,
                     double warningThreshold, Map<String, Double> warningThresholds,
                     Map<String, String> feedProfiles, CompletenessSettings completeness) {
        this(rejectThreshold, thresholds, reorganisation, delayReasons, feedsDir, disclosureControl, drd,
                warningThreshold, warningThresholds, feedProfiles, completeness,
                SupplierFeedback.DEFAULT_MISSING_DISCHARGE_DAYS, null);
    }

    /** With the default limits of a revision. */
    public RunConfig(double rejectThreshold, Map<String, Double> thresholds, String reorganisation,
                     String delayReasons, String feedsDir, boolean disclosureControl, DrdSettings drd,
                     double warningThreshold, Map<String, Double> warningThresholds,
                     Map<String, String> feedProfiles, CompletenessSettings completeness, int missingDischargeDays) {
        this(rejectThreshold, thresholds, reorganisation, delayReasons, feedsDir, disclosureControl, drd,
                warningThreshold, warningThresholds, feedProfiles, completeness, missingDischargeDays, null);
    }

    /** With the default days for the feedback files' missing discharges. */
    public RunConfig(double rejectThreshold, Map<String, Double> thresholds, String reorganisation,
                     String delayReasons, String feedsDir, boolean disclosureControl, DrdSettings drd,
                     double warningThreshold, Map<String, Double> warningThresholds,
                     Map<String, String> feedProfiles, CompletenessSettings completeness, Changes.Limits changes) {
        this(rejectThreshold, thresholds, reorganisation, delayReasons, feedsDir, disclosureControl, drd,
                warningThreshold, warningThresholds, feedProfiles, completeness,
                SupplierFeedback.DEFAULT_MISSING_DISCHARGE_DAYS, changes);
    }

    /** With the default completeness settings. */
    public RunConfig(double rejectThreshold, Map<String, Double> thresholds, String reorganisation,
                     String delayReasons, String feedsDir, boolean disclosureControl, DrdSettings drd,
                     double warningThreshold, Map<String, Double> warningThresholds,
                     Map<String, String> feedProfiles) {
        this(rejectThreshold, thresholds, reorganisation, delayReasons, feedsDir, disclosureControl, drd,
                warningThreshold, warningThresholds, feedProfiles, null);
    }

    /** With the default warning thresholds (5 %, no overrides) and no profiles selected by configuration. */
    public RunConfig(double rejectThreshold, Map<String, Double> thresholds, String reorganisation,
                     String delayReasons, String feedsDir, boolean disclosureControl, DrdSettings drd) {
        this(rejectThreshold, thresholds, reorganisation, delayReasons, feedsDir, disclosureControl, drd,
                IngestOptions.DEFAULT_WARNING_THRESHOLD, Map.of(), Map.of());
    }

    /** With warning thresholds, no profiles selected by configuration. */
    public RunConfig(double rejectThreshold, Map<String, Double> thresholds, String reorganisation,
                     String delayReasons, String feedsDir, boolean disclosureControl, DrdSettings drd,
                     double warningThreshold, Map<String, Double> warningThresholds) {
        this(rejectThreshold, thresholds, reorganisation, delayReasons, feedsDir, disclosureControl, drd,
                warningThreshold, warningThresholds, Map.of());
    }

    /** The defaults of a fresh installation. */
    public static RunConfig defaults() {
        return new RunConfig(0.05, Map.of(), ReorganisationMapping.DEFAULT, DelayReasons.DEFAULT, null, true,
                DrdSettings.defaults());
    }

    public ReorganisationMapping mapping() {
        return ReorganisationMapping.load(reorganisation);
    }

    public DelayReasons delayReasonMapping() {
        return DelayReasons.load(delayReasons);
    }

    /** The built-in feed descriptors and the data engineer's; a mistake in one is a FeedDescriptorException. */
    public FeedDescriptors descriptors(DelayReasons reasons) {
        return FeedDescriptors.load(feedsDir == null || feedsDir.isBlank() ? null : Path.of(feedsDir), reasons,
                feedProfiles);
    }
}
