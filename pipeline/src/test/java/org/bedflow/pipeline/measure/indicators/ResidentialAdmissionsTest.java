package org.bedflow.pipeline.measure.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.CORBY;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.DAVENTRY;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTH;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTHAMPTON;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.WEST;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.people;
import static org.bedflow.pipeline.testing.Frames.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.bedflow.pipeline.testing.Frames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * residential_admissions_65plus (ASCOF 2C) and residential_admissions_18_64 (ASCOF 2B): persons
 * starting a long-term residential or nursing service with no such service in the 365 days
 * before (start - previous end &lt; 365 blocks), by event start, area of the care event;
 * crude rate per 100k population with exact Poisson (under 10) or Byar limits. Validated
 * social care rows go through the real {@code LinkedSpells.careEvents} (areas, person keys).
 *
 * <pre>
 * person  council         residence   age  placements (start - end)                         new admission
 * P1      West            Northampton 80   2020-03-01 - 2020-05-01; 2021-04-30               none: 364 days
 * P2      West            Northampton 80   2020-03-01 - 2020-05-01; 2021-05-01               May: 365 days
 * P3      West            Northampton 80   residential 2021-02-01 - open; nursing 2021-05-10 Feb only (a move)
 * P4      West            Northampton 70   residential and nursing both 2021-05-03           May, one person
 * P5      West            Northampton 50   2021-06-01                                        June, 18-64
 * P6      West            Northampton 17   2021-06-02                                        none: a child
 * P7      county          Daventry    80   2021-03-15                                        March, West
 * P8      county          (none)      80   2021-03-16                                        none: UNKNOWN area
 * P9      North           (none)      80   2021-04-20                                        April, North
 * P10     West            Northampton 80   Long Term Support: Community 2021-05-05           none: not a care home
 * P12     county -> West  Northampton 80   county 2021-01-10 - 2021-03-20; West 2021-06-10  none: 82 days, the
 *                                           (January is outside the grid)                    NHS number links them
 * West 65+: Feb 1, Mar 1 (FY 2020-21: 2); May 2 (FY 2021-22: 2).  West 18-64: June 1.  North 65+: April 1.
 * population 2020: West 65+ 2500 + 500 = 3000, 18-64 18000; 2021: West 65+ 3000 + 1000 = 4000,
 * 18-64 20000; North 65+ 2000
 * </pre>
 *
 * <p>DHSC's further rules ({@link #ascof}, all West council, Northampton residents, aged 80
 * unless said; Residential Care component unless said):
 * <pre>
 * person  placements and other events                                      counted
 * Q1      04-05 - 05-01 outcome "NFA: Self-funded client or under 12wk     none: self-funded; and the June
 *         disregard"; 06-01 (outcome null)                                 one is 31 days after it: not new
 * Q4      04-10, client_type Unpaid carer                                  none: a carer
 * Q5      04-11, component Short Term Residential Care                     none: short term
 * Q6      04-12, no component                                              April
 * Q10     04-13, component Home Care                                       none: not a care home component
 * Q12     04-20, Long Term Support: Nursing Care, component Nursing Care   April
 * Q7      04-15; an assessment with date_of_death 2021-03-20               none: died before April / 2021-22
 * Q8      06-05, date_of_death 2021-05-31                                  not June (died before 06-01), but
 *                                                                          2021-22 (died after 04-01)
 * Q9      05-03, date_of_death 2021-05-20                                  May (died in the period)
 * Q11     residential 05-07 recorded aged 64, nursing 05-07 aged 65       May, once, in 18-64
 *         (same day: neither started earlier, both new)
 * West 65+: April 2 (Q6, Q12), May 1 (Q9), June 0; 2021-22: 4 (Q6, Q12, Q9, Q8) / 4000 x 100000 = 100.
 * West 18-64: May 1 (Q11); 65+ has no Q11.
 * </pre>
 */
class ResidentialAdmissionsTest {

    static final String COUNTY = "E10000021";
    static final String RESIDENTIAL = "Long Term Support: Residential Care";
    static final String NURSING = "Long Term Support: Nursing Care";
    static Map<String, Row> out;
    /** the scenario of DHSC's rules (class comment) */
    static Map<String, Row> ascof;
    private static int ids;

    static Map<String, Object> event(String council, String person, Object nhs, int age, Object residence,
                                     String start, Object end, String serviceType) {
        return row("la_code", council, "event_id", "EV" + (++ids), "person_id", person, "nhs_number", nhs, "age", age,
                "residence_lad_code", residence, "event_type", "Service", "event_start_date", start,
                "event_end_date", end, "service_type", serviceType, "submitted_at", "2022-04-01T01:00:00");
    }

    static Map<String, Object> west(String person, int age, String start, Object end) {
        return event(WEST, person, null, age, NORTHAMPTON, start, end, RESIDENTIAL);
    }

