package org.bedflow.pipeline.measure.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTHAMPTON;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.WEST;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.admission;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.people;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.times;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * falls_admissions_65plus (PHOF C29 / E14 style): emergency, 65+, primary S00-T98 and a
 * secondary W00-W19; DSR over the six bands 65-69 ... 90+ (Σw = 19500) and population 65+.
 * Through the real link stage; Northampton residents, May 2021.
 *
 * <pre>
 *  10 x aged 82, S720 with W19 (band 80-84, weight 2500)            counted
 *   1 x aged 82, I10 primary (outside S00-T98) with W19 secondary     not counted
 *   1 x aged 82, T99 primary (outside S00-T98) with W01 secondary     not counted
 *   1 x aged 64, S720 with W19                                         not counted (under 65)
 * population 2021: age 82: 1000; age 66: 3000; age 40: 10000 (not in the 65+ denominator)
 * </pre>
 */
class FallsAdmissionsTest {

    static Map<String, Row> out;

    @BeforeAll
    static void compute() {
        List<Map<String, Object>> admissions = new ArrayList<>();
        admissions.addAll(times(10, () -> admission("age_on_admission", 82, "primary_diagnosis", "S720",
                "secondary_diagnoses", "W19")));
        admissions.add(admission("age_on_admission", 82, "primary_diagnosis", "I10", "secondary_diagnoses", "W19"));
        admissions.add(admission("age_on_admission", 82, "primary_diagnosis", "T99", "secondary_diagnoses", "W01"));
        admissions.add(admission("age_on_admission", 64, "primary_diagnosis", "S720", "secondary_diagnoses", "W19"));
        var population = IndicatorFixtures.population(List.of(people(NORTHAMPTON, 2021, 82, 1000),
                people(NORTHAMPTON, 2021, 66, 3000), people(NORTHAMPTON, 2021, 40, 10000)));
        out = IndicatorFixtures.indicators(IndicatorFixtures.link(admissions), population,
                IndicatorFixtures.grid("2021-05", "2021-05"));
    }

    @Test
    void a_fall_needs_an_injury_primary_and_age_65() {
        assertThat((Long) out.get(WEST + " 2021-05 falls_admissions_65plus").getAs("numerator")).isEqualTo(10);
        assertThat((Long) out.get(WEST + " 2021-22 falls_admissions_65plus").getAs("numerator")).isEqualTo(10);
    }

    @Test
    void dsr_over_the_six_older_bands() {
        Row fy = out.get(WEST + " 2021-22 falls_admissions_65plus");
        assertThat((Double) fy.getAs("denominator")).as("population 65+: 1000 + 3000").isEqualTo(4000.0);
        // DSR = 100000 x (2500 x 10/1000) / 19500 = 128.205
        assertThat((Double) fy.getAs("value")).isCloseTo(128.205, within(0.001));
        // one band: Dobson = DSR x Byar(10)/10 = 128.205 x 0.478745, x 1.839146 = 61.378, 235.788
        assertThat((Double) fy.getAs("lower_95")).isCloseTo(61.378, within(0.001));
        assertThat((Double) fy.getAs("upper_95")).isCloseTo(235.788, within(0.001));
    }
}
