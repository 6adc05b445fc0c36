package org.bedflow.pipeline.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedflow.pipeline.measure.LinkedSpellRows.NORTH;
import static org.bedflow.pipeline.measure.LinkedSpellRows.WEST;
import static org.bedflow.pipeline.measure.LinkedSpellRows.delayed;
import static org.bedflow.pipeline.measure.LinkedSpellRows.spell;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * delayed_discharge_monthly on eight hand-built spells of West Northamptonshire, May 2021.
 *
 * <pre>
 *  #  in universe?            DRD?  delay  sector       care (drd->start)  los  dest
 *  1  yes                     yes   0      -            -                  3    19
 *  2  yes                     yes   1      Social care  -                  5    19
 *  3  yes                     yes   4      NHS          yes (3)            10   54
 *  4  yes                     yes   10     Both         yes (11)           21   19
 *  5  yes                     no    -      -            -                  0    19
 *  6  no: aged 17             yes   6
 *  7  no: died                yes   6
 *  8  no: lives outside (OTHER)     6
 * </pre>
 */
class DelayedDischargeMonthlyTest {

    static Map<String, Row> byAreaMonth = new TreeMap<>();

    @BeforeAll
    static void measure() {
        var spells = LinkedSpellRows.frame(List.of(
                delayed(0, "los_days", 3),
                delayed(1, "los_days", 5, "delay_responsible_sector", "Social care"),
                delayed(4, "los_days", 10, "delay_responsible_sector", "NHS", "discharge_destination", "54",
                        "care_event_id", "E3", "drd_to_care_start_days", 3),
                delayed(10, "los_days", 21, "delay_responsible_sector", "Both",
                        "care_event_id", "E4", "drd_to_care_start_days", 11),
                spell("los_days", 0),
                delayed(6, "age_on_admission", 17),
                delayed(6, "is_alive_discharge", false, "discharge_method", "4", "discharge_destination", "79"),
                delayed(6, "unitary_area", "OTHER")));
        var out = DelayedDischargeMeasures.monthly(SharedSpark.session(), spells,
                LinkedSpellRows.grid("2021-04", "2021-06"), "run-1");
        assertThat(out.schema()).isEqualTo(OutputTables.DELAYED_DISCHARGE_MONTHLY.sparkType());
        out.collectAsList().forEach(r -> byAreaMonth.put(r.getAs("unitary_area") + " " + r.getAs("month"), r));
    }

    @Test
    void the_grid_has_every_area_and_month_with_zeros() {
        // 2 areas x 3 months (April-June 2021)
        assertThat(byAreaMonth).hasSize(6);
        Row empty = byAreaMonth.get(NORTH + " 2021-05");
        assertThat((Long) empty.getAs("discharges")).isZero();
        assertThat((Object) empty.getAs("pct_discharged_on_drd")).as("0/0 is null, not 0").isNull();
        assertThat((Object) empty.getAs("mean_delay_days")).isNull();
        assertThat((String) empty.getAs("unitary_area_name")).isEqualTo("North Northamptonshire");
    }

    @Test
    void counts_follow_the_definitions() {
        Row may = byAreaMonth.get(WEST + " 2021-05");
        assertThat((Long) may.getAs("discharges")).isEqualTo(5);                 // spells 1-5
        assertThat((Long) may.getAs("discharges_with_drd")).isEqualTo(4);        // 1-4
        assertThat((Long) may.getAs("discharged_on_drd")).isEqualTo(1);          // 1
        assertThat((Double) may.getAs("pct_discharged_on_drd")).isEqualTo(25.0); // 100 x 1/4
        assertThat((Long) may.getAs("delayed_discharges")).isEqualTo(3);         // 2, 3, 4
        assertThat((Long) may.getAs("delay_days")).isEqualTo(15);                // 1 + 4 + 10
        assertThat((Double) may.getAs("mean_delay_days")).isEqualTo(5.0);        // 15 / 3
        assertThat((Long) may.getAs("delayed_7plus_days")).isEqualTo(1);         // 4 (10 days)
        assertThat((Double) may.getAs("pct_delayed_7plus_days")).isEqualTo(25.0);// 100 x 1/4
        assertThat((Long) may.getAs("delayed_reported_social_care")).isEqualTo(2); // 2 (Social care), 4 (Both)
        assertThat((Long) may.getAs("delayed_with_new_care_start")).isEqualTo(2);  // 3, 4
        assertThat((Long) may.getAs("delay_days_with_new_care_start")).isEqualTo(14); // 4 + 10
        assertThat((Long) may.getAs("long_stay_7plus")).isEqualTo(2);            // los 10, 21
        assertThat((Long) may.getAs("long_stay_14plus")).isEqualTo(1);           // 21
        assertThat((Long) may.getAs("long_stay_21plus")).isEqualTo(1);           // 21
        assertThat((Long) may.getAs("discharged_to_usual_residence")).isEqualTo(4); // 1, 2, 4, 5
        assertThat((Double) may.getAs("pct_discharged_to_usual_residence")).isEqualTo(80.0); // 100 x 4/5
        assertThat((String) may.getAs("run_id")).isEqualTo("run-1");
    }

    @Test
    void median_and_p90_interpolate_linearly() {
        Row may = byAreaMonth.get(WEST + " 2021-05");
        // delays sorted [1, 4, 10]: median h = 2 x 0.5 = 1 -> 4
        assertThat((Double) may.getAs("median_delay_days")).isEqualTo(4.0);
        // p90 h = 2 x 0.9 = 1.8 -> 4 + 0.8 x (10 - 4) = 8.8
        assertThat((Double) may.getAs("p90_delay_days")).isCloseTo(8.8, within(1e-9));
        // DRD to care start [3, 11], an even count: h = 1 x 0.5 -> 3 + 0.5 x 8 = 7
        assertThat((Double) may.getAs("median_drd_to_care_start_days")).isEqualTo(7.0);
        assertThat((Long) may.getAs("discharges_with_drd_and_care_start")).isEqualTo(2);
    }

    @Test
    void even_count_of_delays() {
        // delays [2, 4, 6, 8]: median h = 3 x 0.5 = 1.5 -> 4 + 0.5 x 2 = 5; p90 h = 2.7 -> 6 + 0.7 x 2 = 7.4
        var spells = LinkedSpellRows.frame(List.of(delayed(2), delayed(4), delayed(6), delayed(8)));
        Row may = DelayedDischargeMeasures.monthly(SharedSpark.session(), spells,
                LinkedSpellRows.grid("2021-05", "2021-05"), "r").filter("unitary_area = '" + WEST + "'").first();
        assertThat((Double) may.getAs("median_delay_days")).isEqualTo(5.0);
        assertThat((Double) may.getAs("p90_delay_days")).isCloseTo(7.4, within(1e-9));
    }

    @Test
    void adults_are_18_and_over() {
        // aged 17 is outside the universe, aged 18 inside: 1 discharge, delayed 3 days
        var spells = LinkedSpellRows.frame(List.of(delayed(5, "age_on_admission", 17), delayed(3, "age_on_admission", 18)));
        Row may = DelayedDischargeMeasures.monthly(SharedSpark.session(), spells,
                LinkedSpellRows.grid("2021-05", "2021-05"), "r").filter("unitary_area = '" + WEST + "'").first();
        assertThat((Long) may.getAs("discharges")).isEqualTo(1);
        assertThat((Long) may.getAs("delay_days")).isEqualTo(3);
    }
}
