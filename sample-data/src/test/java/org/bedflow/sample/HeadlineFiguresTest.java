package org.bedflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The headline figures bedflow computes on the sample are plausible against national England
 * figures (README "How realistic is it"), measured approximately and crude from a fresh generation
 * of the committed sample.
 */
class HeadlineFiguresTest {

    private static HeadlineStats stats;

    @BeforeAll
    static void measure() {
        Path dir = GeneratedSample.committedOptions().outDir();
        stats = HeadlineStats.of(dir, NationalFieldsStats.of(dir));
        System.out.println(stats.describe());
    }

    @Test
    void chronicAndAcuteAcscAreAMinorityOfEmergencyAdmissions() {
        assertThat(stats.chronicAcscPct()).isBetween(5.0, 12.0);
        assertThat(stats.acuteAcscPct()).isBetween(6.0, 13.0);
    }

    @Test
    void thirtyDayEmergencyReadmissionsAreNearTheNationalRate() {
        assertThat(stats.readmissionPct()).isBetween(10.0, 17.0);
    }

    @Test
    void fallsAndEmergencyAdmissionsOfOlderPeople() {
        assertThat(stats.falls65Per100k()).isBetween(1_300.0, 3_000.0);
        assertThat(stats.emergency65Per100k()).isBetween(20_000.0, 42_000.0);
    }
}
