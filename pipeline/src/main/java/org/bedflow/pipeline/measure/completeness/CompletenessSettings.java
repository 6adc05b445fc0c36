package org.bedflow.pipeline.measure.completeness;

/**
 * The limits of bedflow's completeness rule ({@link FeedCompleteness}; docs/measures.md, "When a month is
 * provisional"). These are bedflow's own choices, not a national definition.
 *
 * @param maxOpenExcess      a month's share of one provider's admissions with no discharge yet may be at most this
 *                           much (0-1, percentage points / 100) above the share expected still in hospital at the
 *                           provider's usual lengths of stay, for the month to be complete (default 0.05: 5 points)
 * @param minVolumeRatio     a month's count may not be below this ratio of the median of the same supplier's
 *                           previous {@value #LOOKBACK_MONTHS} months (default 0.75)
 * @param minCodingRatio     a month's share of spells with a coded primary diagnosis may not be below this ratio of
 *                           the median share of the previous {@value #LOOKBACK_MONTHS} months (default 0.9)
 * @param minAreaShare       a hospital provider shades an area's months only when it supplies at least this share
 *                           (0-1) of the area's spells (default 5 %)
 * @param maxDaysAfterData   a run date more than this many days after the latest admission or discharge date is
 *                           a warning (default 62)
 */
public record CompletenessSettings(double maxOpenExcess, double minVolumeRatio, double minCodingRatio,
                                   double minAreaShare, int maxDaysAfterData) {

    /** How many previous months the volume and coding checks compare against. */
    public static final int LOOKBACK_MONTHS = 6;
    /** Fewer previous months than this: no volume or coding judgement. */
    public static final int MIN_PREVIOUS_MONTHS = 3;

    /**
     * The baseline of a provider's usual lengths of stay: its spells admitted at least this many days before the
     * latest data date.
     */
    public static final int BASELINE_DAYS = 365;
    /** Fewer baseline spells than this: no baseline year, so no admission is expected still in hospital. */
    public static final int MIN_BASELINE_SPELLS = 100;

    public static final double MAX_OPEN_EXCESS = 0.05;
    public static final double MIN_VOLUME_RATIO = 0.75;
    public static final double MIN_CODING_RATIO = 0.9;
    public static final double MIN_AREA_SHARE = 0.05;
    public static final int MAX_DAYS_AFTER_DATA = 62;

    public CompletenessSettings {
        share("max-open-excess", maxOpenExcess);
        share("min-volume-ratio", minVolumeRatio);
        share("min-coding-ratio", minCodingRatio);
        share("min-area-share", minAreaShare);
        if (maxDaysAfterData < 0) {
            throw new IllegalArgumentException("completeness max-days-after-data must be 0 or more, not "
                    + maxDaysAfterData);
        }
    }

    private static void share(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("completeness " + name + " must be between 0 and 1, not " + v);
        }
    }

    /** 5 points of open admissions above the expected share, 0.75 of the volume median, 0.9 of the coding median, 5 % of an area's spells, 62 days. */
    public static CompletenessSettings defaults() {
        return new CompletenessSettings(MAX_OPEN_EXCESS, MIN_VOLUME_RATIO, MIN_CODING_RATIO, MIN_AREA_SHARE,
                MAX_DAYS_AFTER_DATA);
    }
}
