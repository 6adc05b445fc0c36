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
 * chronic_acsc_admissions (NHS Outcomes Framework 2.3.i) and acute_acsc_admissions (3a
 * style), from validated admissions through the real link stage, so the ICD-10 rules are
 * the ones linked_spells applies. All Northampton residents aged 70, May 2021 (FY 2021-22).
 * Codes are as validation leaves them (normalised: J44.0 -> J440).
 *
 * <pre>
 *  chronic: 9 x J440                                            counted
 *           1 x J209 with secondary J449 (COPD)                 counted   (the J20 rule)
 *           1 x J209 with secondary J45 (asthma, not COPD)      not counted
 *           1 x J209 alone                                      not counted
 *           1 x J440 elective (11)                              not counted
 *  acute:   3 x N390, 1 x K253 (outside K250-K252/K254-K256: not counted)
 * population 2021, Northampton, band 70-74: 2000
 * </pre>
 */
class AcscAdmissionsTest {

    static Map<String, Row> out;

    @BeforeAll
    static void compute() {
        List<Map<String, Object>> admissions = new ArrayList<>();
        admissions.addAll(times(9, () -> admission("primary_diagnosis", "J440")));
        admissions.add(admission("primary_diagnosis", "J209", "secondary_diagnoses", "I10;J449"));
        admissions.add(admission("primary_diagnosis", "J209", "secondary_diagnoses", "J45"));
        admissions.add(admission("primary_diagnosis", "J209"));
        admissions.add(admission("primary_diagnosis", "J440", "admission_method", "11"));
        admissions.addAll(times(3, () -> admission("primary_diagnosis", "N390")));
        admissions.add(admission("primary_diagnosis", "K253"));
        var population = IndicatorFixtures.population(List.of(people(NORTHAMPTON, 2021, 70, 2000)));
        out = IndicatorFixtures.indicators(IndicatorFixtures.link(admissions), population,
                IndicatorFixtures.grid("2021-05", "2021-05"));
    }

    @Test
    void j20_counts_only_with_a_copd_secondary() {
        Row fy = out.get(WEST + " 2021-22 chronic_acsc_admissions");
        // 9 J44 + 1 J20 with J44 secondary = 10: just enough for a DSR
        assertThat((Long) fy.getAs("numerator")).isEqualTo(10);
        assertThat((Long) out.get(WEST + " 2021-05 chronic_acsc_admissions").getAs("numerator")).isEqualTo(10);
        // DSR = 100000 x (5000 x 10/2000) / 100000 = 25 per 100k; one band: limits = 25 x Byar(10)/10
        //     = 25 x 0.478745, 25 x 1.839146 = 11.969, 45.979
        assertThat((Double) fy.getAs("value")).isCloseTo(25.0, within(1e-9));
        assertThat((Double) fy.getAs("lower_95")).isCloseTo(11.969, within(0.001));
        assertThat((Double) fy.getAs("upper_95")).isCloseTo(45.979, within(0.001));
    }

    @Test
    void acute_conditions_below_10_events_give_the_count_and_no_dsr() {
        Row fy = out.get(WEST + " 2021-22 acute_acsc_admissions");
        assertThat((Long) fy.getAs("numerator")).isEqualTo(3);
        assertThat((Double) fy.getAs("denominator")).isEqualTo(2000.0);
        assertThat((Object) fy.getAs("value")).isNull();
        assertThat((Object) fy.getAs("lower_95")).isNull();
        assertThat((String) fy.getAs("value_type")).isEqualTo("dsr_per_100k");
    }

    @Test
    void every_emergency_counts_in_emergency_admissions() {
        // 9 + 3 (J20) + 3 + 1 = 16 emergencies; the elective is not one
        assertThat((Long) out.get(WEST + " 2021-22 emergency_admissions").getAs("numerator")).isEqualTo(16);
    }
}