    static Map<String, Row> compute(List<Map<String, Object>> events) {
        var population = IndicatorFixtures.population(List.of(
                people(NORTHAMPTON, 2020, 80, 2500), people(DAVENTRY, 2020, 80, 500), people(NORTHAMPTON, 2020, 40, 18000),
                people(NORTHAMPTON, 2021, 80, 3000), people(DAVENTRY, 2021, 80, 1000), people(NORTHAMPTON, 2021, 40, 20000),
                people(CORBY, 2021, 80, 2000)));
        return IndicatorFixtures.indicators(IndicatorFixtures.spells(List.of()), IndicatorFixtures.linkCareEvents(events),
                population, IndicatorFixtures.grid("2021-02", "2021-06"), IndicatorFixtures.RUN_DATE);
    }

    @BeforeAll
    static void measure() {
        out = compute(List.of(
                west("WNC-1", 80, "2020-03-01", "2020-05-01"), west("WNC-1", 80, "2021-04-30", null),
                west("WNC-2", 80, "2020-03-01", "2020-05-01"), west("WNC-2", 80, "2021-05-01", null),
                west("WNC-3", 80, "2021-02-01", null), event(WEST, "WNC-3", null, 80, NORTHAMPTON, "2021-05-10", null, NURSING),
                west("WNC-4", 70, "2021-05-03", null), event(WEST, "WNC-4", null, 70, NORTHAMPTON, "2021-05-03", null, NURSING),
                west("WNC-5", 50, "2021-06-01", null),
                west("WNC-6", 17, "2021-06-02", null),
                event(COUNTY, "NCC-7", null, 80, DAVENTRY, "2021-03-15", null, RESIDENTIAL),
                event(COUNTY, "NCC-8", null, 80, null, "2021-03-16", null, RESIDENTIAL),
                event(NORTH, "NNC-9", null, 80, null, "2021-04-20", null, RESIDENTIAL),
                event(WEST, "WNC-10", null, 80, NORTHAMPTON, "2021-05-05", null, "Long Term Support: Community"),
                event(COUNTY, "NCC-12", "9434765919", 80, NORTHAMPTON, "2021-01-10", "2021-03-20", RESIDENTIAL),
                event(WEST, "WNC-12", "9434765919", 80, NORTHAMPTON, "2021-06-10", null, RESIDENTIAL)));
    }

    private static long count(String key) {
        return out.get(key).<Long>getAs("numerator");
    }

    /** a West placement of person {@code person} aged 80, Residential Care component, with more fields */
    static Map<String, Object> q(String person, String start, Object end, Object... kv) {
        return Frames.with(Frames.with(west(person, 80, start, end), "service_component", "Residential Care"), kv);
    }

    @BeforeAll
    static void measureAscof() {
        ascof = compute(List.of(
                q("Q1", "2021-04-05", "2021-05-01", "event_outcome", ResidentialAdmissions.SELF_FUNDED),
                q("Q1", "2021-06-01", null),
                q("Q4", "2021-04-10", null, "client_type", "Unpaid carer"),
                q("Q5", "2021-04-11", null, "service_component", "Short Term Residential Care"),
                q("Q6", "2021-04-12", null, "service_component", null),
                q("Q10", "2021-04-13", null, "service_component", "Home Care"),
                q("Q12", "2021-04-20", null, "service_type", NURSING, "service_component", "Nursing Care"),
                q("Q7", "2021-04-15", null),
                q("Q7", "2021-02-10", "2021-02-10", "event_type", "Assessment", "service_type", null,
                        "service_component", null, "date_of_death", "2021-03-20"),
                q("Q8", "2021-06-05", null, "date_of_death", "2021-05-31"),
                q("Q9", "2021-05-03", null, "date_of_death", "2021-05-20"),
                q("Q11", "2021-05-07", null, "age", 64),
                q("Q11", "2021-05-07", null, "age", 65, "service_type", NURSING, "service_component", "Nursing Care")));
    }

    private static long ascof(String key) {
        return ascof.get(key).<Long>getAs("numerator");
    }

    @Test
    void self_funded_carers_short_term_and_other_components_are_not_admissions_and_null_components_are() {
        assertThat(ascof(WEST + " 2021-04 residential_admissions_65plus"))
                .as("Q6 (no component) and Q12; not Q1, Q4, Q5, Q10, Q7").isEqualTo(2);
    }

    @Test
    void a_self_funded_placement_still_makes_a_later_one_not_new() {
        // Q1's 06-01 placement is 31 days after the self-funded one ended; Q8 died before June
        assertThat(ascof(WEST + " 2021-06 residential_admissions_65plus")).isZero();
        var placements = ResidentialAdmissions.newAdmissions(IndicatorFixtures.linkCareEvents(List.of(
                q("Q1", "2021-04-05", "2021-05-01", "event_outcome", ResidentialAdmissions.SELF_FUNDED),
                q("Q1", "2021-06-01", null)))).collectAsList();
        assertThat(placements).isEmpty();
    }

