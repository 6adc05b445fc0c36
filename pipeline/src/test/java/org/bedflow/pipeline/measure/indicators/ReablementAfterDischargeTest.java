package org.bedflow.pipeline.measure.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.WEST;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.placement;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.spell;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.testing.Frames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ASCOF 2D parts 1 and 2 ({@link ReablementAfterDischarge}). Run date 2021-12-31, so part 1
 * counts discharges up to 2021-10-08 (run date - 84). Unless a row says otherwise a person
 * (West, aged 80 on admission) is admitted 2021-06-01 and discharged home D = 2021-06-10 (9
 * nights), with one reablement event (ST-Max, component Reablement) 06-11 to 06-30.
 * D + 84 = 2021-09-02, D + 85 = 2021-09-03.
 *
 * <pre>
 * person  what differs                                         linked  fails                 June part 1
 * L1      reablement from 06-07 (D - 3)                         yes     -                     remained
 * L2      reablement from 06-06 (D - 4)                         no
 * L3      reablement from 06-17 (D + 7)                         yes     -                     remained
 * L4      reablement from 06-18 (D + 8)                         no
 * F1      date_of_death 09-02 (day 84)                          yes     died                  failed
 * F2      date_of_death 09-03 (day 85)                          yes     -                     remained
 * F3      elective spell 08-30 - 09-02, died in hospital (4)    yes     died                  failed
 * F4      elective spell 08-30 - 09-03, died in hospital (4)    yes     -                     remained
 * F5      emergency 09-02 (day 84) - 09-04                      yes     readmitted            failed
 * F6      emergency 09-03 (day 85) - 09-05                      yes     -                     remained
 * F7      emergency 07-01 - 07-01 (no night)                    yes     -                     remained
 * F8      emergency 08-01, still in                             yes     readmitted            failed
 * F9      reablement from 06-15; emergency 06-12 - 06-13        yes     - (before the start)  remained
 *         (treatment function 710: not itself eligible)
 * F10     residential care from 09-02 (day 84)                  yes     care home             failed
 * F11     residential care from 09-03 (day 85)                  yes     -                     remained
 * T1      reablement 06-08 - 06-08 and 06-17 - 06-20 (9 days   both    -                     remained x 2
 *         apart: two episodes, one discharge)
 * E1      admitted and discharged 06-10 (no night)              not eligible
 * E2      discharged to a hospice (88)                          not eligible
 * E3      residential care since 2021-01-01, open               not eligible (care home at admission)
 * E4      treatment function 710 (mental health)                not eligible
 * E5      no treatment function, main specialty 501             not eligible (falls back to specialty)
 * E6      aged 64                                               not eligible
 * C1      discharged 10-08 (run date - 84), reablement 10-09    yes     -                     October 1 of 1
 * C2      discharged 10-09, reablement 10-10                    yes     (follow-up not over)  not in part 1
 * </pre>
 *
 * June part 1: 15 episodes (L1, L3, F1-F11, T1 twice), 10 remained (all but F1, F3, F5, F8,
 * F10). June part 2: 16 eligible discharges (L1-L4, F1-F11, T1), 14 into reablement (all but
 * L2 and L4; T1 once). September part 2: the readmissions of F5 and F6 are eligible
 * discharges (2, none into reablement). October: part 1 C1 1 of 1, part 2 C1 and C2 2 of 2.
 */
class ReablementAfterDischargeTest {

    static final String D = "2021-06-10";
    static final LocalDate RUN_DATE = LocalDate.parse("2021-12-31");
    static Dataset<Row> spells;
    static Dataset<Row> care;
    static Map<String, Row> out;

    /** a discharge of person {@code key}, aged 80, alive and home unless {@code kv} says otherwise */
    static Map<String, Object> stay(String key, String admitted, String discharged, Object... kv) {
        return Frames.with(spell("person_key", key, "age_on_admission", 80, "age_band", "80-84",
                "admission_date", admitted, "admission_month", admitted.substring(0, 7),
                "discharge_date", discharged, "discharge_month", discharged == null ? null : discharged.substring(0, 7),
                "los_days", null, "treatment_function_code", "300"), kv);
    }

    /** the usual index stay: 06-01 to D */
    static Map<String, Object> index(String key, Object... kv) {
        return stay(key, "2021-06-01", D, kv);
    }

    static Map<String, Object> emergency(String key, String admitted, String discharged, Object... kv) {
        return Frames.with(stay(key, admitted, discharged, "discharge_method", discharged == null ? null : "1",
                "discharge_destination", discharged == null ? null : "19", "is_alive_discharge",
                discharged == null ? null : true), kv);
    }

    static Map<String, Object> diedInHospital(String key, String admitted, String died) {
        return stay(key, admitted, died, "admission_method", "11", "is_emergency", false, "discharge_method", "4",
                "discharge_destination", "79", "is_alive_discharge", false);
    }

