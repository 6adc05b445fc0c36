package org.bedflow.jobs.config;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bedflow.pipeline.link.DrdSettings;
import org.bedflow.pipeline.measure.completeness.CompletenessSettings;
import org.bedflow.pipeline.publish.feedback.SupplierFeedback;
import org.bedflow.pipeline.run.RunConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code bedflow.*}: defaults in the jar's application.yml, overridden by a
 * YAML file given with {@code --config}, environment variables (BEDFLOW_SPARK_MASTER ...)
 * and command-line flags, in that order.
 */
@ConfigurationProperties("bedflow")
public class BedflowProperties {

    private final Spark spark = new Spark();
    /** Share of a feed's rows that may be quarantined before the run fails (exit code 3). */
    private double rejectThreshold = RunConfig.defaults().rejectThreshold();
    /**
     * Per feed overrides: bedflow.feeds.apc_admissions.reject-threshold: 0.02; also per source of a
     * feed descriptor (bedflow.feeds.rwe_admissions.reject-threshold), which outranks the descriptor.
     */
    private Map<String, Feed> feeds = new LinkedHashMap<>();
    /**
     * Share of a source's rows that may carry a warning of one field for a value its descriptor
     * could map (UNMAPPED_CODE, UNKNOWN_CODE) before the run fails (exit code 3); per source or
     * role with bedflow.feeds.<source|role>.warning-threshold.
     */
    private double warningThreshold = RunConfig.defaults().warningThreshold();
    /** Reorganisation mapping: northamptonshire (default), buckinghamshire, cumbria, north_yorkshire, somerset, or a CSV file. */
    private String reorganisation = RunConfig.defaults().reorganisation();
    /** Delay reason mapping: acute-sitrep (default), dtoc, or a CSV file (code, meaning, category, sector). */
    private String delayReasons = RunConfig.defaults().delayReasons();
    /**
     * Folder of feed descriptors (*.yaml, docs/adding-a-feed.md) adding sources to the built-in
     * ones or replacing them; none by default.
     */
    private String feedsDir;
    /**
     * Built-in profiles selected per folder of the input (docs/adding-a-feed.md): a list of
     * {@code {folder: social_care_events/cld, profile: cld-r2}}. A list of pairs rather than a
     * map, because Spring's binding strips the '/' from map keys unless they are bracketed.
     */
    private java.util.List<FeedProfile> feedProfiles = new java.util.ArrayList<>();
    /**
     * Disclosure control of published/ (docs/commissioners.md). On by default; only a configuration file or
     * environment variable can turn it off, never a command-line flag, and the manifest records it.
     */
    private boolean disclosureControl = RunConfig.defaults().disclosureControl();
    /** When a blank Discharge Ready Date means no delay (docs/measures.md, "Discharge Ready Date"). */
    private final Drd drd = new Drd();
    private final Completeness completeness = new Completeness();
    /** bedflow.feedback.*: the feedback files for suppliers (docs/operations.md, "Feedback files for suppliers"). */
    private final Feedback feedback = new Feedback();

    public Feedback getFeedback() {
        return feedback;
    }

    /** When a figure changed since the last run is a revision (docs/operations.md, "What changed since the last run"). */
    private final Changes changes = new Changes();

    private final Cost cost = new Cost();

    public Cost getCost() {
        return cost;
    }

    public Changes getChanges() {
        return changes;
    }

    public Drd getDrd() {
        return drd;
    }

    public Completeness getCompleteness() {
        return completeness;
    }

    public boolean isDisclosureControl() {
        return disclosureControl;
    }

    public void setDisclosureControl(boolean disclosureControl) {
        this.disclosureControl = disclosureControl;
    }

    public String getReorganisation() {
        return reorganisation;
    }

    public void setReorganisation(String reorganisation) {
        this.reorganisation = reorganisation;
    }

    public String getDelayReasons() {
        return delayReasons;
    }

    public void setDelayReasons(String delayReasons) {
        this.delayReasons = delayReasons;
    }

