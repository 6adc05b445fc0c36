package org.bedflow.pipeline.measure.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.CORBY;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.DAVENTRY;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTH;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTHAMPTON;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.WEST;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.admitted;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.people;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.times;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * emergency_admissions: emergency continuous inpatient spells (first spells: a transfer-in is
 * not a second admission) of residents, all ages, by admission date; DSR per 100k (ESP2013,
 * 19 bands) for financial years, the count for months. emergency_admissions_65plus: the same
 * for ages 65+, crude rate per 100k population 65+.
 *
 * <pre>
 * West, March 2021 (FY 2020-21) and again April 2021 (FY 2021-22):
 *   8 emergencies aged 70 (band 70-74, weight 5000), 4 aged 30 (band 30-34, weight 6500)
 * not counted: an elective (11) aged 70 in April; an emergency of an OTHER resident in April;
 *   an emergency transfer-in aged 70 in April (the second spell of a continuous inpatient spell)
 * population (Northampton + Daventry districts; all other bands 0; Σw = 100000):
 *   2020: 70-74: 1500 + 500 = 2000; 30-34: 4000         total 6000
 *   2021: 70-74: 3000 + 1000 = 4000; 30-34: 8000        total 12000
 * North: no admissions; Corby 2020 and 2021 age 50: 5000.
 * </pre>
 */
class EmergencyAdmissionsTest {

    static Map<String, Row> out;

