package org.bedflow.pipeline.link;

import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ALIVE_DISCHARGE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_EMERGENCY;
import static org.bedflow.pipeline.testing.TableLiteral.assertFrame;
import static org.bedflow.pipeline.testing.TableLiteral.parse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link Readmissions} on table literals, after {@link ContinuousInpatientSpells#derive} (and
 * is_emergency, is_alive_discharge as SpellFields derives them). docs/measures.md,
 * "Readmissions": an index stay is a CIPS of a keyed person ending in an alive discharge not to
 * another hospital, not a day case or regular attender (first spell's patient_classification
 * 2, 3, 4), not maternity (method 31, 32, 82, 83 or specialty / treatment function 501, 560 on
 * any spell), not cancer (C00-C97 or Z51.1 on any spell, or on a spell of the person admitted
 * 1-365 days before); the readmission is the person's next CIPS when it is an emergency admitted
 * 0-29 days after the index discharge and not itself maternity or cancer. Flags:
 * is_readmission_index and followed_by_readmission_30d on the index's last spell,
 * is_readmission_30d on the readmission's first spell. Days are admission_date − discharge_date.
 * Columns a table leaves out are null (discharge method null: alive).
 */
class ReadmissionsStageTest {

    static final StructType SPELLS = StructType.fromDDL("provider_code STRING, spell_id STRING, person_key STRING, "
            + "admission_date DATE, admission_method STRING, admission_source STRING, discharge_date DATE, "
            + "discharge_method STRING, discharge_destination STRING, patient_classification STRING, "
            + "main_specialty_code STRING, treatment_function_code STRING, primary_diagnosis STRING, "
            + "secondary_diagnoses STRING");

    private static Dataset<Row> spells(String table) {
        Dataset<Row> in = parse(table, SPELLS).withColumn(IS_EMERGENCY, SpellFields.isEmergency())
                .withColumn(IS_ALIVE_DISCHARGE, SpellFields.isAliveDischarge());
        return ContinuousInpatientSpells.derive(in);
    }

    private static Dataset<Row> flag(String table) {
        return Readmissions.flag(spells(table));
    }