    public String getFeedsDir() {
        return feedsDir;
    }

    public void setFeedsDir(String feedsDir) {
        this.feedsDir = feedsDir;
    }

    public java.util.List<FeedProfile> getFeedProfiles() {
        return feedProfiles;
    }

    public void setFeedProfiles(java.util.List<FeedProfile> feedProfiles) {
        this.feedProfiles = feedProfiles;
    }

    /** folder -> profile, in configuration order */
    public Map<String, String> feedProfileMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (FeedProfile p : feedProfiles) {
            out.put(p.getFolder(), p.getProfile());
        }
        return out;
    }

    public Spark getSpark() {
        return spark;
    }

    public double getRejectThreshold() {
        return rejectThreshold;
    }

    public void setRejectThreshold(double rejectThreshold) {
        this.rejectThreshold = rejectThreshold;
    }

    public double getWarningThreshold() {
        return warningThreshold;
    }

    public void setWarningThreshold(double warningThreshold) {
        this.warningThreshold = warningThreshold;
    }

    private static void share(String setting, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(setting + " must be a share between 0 and 1, not " + v);
        }
    }

    /** Warning threshold per source or role, where set. */
    public Map<String, Double> warningThresholds() {
        Map<String, Double> out = new LinkedHashMap<>();
        feeds.forEach((name, f) -> {
            if (f.getWarningThreshold() != null) {
                out.put(name, f.getWarningThreshold());
            }
        });
        return out;
    }

    public Map<String, Feed> getFeeds() {
        return feeds;
    }

    public void setFeeds(Map<String, Feed> feeds) {
        this.feeds = feeds;
    }

    /** Threshold per feed: the feed's own setting, else the default. */
    public Map<String, Double> thresholds() {
        Map<String, Double> out = new LinkedHashMap<>();
        feeds.forEach((name, f) -> {
            if (f.getRejectThreshold() != null) {
                out.put(name, f.getRejectThreshold());
            }
        });
        return out;
    }

    /** What a run needs of these settings. */
    public RunConfig runConfig() {
        share("bedflow.warning-threshold", warningThreshold);
        warningThresholds().forEach((name, v) -> share("bedflow.feeds." + name + ".warning-threshold", v));
        return new RunConfig(rejectThreshold, thresholds(), reorganisation, delayReasons, feedsDir, disclosureControl,
                drd.settings(), warningThreshold, warningThresholds(), feedProfileMap(), completeness.settings(),
                feedback.getMissingDischargeDays(), changes.limits()).withCost(cost.settings());
    }

    public static class Spark {
        /** local[*] by default; spark://host:7077, yarn, k8s://... for a cluster */
        private String master = "local[*]";
        /** any extra Spark setting, e.g. spark.executor.memory: 4g */
        private Map<String, String> conf = new LinkedHashMap<>();

        public String getMaster() {
            return master;
        }

        public void setMaster(String master) {
            this.master = master;
        }

        public Map<String, String> getConf() {
            return conf;
        }

        public void setConf(Map<String, String> conf) {
            this.conf = conf;
        }
    }

    /** bedflow.drd.*: collection-start, min-overnight-discharges, min-recorded-share. */
    public static class Drd {
        /** From this discharge date (ISO yyyy-MM-dd) a blank DRD on an overnight stay can mean no delay. */
        private String collectionStart = RunConfig.defaults().drd().collectionStart().toString();
        /** A provider-month with at least this many overnight discharges is judged on its share of recorded DRDs. */
        private long minOvernightDischarges = RunConfig.defaults().drd().minOvernightDischarges();
        /** Below this share (0-1) of overnight discharges with a DRD, such a provider-month is not recording. */
        private double minRecordedShare = RunConfig.defaults().drd().minRecordedShare();

        public String getCollectionStart() {
            return collectionStart;
        }

        public void setCollectionStart(String collectionStart) {
            this.collectionStart = collectionStart;
        }

        public long getMinOvernightDischarges() {
            return minOvernightDischarges;
        }

        public void setMinOvernightDischarges(long minOvernightDischarges) {
            this.minOvernightDischarges = minOvernightDischarges;
        }

        public double getMinRecordedShare() {
            return minRecordedShare;
        }

        public void setMinRecordedShare(double minRecordedShare) {
            this.minRecordedShare = minRecordedShare;
        }

        /** The settings; a collection start that is not an ISO date is a configuration error. */
        public DrdSettings settings() {
            LocalDate start;
            try {
                start = LocalDate.parse(collectionStart == null ? "" : collectionStart.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("bedflow.drd.collection-start must be a date yyyy-MM-dd, not "
                        + collectionStart, e);
            }
            return new DrdSettings(start, minOvernightDischarges, minRecordedShare);
        }
    }

    /** bedflow.feedback.*. */
    public static class Feedback {
        /** Admissions more than this many days before the run date still without a discharge are counted. */
        private int missingDischargeDays = SupplierFeedback.DEFAULT_MISSING_DISCHARGE_DAYS;

        public int getMissingDischargeDays() {
            return missingDischargeDays;
        }

        public void setMissingDischargeDays(int missingDischargeDays) {
            this.missingDischargeDays = missingDischargeDays;
        }
    }

    /**
     * bedflow.completeness.*: max-open-excess, min-volume-ratio, min-coding-ratio, min-area-share,
     * max-days-after-data (docs/measures.md, "When a month is provisional").
     */
    public static class Completeness {
        private static final CompletenessSettings DEFAULTS = CompletenessSettings.defaults();
        /**
         * A month whose share (0-1) of admissions with no discharge yet is more than this above the share expected
         * still in hospital at the provider's usual lengths of stay is incomplete.
         */
        private double maxOpenExcess = DEFAULTS.maxOpenExcess();
        /** Below this ratio of the median of the previous 6 months' count, the month is incomplete. */
        private double minVolumeRatio = DEFAULTS.minVolumeRatio();
        /** Below this ratio of the previous months' median share of coded diagnoses, the month is incomplete. */
        private double minCodingRatio = DEFAULTS.minCodingRatio();
        /** A hospital provider shades an area's months from this share (0-1) of the area's spells. */
        private double minAreaShare = DEFAULTS.minAreaShare();
        /** A run date more than this many days after the latest data is a warning. */
        private int maxDaysAfterData = DEFAULTS.maxDaysAfterData();

        public double getMaxOpenExcess() {
            return maxOpenExcess;
        }

        public void setMaxOpenExcess(double maxOpenExcess) {
            this.maxOpenExcess = maxOpenExcess;
        }

        public double getMinVolumeRatio() {
            return minVolumeRatio;
        }

        public void setMinVolumeRatio(double minVolumeRatio) {
            this.minVolumeRatio = minVolumeRatio;
        }

        public double getMinCodingRatio() {
            return minCodingRatio;
        }

        public void setMinCodingRatio(double minCodingRatio) {
            this.minCodingRatio = minCodingRatio;
        }

        public double getMinAreaShare() {
            return minAreaShare;
        }

        public void setMinAreaShare(double minAreaShare) {
            this.minAreaShare = minAreaShare;
        }

        public int getMaxDaysAfterData() {
            return maxDaysAfterData;
        }

        public void setMaxDaysAfterData(int maxDaysAfterData) {
            this.maxDaysAfterData = maxDaysAfterData;
        }

        public CompletenessSettings settings() {
            return new CompletenessSettings(maxOpenExcess, minVolumeRatio, minCodingRatio, minAreaShare,
                    maxDaysAfterData);
        }
    }

    /**
     * bedflow.changes.*: a figure changed since the last run is a revision when it changed by more than
     * {@code min-pct} % and by at least {@code min-count} in the count (docs/operations.md).
     */
    public static class Changes {
        private static final org.bedflow.pipeline.publish.changes.Changes.Limits DEFAULTS =
                org.bedflow.pipeline.publish.changes.Changes.Limits.defaults();
        private double minPct = DEFAULTS.minPct();
        private long minCount = DEFAULTS.minCount();

        public double getMinPct() {
            return minPct;
        }

        public void setMinPct(double minPct) {
            if (minPct < 0) {
                throw new IllegalArgumentException("bedflow.changes.min-pct must be 0 or more, not " + minPct);
            }
            this.minPct = minPct;
        }

        public long getMinCount() {
            return minCount;
        }

        public void setMinCount(long minCount) {
            if (minCount < 0) {
                throw new IllegalArgumentException("bedflow.changes.min-count must be 0 or more, not " + minCount);
            }
            this.minCount = minCount;
        }

        public org.bedflow.pipeline.publish.changes.Changes.Limits limits() {
            return new org.bedflow.pipeline.publish.changes.Changes.Limits(minPct, minCount);
        }
    }

    /**
     * bedflow.cost.*: the prices and scenarios of the report's cost section (docs/cost.md). Prices left unset come
     * from the bundled reference file (reference/unit_costs.csv, each cited with its year); a scenario parameter set
     * to a negative number is left out of the report.
     */
    public static class Cost {
        private Double excessBedDayGbp;
        private Double nonElectiveSpellGbp;
        private int capDelayDays = org.bedflow.pipeline.measure.cost.WhatIf.DEFAULT_CAP_DELAY_DAYS;
        private double drdTargetPct = org.bedflow.pipeline.measure.cost.WhatIf.DEFAULT_DRD_TARGET_PCT;
        private double acscReductionPct = org.bedflow.pipeline.measure.cost.WhatIf.DEFAULT_ACSC_REDUCTION_PCT;

        public Double getExcessBedDayGbp() {
            return excessBedDayGbp;
        }

        public void setExcessBedDayGbp(Double excessBedDayGbp) {
            this.excessBedDayGbp = excessBedDayGbp;
        }

        public Double getNonElectiveSpellGbp() {
            return nonElectiveSpellGbp;
        }

        public void setNonElectiveSpellGbp(Double nonElectiveSpellGbp) {
            this.nonElectiveSpellGbp = nonElectiveSpellGbp;
        }

        public int getCapDelayDays() {
            return capDelayDays;
        }

        public void setCapDelayDays(int capDelayDays) {
            this.capDelayDays = capDelayDays;
        }

        public double getDrdTargetPct() {
            return drdTargetPct;
        }

        public void setDrdTargetPct(double drdTargetPct) {
            this.drdTargetPct = drdTargetPct;
        }

        public double getAcscReductionPct() {
            return acscReductionPct;
        }

        public void setAcscReductionPct(double acscReductionPct) {
            this.acscReductionPct = acscReductionPct;
        }

        public org.bedflow.pipeline.measure.cost.CostSettings settings() {
            return new org.bedflow.pipeline.measure.cost.CostSettings(
                    org.bedflow.pipeline.measure.cost.UnitCosts.of(excessBedDayGbp, nonElectiveSpellGbp),
                    new org.bedflow.pipeline.measure.cost.WhatIf(capDelayDays < 0 ? null : capDelayDays,
                            drdTargetPct < 0 ? null : drdTargetPct, acscReductionPct < 0 ? null : acscReductionPct));
        }
    }

    public static class Feed {
        private Double rejectThreshold;
        private Double warningThreshold;

        public Double getWarningThreshold() {
            return warningThreshold;
        }

        public void setWarningThreshold(Double warningThreshold) {
            this.warningThreshold = warningThreshold;
        }

        public Double getRejectThreshold() {
            return rejectThreshold;
        }

        public void setRejectThreshold(Double rejectThreshold) {
            this.rejectThreshold = rejectThreshold;
        }
    }

    /** One bedflow.feed-profiles entry: a folder below the input read with a built-in profile. */
    public static class FeedProfile {
        private String folder;
        private String profile;

        public String getFolder() {
            return folder;
        }

        public void setFolder(String folder) {
            this.folder = folder;
        }

        public String getProfile() {
            return profile;
        }

        public void setProfile(String profile) {
            this.profile = profile;
        }
    }
}
