package org.bedflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated case mix has the shape the brief asks for, measured from the files alone. */
class RealismTest {

    private static SampleStats stats;

    @BeforeAll
    static void measure() {
        stats = SampleStats.of(GeneratedSample.committedOptions().outDir());
    }

    @Test
    void admissionMethodMix() {
        assertThat(stats.emergencyPct()).isBetween(50.0, 60.0);
        assertThat(stats.electivePct()).isBetween(35.0, 45.0);
    }

    @Test
    void lengthOfStayHasManySameDayStaysAMedianOfAFewDaysAndALongTail() {
        assertThat(stats.zeroLosShare).isBetween(0.15, 0.35);
        assertThat(stats.medianLos).isBetween(2.0, 4.0);
        assertThat(stats.meanLos).isBetween(4.5, 9.0);
    }

    @Test
    void openSpellsDeathsAndDestinations() {
        assertThat(stats.openPct()).isBetween(3.0, 8.0);
        assertThat(stats.diedPct()).isBetween(2.0, 4.0);
        assertThat(stats.usualResidencePct()).isBetween(68.0, 80.0);
    }

    @Test
    void dischargeReadyDatesAndDelays() {
        assertThat(stats.drdPct()).isBetween(62.0, 80.0);
        assertThat(stats.delayedPct()).isBetween(18.0, 32.0);
        assertThat(stats.meanDelay).isBetween(3.0, 10.0);
    }

    @Test
    void readmissionsAndSocialCareLinkage() {
        assertThat(stats.readmissionPct()).isBetween(4.5, 8.5);
        assertThat(stats.linkagePct()).isBetween(12.0, 22.0);
        assertThat((double) stats.events / stats.admissions).isBetween(0.18, 0.35);
    }

    @Test
    void residenceRecording() {
        assertThat(100.0 * stats.outOfArea / stats.admissions).isBetween(2.0, 4.0);
        assertThat(100.0 * stats.lsoaOnly / stats.admissions).isBetween(1.4, 2.7);
        assertThat(100.0 * stats.noResidence / stats.admissions).isBetween(0.2, 1.0);
        assertThat(100.0 * stats.unitaryAfterVesting / stats.inCountyAfterVesting).isBetween(45.0, 55.0);
    }

    @Test
    void pathwaysFollowDischargeToAssess() {
        long recorded = stats.pathways.entrySet().stream().filter(e -> !e.getKey().equals("none"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
        assertThat(100.0 * stats.pathways.get("0") / recorded).isBetween(45.0, 65.0);
        assertThat(100.0 * stats.pathways.get("1") / recorded).isBetween(18.0, 32.0);
        assertThat(100.0 * stats.pathways.get("2") / recorded).isBetween(8.0, 18.0);
        assertThat(100.0 * stats.pathways.get("3") / recorded).isBetween(5.0, 13.0);
    }
}
