package org.bedflow.pipeline.link;

import static org.bedflow.pipeline.testing.TableLiteral.assertFrame;
import static org.bedflow.pipeline.testing.TableLiteral.parse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link Readmissions} on table literals. docs/data-dictionary.md, linked_spells:
 * {@code is_readmission_30d} is "an emergency spell admitted 0-29 days after an alive
 * discharge of another spell of the same person", {@code followed_by_readmission_30d} "an
 * alive discharge followed by an emergency admission of the same person 0-29 days later"
 * (docs/indicators.md, emergency_readmissions_30d: "followed by an emergency readmission in
 * 0-29 days"; its run date - 30 cut-off is the indicator's, not this stage's). Days are
 * admission_date - discharge_date. The person key is null when the NHS number is missing or
 * invalid, and then the spell is never linked. Columns a table leaves out are null. The whole
 * link is in ReadmissionsTest.
 */
class ReadmissionsStageTest {

    static final StructType SPELLS = StructType.fromDDL("provider_code STRING, spell_id STRING, person_key STRING, "
            + "admission_date DATE, discharge_date DATE, is_emergency BOOLEAN, is_alive_discharge BOOLEAN");

    private static Dataset<Row> flag(String spells) {
        return Readmissions.flag(parse(spells, SPELLS));
    }

    @Test
    void an_emergency_admission_29_days_after_counts_and_30_or_31_days_do_not() {
        // each person: an elective spell discharged alive on 2021-05-10, then an emergency admission
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | is_emergency | is_alive_discharge |
                | RNS           | A29      | P29        | 2021-05-01     | 2021-05-10     | false        | true               |
                | RNS           | B29      | P29        | 2021-06-08     |                | true         |                    |
                | RNS           | A30      | P30        | 2021-05-01     | 2021-05-10     | false        | true               |
                | RNS           | B30      | P30        | 2021-06-09     |                | true         |                    |
                | RNS           | A31      | P31        | 2021-05-01     | 2021-05-10     | false        | true               |
                | RNS           | B31      | P31        | 2021-06-10     |                | true         |                    |
                """);
        // P29: 2021-06-08 - 2021-05-10 = 21 + 8 = 29 days: inside 0-29
        // P30: 2021-06-09 - 2021-05-10 = 30 days: outside
        // P31: 2021-06-10 - 2021-05-10 = 31 days: outside
        assertFrame(out, """
                | spell_id | followed_by_readmission_30d | is_readmission_30d |
                | A29      | true                        | false              |
                | B29      | false                       | true               |
                | A30      | false                       | false              |
                | B30      | false                       | false              |
                | A31      | false                       | false              |
                | B31      | false                       | false              |
                """);
    }

    @Test
    void an_admission_on_the_discharge_date_counts_and_one_the_day_before_does_not() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | is_emergency | is_alive_discharge |
                | RNS           | A0       | P0         | 2021-05-01     | 2021-05-10     | false        | true               |
                | RWE           | B0       | P0         | 2021-05-10     |                | true         |                    |
                | RNS           | A1       | P1         | 2021-05-01     | 2021-05-10     | false        | true               |
                | RWE           | B1       | P1         | 2021-05-09     |                | true         |                    |
                """);
        // P0: 2021-05-10 - 2021-05-10 = 0 days: inside
        // P1: 2021-05-09 - 2021-05-10 = -1 day (admitted elsewhere before this discharge): outside
        assertFrame(out, """
                | spell_id | followed_by_readmission_30d | is_readmission_30d |
                | A0       | true                        | false              |
                | B0       | false                       | true               |
                | A1       | false                       | false              |
                | B1       | false                       | false              |
                """);
    }

    @Test
    void only_an_alive_discharge_is_an_index_and_it_need_not_be_an_emergency() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | is_emergency | is_alive_discharge |
                | RNS           | A1       | P1         | 2021-05-01     | 2021-05-10     | true         | false              |
                | RNS           | B1       | P1         | 2021-05-20     |                | true         |                    |
                | RNS           | A2       | P2         | 2021-05-01     |                | true         |                    |
                | RNS           | B2       | P2         | 2021-05-20     |                | true         |                    |
                | RNS           | A3       | P3         | 2021-05-01     | 2021-05-10     | false        | true               |
                | RNS           | B3       | P3         | 2021-05-20     |                | true         |                    |
                """);
        // P1: A1 did not end in an alive discharge (died: method 4/5 or destination 79), B1 10 days later is no readmission
        // P2: A2 is still open (no discharge, is_alive_discharge null)
        // P3: an elective spell discharged alive, emergency 2021-05-20 - 2021-05-10 = 10 days later: a pair
        assertFrame(out, """
                | spell_id | followed_by_readmission_30d | is_readmission_30d |
                | A1       | false                       | false              |
                | B1       | false                       | false              |
                | A2       | false                       | false              |
                | B2       | false                       | false              |
                | A3       | true                        | false              |
                | B3       | false                       | true               |
                """);
    }

    @Test
    void only_an_emergency_admission_is_a_readmission_and_it_need_not_be_discharged() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | is_emergency | is_alive_discharge |
                | RNS           | A1       | P1         | 2021-05-01     | 2021-05-10     | true         | true               |
                | RNS           | B1       | P1         | 2021-05-20     | 2021-05-22     | false        | true               |
                | RNS           | A2       | P2         | 2021-05-01     | 2021-05-10     | true         | true               |
                | RNS           | B2       | P2         | 2021-05-20     | 2021-05-22     | true         | false              |
                | RNS           | A3       | P3         | 2021-05-01     | 2021-05-10     | true         | true               |
                | RNS           | B3       | P3         | 2021-05-20     |                | true         |                    |
                """);
        // each 2021-05-20 - 2021-05-10 = 10 days after an alive discharge
        // B1 is elective: no pair; B2 is an emergency that ended in death: a readmission all the same;
        // B3 is an emergency still open: a readmission
        assertFrame(out, """
                | spell_id | followed_by_readmission_30d | is_readmission_30d |
                | A1       | false                       | false              |
                | B1       | false                       | false              |
                | A2       | true                        | false              |
                | B2       | false                       | true               |
                | A3       | true                        | false              |
                | B3       | false                       | true               |
                """);
    }

    @Test
    void only_spells_of_the_same_keyed_person_pair() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | is_emergency | is_alive_discharge |
                | RNS           | A1       | P1         | 2021-05-01     | 2021-05-10     | false        | true               |
                | RNS           | B1       | P2         | 2021-05-20     |                | true         |                    |
                | RNS           | A2       |            | 2021-05-01     | 2021-05-10     | false        | true               |
                | RNS           | B2       |            | 2021-05-20     |                | true         |                    |
                | RNS           | A3       | P3         | 2021-05-01     | 2021-05-10     | false        | true               |
                | RNS           | B3       | P3         | 2021-05-20     |                | true         |                    |
                """);
        // B1 is another person's; A2 and B2 have no person key (never linked, not even to each other);
        // A3 -> B3: 10 days, the control
        assertFrame(out, """
                | spell_id | followed_by_readmission_30d | is_readmission_30d |
                | A1       | false                       | false              |
                | B1       | false                       | false              |
                | A2       | false                       | false              |
                | B2       | false                       | false              |
                | A3       | true                        | false              |
                | B3       | false                       | true               |
                """);
    }

    @Test
    void a_spell_is_not_its_own_readmission_and_the_same_spell_id_at_another_provider_is_another_spell() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | is_emergency | is_alive_discharge |
                | RNS           | S1       | P1         | 2021-05-10     | 2021-05-10     | true         | true               |
                | RNS           | S2       | P2         | 2021-05-01     | 2021-05-10     | true         | true               |
                | RWE           | S2       | P2         | 2021-05-15     |                | true         |                    |
                """);
        // RNS/S1: admitted on its own discharge date (0 days), but it is the same spell
        // RNS/S2 -> RWE/S2: 2021-05-15 - 2021-05-10 = 5 days, another provider's spell
        assertFrame(out, """
                | provider_code | spell_id | followed_by_readmission_30d | is_readmission_30d |
                | RNS           | S1       | false                       | false              |
                | RNS           | S2       | true                        | false              |
                | RWE           | S2       | false                       | true               |
                """);
    }

    @Test
    void a_spell_can_be_both_and_several_discharges_share_one_readmission_flagged_once() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | is_emergency | is_alive_discharge |
                | RNS           | A        | P1         | 2021-05-01     | 2021-05-10     | true         | true               |
                | RNS           | B        | P1         | 2021-05-15     | 2021-05-20     | true         | true               |
                | RNS           | C        | P1         | 2021-05-25     |                | true         |                    |
                | RNS           | D1       | P2         | 2021-04-25     | 2021-05-01     | false        | true               |
                | RNS           | D2       | P2         | 2021-05-02     | 2021-05-05     | false        | true               |
                | RNS           | E        | P2         | 2021-05-20     |                | true         |                    |
                """);
        // P1: B 2021-05-15 - A 2021-05-10 = 5 days; C 2021-05-25 - B 2021-05-20 = 5 days
        //     (and C - A = 15 days: C is flagged once); B is both a readmission and followed
        // P2: E 2021-05-20 - D1 2021-05-01 = 19 days, - D2 2021-05-05 = 15 days: both followed, E flagged once
        assertFrame(out, """
                | spell_id | followed_by_readmission_30d | is_readmission_30d |
                | A        | true                        | false              |
                | B        | true                        | true               |
                | C        | false                       | true               |
                | D1       | true                        | false              |
                | D2       | true                        | false              |
                | E        | false                       | true               |
                """);
    }

    @Test
    void two_same_day_emergency_spells_of_a_person_are_each_the_others_readmission() {
        // as the code defines it: dates have no time of day, so either spell is "admitted 0 days
        // after an alive discharge of another spell of the same person"
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | is_emergency | is_alive_discharge |
                | RNS           | X        | P1         | 2021-05-10     | 2021-05-10     | true         | true               |
                | RNS           | Y        | P1         | 2021-05-10     | 2021-05-10     | true         | true               |
                """);
        assertFrame(out, """
                | spell_id | followed_by_readmission_30d | is_readmission_30d |
                | X        | true                        | true               |
                | Y        | true                        | true               |
                """);
    }

    @Test
    void flags_has_one_narrow_row_per_spell_in_a_pair() {
        Dataset<Row> flags = Readmissions.flags(parse("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | is_emergency | is_alive_discharge |
                | RNS           | A        | P1         | 2021-05-01     | 2021-05-10     | true         | true               |
                | RNS           | B        | P1         | 2021-05-15     | 2021-05-20     | true         | true               |
                | RNS           | C        | P1         | 2021-05-25     |                | true         |                    |
                | RNS           | Z        | P9         | 2021-05-25     |                | true         |                    |
                """, SPELLS));
        // A -> B 5 days, B -> C 5 days, A -> C 15 days; Z pairs with nothing and has no row
        assertFrame(flags, """
                | _x_provider | _x_spell | _followed | _readmitted |
                | RNS         | A        | true      | false       |
                | RNS         | B        | true      | true        |
                | RNS         | C        | false     | true        |
                """);
    }
}
