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
        // 60 days of reporting lag at the end of 60 months
        assertThat(stats.openPct()).isBetween(1.0, 4.0);
        assertThat(stats.diedPct()).isBetween(2.0, 4.0);
        assertThat(stats.usualResidencePct()).isBetween(65.0, 80.0);
    }

    @Test
    void dischargeReadyDatesAreMostlyBlankAndMostOfThoseRecordedAreDelays() {
        // over both eras: occasional recording (delayed stays) before April 2023, blank on most
        // discharges on the ready day after it (NationalFieldsTest has the detail)
        assertThat(stats.drdPct()).isBetween(5.0, 15.0);
        assertThat(stats.delayedPct()).isBetween(60.0, 90.0);
        assertThat(stats.meanDelay).isBetween(4.0, 12.0);
    }

    @Test
    void readmissionsAndSocialCareLinkage() {
        assertThat(stats.readmissionPct()).isBetween(9.0, 15.0);
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