    static Map<String, Object> reablement(String key, String start, String end, Object... kv) {
        return Frames.with(placement(key, start, end, "service_type", ReablementAfterDischarge.ST_MAX,
                "service_component", "Reablement"), kv);
    }

    @BeforeAll
    static void compute() {
        List<Map<String, Object>> stays = List.of(
                index("L1"), index("L2"), index("L3"), index("L4"),
                index("F1"), index("F2"), index("F3"), index("F4"), index("F5"), index("F6"), index("F7"),
                index("F8"), index("F9"), index("F10"), index("F11"), index("T1"),
                diedInHospital("F3", "2021-08-30", "2021-09-02"), diedInHospital("F4", "2021-08-30", "2021-09-03"),
                emergency("F5", "2021-09-02", "2021-09-04"), emergency("F6", "2021-09-03", "2021-09-05"),
                emergency("F7", "2021-07-01", "2021-07-01"), emergency("F8", "2021-08-01", null),
                // F9's readmission is no eligible discharge of its own (else the latest in the link window)
                emergency("F9", "2021-06-12", "2021-06-13", "treatment_function_code", "710"),
                stay("E1", D, D), index("E2", "discharge_destination", "88"), index("E3"),
                index("E4", "treatment_function_code", "710"),
                index("E5", "treatment_function_code", null, "main_specialty_code", "501"),
                index("E6", "age_on_admission", 64),
                stay("C1", "2021-10-01", "2021-10-08"), stay("C2", "2021-10-02", "2021-10-09"));
        spells = IndicatorFixtures.spells(stays);
        care = IndicatorFixtures.careEvents(List.of(
                reablement("L1", "2021-06-07", "2021-06-30"), reablement("L2", "2021-06-06", "2021-06-30"),
                reablement("L3", "2021-06-17", "2021-06-30"), reablement("L4", "2021-06-18", "2021-06-30"),
                reablement("F1", "2021-06-11", "2021-06-30", "date_of_death", "2021-09-02"),
                reablement("F2", "2021-06-11", "2021-06-30", "date_of_death", "2021-09-03"),
                reablement("F3", "2021-06-11", "2021-06-30"), reablement("F4", "2021-06-11", "2021-06-30"),
                reablement("F5", "2021-06-11", "2021-06-30"), reablement("F6", "2021-06-11", "2021-06-30"),
                reablement("F7", "2021-06-11", "2021-06-30"), reablement("F8", "2021-06-11", "2021-06-30"),
                reablement("F9", "2021-06-15", "2021-06-30"),
                reablement("F10", "2021-06-11", "2021-06-30"), placement("F10", "2021-09-02", null),
                reablement("F11", "2021-06-11", "2021-06-30"), placement("F11", "2021-09-03", null),
                reablement("T1", "2021-06-08", "2021-06-08"), reablement("T1", "2021-06-17", "2021-06-20"),
                reablement("E1", "2021-06-11", "2021-06-30"), reablement("E2", "2021-06-11", "2021-06-30"),
                reablement("E3", "2021-06-11", "2021-06-30"), placement("E3", "2021-01-01", null),
                reablement("E4", "2021-06-11", "2021-06-30"), reablement("E5", "2021-06-11", "2021-06-30"),
                reablement("E6", "2021-06-11", "2021-06-30"),
                reablement("C1", "2021-10-09", "2021-10-20"), reablement("C2", "2021-10-10", "2021-10-20")));
        out = IndicatorFixtures.indicators(spells, care, IndicatorFixtures.population(List.of()),
                IndicatorFixtures.grid("2021-06", "2021-12"), RUN_DATE);
    }

    private static List<String> persons(Dataset<Row> rows) {
        return rows.select("person_key").collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
    }

    private static Map<String, Boolean> flags(String column) {
        Dataset<Row> eligible = ReablementAfterDischarge.eligibleDischarges(spells, care);
        Dataset<Row> linked = ReablementAfterDischarge.linkedEpisodes(ReablementAfterDischarge.episodes(care), eligible);
        Map<String, Boolean> byPerson = new TreeMap<>();
        for (Row r : ReablementAfterDischarge.outcomes(linked, spells, care, RUN_DATE).collectAsList()) {
            byPerson.merge(r.getAs("person_key"), r.getAs(column), Boolean::logicalOr);
        }
        return byPerson;
    }

