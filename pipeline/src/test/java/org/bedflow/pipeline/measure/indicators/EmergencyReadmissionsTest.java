package org.bedflow.pipeline.measure.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.WEST;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.discharged;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * emergency_readmissions_30d: alive discharges with a person key followed by an emergency
 * readmission within 0-29 days, of those discharged on or before run date - 30, by discharge
 * month. Run date 2021-06-30, so the last counted discharge date is 2021-05-31.
 *
 * <pre>
 *  discharged  index stay  followed  counts as (run date 2021-06-30, so run date - 30 = 2021-05-31)
 *  2021-05-31  yes         yes       numerator, denominator (run date - 30: the last day in)
 *  2021-05-15  yes         no        denominator
 *  2021-05-16  yes         no        denominator (aged 2: all ages)
 *  2021-05-20  no          -         neither (not an index stay: linked_spells excluded it,
 *                                    e.g. no person key, a day case, cancer, a transfer out)
 *  2021-05-21  no, died    -         neither
 *  2021-06-01  yes         yes       neither (run date - 29: its 30 days are not all observed)
 * </pre>
 */
class EmergencyReadmissionsTest {

    static Map<String, Row> out;

    @BeforeAll
    static void compute() {
        var spells = IndicatorFixtures.spells(List.of(
                discharged("2021-05-31", "is_readmission_index", true, "followed_by_readmission_30d", true),
                discharged("2021-05-15", "is_readmission_index", true),
                discharged("2021-05-16", "is_readmission_index", true, "age_on_admission", 2),
                discharged("2021-05-20", "is_readmission_index", false, "followed_by_readmission_30d", true),
                discharged("2021-05-21", "is_alive_discharge", false, "discharge_method", "4",
                        "discharge_destination", "79"),
                discharged("2021-06-01", "is_readmission_index", true, "followed_by_readmission_30d", true)));
        out = IndicatorFixtures.indicators(spells, IndicatorFixtures.noCareEvents(), IndicatorFixtures.population(List.of()),
                IndicatorFixtures.grid("2021-05", "2021-06"), LocalDate.parse("2021-06-30"));
    }

    @Test
    void discharges_up_to_run_date_minus_30_count() {
        Row may = out.get(WEST + " 2021-05 emergency_readmissions_30d");
        assertThat((Long) may.getAs("numerator")).isEqualTo(1);
        assertThat((Double) may.getAs("denominator")).isEqualTo(3.0);
        // 100 x 1/3 = 33.333; Wilson: (2 + 3.841459 ± 1.959964 √(3.841459 + 4 x 2/3)) / (2 x 6.841459)
        //   = (5.841459 ± 5.000070) / 13.682918 = 6.149 %, 79.234 %
        assertThat((Double) may.getAs("value")).isCloseTo(33.333, within(0.001));
        assertThat((Double) may.getAs("lower_95")).isCloseTo(6.149, within(0.001));
        assertThat((Double) may.getAs("upper_95")).isCloseTo(79.234, within(0.001));
    }

    @Test
    void a_month_with_no_eligible_discharge_has_a_null_value_and_limits() {
        Row june = out.get(WEST + " 2021-06 emergency_readmissions_30d");
        assertThat((Long) june.getAs("numerator")).as("the 1 June index stay (run date - 29) is not counted yet").isZero();
        assertThat((Double) june.getAs("denominator")).isZero();
        assertThat((Object) june.getAs("value")).isNull();
        assertThat((Object) june.getAs("lower_95")).isNull();
        assertThat((Object) june.getAs("upper_95")).isNull();
    }
}
