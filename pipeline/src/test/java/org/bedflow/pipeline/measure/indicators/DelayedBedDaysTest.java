package org.bedflow.pipeline.measure.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.DAVENTRY;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTHAMPTON;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.WEST;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.discharged;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.people;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * delayed_beds_per_day_per_100k_18plus: delayed_bed_days_in_month (each delayed day, DRD ...
 * discharge - 1, in the month it fell) summed over the period / (population 18+ x days in
 * period / 100000); no limits; months carry the delayed bed days.
 */
class DelayedBedDaysTest {

    private static Map<String, Object> delayedOn(String date, int delay, Object... kv) {
        return org.bedflow.pipeline.testing.Frames.with(discharged(date, "discharge_ready_date",
                LocalDate.parse(date).minusDays(delay).toString(), "delay_days", delay, "is_delayed", delay >= 1,
                "los_days", delay + 2), kv);
    }

    @Test
    void delayed_days_per_day_per_100k_adults_by_the_month_each_day_fell_in() {
        // grid February-April 2021
        //   discharged 10 Feb, 5 days (ready 5 Feb):   5-9 Feb                    -> Feb 5
        //   discharged  3 Mar, 10 days (ready 21 Feb): 21-28 Feb, 1-2 Mar         -> Feb 8, Mar 2
        //   discharged  2 Apr, 10 days (ready 23 Mar): 23-31 Mar, 1 Apr           -> Mar 9, Apr 1
        //   not counted: an on-time discharge (0), a 17-year-old's 9 days, a death's 9 days,
        //   a transfer to another hospital (destination 51)
        // Feb 13, Mar 11 (FY 2020-21: 24); Apr 1 (FY 2021-22)
        var spells = IndicatorFixtures.spells(List.of(
                delayedOn("2021-02-10", 5), delayedOn("2021-03-03", 10), delayedOn("2021-04-02", 10),
                delayedOn("2021-02-11", 0), delayedOn("2021-02-12", 9, "age_on_admission", 17),
                delayedOn("2021-02-13", 9, "is_alive_discharge", false, "discharge_method", "4",
                        "discharge_destination", "79"),
                delayedOn("2021-02-14", 9, "discharge_destination", "51")));
        // population 18+ in 2020: Northampton 60000 (age 40) + Daventry 40000 (age 90+); children not counted
        var population = IndicatorFixtures.population(List.of(people(NORTHAMPTON, 2020, 40, 60000),
                people(DAVENTRY, 2020, 90, 40000), people(NORTHAMPTON, 2020, 17, 25000),
                people(NORTHAMPTON, 2021, 40, 50000)));
        Map<String, Row> out = IndicatorFixtures.indicators(spells, population, IndicatorFixtures.grid("2021-02", "2021-04"));

        Row fy = out.get(WEST + " 2020-21 delayed_beds_per_day_per_100k_18plus");
        assertThat((String) fy.getAs("value_type")).isEqualTo("rate_per_100k");
        assertThat((Long) fy.getAs("numerator")).isEqualTo(24);
        // denominator = 100000 x 365 / 100000 = 365; value = 24 / 365 = 0.065753 beds per day per 100k
        assertThat((Double) fy.getAs("denominator")).isCloseTo(365.0, within(1e-9));
        assertThat((Double) fy.getAs("value")).isCloseTo(0.065753, within(1e-6));
        assertThat((Object) fy.getAs("lower_95")).isNull();
        assertThat((Object) fy.getAs("upper_95")).isNull();

        // 2021-22 uses mid-2021: 50000 x 365 / 100000 = 182.5; 1 / 182.5 = 0.005479
        Row next = out.get(WEST + " 2021-22 delayed_beds_per_day_per_100k_18plus");
        assertThat((Long) next.getAs("numerator")).isEqualTo(1);
        assertThat((Double) next.getAs("value")).isCloseTo(0.005479, within(1e-6));

        Row feb = out.get(WEST + " 2021-02 delayed_beds_per_day_per_100k_18plus");
        assertThat((String) feb.getAs("value_type")).isEqualTo("count");
        assertThat((Long) feb.getAs("numerator")).isEqualTo(13);
        assertThat((Double) feb.getAs("value")).isEqualTo(13.0);
        assertThat((Object) feb.getAs("denominator")).isNull();
        assertThat((Long) out.get(WEST + " 2021-03 delayed_beds_per_day_per_100k_18plus").getAs("numerator"))
                .isEqualTo(11);

        // numerator_discharges: the distinct delayed discharges behind the days
        // Feb: 10 Feb and 3 Mar discharges (2); Mar: 3 Mar and 2 Apr (2); FY 2020-21: all three, each once
        assertThat((Long) feb.getAs("numerator_discharges")).isEqualTo(2);
        assertThat((Long) out.get(WEST + " 2021-03 delayed_beds_per_day_per_100k_18plus")
                .getAs("numerator_discharges")).isEqualTo(2);
        assertThat((Long) fy.getAs("numerator_discharges")).isEqualTo(3);
        assertThat((Long) next.getAs("numerator_discharges")).isEqualTo(1);
        assertThat((Object) out.get(WEST + " 2020-21 emergency_admissions").getAs("numerator_discharges"))
                .as("null for every other indicator").isNull();
    }

    @Test
    void a_leap_financial_year_has_366_days_even_while_it_runs() {
        // FY 2023-24 holds 29 February 2024; run date 2023-06-30 (the year is incomplete, the days are not)
        // discharged 20 June 2023 after 80 days (ready 1 April): April 30 + May 31 + 1-19 June = 80
        var spells = IndicatorFixtures.spells(List.of(delayedOn("2023-06-20", 80)));
        var population = IndicatorFixtures.population(List.of(people(NORTHAMPTON, 2023, 50, 100000)));
        Map<String, Row> out = IndicatorFixtures.indicators(spells, IndicatorFixtures.noCareEvents(), population,
                IndicatorFixtures.grid("2023-04", "2023-06"), LocalDate.parse("2023-06-30"));
        Row fy = out.get(WEST + " 2023-24 delayed_beds_per_day_per_100k_18plus");
        // 100000 x 366 / 100000 = 366; 80 / 366 = 0.218579
        assertThat((Long) fy.getAs("numerator")).isEqualTo(80);
        assertThat((Double) fy.getAs("denominator")).isCloseTo(366.0, within(1e-9));
        assertThat((Double) fy.getAs("value")).isCloseTo(0.218579, within(1e-6));
        assertThat((Long) out.get(WEST + " 2023-04 delayed_beds_per_day_per_100k_18plus").getAs("numerator"))
                .isEqualTo(30);
        assertThat((Long) fy.getAs("numerator_discharges")).as("one discharge over three months, once").isEqualTo(1);
    }

    @Test
    void no_population_for_the_year_gives_no_denominator_and_no_value() {
        var spells = IndicatorFixtures.spells(List.of(delayedOn("2021-05-15", 10)));
        Map<String, Row> out = IndicatorFixtures.indicators(spells,
                IndicatorFixtures.population(List.of(people(NORTHAMPTON, 2020, 50, 100000))),
                IndicatorFixtures.grid("2021-05", "2021-05"));
        Row fy = out.get(WEST + " 2021-22 delayed_beds_per_day_per_100k_18plus");
        assertThat((Long) fy.getAs("numerator")).isEqualTo(10);
        assertThat((Object) fy.getAs("denominator")).isNull();
        assertThat((Object) fy.getAs("value")).isNull();
    }
}
