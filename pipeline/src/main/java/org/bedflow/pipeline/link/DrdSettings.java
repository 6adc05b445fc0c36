package org.bedflow.pipeline.link;

import java.time.LocalDate;

/**
 * When a blank Discharge Ready Date means "no delay" (docs/measures.md, "Discharge Ready
 * Date"; applied by {@link DischargeReadyDates}).
 *
 * @param collectionStart        the first discharge date from which a blank DRD can mean no delay: NHS England
 *                               asked providers to record the DRD from 1 April 2023
 * @param minOvernightDischarges a provider-month with at least this many overnight discharges is judged on its
 *                               share of recorded DRDs; a smaller one is always treated as recording (too few
 *                               discharges to tell a provider that does not record from one with no delays)
 * @param minRecordedShare       below this share (0-1) of overnight discharges with a DRD, a provider-month large
 *                               enough to judge is treated as not recording DRDs: its blank DRDs are unknown
 */
public record DrdSettings(LocalDate collectionStart, long minOvernightDischarges, double minRecordedShare) {

    public static final LocalDate COLLECTION_START = LocalDate.of(2023, 4, 1);
    public static final long MIN_OVERNIGHT_DISCHARGES = 50;
    public static final double MIN_RECORDED_SHARE = 0.05;

    public DrdSettings {
        if (collectionStart == null) {
            throw new IllegalArgumentException("drd collection start must be a date");
        }
        if (minOvernightDischarges < 0) {
            throw new IllegalArgumentException("drd min-overnight-discharges must be 0 or more, not " + minOvernightDischarges);
        }
        if (!(minRecordedShare >= 0 && minRecordedShare <= 1)) {
            throw new IllegalArgumentException("drd min-recorded-share must be between 0 and 1, not " + minRecordedShare);
        }
    }

    /** 2023-04-01, 50 overnight discharges, 5 %. */
    public static DrdSettings defaults() {
        return new DrdSettings(COLLECTION_START, MIN_OVERNIGHT_DISCHARGES, MIN_RECORDED_SHARE);
    }
}