    @Test
    void events_seven_days_apart_are_one_episode_and_eight_days_apart_two() {
        var events = IndicatorFixtures.careEvents(List.of(
                // M1: 06-27 - 06-20 = 7: one episode
                reablement("M1", "2021-06-11", "2021-06-20"), reablement("M1", "2021-06-27", "2021-07-05"),
                // M2: 06-28 - 06-20 = 8: two
                reablement("M2", "2021-06-11", "2021-06-20"), reablement("M2", "2021-06-28", "2021-07-05"),
                // M3: an open event keeps the episode open; the third is 7 days after the latest end (07-01, not 06-12)
                reablement("M3", "2021-06-11", "2021-07-01"), reablement("M3", "2021-06-12", "2021-06-12"),
                reablement("M3", "2021-07-08", null), reablement("M3", "2021-12-01", "2021-12-02"),
                // M4: other component, type or a carer: no reablement episode at all
                reablement("M4", "2021-06-11", null, "service_component", "Home Care"),
                reablement("M4", "2021-06-11", null, "service_type", "Short Term Support: Other Short Term"),
                reablement("M4", "2021-06-11", null, "client_type", "Unpaid carer")));
        var episodes = ReablementAfterDischarge.episodes(events);
        assertThat(persons(episodes)).containsExactly("M1", "M2", "M2", "M3");
        assertThat(episodes.filter("person_key = 'M3'").first().<java.sql.Date>getAs("episode_start").toString())
                .isEqualTo("2021-06-11");
    }

    @Test
    void an_episode_links_to_a_discharge_from_3_days_after_to_7_days_before_its_start() {
        Dataset<Row> eligible = ReablementAfterDischarge.eligibleDischarges(spells, care);
        Dataset<Row> linked = ReablementAfterDischarge.linkedEpisodes(ReablementAfterDischarge.episodes(care), eligible);
        List<String> who = persons(linked);
        // start D - 3 and D + 7 linked, D - 4 and D + 8 not
        assertThat(who).contains("L1", "L3").doesNotContain("L2", "L4");
        assertThat(who).filteredOn("T1"::equals).hasSize(2);
    }

    @Test
    void the_part_2_denominator_leaves_out_no_night_hospice_care_home_excluded_specialties_and_under_65() {
        List<String> eligible = persons(ReablementAfterDischarge.eligibleDischarges(spells, care));
        assertThat(eligible).doesNotContain("E1", "E2", "E3", "E4", "E5", "E6");
        assertThat(eligible).contains("L1", "L2", "C1", "C2");
        // of F3's, F4's and F7-F9's other stays none is eligible (death, no night, open, 710); F5's and F6's are
        assertThat(eligible).filteredOn(p -> p.startsWith("F")).hasSize(11 + 2);
    }

    @Test
    void a_continuous_inpatient_spell_is_discharged_by_its_last_spell_admitted_by_its_first_and_lasts_from_one_to_the_other() {
        var cipsSpells = IndicatorFixtures.spells(List.of(
                // X: only the last spell of the CIPS is a discharge (X1 alone would qualify)
                stay("X", "2021-06-01", "2021-06-05", "spell_id", "X1", "cips_id", "cX",
                        "cips_admission_date", "2021-06-01", "cips_discharge_date", "2021-06-10"),
                stay("X", "2021-06-05", "2021-06-10", "spell_id", "X2", "cips_id", "cX",
                        "cips_admission_date", "2021-06-01", "cips_discharge_date", "2021-06-10"),
                // Y: admitted ante partum (31) by its first spell, so out, whatever the second spell's method
                stay("Y", "2021-06-01", "2021-06-03", "spell_id", "Y1", "cips_id", "cY", "admission_method", "31",
                        "cips_admission_date", "2021-06-01", "cips_discharge_date", "2021-06-10"),
                stay("Y", "2021-06-03", "2021-06-10", "spell_id", "Y2", "cips_id", "cY", "admission_method", "81",
                        "cips_admission_date", "2021-06-01", "cips_discharge_date", "2021-06-10"),
                // Z: the last spell has no night (06-09 - 06-09) but the CIPS has one (06-09 - 06-08 = 1): in
                stay("Z", "2021-06-08", "2021-06-09", "spell_id", "Z1", "cips_id", "cZ", "discharge_destination", "51",
                        "cips_admission_date", "2021-06-08", "cips_discharge_date", "2021-06-09"),
                stay("Z", "2021-06-09", "2021-06-09", "spell_id", "Z2", "cips_id", "cZ",
                        "cips_admission_date", "2021-06-08", "cips_discharge_date", "2021-06-09")));
        List<String> spellIds = ReablementAfterDischarge.eligibleDischarges(cipsSpells, IndicatorFixtures.noCareEvents())
                .select("spell_id").collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
        assertThat(spellIds).containsExactly("X2", "Z2");
    }

