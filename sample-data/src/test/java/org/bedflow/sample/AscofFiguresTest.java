package org.bedflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample gives plausible ASCOF 2B, 2C and 2D figures for 2024-25 in each unitary area,
 * measured approximately from a fresh generation of the committed sample ({@link AscofStats}
 * says which rules the approximation keeps).
 */
class AscofFiguresTest {

    private static AscofStats stats;

    @BeforeAll
    static void measure() {
        Path dir = GeneratedSample.committedOptions().outDir();
        stats = AscofStats.of(dir, NationalFieldsStats.of(dir));
        System.out.println(stats.describe());
        NationalFieldsStats national = NationalFieldsStats.of(dir);
        for (int year = 2021; year < 2024; year++) {
            System.out.println(AscofStats.of(dir, national, year).describe());
        }
    }

    @Test
    void mostReablementAfterDischargeKeepsPeopleAtHomeForTwelveWeeks() {
        for (String area : List.of(AscofStats.NORTH, AscofStats.WEST)) {
            assertThat(stats.part1(area)).as("2D part 1 %s", area).isBetween(78.0, 84.0);
        }
    }

    @Test
    void aFewPerCentOfOlderPeoplesDischargesGoIntoReablement() {
        for (String area : List.of(AscofStats.NORTH, AscofStats.WEST)) {
            assertThat(stats.part2(area)).as("2D part 2 %s", area).isBetween(2.0, 4.5);
        }
    }

    @Test
    void newCareHomePlacementsAreNearTheNationalRates() {
        for (String area : List.of(AscofStats.NORTH, AscofStats.WEST)) {
            assertThat(stats.per100k(area, 1)).as("2C %s", area).isBetween(400.0, 800.0);
            assertThat(stats.per100k(area, 0)).as("2B %s", area).isBetween(5.0, 30.0);
        }
    }
}
