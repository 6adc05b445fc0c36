package org.bedflow.pipeline.measure.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * The three scenarios of the cost section and of {@code bedflow whatif} (docs/cost.md), each worked out on its own
 * against what happened (they are never added together: a delay shortened by one would be counted again by
 * another). A null parameter leaves its scenario out. The defaults are illustrations chosen by bedflow, not national
 * targets.
 *
 * @param capDelayDays      "delays capped at N days": no discharge waits more than N days after its Discharge Ready
 *                          Date; each longer delay releases its days beyond N
 * @param drdTargetPct      "% discharged on the DRD reaches P": in each area and month below P, the fewest delayed
 *                          discharges needed to reach P are discharged on their DRD, the shortest delays first
 *                          (the ones most easily avoided; so the days released are a lower bound)
 * @param acscReductionPct  "ACSC admissions down by X %": X % of the emergency admissions for ambulatory care
 *                          sensitive conditions, and of their bed days, avoided
 */
public record WhatIf(Integer capDelayDays, Double drdTargetPct, Double acscReductionPct) {

    public static final int DEFAULT_CAP_DELAY_DAYS = 7;
    public static final double DEFAULT_DRD_TARGET_PCT = 90;
    public static final double DEFAULT_ACSC_REDUCTION_PCT = 10;

    public WhatIf {
        if (capDelayDays != null && capDelayDays < 0) {
            throw new IllegalArgumentException("delays capped at N days: N must be 0 or more, not " + capDelayDays);
        }
        if (drdTargetPct != null && !(drdTargetPct >= 0 && drdTargetPct <= 100)) {
            throw new IllegalArgumentException("% discharged on the DRD must be 0 to 100, not " + drdTargetPct);
        }
        if (acscReductionPct != null && !(acscReductionPct >= 0 && acscReductionPct <= 100)) {
            throw new IllegalArgumentException("ACSC admissions down by X %: X must be 0 to 100, not "
                    + acscReductionPct);
        }
    }

    public static WhatIf defaults() {
        return new WhatIf(DEFAULT_CAP_DELAY_DAYS, DEFAULT_DRD_TARGET_PCT, DEFAULT_ACSC_REDUCTION_PCT);
    }

    /** The scenarios in words, one line each, to print beside the figures. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (capDelayDays != null) {
            lines.add("Delays capped at " + capDelayDays + " days: every discharge delayed more than " + capDelayDays
                    + " days after its Discharge Ready Date leaves on day " + capDelayDays + "; the days beyond are "
                    + "released.");
        }
        if (drdTargetPct != null) {
            lines.add("% discharged on the DRD reaches " + number(drdTargetPct) + " %: in each area and month below "
                    + "it, the fewest delayed discharges needed to reach it leave on their Discharge Ready Date, the "
                    + "shortest delays first (a lower bound of the days released).");
        }
        if (acscReductionPct != null) {
            lines.add("ACSC admissions down by " + number(acscReductionPct) + " %: that share of the emergency "
                    + "admissions for ambulatory care sensitive conditions, and of their bed days, does not happen.");
        }
        return lines;
    }

    static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
