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
 * delayed_discharge_monthly (docs/measures.md) on hand-built spells of West
 * Northamptonshire discharged on 10 May 2021 (grid April-June 2021).
 *
 * <pre>
 *  #   in universe?              los  DRD          delay  sector       care (drd->start)  dest
 *  1   yes                       3    recorded     0      -            -                  19
 *  2   yes                       5    recorded     1      Social care  -                  19
 *  3   yes                       10   recorded     4      NHS          yes (3)            54
 *  4   yes                       21   recorded     10     Both         yes (11)           19
 *  5   yes, zero-night stay      0    blank        null   -            -                  19
 *  6   yes, overnight            2    blank = 0    0      -            -                  19
 *  7   yes, overnight            4    blank, unknown (provider does not record DRDs)   19
 *  8   no: aged 17                    recorded     6
 *  9   no: died                       recorded     6
 *  10  no: lives outside (OTHER)      recorded     6
 *  11  no: discharged to another hospital (destination 51), recorded, 6
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
                spell("los_days", 2, "delay_days", 0, "drd_recorded", false),
                spell("los_days", 4),
                delayed(6, "age_on_admission", 17),
                delayed(6, "is_alive_discharge", false, "discharge_method", "4", "discharge_destination", "79"),
                delayed(6, "unitary_area", "OTHER"),
                delayed(6, "discharge_destination", "51")));
        var out = DelayedDischargeMeasures.monthly(SharedSpark.session(), spells,
                LinkedSpellRows.grid("2021-04", "2021-06"), "run-1");
        assertThat(out.schema()).isEqualTo(OutputTables.DELAYED_DISCHARGE_MONTHLY.sparkType());
        out.collectAsList().forEach(r -> byAreaMonth.put(r.getAs("unitary_area") + " " + r.getAs("month"), r));
    }

    private static Row monthly(List<Map<String, Object>> rows, String month) {
        return DelayedDischargeMeasures.monthly(SharedSpark.session(), LinkedSpellRows.frame(rows),
                        LinkedSpellRows.grid("2021-04", "2021-06"), "r")
                .filter("unitary_area = '" + WEST + "' and month = '" + month + "'").first();
    }

    @Test
    void the_grid_has_every_area_and_month_with_zeros() {
        // 2 areas x 3 months (April-June 2021)
        assertThat(byAreaMonth).hasSize(6);
        Row empty = byAreaMonth.get(NORTH + " 2021-05");
        assertThat((Long) empty.getAs("discharges")).isZero();
        assertThat((Object) empty.getAs("pct_discharged_on_drd")).as("0/0 is null, not 0").isNull();
        assertThat((Object) empty.getAs("pct_drd_recorded")).isNull();
        assertThat((Object) empty.getAs("mean_delay_days")).isNull();
        assertThat((Object) empty.getAs("mean_delay_days_all")).isNull();
        assertThat((String) empty.getAs("unitary_area_name")).isEqualTo("North Northamptonshire");
    }

    @Test
    void the_three_populations_discharges_overnight_and_drd_measured() {
        Row may = byAreaMonth.get(WEST + " 2021-05");
        assertThat((Long) may.getAs("discharges")).isEqualTo(7);                // 1-7 (8-11 outside)
        assertThat((Long) may.getAs("overnight_discharges")).isEqualTo(6);      // 1-4, 6, 7 (5: zero nights)
        assertThat((Long) may.getAs("drd_measured_discharges")).isEqualTo(5);   // 1-4, 6 (7: delay unknown)
        assertThat((Long) may.getAs("discharges_with_drd")).isEqualTo(4);       // 1-4 carried a DRD
        assertThat((Double) may.getAs("pct_drd_recorded")).isCloseTo(66.6667, within(1e-4)); // 100 x 4/6
    }

    @Test
    void drd_measures_divide_by_the_drd_measured_discharges() {
        Row may = byAreaMonth.get(WEST + " 2021-05");
        assertThat((Long) may.getAs("discharged_on_drd")).isEqualTo(2);          // 1 (recorded), 6 (blank = 0)
        assertThat((Double) may.getAs("pct_discharged_on_drd")).isEqualTo(40.0); // 100 x 2/5
        assertThat((Long) may.getAs("delayed_discharges")).isEqualTo(3);         // 2, 3, 4
        assertThat((Double) may.getAs("pct_delayed")).isEqualTo(60.0);           // 100 x 3/5
        assertThat((Long) may.getAs("delay_days")).isEqualTo(15);                // 1 + 4 + 10
        assertThat((Double) may.getAs("mean_delay_days")).isEqualTo(5.0);        // 15 / 3, 0-day delays excluded
        assertThat((Double) may.getAs("mean_delay_days_all")).isEqualTo(3.0);    // 15 / 5, 0-day delays included
        assertThat((Long) may.getAs("delayed_7plus_days")).isEqualTo(1);         // 4 (10 days)
        assertThat((Double) may.getAs("pct_delayed_7plus_days")).isEqualTo(20.0);// 100 x 1/5
        assertThat((Long) may.getAs("delayed_1_day")).isEqualTo(1);              // 2
        assertThat((Long) may.getAs("delayed_4_6_days")).isEqualTo(1);           // 3
        assertThat((Long) may.getAs("delayed_7_13_days")).isEqualTo(1);          // 4
        assertThat((Long) may.getAs("delayed_2_3_days") + (Long) may.getAs("delayed_14_20_days")
                + (Long) may.getAs("delayed_21plus_days")).isZero();
    }

    @Test
    void the_other_counts_follow_the_definitions() {
        Row may = byAreaMonth.get(WEST + " 2021-05");
        assertThat((Long) may.getAs("delayed_reported_social_care")).isEqualTo(2); // 2 (Social care), 4 (Both)
        assertThat((Long) may.getAs("delayed_with_new_care_start")).isEqualTo(2);  // 3, 4
        assertThat((Long) may.getAs("delay_days_with_new_care_start")).isEqualTo(14); // 4 + 10
        assertThat((Long) may.getAs("long_stay_7plus")).isEqualTo(2);            // los 10, 21
        assertThat((Long) may.getAs("long_stay_14plus")).isEqualTo(1);           // 21
        assertThat((Long) may.getAs("long_stay_21plus")).isEqualTo(1);           // 21
        assertThat((Long) may.getAs("discharged_to_usual_residence")).isEqualTo(6); // 1, 2, 4, 5, 6, 7
        assertThat((Double) may.getAs("pct_discharged_to_usual_residence"))
                .isCloseTo(85.7143, within(1e-4));                               // 100 x 6/7
        assertThat((String) may.getAs("run_id")).isEqualTo("run-1");
        // bed days: 2 has 9 May (1), 3 has 6-9 May (4), 4 has 30 April + 1-9 May (1 + 9)
        assertThat((Long) may.getAs("delayed_bed_days_in_month")).isEqualTo(14); // 1 + 4 + 9
        assertThat((Long) may.getAs("delayed_in_month_discharges")).isEqualTo(3);
        Row april = byAreaMonth.get(WEST + " 2021-04");
        assertThat((Long) april.getAs("delayed_bed_days_in_month")).isEqualTo(1); // 30 April, from spell 4
        assertThat((Long) april.getAs("delayed_in_month_discharges")).isEqualTo(1);
        assertThat((Long) april.getAs("discharges")).isZero();
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
    void each_delayed_day_falls_in_its_own_month() {
        // A: discharged 5 May, ready 20 April (15 days): 20-30 April = 11 days, 1-4 May = 4
        // B: discharged 1 June, ready 31 May (1 day): 31 May = 1 day in May, none in June
        // C: discharged 3 May, ready 25 March (39 days): 25-31 March = 7 (before the grid: not published),
        //    April = 30, 1-2 May = 2
        // D: as A but discharged to another hospital (destination 51): outside the universe
        var rows = List.of(
                spell("discharge_date", "2021-05-05", "discharge_ready_date", "2021-04-20", "delay_days", 15,
                        "los_days", 20),
                spell("discharge_date", "2021-06-01", "discharge_month", "2021-06", "discharge_ready_date", "2021-05-31",
                        "delay_days", 1, "los_days", 3),
                spell("discharge_date", "2021-05-03", "discharge_ready_date", "2021-03-25", "delay_days", 39,
                        "los_days", 45),
                spell("discharge_date", "2021-05-05", "discharge_ready_date", "2021-04-20", "delay_days", 15,
                        "los_days", 20, "discharge_destination", "51"));
        Row april = monthly(rows, "2021-04");
        assertThat((Long) april.getAs("delayed_bed_days_in_month")).isEqualTo(41);  // A 11 + C 30
        assertThat((Long) april.getAs("delayed_in_month_discharges")).isEqualTo(2); // A, C
        assertThat((Long) april.getAs("delay_days")).isZero();                      // nobody discharged in April
        Row may = monthly(rows, "2021-05");
        assertThat((Long) may.getAs("delayed_bed_days_in_month")).isEqualTo(7);     // A 4 + B 1 + C 2
        assertThat((Long) may.getAs("delayed_in_month_discharges")).isEqualTo(3);
        assertThat((Long) may.getAs("delay_days")).isEqualTo(54);                   // A 15 + C 39, by discharge month
        assertThat((Long) may.getAs("discharges")).isEqualTo(2);                    // A, C (D is a transfer)
        Row june = monthly(rows, "2021-06");
        assertThat((Long) june.getAs("delayed_bed_days_in_month")).isZero();        // B's discharge day is not a delay
        assertThat((Long) june.getAs("delay_days")).isEqualTo(1);                   // B
    }

    @Test
    void band_edges_fall_in_the_right_band_and_the_bands_sum_to_the_delayed() {
        // delays 0 | 1 | 2 3 | 4 6 | 7 13 | 14 20 | 21
        var rows = List.of(delayed(0, "los_days", 30), delayed(1, "los_days", 30), delayed(2, "los_days", 30),
                delayed(3, "los_days", 30), delayed(4, "los_days", 30), delayed(6, "los_days", 30),
                delayed(7, "los_days", 30), delayed(13, "los_days", 30), delayed(14, "los_days", 30),
                delayed(20, "los_days", 30), delayed(21, "los_days", 30));
        Row may = monthly(rows, "2021-05");
        assertThat((Long) may.getAs("delayed_1_day")).isEqualTo(1);
        assertThat((Long) may.getAs("delayed_2_3_days")).isEqualTo(2);
        assertThat((Long) may.getAs("delayed_4_6_days")).isEqualTo(2);
        assertThat((Long) may.getAs("delayed_7_13_days")).isEqualTo(2);
        assertThat((Long) may.getAs("delayed_14_20_days")).isEqualTo(2);
        assertThat((Long) may.getAs("delayed_21plus_days")).isEqualTo(1);
        assertThat((Long) may.getAs("delayed_discharges")).isEqualTo(10);       // 1+2+2+2+2+1, the 0 is on DRD
        assertThat((Long) may.getAs("discharged_on_drd")).isEqualTo(1);
        assertThat((Long) may.getAs("delayed_7plus_days")).isEqualTo(5);       // 7, 13, 14, 20, 21
    }

    @Test
    void even_count_of_delays() {
        // delays [2, 4, 6, 8]: median h = 3 x 0.5 = 1.5 -> 4 + 0.5 x 2 = 5; p90 h = 2.7 -> 6 + 0.7 x 2 = 7.4
        Row may = monthly(List.of(delayed(2), delayed(4), delayed(6), delayed(8)), "2021-05");
        assertThat((Double) may.getAs("median_delay_days")).isEqualTo(5.0);
        assertThat((Double) may.getAs("p90_delay_days")).isCloseTo(7.4, within(1e-9));
    }

    @Test
    void adults_are_18_and_over() {
        // aged 17 is outside the universe, aged 18 inside: 1 discharge, delayed 3 days
        Row may = monthly(List.of(delayed(5, "age_on_admission", 17), delayed(3, "age_on_admission", 18)), "2021-05");
        assertThat((Long) may.getAs("discharges")).isEqualTo(1);
        assertThat((Long) may.getAs("delay_days")).isEqualTo(3);
    }
}