    @Test
    void each_failure_on_day_84_fails_and_on_day_85_does_not() {
        Map<String, Boolean> died = flags(ReablementAfterDischarge.DIED);
        Map<String, Boolean> readmitted = flags(ReablementAfterDischarge.READMITTED);
        Map<String, Boolean> careHome = flags(ReablementAfterDischarge.ENTERED_CARE_HOME);
        assertThat(died).as("date of death").containsEntry("F1", true).containsEntry("F2", false);
        assertThat(died).as("died in hospital").containsEntry("F3", true).containsEntry("F4", false);
        assertThat(readmitted).as("emergency readmission").containsEntry("F5", true).containsEntry("F6", false);
        assertThat(readmitted).as("no night; still in hospital; before the reablement start")
                .containsEntry("F7", false).containsEntry("F8", true).containsEntry("F9", false);
        assertThat(careHome).as("long-term residential start").containsEntry("F10", true).containsEntry("F11", false);
        Map<String, Boolean> remained = flags(ReablementAfterDischarge.REMAINED_IN_COMMUNITY);
        assertThat(remained).containsEntry("L1", true).containsEntry("F1", false).containsEntry("F3", false)
                .containsEntry("F5", false).containsEntry("F8", false).containsEntry("F10", false);
    }

    @Test
    void part_1_counts_linked_episodes_that_remained_in_the_community() {
        Row june = out.get(WEST + " 2021-06 reablement_remained_in_community_12wk");
        assertThat((Double) june.getAs("denominator")).isEqualTo(15.0);
        assertThat((Long) june.getAs("numerator")).isEqualTo(10);
        // 100 x 10/15 = 66.667; Wilson (20 + 3.841459 ± 1.959964 √(3.841459 + 40 x 5/15)) / (2 x 18.841459)
        //   = (23.841459 ± 8.122578) / 37.682918 = 41.714 %, 84.824 %
        assertThat((Double) june.getAs("value")).isCloseTo(66.667, within(0.001));
        assertThat((Double) june.getAs("lower_95")).isCloseTo(41.714, within(0.001));
        assertThat((Double) june.getAs("upper_95")).isCloseTo(84.824, within(0.001));
    }

    @Test
    void part_1_waits_until_84_days_after_the_discharge() {
        Row october = out.get(WEST + " 2021-10 reablement_remained_in_community_12wk");
        // C1 (10-08 = 2021-12-31 - 84) counted, C2 (10-09) not yet
        assertThat((Double) october.getAs("denominator")).isEqualTo(1.0);
        assertThat((Long) october.getAs("numerator")).isEqualTo(1);
        assertThat(ReablementAfterDischarge.lastCompleteDischarge(RUN_DATE)).isEqualTo(LocalDate.parse("2021-10-08"));
        Row fy = out.get(WEST + " 2021-22 reablement_remained_in_community_12wk");
        // June 10 of 15 + October 1 of 1
        assertThat((Double) fy.getAs("denominator")).isEqualTo(16.0);
        assertThat((Long) fy.getAs("numerator")).isEqualTo(11);
    }

    @Test
    void part_2_counts_each_discharge_once_however_many_episodes_follow_it() {
        Row june = out.get(WEST + " 2021-06 reablement_after_discharge");
        assertThat((Double) june.getAs("denominator")).isEqualTo(16.0);
        assertThat((Long) june.getAs("numerator")).as("T1 once").isEqualTo(14);
        // 100 x 14/16 = 87.5; Wilson (28 + 3.841459 ± 1.959964 √(3.841459 + 56 x 2/16)) / (2 x 19.841459)
        //   = (31.841459 ± 6.453052) / 39.682918 = 63.977 %, 96.502 %
        assertThat((Double) june.getAs("value")).isCloseTo(87.5, within(1e-9));
        assertThat((Double) june.getAs("lower_95")).isCloseTo(63.977, within(0.001));
        assertThat((Double) june.getAs("upper_95")).isCloseTo(96.502, within(0.001));
        Row september = out.get(WEST + " 2021-09 reablement_after_discharge");
        assertThat((Double) september.getAs("denominator")).as("F5's and F6's readmissions").isEqualTo(2.0);
        assertThat((Long) september.getAs("numerator")).isZero();
        Row october = out.get(WEST + " 2021-10 reablement_after_discharge");
        assertThat((Long) october.getAs("numerator")).as("C2 too: part 2 needs no follow-up").isEqualTo(2);
        assertThat((Double) october.getAs("denominator")).isEqualTo(2.0);
        Row fy = out.get(WEST + " 2021-22 reablement_after_discharge");
        assertThat((Long) fy.getAs("numerator")).isEqualTo(16);
        assertThat((Double) fy.getAs("denominator")).isEqualTo(20.0);
    }

    @Test
    void the_treatment_function_reaches_linked_spells() {
        Row linked = IndicatorFixtures.link(List.of(IndicatorFixtures.admission("treatment_function_code", "320")))
                .select("treatment_function_code").first();
        assertThat(linked.getString(0)).isEqualTo("320");
    }
}
