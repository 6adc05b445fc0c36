package org.bedflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fields the national definitions need are there and realistic (measured from the files of
 * a fresh generation of the committed sample): patient classification, maternity, cancer and
 * chemotherapy, angina with and without an excluded procedure, transfers, Discharge Ready Date
 * recording by era and provider, delay bands, acute-sitrep reasons and recorded sectors.
 */
class NationalFieldsTest {

    private static NationalFieldsStats stats;

    @BeforeAll
    static void measure() {
        stats = NationalFieldsStats.of(GeneratedSample.committedOptions().outDir());
    }

    @Test
    void patientClassificationIsMostlyOrdinaryWithDayCasesAndAFewRegularAttenders() {
        long n = stats.spells.size();
        assertThat(100.0 * stats.classifications.get("1") / n).isBetween(75.0, 90.0);
        assertThat(100.0 * stats.dayCases / n).isBetween(10.0, 15.0);
        assertThat(stats.dayCasesNotElectiveSameDay).as("day cases are planned same-day spells").isZero();
        assertThat(stats.classifications.get("3")).isBetween(50L, 800L);
        assertThat(stats.classifications.get("4")).isBetween(5L, 200L);
        assertThat(stats.classifications.get("5")).isBetween(1L, 50L);
        assertThat(stats.classifications).doesNotContainKey("none");
        assertThat(stats.withSpecialty).isEqualTo(n);
    }

    @Test
    void maternityCancerAndChemotherapyArePresent() {
        assertThat(stats.maternity).isGreaterThan(300);
        assertThat(stats.maternityWomenOutside18To45).isZero();
        assertThat(stats.cancer).isGreaterThan(500);
        assertThat(stats.chemotherapy).isGreaterThan(200);
        assertThat(stats.chemotherapyNotDayCase).as("chemotherapy is a day case or regular day attendance").isZero();
        assertThat(stats.chemotherapyPersonsRepeated).as("courses: the 365-day look-back matters").isGreaterThan(50);
    }

    @Test
    void anginaEmergenciesComeWithAndWithoutAnExcludedPrimaryProcedure() {
        assertThat(stats.anginaEmergency).isGreaterThan(150);
        assertThat(stats.anginaExcludedProcedure).isGreaterThan(50);
        assertThat(stats.anginaOtherOrNoProcedure).isGreaterThan(50);
        assertThat(100.0 * stats.withProcedures / stats.spells.size()).isBetween(25.0, 65.0);
    }

    @Test
    void patientsAreTransferredBetweenKetteringAndNorthampton() {
        assertThat(stats.transfersBetweenRnqAndRns).isBetween(15L, 80L);
        assertThat(stats.transfers).isBetween(20L, 150L);
    }

    @Test
    void beforeApril2023DischargeReadyDatesAreOccasionalAndOnDelayedStaysOnly() {
        assertThat(100 * stats.recordedShareBefore()).isBetween(4.0, 11.0);
        assertThat(stats.overnightBeforeWithDrdNoDelay).isZero();
        assertThat(stats.zeroNightWithDrd).as("same-day stays are outside the DRD universe").isZero();
    }

    @Test
    void fromApril2023MostNoDelayDischargesLeaveTheDateBlank() {
        assertThat(100 * stats.blankShareOfNoDelayOvernightSince()).isBetween(80.0, 97.0);
        assertThat(stats.sinceNoDelayRecorded).isPositive();
    }

    @Test
    void fromApril2023AdultsAreMostlyDischargedOnTheirReadyDayWithDelaysInNhsEnglandsBands() {
        assertThat(100 * stats.onDrdShareSince()).isBetween(80.0, 88.0);
        double[][] expected = {{22, 34}, {19, 31}, {9, 20}, {9, 20}, {3, 11}, {4, 13}};
        for (int i = 0; i < expected.length; i++) {
            assertThat(100 * stats.bandShare(i)).as(NationalFieldsStats.BANDS[i]).isBetween(expected[i][0],
                    expected[i][1]);
        }
    }

    @Test
    void ketteringRecordsNoDischargeReadyDatesInItsFirstQuarterOfTheCollection() {
        for (YearMonth m = YearMonth.of(2023, 4); m.isBefore(YearMonth.of(2023, 7)); m = m.plusMonths(1)) {
            long[] v = stats.rnqRecording.get(m);
            assertThat(v[0]).as("RNQ overnight adult discharges %s", m).isGreaterThanOrEqualTo(50);
            assertThat(100.0 * v[1] / v[0]).as("RNQ share with DRD %s", m).isLessThan(5.0);
        }
        for (YearMonth m = YearMonth.of(2023, 7); m.isBefore(YearMonth.of(2023, 10)); m = m.plusMonths(1)) {
            long[] v = stats.rnqRecording.get(m);
            assertThat(100.0 * v[1] / v[0]).as("RNQ share with DRD %s", m).isGreaterThan(5.0);
        }
    }

    @Test
    void delayReasonsAreTheAcuteSitrepsWeightedByPathwayAndSomeCarryTheirSector() {
        assertThat(stats.reasons.keySet()).allMatch(r -> r.matches("NCTR(0[1-9]|1[0-8])"));
        assertThat(stats.reasons).hasSize(18);
        long nctr01 = stats.reasons.get("NCTR01");
        for (String top : new String[] {"NCTR13", "NCTR14", "NCTR15"}) {
            assertThat(stats.reasons.get(top)).isGreaterThan(stats.reasons.get("NCTR17"));
        }
        assertThat(stats.reasons.values()).allMatch(c -> c <= nctr01);
        assertThat(stats.withSector).isGreaterThan(50);
        // the mapping never gives Social care: each such row overrides it
        assertThat(stats.sectorSocialCare).isPositive();
    }
}
