package org.bedflow.pipeline.measure.indicators;

import java.util.List;

/**
 * The population age groups the indicators of docs/indicators.md divide by. Ages are single years
 * as in the population feed, where 90 means 90 and over; {@link #to} of the open groups is
 * therefore 120 (the oldest valid age), and the population sums ages {@code from..min(to, 90)}.
 */
public enum AgeGroup {
    ALL_AGES(0, 120),
    AGED_18_PLUS(18, 120),
    AGED_18_64(18, 64),
    AGED_65_PLUS(65, 120);

    private final int from;
    private final int to;

    AgeGroup(int from, int to) {
        this.from = from;
        this.to = to;
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    /** The ESP2013 bands that make up the group (19 for all ages, 6 for 65+). */
    public List<StandardPopulation.Band> bands() {
        return StandardPopulation.bands(from, to);
    }
}
