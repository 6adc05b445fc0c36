package org.bedflow.pipeline.measure.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.WEST;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.spell;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.DelayedDischargeMeasures;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * discharged_on_drd, mean_discharge_delay_days and discharge_to_usual_residence over the
 * delayed_discharge_monthly universe (alive discharges of residents 18+ not discharged to
 * another hospital), by discharge month (May 2021).
 *
 * <pre>
 *  #  DRD   delay  destination  in universe
 *  a  yes   0      19           yes
 *  b  yes   2      19           yes
 *  c  yes   0      54           yes
 *  d  no    unknown 19          yes (not DRD-measured: delay unknown)
 *  e  yes   0      19           no: aged 17
 *  f  yes   0      79           no: died
 *  g  yes   5      51           no: discharged to another hospital
 * on DRD: a, c of the DRD-measured a, b, c = 2/3;  mean delay (0 + 2 + 0) / 3 = 0.667 days;
 * usual residence: a, b, d of a-d = 3/4
 * </pre>
 */
class DischargeIndicatorsTest {

    static Dataset<Row> spells;
    static Map<String, Row> out;

    private static Map<String, Object> withDrd(int delay, Object... kv) {
        return org.bedflow.pipeline.testing.Frames.with(spell("discharge_ready_date",
                java.time.LocalDate.parse("2021-05-10").minusDays(delay).toString(), "delay_days", delay,
                "is_delayed", delay >= 1), kv);
    }

    @BeforeAll
    static void compute() {
        spells = IndicatorFixtures.spells(List.of(
                withDrd(0), withDrd(2), withDrd(0, "discharge_destination", "54"), spell(),
                withDrd(0, "age_on_admission", 17),
                withDrd(0, "discharge_method", "4", "discharge_destination", "79", "is_alive_discharge", false),
                withDrd(5, "discharge_destination", "51")));
        out = IndicatorFixtures.indicators(spells, IndicatorFixtures.population(List.of()),
                IndicatorFixtures.grid("2021-05", "2021-05"));
    }

    @Test
    void discharged_on_the_discharge_ready_date() {
        Row may = out.get(WEST + " 2021-05 discharged_on_drd");
        assertThat((Long) may.getAs("numerator")).isEqualTo(2);
        assertThat((Double) may.getAs("denominator")).isEqualTo(3.0);
        // 66.667 %; Wilson (4 + 3.841459 ± 1.959964 √(3.841459 + 8 x 1/3)) / 13.682918
        //   = (7.841459 ± 5.000070) / 13.682918 = 20.766 %, 93.851 %
        assertThat((Double) may.getAs("value")).isCloseTo(66.667, within(0.001));
        assertThat((Double) may.getAs("lower_95")).isCloseTo(20.766, within(0.001));
        assertThat((Double) may.getAs("upper_95")).isCloseTo(93.851, within(0.001));
    }

    @Test
    void mean_discharge_delay_days_includes_the_0_day_delays_and_has_no_limits() {
        Row may = out.get(WEST + " 2021-05 mean_discharge_delay_days");
        assertThat((String) may.getAs("value_type")).isEqualTo("mean_days");
        assertThat((Long) may.getAs("numerator")).isEqualTo(2);            // b's 2 days (g is a transfer)
        assertThat((Double) may.getAs("denominator")).isEqualTo(3.0);      // a, b, c
        assertThat((Double) may.getAs("value")).isCloseTo(0.6667, within(1e-4)); // 2 / 3
        // the delayed discharges behind the delay days (b alone), for disclosure control
        assertThat((Long) may.getAs("numerator_discharges")).isEqualTo(1);
        assertThat((Object) may.getAs("lower_95")).isNull();
        assertThat((Object) may.getAs("upper_95")).isNull();
        Row fy = out.get(WEST + " 2021-22 mean_discharge_delay_days");
        assertThat((String) fy.getAs("value_type")).as("a mean in years too").isEqualTo("mean_days");
        assertThat((Double) fy.getAs("value")).isCloseTo(0.6667, within(1e-4));
    }

    @Test
    void discharged_to_usual_residence() {
        Row may = out.get(WEST + " 2021-05 discharge_to_usual_residence");
        assertThat((Long) may.getAs("numerator")).isEqualTo(3);
        assertThat((Double) may.getAs("denominator")).isEqualTo(4.0);
        // 75 %; Wilson (6 + 3.841459 ± 1.959964 √(3.841459 + 12 x 1/4)) / 15.682918
        //   = (9.841459 ± 5.126517) / 15.682918 = 30.064 %, 95.441 %
        assertThat((Double) may.getAs("value")).isCloseTo(75.0, within(1e-9));
        assertThat((Double) may.getAs("lower_95")).isCloseTo(30.064, within(0.001));
        assertThat((Double) may.getAs("upper_95")).isCloseTo(95.441, within(0.001));
    }

    @Test
    void monthly_counts_equal_delayed_discharge_monthly() {
        Row monthly = DelayedDischargeMeasures.monthly(SharedSpark.session(), spells,
                IndicatorFixtures.grid("2021-05", "2021-05"), "r").filter("unitary_area = '" + WEST + "'").first();
        Row onDrd = out.get(WEST + " 2021-05 discharged_on_drd");
        Row usual = out.get(WEST + " 2021-05 discharge_to_usual_residence");
        assertThat((Long) onDrd.getAs("numerator")).isEqualTo(monthly.<Long>getAs("discharged_on_drd"));
        assertThat((Double) onDrd.getAs("denominator"))
                .isEqualTo(monthly.<Long>getAs("drd_measured_discharges").doubleValue());
        assertThat((Double) onDrd.getAs("value")).isEqualTo(monthly.<Double>getAs("pct_discharged_on_drd"));
        Row mean = out.get(WEST + " 2021-05 mean_discharge_delay_days");
        assertThat((Long) mean.getAs("numerator")).isEqualTo(monthly.<Long>getAs("delay_days"));
        assertThat((Double) mean.getAs("value")).isEqualTo(monthly.<Double>getAs("mean_delay_days_all"));
        assertThat((Long) usual.getAs("numerator")).isEqualTo(monthly.<Long>getAs("discharged_to_usual_residence"));
        assertThat((Double) usual.getAs("value")).isEqualTo(monthly.<Double>getAs("pct_discharged_to_usual_residence"));
    }
}