    @Test
    void people_who_died_before_the_period_are_not_counted_in_it() {
        assertThat(ascof(WEST + " 2021-05 residential_admissions_65plus")).as("Q9 died after 05-01").isEqualTo(1);
        // Q7 died before April and 2021-22; Q8 before June, not before 2021-22
        assertThat(ascof(WEST + " 2021-22 residential_admissions_65plus")).as("Q6, Q12, Q9, Q8").isEqualTo(4);
        assertThat((Double) ascof.get(WEST + " 2021-22 residential_admissions_65plus").getAs("value"))
                .isCloseTo(100.0, within(1e-9));
    }

    @Test
    void a_person_new_in_both_age_groups_counts_once_in_18_64() {
        assertThat(ascof(WEST + " 2021-05 residential_admissions_18_64")).isEqualTo(1);
        assertThat(ascof(WEST + " 2021-22 residential_admissions_18_64")).isEqualTo(1);
        // May 65+ is Q9 alone
        assertThat(ascof(WEST + " 2021-05 residential_admissions_65plus")).isEqualTo(1);
    }

    @Test
    void a_placement_ending_364_days_before_blocks_and_365_days_does_not() {
        assertThat(count(WEST + " 2021-04 residential_admissions_65plus")).as("P1, 364 days").isZero();
        assertThat(count(WEST + " 2021-05 residential_admissions_65plus")).as("P2 (365 days) and P4 once").isEqualTo(2);
    }

    @Test
    void moves_between_care_homes_and_people_followed_across_councils_are_not_new() {
        assertThat(count(WEST + " 2021-02 residential_admissions_65plus")).as("P3's first placement").isEqualTo(1);
        assertThat(count(WEST + " 2021-06 residential_admissions_65plus")).as("P12 after 82 days").isZero();
    }

    @Test
    void the_area_is_the_care_events_and_county_era_events_without_residence_are_not_counted() {
        assertThat(count(WEST + " 2021-03 residential_admissions_65plus")).as("P7 via Daventry; not P8").isEqualTo(1);
        assertThat(count(NORTH + " 2021-04 residential_admissions_65plus")).as("P9").isEqualTo(1);
        assertThat(count(NORTH + " 2021-05 residential_admissions_65plus")).isZero();
    }

    @Test
    void crude_rates_per_100k_with_exact_poisson_limits_below_10() {
        Row fy = out.get(WEST + " 2021-22 residential_admissions_65plus");
        assertThat((String) fy.getAs("value_type")).isEqualTo("rate_per_100k");
        assertThat((Long) fy.getAs("numerator")).isEqualTo(2);
        assertThat((Double) fy.getAs("denominator")).isEqualTo(4000.0);
        // 2 / 4000 x 100000 = 50; exact limits χ²(0.025; 4)/2 = 0.4844/2, χ²(0.975; 6)/2 = 14.449/2, x 25
        //   = 6.055, 180.62
        assertThat((Double) fy.getAs("value")).isCloseTo(50.0, within(1e-9));
        assertThat((Double) fy.getAs("lower_95")).isCloseTo(6.055, within(0.01));
        assertThat((Double) fy.getAs("upper_95")).isCloseTo(180.62, within(0.01));

        Row before = out.get(WEST + " 2020-21 residential_admissions_65plus");
        // P3 and P7 over mid-2020's 3000: 66.667
        assertThat((Long) before.getAs("numerator")).isEqualTo(2);
        assertThat((Double) before.getAs("value")).isCloseTo(66.667, within(0.001));

        Row younger = out.get(WEST + " 2021-22 residential_admissions_18_64");
        // P5 only (not P6, 17): 1 / 20000 x 100000 = 5; χ²(0.025; 2)/2 = 0.02532, χ²(0.975; 4)/2 = 5.5716, x 5
        assertThat((Long) younger.getAs("numerator")).isEqualTo(1);
        assertThat((Double) younger.getAs("value")).isCloseTo(5.0, within(1e-9));
        assertThat((Double) younger.getAs("lower_95")).isCloseTo(0.1266, within(0.0001));
        assertThat((Double) younger.getAs("upper_95")).isCloseTo(27.858, within(0.001));
        assertThat((String) out.get(WEST + " 2021-06 residential_admissions_18_64").getAs("value_type")).isEqualTo("count");
    }

    @Test
    void byar_limits_from_10_admissions() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(event(NORTH, "NNC-" + (100 + i), null, 80, CORBY, "2021-04-2" + i % 10, null, RESIDENTIAL));
        }
        Row fy = compute(events).get(NORTH + " 2021-22 residential_admissions_65plus");
        // 10 / 2000 x 100000 = 500; Byar(10) = 4.787450, 18.391459, x 50 = 239.37, 919.57
        assertThat((Double) fy.getAs("value")).isCloseTo(500.0, within(1e-9));
        assertThat((Double) fy.getAs("lower_95")).isCloseTo(239.37, within(0.01));
        assertThat((Double) fy.getAs("upper_95")).isCloseTo(919.57, within(0.01));
    }
}
