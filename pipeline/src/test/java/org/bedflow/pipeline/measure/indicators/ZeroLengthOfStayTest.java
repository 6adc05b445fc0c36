package org.bedflow.pipeline.measure.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.WEST;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.spell;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * zero_los_emergency_admissions: emergency continuous inpatient spells (CIPS) with a CIPS
 * length of stay of 0 / discharged emergency CIPS, by admission month; percent with Wilson
 * limits.
 *
 * <pre>
 *  admitted    discharged   los  method         counts as
 *  2021-05-03  2021-05-03   0    1              numerator, denominator
 *  2021-05-31  2021-05-31   0    1              numerator, denominator
 *  2021-05-10  2021-05-10   0    1 (age 4)      numerator, denominator (all ages)
 *  2021-05-12  2021-05-12   0    4 died         numerator, denominator (a death is a discharge)
 *  5 x 2021-05-01  2021-05-10  9                denominator
 *  2021-05-20  open         -                   neither
 *  2021-05-04  2021-05-04   0    elective (11)  neither
 *  2021-04-30  2021-05-01   1                   April, denominator
 *  2021-05-25  2021-05-25   0    transferred (51) to another hospital, which discharged on
 *                                2021-05-28: CIPS length of stay 3, denominator only
 *  2021-05-25  2021-05-28   3    the transfer-in of that CIPS: neither (not an admission)
 * CIPS length of stay = cips_discharge_date - cips_admission_date.
 * </pre>
 */
class ZeroLengthOfStayTest {

    static Map<String, Row> out;

    private static Map<String, Object> sameDay(String date, Object... kv) {
        return org.bedflow.pipeline.testing.Frames.with(spell("admission_date", date, "discharge_date", date,
                "los_days", 0), kv);
    }

    @BeforeAll
    static void compute() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>(List.of(
                sameDay("2021-05-03"), sameDay("2021-05-31"), sameDay("2021-05-10", "age_on_admission", 4),
                sameDay("2021-05-12", "discharge_method", "4", "discharge_destination", "79", "is_alive_discharge", false),
                spell("admission_date", "2021-05-20", "discharge_date", null, "los_days", null, "is_alive_discharge", null),
                sameDay("2021-05-04", "admission_method", "11", "is_emergency", false),
                spell("admission_date", "2021-04-30", "discharge_date", "2021-05-01", "los_days", 1),
                sameDay("2021-05-25", "discharge_destination", "51", "cips_discharge_date", "2021-05-28"),
                spell("admission_date", "2021-05-25", "discharge_date", "2021-05-28", "los_days", 3,
                        "admission_method", "2B", "is_transfer_in", true, "cips_admission_date", "2021-05-25")));
        rows.addAll(IndicatorFixtures.times(5, () -> spell()));
        out = IndicatorFixtures.indicators(IndicatorFixtures.spells(rows), IndicatorFixtures.population(List.of()),
                IndicatorFixtures.grid("2021-04", "2021-05"));
    }

    @Test
    void same_day_discharges_of_discharged_emergencies_by_admission_month() {
        Row may = out.get(WEST + " 2021-05 zero_los_emergency_admissions");
        assertThat((String) may.getAs("value_type")).isEqualTo("percent");
        assertThat((Long) may.getAs("numerator")).isEqualTo(4);
        assertThat((Double) may.getAs("denominator")).isEqualTo(10.0);
        // 100 x 4/10 = 40; Wilson: (8 + 3.841459 ± 1.959964 √(3.841459 + 16 x 6/10)) / (2 x 13.841459)
        //   = (11.841459 ± 7.185737) / 27.682918 = 16.818 %, 68.733 %
        assertThat((Double) may.getAs("value")).isCloseTo(40.0, within(1e-9));
        assertThat((Double) may.getAs("lower_95")).isCloseTo(16.818, within(0.001));
        assertThat((Double) may.getAs("upper_95")).isCloseTo(68.733, within(0.001));
    }

    @Test
    void the_admission_month_decides_and_years_add_up() {
        Row april = out.get(WEST + " 2021-04 zero_los_emergency_admissions");
        assertThat((Long) april.getAs("numerator")).isZero();
        assertThat((Double) april.getAs("denominator")).isEqualTo(1.0);
        assertThat((Double) april.getAs("value")).isZero();
        Row fy = out.get(WEST + " 2021-22 zero_los_emergency_admissions");
        assertThat((Long) fy.getAs("numerator")).isEqualTo(4);
        assertThat((Double) fy.getAs("denominator")).isEqualTo(11.0);
        assertThat((String) fy.getAs("value_type")).as("percentages are percentages in years too").isEqualTo("percent");
    }
}