    @BeforeAll
    static void compute() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String date : List.of("2021-03-15", "2021-04-15")) {
            rows.addAll(times(8, () -> admitted(date, 70)));
            rows.addAll(times(4, () -> admitted(date, 30, "age_band", "30-34")));
        }
        rows.add(admitted("2021-04-15", 70, "admission_method", "11", "is_emergency", false));
        rows.add(admitted("2021-04-15", 70, "unitary_area", "OTHER"));
        rows.add(admitted("2021-04-15", 70, "admission_method", "2B", "is_transfer_in", true));
        var population = IndicatorFixtures.population(List.of(
                people(NORTHAMPTON, 2020, 72, 1500), people(DAVENTRY, 2020, 74, 500), people(NORTHAMPTON, 2020, 32, 4000),
                people(NORTHAMPTON, 2021, 72, 3000), people(DAVENTRY, 2021, 74, 1000), people(NORTHAMPTON, 2021, 32, 8000),
                people(CORBY, 2020, 50, 5000), people(CORBY, 2021, 50, 5000)));
        out = IndicatorFixtures.indicators(IndicatorFixtures.spells(rows), population,
                IndicatorFixtures.grid("2021-03", "2021-04"));
    }

    @Test
    void financial_year_dsr_with_dobson_limits() {
        Row fy = out.get(WEST + " 2020-21 emergency_admissions");
        assertThat((String) fy.getAs("value_type")).isEqualTo("dsr_per_100k");
        assertThat((String) fy.getAs("period_type")).isEqualTo("financial_year");
        assertThat((Long) fy.getAs("numerator")).isEqualTo(12);
        assertThat((Double) fy.getAs("denominator")).isEqualTo(6000.0);
        // DSR = 100000 x (5000 x 8/2000 + 6500 x 4/4000) / 100000 = 20 + 6.5 = 26.5
        assertThat((Double) fy.getAs("value")).isCloseTo(26.5, within(1e-9));
        // var = 5000² x 8/2000² + 6500² x 4/4000² = 50 + 10.5625 = 60.5625; √(var/12) = 2.246525
        // Byar(12) = 6.193510, 20.962858 -> 26.5 - 2.246525 x 5.806490 = 13.456; 26.5 + 2.246525 x 8.962858 = 46.635
        assertThat((Double) fy.getAs("lower_95")).isCloseTo(13.456, within(0.001));
        assertThat((Double) fy.getAs("upper_95")).isCloseTo(46.635, within(0.001));
    }

    @Test
    void the_next_financial_year_uses_its_own_mid_year_population() {
        Row fy = out.get(WEST + " 2021-22 emergency_admissions");
        // elective, OTHER and the transfer-in not counted: 12; DSR = 5000 x 8/4000 + 6500 x 4/8000 = 10 + 3.25 = 13.25
        assertThat((Long) fy.getAs("numerator")).isEqualTo(12);
        assertThat((Double) fy.getAs("denominator")).isEqualTo(12000.0);
        assertThat((Double) fy.getAs("value")).isCloseTo(13.25, within(1e-9));
        // var = 5000² x 8/4000² + 6500² x 4/8000² = 12.5 + 2.640625 = 15.140625; √(var/12) = 1.123263
        // 13.25 - 1.123263 x 5.806490 = 6.728; 13.25 + 1.123263 x 8.962858 = 23.318
        assertThat((Double) fy.getAs("lower_95")).isCloseTo(6.728, within(0.001));
        assertThat((Double) fy.getAs("upper_95")).isCloseTo(23.318, within(0.001));
    }

    @Test
    void months_carry_the_count_only() {
        Row march = out.get(WEST + " 2021-03 emergency_admissions");
        assertThat((String) march.getAs("period_type")).isEqualTo("month");
        assertThat((String) march.getAs("value_type")).isEqualTo("count");
        assertThat((Long) march.getAs("numerator")).isEqualTo(12);
        assertThat((Double) march.getAs("value")).isEqualTo(12.0);
        assertThat((Object) march.getAs("denominator")).isNull();
        assertThat((Object) march.getAs("lower_95")).isNull();
        assertThat((Object) march.getAs("upper_95")).isNull();
    }

    @Test
    void an_area_with_no_admissions_gets_zero_and_no_dsr() {
        Row north = out.get(NORTH + " 2021-22 emergency_admissions");
        assertThat((Long) north.getAs("numerator")).isZero();
        assertThat((Double) north.getAs("denominator")).isEqualTo(5000.0);
        assertThat((Object) north.getAs("value")).as("fewer than 10 events").isNull();
        assertThat((Long) out.get(NORTH + " 2021-04 emergency_admissions").getAs("numerator")).isZero();
    }

    @Test
    void emergency_admissions_65plus_is_a_crude_rate_with_exact_poisson_limits_under_10() {
        // 2021-22: the 8 aged 70 (the transfer-in aged 70 is not an admission); population 65+ 2021 = 4000
        Row fy = out.get(WEST + " 2021-22 emergency_admissions_65plus");
        assertThat((String) fy.getAs("value_type")).isEqualTo("rate_per_100k");
        assertThat((Long) fy.getAs("numerator")).isEqualTo(8);
        assertThat((Double) fy.getAs("denominator")).isEqualTo(4000.0);
        // 8 / 4000 x 100000 = 200
        assertThat((Double) fy.getAs("value")).isCloseTo(200.0, within(1e-9));
        // O = 8 < 10: chi2(0.025; 16) / 2 = 3.453832, chi2(0.975; 18) / 2 = 15.763189; x 100000 / 4000 = x 25
        assertThat((Double) fy.getAs("lower_95")).isCloseTo(86.3458, within(1e-3));
        assertThat((Double) fy.getAs("upper_95")).isCloseTo(394.0797, within(1e-3));
        // 2020-21: 8 / 2000 x 100000 = 400; limits x 50 = 172.692, 788.159
        Row before = out.get(WEST + " 2020-21 emergency_admissions_65plus");
        assertThat((Double) before.getAs("value")).isCloseTo(400.0, within(1e-9));
        assertThat((Double) before.getAs("lower_95")).isCloseTo(172.692, within(1e-3));
        assertThat((Double) before.getAs("upper_95")).isCloseTo(788.159, within(1e-3));
        Row april = out.get(WEST + " 2021-04 emergency_admissions_65plus");
        assertThat((String) april.getAs("value_type")).isEqualTo("count");
        assertThat((Long) april.getAs("numerator")).isEqualTo(8);
    }

    @Test
    void aged_65_counts_64_does_not_and_a_transfer_in_is_never_an_admission() {
        var spells = IndicatorFixtures.spells(List.of(admitted("2021-04-10", 64), admitted("2021-04-11", 65),
                admitted("2021-04-12", 80, "admission_method", "2B", "is_transfer_in", true)));
        Map<String, Row> small = IndicatorFixtures.indicators(spells, IndicatorFixtures.population(List.of()),
                IndicatorFixtures.grid("2021-04", "2021-04"));
        assertThat((Long) small.get(WEST + " 2021-04 emergency_admissions_65plus").getAs("numerator")).isEqualTo(1);
        assertThat((Long) small.get(WEST + " 2021-04 emergency_admissions").getAs("numerator")).isEqualTo(2);
    }
}
