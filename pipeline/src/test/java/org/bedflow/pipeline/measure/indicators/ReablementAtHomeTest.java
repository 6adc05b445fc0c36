package org.bedflow.pipeline.measure.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.WEST;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.placement;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.spell;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.bedflow.pipeline.testing.Frames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * reablement_at_home_91d (ASCOF 2B style). Run date 2021-12-31, so discharges up to
 * 2021-10-01 (run date - 91) count. Discharge 2021-06-01: day 91 = 2021-08-31.
 *
 * <pre>
 *  person  index discharge, linked care   afterwards                                      counts as
 *  A       06-01, ST-Max                  nothing                                         at home
 *  B       06-01, ST-Max                  admitted 08-31 (day 91), still in               not at home
 *  C       06-01, ST-Max                  admitted 08-20, discharged 08-30 (day 90)       at home
 *  D       06-01, ST-Max                  admitted 07-01, died (method 4) 07-10           not at home
 *  E       06-01, ST-Max                  residential care from 08-01, open               not at home
 *  F       06-01, ST-Max                  nursing care 07-01 to 08-30                     at home
 *  J       06-01, component Reablement    nothing                                         at home
 *          (type Other Short Term)
 *  G       10-01 (= run date - 91), ST-Max                                                at home, October
 *  H       10-02, ST-Max                  too recent                                      not in the denominator
 *  I       06-01, home care (Community)   not reablement                                  not in the denominator
 *  K       06-01, ST-Max, aged 64                                                         not in the denominator
 * June: 4 (A, C, F, J) of 7 (A-F, J); October: 1 of 1; FY 2021-22: 5 of 8
 * </pre>
 */
class ReablementAtHomeTest {

    static final String ST_MAX = "Short Term Support: ST-Max";
    static Map<String, Row> out;

    /** an alive discharge of person {@code key} aged 80 on {@code date} with a linked care event */
    private static Map<String, Object> index(String key, String date, String serviceType, String component,
                                            Object... kv) {
        LocalDate d = LocalDate.parse(date);
        return Frames.with(spell("person_key", key, "age_on_admission", 80, "admission_date", d.minusDays(10).toString(),
                "discharge_date", date, "discharge_month", date.substring(0, 7), "los_days", 10,
                "care_event_id", "C-" + key, "care_start_date", date, "care_service_type", serviceType,
                "care_service_component", component), kv);
    }

    private static Map<String, Object> later(String key, String admitted, String discharged, Object... kv) {
        return Frames.with(spell("person_key", key, "admission_date", admitted, "discharge_date", discharged,
                "is_alive_discharge", discharged == null ? null : true), kv);
    }

    @BeforeAll
    static void compute() {
        var spells = IndicatorFixtures.spells(List.of(
                index("A", "2021-06-01", ST_MAX, "Reablement"),
                index("B", "2021-06-01", ST_MAX, "Reablement"), later("B", "2021-08-31", null),
                index("C", "2021-06-01", ST_MAX, "Reablement"), later("C", "2021-08-20", "2021-08-30"),
                index("D", "2021-06-01", ST_MAX, "Reablement"),
                later("D", "2021-07-01", "2021-07-10", "discharge_method", "4", "discharge_destination", "79",
                        "is_alive_discharge", false),
                index("E", "2021-06-01", ST_MAX, "Reablement"),
                index("F", "2021-06-01", ST_MAX, "Reablement"),
                index("J", "2021-06-01", "Short Term Support: Other Short Term", "Reablement"),
                index("G", "2021-10-01", ST_MAX, "Reablement"),
                index("H", "2021-10-02", ST_MAX, "Reablement"),
                index("I", "2021-06-01", "Long Term Support: Community", "Home Care"),
                index("K", "2021-06-01", ST_MAX, "Reablement", "age_on_admission", 64)));
        var care = IndicatorFixtures.careEvents(List.of(
                placement("E", "2021-08-01", null),
                placement("F", "2021-07-01", "2021-08-30", "service_type", "Long Term Support: Nursing Care")));
        out = IndicatorFixtures.indicators(spells, care, IndicatorFixtures.population(List.of()),
                IndicatorFixtures.grid("2021-06", "2021-12"), LocalDate.parse("2021-12-31"));
    }

    @Test
    void in_hospital_on_day_91_is_not_at_home_and_discharged_on_day_90_is() {
        Row june = out.get(WEST + " 2021-06 reablement_at_home_91d");
        assertThat((Double) june.getAs("denominator")).isEqualTo(7.0);
        assertThat((Long) june.getAs("numerator")).isEqualTo(4);
        // 100 x 4/7 = 57.143; Wilson (8 + 3.841459 ± 1.959964 √(3.841459 + 16 x 3/7)) / (2 x 10.841459)
        //   = (11.841459 ± 6.410791) / 21.682918 = 25.046 %, 84.178 %
        assertThat((Double) june.getAs("value")).isCloseTo(57.143, within(0.001));
        assertThat((Double) june.getAs("lower_95")).isCloseTo(25.046, within(0.001));
        assertThat((Double) june.getAs("upper_95")).isCloseTo(84.178, within(0.001));
    }

    @Test
    void each_rule_separately() {
        var followUp = ReablementAtHome.followUp(IndicatorFixtures.spells(List.of(
                        index("B", "2021-06-01", ST_MAX, null), later("B", "2021-08-31", "2021-09-02"),
                        index("B2", "2021-06-01", ST_MAX, null), later("B2", "2021-08-25", "2021-08-31"),
                        index("C", "2021-06-01", ST_MAX, null), later("C", "2021-08-31", "2021-08-31",
                                "person_key", "other person"))),
                IndicatorFixtures.noCareEvents(), LocalDate.parse("2021-12-31")).collectAsList();
        Map<String, Boolean> atHome = new java.util.TreeMap<>();
        followUp.forEach(r -> atHome.put(r.getAs("person_key"), r.getAs("at_home_day_91")));
        // admitted on day 91 / discharged on day 91: in hospital that day; someone else's spell: at home
        assertThat(atHome).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("B", false, "B2", false, "C", true)));
    }

    @Test
    void discharges_within_91_days_of_the_run_date_are_not_counted_yet() {
        Row october = out.get(WEST + " 2021-10 reablement_at_home_91d");
        assertThat((Long) october.getAs("numerator")).isEqualTo(1);
        assertThat((Double) october.getAs("denominator")).as("G (run date - 91), not H").isEqualTo(1.0);
        Row november = out.get(WEST + " 2021-11 reablement_at_home_91d");
        assertThat((Double) november.getAs("denominator")).isZero();
        assertThat((Object) november.getAs("value")).isNull();
        Row fy = out.get(WEST + " 2021-22 reablement_at_home_91d");
        assertThat((Long) fy.getAs("numerator")).isEqualTo(5);
        assertThat((Double) fy.getAs("denominator")).isEqualTo(8.0);
        assertThat((Double) fy.getAs("value")).isCloseTo(62.5, within(1e-9));
    }
}
