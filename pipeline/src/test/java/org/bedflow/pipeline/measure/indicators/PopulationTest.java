package org.bedflow.pipeline.measure.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.CORBY;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.DAVENTRY;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTH;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTHAMPTON;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTHANTS;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.WEST;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.people;
import static org.bedflow.pipeline.testing.Frames.with;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Population denominators (docs/indicators.md, "Population"): district rows are summed into their unitary area,
 * both sexes together; a financial year YYYY-YY uses mid-year YYYY.
 */
class PopulationTest {

    private static Population.Table table(List<Map<String, Object>> rows) {
        return Population.collect(Population.byUnitary(IndicatorFixtures.population(rows), NORTHANTS));
    }

    @Test
    void district_rows_are_summed_into_their_unitary_area() {
        Population.Table t = table(List.of(
                people(NORTHAMPTON, 2020, 70, 1500),
                with(people(NORTHAMPTON, 2020, 70, 400), "sex", "2"),
                people(DAVENTRY, 2020, 70, 500),
                people(DAVENTRY, 2020, 90, 30),
                people(CORBY, 2020, 70, 700),
                people("E10000021", 2020, 70, 99999),  // the former county: not a district of the mapping
                people("E07000177", 2020, 70, 88888))); // Cherwell, outside the mapping
        // West 2020 age 70: Northampton 1500 (men) + 400 (women) + Daventry 500 = 2400; Corby is North
        assertThat(t.count(WEST, 2020, 70, 70)).isEqualTo(2400);
        assertThat(t.count(NORTH, 2020, 70, 70)).isEqualTo(700);
        // 65+ = 70s and the 90+ row: 2400 + 30
        assertThat(t.count(WEST, 2020, AgeGroup.AGED_65_PLUS)).isEqualTo(2430);
        assertThat(t.count(WEST, 2020, AgeGroup.AGED_18_64)).isZero();
        assertThat(t.count(WEST, 2021, AgeGroup.ALL_AGES)).as("no rows for 2021: unknown, not zero").isNull();
    }

    @Test
    void rows_of_the_unitary_itself_replace_the_same_years_district_rows() {
        Population.Table t = table(List.of(
                people(NORTHAMPTON, 2021, 40, 1000), people(DAVENTRY, 2021, 40, 300),
                people(WEST, 2021, 40, 1310),            // ONS mid-2021 on the new geography
                people(NORTHAMPTON, 2020, 40, 990), people(DAVENTRY, 2020, 40, 290)));
        // 2021: the unitary row only (not 1000 + 300 + 1310); 2020: districts summed
        assertThat(t.count(WEST, 2021, 40, 40)).isEqualTo(1310);
        assertThat(t.count(WEST, 2020, 40, 40)).isEqualTo(1280);
    }

    @Test
    void the_2020_21_year_uses_mid_2020_and_2021_22_mid_2021_across_the_vesting_date() {
        // the same 12 emergency admissions of people aged 70 in March 2021 (FY 2020-21, before vesting,
        // reported by the future unitary area) and in April 2021 (FY 2021-22)
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        rows.addAll(IndicatorFixtures.times(12, () -> IndicatorFixtures.admitted("2021-03-20", 70)));
        rows.addAll(IndicatorFixtures.times(12, () -> IndicatorFixtures.admitted("2021-04-20", 70)));
        var population = IndicatorFixtures.population(List.of(
                people(NORTHAMPTON, 2020, 72, 2000), people(DAVENTRY, 2020, 72, 1000),
                people(NORTHAMPTON, 2021, 72, 4000), people(DAVENTRY, 2021, 72, 2000),
                people(NORTHAMPTON, 2022, 72, 99000)));
        Map<String, Row> out = IndicatorFixtures.indicators(IndicatorFixtures.spells(rows), population,
                IndicatorFixtures.grid("2021-03", "2021-04"));
        // 2020-21: population 2000 + 1000 = 3000 in band 70-74; DSR = 100000 x (5000 x 12 / 3000) / 100000 = 20
        Row before = out.get(WEST + " 2020-21 emergency_admissions");
        assertThat((Double) before.getAs("denominator")).isEqualTo(3000.0);
        assertThat((Double) before.getAs("value")).isCloseTo(20.0, org.assertj.core.api.Assertions.within(1e-9));
        // 2021-22: 4000 + 2000 = 6000; DSR = 5000 x 12 / 6000 = 10 (not mid-2022's population)
        Row after = out.get(WEST + " 2021-22 emergency_admissions");
        assertThat((Double) after.getAs("denominator")).isEqualTo(6000.0);
        assertThat((Double) after.getAs("value")).isCloseTo(10.0, org.assertj.core.api.Assertions.within(1e-9));
    }
}