    @Test
    void an_emergency_admission_0_or_29_days_after_counts_and_30_days_or_the_day_before_does_not() {
        // each person: an elective spell discharged home on 2021-05-10, then an emergency admission (21)
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | admission_method | discharge_date |
                | RNS           | A29      | P29        | 2021-05-01     | 11               | 2021-05-10     |
                | RNS           | B29      | P29        | 2021-06-08     | 21               |                |
                | RNS           | A30      | P30        | 2021-05-01     | 11               | 2021-05-10     |
                | RNS           | B30      | P30        | 2021-06-09     | 21               |                |
                | RNS           | A0       | P0         | 2021-05-01     | 11               | 2021-05-10     |
                | RWE           | B0       | P0         | 2021-05-10     | 21               |                |
                | RNS           | A1       | P1         | 2021-05-01     | 11               | 2021-05-10     |
                | RWE           | B1       | P1         | 2021-05-09     | 21               |                |
                """);
        // P29: 2021-06-08 - 2021-05-10 = 21 + 8 = 29 days: inside 0-29
        // P30: 2021-06-09 - 2021-05-10 = 30 days: outside (A30 is still an index stay, not followed)
        // P0: 2021-05-10 - 2021-05-10 = 0 days, at another provider: inside
        // P1: B1 admitted 2021-05-09, before A1's discharge: B1 is the next CIPS but -1 day: outside
        // the open B spells have no discharge: never an index
        assertFrame(out, """
                | spell_id | is_readmission_index | followed_by_readmission_30d | is_readmission_30d |
                | A29      | true                 | true                        | false              |
                | B29      | false                | false                       | true               |
                | A30      | true                 | false                       | false              |
                | B30      | false                | false                       | false              |
                | A0       | true                 | true                        | false              |
                | B0       | false                | false                       | true               |
                | A1       | true                 | false                       | false              |
                | B1       | false                | false                       | false              |
                """);
    }

    @Test
    void only_the_next_cips_counts_and_an_elective_one_in_between_means_no_readmission_of_the_first() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | admission_method | discharge_date |
                | RNS           | A        | P1         | 2021-05-01     | 21               | 2021-05-10     |
                | RNS           | E        | P1         | 2021-05-12     | 11               | 2021-05-13     |
                | RNS           | C        | P1         | 2021-05-20     | 21               | 2021-05-25     |
                """);
        // A's next CIPS is E, elective: A is not followed (C, 10 days after A, is not A's readmission)
        // E is an index of its own (an elective stay discharged home): C is 2021-05-20 - 2021-05-13 = 7 days after it
        // C is an index too (discharged home), with nothing after it
        assertFrame(out, """
                | spell_id | is_readmission_index | followed_by_readmission_30d | is_readmission_30d |
                | A        | true                 | false                       | false              |
                | E        | true                 | true                        | false              |
                | C        | true                 | false                       | true               |
                """);
    }

    @Test
    void a_death_an_open_spell_and_a_discharge_to_another_hospital_are_not_index_stays() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | admission_method | discharge_date | discharge_method | discharge_destination |
                | RNS           | D        | P1         | 2021-05-01     | 21               | 2021-05-10     | 4                | 79                    |
                | RNS           | DB       | P1         | 2021-05-20     | 21               |                |                  |                       |
                | RNS           | O        | P2         | 2021-05-01     | 21               |                |                  |                       |
                | RNS           | T        | P3         | 2021-05-01     | 21               | 2021-05-10     | 1                | 51                    |
                | RNS           | TB       | P3         | 2021-05-20     | 21               | 2021-05-22     | 1                | 19                    |
                | RNS           | U        | P4         | 2021-05-01     | 21               | 2021-05-10     | 1                | 87                    |
                | RNS           | UB       | P4         | 2021-05-15     | 21               | 2021-05-16     | 4                | 79                    |
                """);
        // D died (method 4, destination 79): no index, DB 10 days later is no readmission
        // O is still open
        // T went to another NHS hospital (51) not in the feeds; TB 10 days later is a CIPS of its own
        //   (a gap of 3 days or more): T's stay did not end at home, so it is no index and TB no readmission
        // U: 87 (non-NHS hospital) likewise; UB, an emergency that ended in death, is an index of nothing
        assertFrame(out, """
                | spell_id | is_readmission_index | followed_by_readmission_30d | is_readmission_30d |
                | D        | false                | false                       | false              |
                | DB       | false                | false                       | false              |
                | O        | false                | false                       | false              |
                | T        | false                | false                       | false              |
                | TB       | true                 | false                       | false              |
                | U        | false                | false                       | false              |
                | UB       | false                | false                       | false              |
                """);
    }

    @Test
    void a_transfer_chain_is_one_stay_its_last_spell_carries_the_index_and_a_transfer_in_is_never_a_readmission() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | admission_method | discharge_date | discharge_destination |
                | RNS           | A        | P1         | 2021-05-01     | 21               | 2021-05-10     | 51                    |
                | RWE           | B        | P1         | 2021-05-10     | 2B               | 2021-05-15     | 19                    |
                | RNS           | C        | P1         | 2021-05-20     | 21               | 2021-05-22     | 19                    |
                """);
        // A -> B: discharged to another hospital (51) and admitted by transfer (2B) the same day: one CIPS
        // B (2B, an emergency method) is a transfer-in, not an admission 0 days after A: never a readmission
        // the CIPS ends at B's discharge home on 2021-05-15: B carries the index; C 2021-05-20 - 2021-05-15 = 5 days
        assertFrame(out, """
                | spell_id | is_readmission_index | followed_by_readmission_30d | is_readmission_30d |
                | A        | false                | false                       | false              |
                | B        | true                 | true                        | false              |
                | C        | true                 | false                       | true               |
                """);
    }

    @Test
    void day_cases_and_regular_attenders_on_the_first_spell_are_not_index_stays() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | admission_method | discharge_date | discharge_destination | patient_classification |
                | RNS           | C1       | P1         | 2021-05-01     | 11               | 2021-05-01     | 19                    | 1                      |
                | RNS           | R1       | P1         | 2021-05-05     | 21               |                |                       |                        |
                | RNS           | C2       | P2         | 2021-05-01     | 11               | 2021-05-01     | 19                    | 2                      |
                | RNS           | R2       | P2         | 2021-05-05     | 21               |                |                       |                        |
                | RNS           | C3       | P3         | 2021-05-01     | 11               | 2021-05-01     | 19                    | 3                      |
                | RNS           | R3       | P3         | 2021-05-05     | 21               |                |                       |                        |
                | RNS           | C4       | P4         | 2021-05-01     | 11               | 2021-05-01     | 19                    | 4                      |
                | RNS           | R4       | P4         | 2021-05-05     | 21               |                |                       |                        |
                | RNS           | CN       | PN       | 2021-05-01     | 11               | 2021-05-01     | 19                    |                        |
                | RNS           | RN       | PN       | 2021-05-05     | 21               |                |                       |                        |
                | RNS           | F1       | PT       | 2021-05-01     | 21               | 2021-05-03     | 51                    | 1                      |
                | RWE           | F2       | PT       | 2021-05-03     | 2B               | 2021-05-04     | 19                    | 2                      |
                | RNS           | RT       | PT       | 2021-05-06     | 21               |                |                       |                        |
                """);
        // each R is an emergency 4 days after the first stay (2021-05-05 - 2021-05-01)
        // classification 1 (ordinary) and null (not recorded: the exclusion cannot apply) are index stays;
        // 2 (day case), 3 (regular day attender), 4 (regular night attender) are not, so their R is no readmission
        // PT: the CIPS F1 -> F2 starts with an ordinary admission; the second spell's 2 does not matter:
        //     F2 carries the index, RT (2021-05-06 - 2021-05-04 = 2 days) is the readmission
        assertFrame(out, """
                | spell_id | is_readmission_index | followed_by_readmission_30d | is_readmission_30d |
                | C1       | true                 | true                        | false              |
                | R1       | false                | false                       | true               |
                | C2       | false                | false                       | false              |
                | R2       | false                | false                       | false              |
                | C3       | false                | false                       | false              |
                | R3       | false                | false                       | false              |
                | C4       | false                | false                       | false              |
                | R4       | false                | false                       | false              |
                | CN       | true                 | true                        | false              |
                | RN       | false                | false                       | true               |
                | F1       | false                | false                       | false              |
                | F2       | true                 | true                        | false              |
                | RT       | false                | false                       | true               |
                """);
    }

    @Test
    void maternity_by_admission_method_or_specialty_on_any_spell_is_neither_an_index_nor_a_readmission() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | admission_method | discharge_date | discharge_destination | main_specialty_code | treatment_function_code |
                | RNS           | M31      | P1         | 2021-05-01     | 31               | 2021-05-03     | 19                    |                     |                         |
                | RNS           | R1       | P1         | 2021-05-10     | 21               |                |                       |                     |                         |
                | RNS           | M82      | P2         | 2021-05-01     | 82               | 2021-05-03     | 19                    |                     |                         |
                | RNS           | R2       | P2         | 2021-05-10     | 21               |                |                       |                     |                         |
                | RNS           | S501     | P3         | 2021-05-01     | 21               | 2021-05-03     | 19                    | 501                 |                         |
                | RNS           | R3       | P3         | 2021-05-10     | 21               |                |                       |                     |                         |
                | RNS           | T1       | P4         | 2021-05-01     | 21               | 2021-05-03     | 51                    | 300                 |                         |
                | RWE           | T2       | P4         | 2021-05-03     | 2B               | 2021-05-05     | 19                    |                     | 560                     |
                | RNS           | R4       | P4         | 2021-05-10     | 21               |                |                       |                     |                         |
                | RNS           | I5       | P5         | 2021-05-01     | 11               | 2021-05-03     | 19                    | 300                 |                         |
                | RNS           | M5       | P5         | 2021-05-10     | 21               | 2021-05-12     | 19                    | 501                 |                         |
                | RNS           | L5       | P5         | 2021-05-15     | 21               |                |                       |                     |                         |
                """);
        // P1, P2: method 31 (ante partum), 82 (birth in this provider): not index stays, R1, R2 not readmissions
        // P3: main specialty 501 (obstetrics): not an index
        // P4: the CIPS T1 -> T2 has treatment function 560 (midwifery) on its second spell: not an index
        // P5: I5 is an index; its next CIPS M5 is an emergency 7 days later but maternity (501): no readmission;
        //     M5 is no index either, so L5 is nobody's readmission (and L5 is not I5's: it is not I5's next CIPS)
        assertFrame(out, """
                | spell_id | is_readmission_index | followed_by_readmission_30d | is_readmission_30d |
                | M31      | false                | false                       | false              |
                | R1       | false                | false                       | false              |
                | M82      | false                | false                       | false              |
                | R2       | false                | false                       | false              |
                | S501     | false                | false                       | false              |
                | R3       | false                | false                       | false              |
                | T1       | false                | false                       | false              |
                | T2       | false                | false                       | false              |
                | R4       | false                | false                       | false              |
                | I5       | true                 | false                       | false              |
                | M5       | false                | false                       | false              |
                | L5       | false                | false                       | false              |
                """);
    }

    @Test
    void cancer_on_any_spell_of_the_cips_or_its_readmission_excludes_it() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | admission_method | discharge_date | discharge_destination | primary_diagnosis | secondary_diagnoses |
                | RNS           | C1       | P1         | 2021-05-01     | 21               | 2021-05-03     | 19                    | C189              |                     |
                | RNS           | R1       | P1         | 2021-05-10     | 21               |                |                       | J440              |                     |
                | RNS           | Z2       | P2         | 2021-05-01     | 11               | 2021-05-03     | 19                    | R509              | I10;Z511            |
                | RNS           | R2       | P2         | 2021-05-10     | 21               |                |                       | J440              |                     |
                | RNS           | T1       | P3         | 2021-05-01     | 21               | 2021-05-03     | 51                    | I209              |                     |
                | RWE           | T2       | P3         | 2021-05-03     | 2B               | 2021-05-05     | 19                    | I209              | C97X                |
                | RNS           | R3       | P3         | 2021-05-10     | 21               |                |                       | J440              |                     |
                | RNS           | I4       | P4         | 2021-05-01     | 11               | 2021-05-03     | 19                    | K802              | D370                |
                | RNS           | R4       | P4         | 2021-05-10     | 21               |                |                       | R509              | C61X                |
                | RNS           | I5       | P5         | 2021-05-01     | 11               | 2021-05-03     | 19                    | K802              | D099                |
                | RNS           | R5       | P5         | 2021-05-10     | 21               |                |                       | J440              |                     |
                """);
        // P1: primary C189 (C00-C97): no index. P2: secondary Z511 (chemotherapy session): no index.
        // P3: C97X on the transfer-in T2 of the CIPS: no index
        // P4: I4 (D370, not C00-C97) is an index; R4 has a secondary C61X: not a readmission
        // P5: D099 is an in-situ neoplasm, not C00-C97: I5 an index, R5 its readmission (7 days)
        assertFrame(out, """
                | spell_id | is_readmission_index | followed_by_readmission_30d | is_readmission_30d |
                | C1       | false                | false                       | false              |
                | R1       | false                | false                       | false              |
                | Z2       | false                | false                       | false              |
                | R2       | false                | false                       | false              |
                | T1       | false                | false                       | false              |
                | T2       | false                | false                       | false              |
                | R3       | false                | false                       | false              |
                | I4       | true                 | false                       | false              |
                | R4       | false                | false                       | false              |
                | I5       | true                 | true                        | false              |
                | R5       | false                | false                       | true               |
                """);
    }

    @Test
    void a_cancer_spell_admitted_up_to_365_days_before_the_index_admission_excludes_it_and_366_days_does_not() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | admission_method | discharge_date | discharge_destination | primary_diagnosis |
                | RNS           | K365     | P365       | 2021-05-10     | 11               | 2021-05-12     | 19                    | C509              |
                | RNS           | I365     | P365       | 2022-05-10     | 11               | 2022-05-12     | 19                    | K802              |
                | RNS           | R365     | P365       | 2022-05-20     | 21               |                |                       | J440              |
                | RNS           | K366     | P366       | 2021-05-09     | 11               | 2021-05-12     | 19                    | C509              |
                | RNS           | I366     | P366       | 2022-05-10     | 11               | 2022-05-12     | 19                    | K802              |
                | RNS           | R366     | P366       | 2022-05-20     | 21               |                |                       | J440              |
                """);
        // P365: cancer spell admitted 2021-05-10; index admitted 2022-05-10: 365 days before (no 29 February between):
        //       inside [2022-05-10 - 365, 2022-05-09]: I365 is no index, R365 no readmission
        // P366: cancer spell admitted 2021-05-09: 366 days before: outside; I365's twin is an index, R366 (8 days) its
        //       readmission. The cancer spells themselves are never index stays
        assertFrame(out, """
                | spell_id | is_readmission_index | followed_by_readmission_30d | is_readmission_30d |
                | K365     | false                | false                       | false              |
                | I365     | false                | false                       | false              |
                | R365     | false                | false                       | false              |
                | K366     | false                | false                       | false              |
                | I366     | true                 | true                        | false              |
                | R366     | false                | false                       | true               |
                """);
    }

    @Test
    void only_spells_of_the_same_keyed_person_pair() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | admission_method | discharge_date |
                | RNS           | A1       | P1         | 2021-05-01     | 11               | 2021-05-10     |
                | RNS           | B1       | P2         | 2021-05-20     | 21               |                |
                | RNS           | A2       |            | 2021-05-01     | 11               | 2021-05-10     |
                | RNS           | B2       |            | 2021-05-20     | 21               |                |
                | RNS           | A3       | P3         | 2021-05-01     | 11               | 2021-05-10     |
                | RNS           | B3       | P3         | 2021-05-20     | 21               |                |
                """);
        // B1 is another person's; A2 and B2 have no person key (never linked, not even an index); A3 -> B3: 10 days
        assertFrame(out, """
                | spell_id | is_readmission_index | followed_by_readmission_30d | is_readmission_30d |
                | A1       | true                 | false                       | false              |
                | B1       | false                | false                       | false              |
                | A2       | false                | false                       | false              |
                | B2       | false                | false                       | false              |
                | A3       | true                 | true                        | false              |
                | B3       | false                | false                       | true               |
                """);
    }

    @Test
    void a_stay_can_be_both_a_readmission_and_an_index_and_same_day_stays_pair_in_order_only() {
        Dataset<Row> out = flag("""
                | provider_code | spell_id | person_key | admission_date | admission_method | discharge_date |
                | RNS           | A        | P1         | 2021-05-01     | 21               | 2021-05-10     |
                | RNS           | B        | P1         | 2021-05-15     | 21               | 2021-05-20     |
                | RNS           | C        | P1         | 2021-05-25     | 21               |                |
                | RNS           | X        | P2         | 2021-05-10     | 21               | 2021-05-10     |
                | RNS           | Y        | P2         | 2021-05-10     | 21               | 2021-05-10     |
                """);
        // P1: B 2021-05-15 - A 2021-05-10 = 5 days; C 2021-05-25 - B 2021-05-20 = 5 days: B is both
        // P2: two same-day emergency stays, no transfer marker: two CIPS in the order X, Y (same date, then spell_id):
        //     Y is X's next CIPS 0 days after it, so Y is X's readmission; X is not Y's (it is not after Y)
        assertFrame(out, """
                | spell_id | is_readmission_index | followed_by_readmission_30d | is_readmission_30d |
                | A        | true                 | true                        | false              |
                | B        | true                 | true                        | true               |
                | C        | false                | false                       | true               |
                | X        | true                 | true                        | false              |
                | Y        | true                 | false                       | true               |
                """);
    }

    @Test
    void flags_has_one_narrow_row_per_flagged_spell() {
        Dataset<Row> flags = Readmissions.flags(spells("""
                | provider_code | spell_id | person_key | admission_date | admission_method | discharge_date |
                | RNS           | A        | P1         | 2021-05-01     | 21               | 2021-05-10     |
                | RNS           | B        | P1         | 2021-05-15     | 21               | 2021-05-20     |
                | RNS           | C        | P1         | 2021-05-25     | 21               |                |
                | RNS           | Z        | P9         | 2021-05-25     | 21               |                |
                """));
        // A index followed by B, B index followed by C and B's readmission, C a readmission; Z open: no row
        assertFrame(flags, """
                | _x_provider | _x_spell | _index | _followed | _readmitted |
                | RNS         | A        | true   | true      | false       |
                | RNS         | B        | true   | true      | true        |
                | RNS         | C        | false  | false     | true        |
                """);
    }
}
