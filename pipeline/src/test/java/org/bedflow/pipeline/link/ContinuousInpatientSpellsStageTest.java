package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.sha2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.testing.TableLiteral.assertFrame;
import static org.bedflow.pipeline.testing.TableLiteral.parse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link ContinuousInpatientSpells} on table literals. docs/measures.md, "Continuous inpatient
 * spells": spell B continues the person's previous spell A when
 * {@code B.admission_date − A.discharge_date} is 0-2 days and A's discharge destination is a
 * transfer out (49-53, 84, 87) or B's admission source (49-53, 87) or method (2B, 81) a
 * transfer in; chains are ordered by admission date, provider_code, spell_id. Days are
 * admission_date − previous discharge_date. Columns a table leaves out are null.
 * {@code cips_first} is the spell_id whose SHA-256 of {@code provider_code|spell_id} is the
 * row's cips_id (the first spell of its CIPS).
 */
class ContinuousInpatientSpellsStageTest {

    static final StructType SPELLS = StructType.fromDDL("provider_code STRING, spell_id STRING, person_key STRING, "
            + "admission_date DATE, admission_method STRING, admission_source STRING, discharge_date DATE, "
            + "discharge_destination STRING");

    private static Dataset<Row> cips(Dataset<Row> in) {
        Dataset<Row> out = ContinuousInpatientSpells.derive(in);
        Dataset<Row> ids = in.select(sha2(concat_ws("|", col("provider_code"), col("spell_id")), 256).as("_h"),
                col("spell_id").as("cips_first"));
        return out.join(ids, col("cips_id").equalTo(col("_h")), "left").drop("_h");
    }

    private static Dataset<Row> cips(String spells) {
        return cips(parse(spells, SPELLS));
    }

    @Test
    void a_gap_of_0_or_2_days_continues_the_spell_and_3_days_or_an_overlap_do_not() {
        // each person: A discharged to another hospital (51) on 2021-05-10, then B
        Dataset<Row> out = cips("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | discharge_destination |
                | RNS           | A0       | P0         | 2021-05-01     | 2021-05-10     | 51                    |
                | RWE           | B0       | P0         | 2021-05-10     | 2021-05-20     | 19                    |
                | RNS           | A2       | P2         | 2021-05-01     | 2021-05-10     | 51                    |
                | RWE           | B2       | P2         | 2021-05-12     | 2021-05-20     | 19                    |
                | RNS           | A3       | P3         | 2021-05-01     | 2021-05-10     | 51                    |
                | RWE           | B3       | P3         | 2021-05-13     | 2021-05-20     | 19                    |
                | RNS           | AM       | PM         | 2021-05-01     | 2021-05-10     | 51                    |
                | RWE           | BM       | PM         | 2021-05-09     | 2021-05-20     | 19                    |
                """);
        // P0: 2021-05-10 - 2021-05-10 = 0 days: one CIPS 2021-05-01 to 2021-05-20
        // P2: 2021-05-12 - 2021-05-10 = 2 days: one CIPS
        // P3: 2021-05-13 - 2021-05-10 = 3 days: two
        // PM: 2021-05-09 - 2021-05-10 = -1 day (admitted before the discharge): two
        assertFrame(out, """
                | spell_id | is_transfer_in | cips_first | cips_admission_date | cips_discharge_date |
                | A0       | false          | A0         | 2021-05-01          | 2021-05-20          |
                | B0       | true           | A0         | 2021-05-01          | 2021-05-20          |
                | A2       | false          | A2         | 2021-05-01          | 2021-05-20          |
                | B2       | true           | A2         | 2021-05-01          | 2021-05-20          |
                | A3       | false          | A3         | 2021-05-01          | 2021-05-10          |
                | B3       | false          | B3         | 2021-05-13          | 2021-05-20          |
                | AM       | false          | AM         | 2021-05-01          | 2021-05-10          |
                | BM       | false          | BM         | 2021-05-09          | 2021-05-20          |
                """);
    }

    @Test
    void any_one_transfer_marker_is_enough_and_none_is_no_transfer() {
        // each person: A discharged 2021-05-10, B admitted 2021-05-11 (1 day) or 2021-05-10 (0 days)
        Dataset<Row> out = cips("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | discharge_destination | admission_source | admission_method |
                | RNS           | AD       | PD         | 2021-05-01     | 2021-05-10     | 87                    | 19               | 11               |
                | RWE           | BD       | PD         | 2021-05-11     | 2021-05-20     | 19                    | 19               | 21               |
                | RNS           | AS       | PS         | 2021-05-01     | 2021-05-10     | 19                    | 19               | 11               |
                | RWE           | BS       | PS         | 2021-05-11     | 2021-05-20     | 19                    | 51               | 21               |
                | RNS           | AB       | PB         | 2021-05-01     | 2021-05-10     | 19                    | 19               | 11               |
                | RWE           | BB       | PB         | 2021-05-11     | 2021-05-20     | 19                    | 19               | 2B               |
                | RNS           | A81      | P81      | 2021-05-01     | 2021-05-10     | 19                    | 19               | 11               |
                | RWE           | B81      | P81      | 2021-05-11     | 2021-05-20     | 19                    | 19               | 81               |
                | RNS           | AN       | PN         | 2021-05-01     | 2021-05-10     | 19                    | 19               | 11               |
                | RWE           | BN       | PN         | 2021-05-10     | 2021-05-20     | 19                    | 19               | 21               |
                | RNS           | A84      | P84        | 2021-05-01     | 2021-05-10     | 19                    | 19               | 11               |
                | RWE           | B84      | P84        | 2021-05-11     | 2021-05-20     | 19                    | 84               | 21               |
                """);
        // PD: A's destination 87 (non-NHS run hospital) alone; PS: B's source 51 alone;
        // PB, P81: B's method 2B, 81 alone -> each one CIPS 2021-05-01 to 2021-05-20
        // PN: 2021-05-10 - 2021-05-10 = 0 days but no marker (destination 19, source 19, method 21): two
        // P84: 84 is a transfer-out destination, not a transfer-in source: two
        assertFrame(out, """
                | spell_id | is_transfer_in | cips_first | cips_admission_date | cips_discharge_date |
                | AD       | false          | AD         | 2021-05-01          | 2021-05-20          |
                | BD       | true           | AD         | 2021-05-01          | 2021-05-20          |
                | AS       | false          | AS         | 2021-05-01          | 2021-05-20          |
                | BS       | true           | AS         | 2021-05-01          | 2021-05-20          |
                | AB       | false          | AB         | 2021-05-01          | 2021-05-20          |
                | BB       | true           | AB         | 2021-05-01          | 2021-05-20          |
                | A81      | false          | A81        | 2021-05-01          | 2021-05-20          |
                | B81      | true           | A81        | 2021-05-01          | 2021-05-20          |
                | AN       | false          | AN         | 2021-05-01          | 2021-05-10          |
                | BN       | false          | BN         | 2021-05-10          | 2021-05-20          |
                | A84      | false          | A84        | 2021-05-01          | 2021-05-10          |
                | B84      | false          | B84        | 2021-05-11          | 2021-05-20          |
                """);
    }

    @Test
    void a_chain_of_three_spells_across_providers_is_one_cips_and_an_open_last_spell_leaves_it_open() {
        Dataset<Row> out = cips("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | discharge_destination | admission_source | admission_method |
                | RNS           | A        | P1         | 2021-05-01     | 2021-05-10     | 51                    | 19               | 21               |
                | RWE           | B        | P1         | 2021-05-10     | 2021-05-15     | 87                    | 51               | 2B               |
                | RGN           | C        | P1         | 2021-05-16     | 2021-05-30     | 19                    | 87               | 81               |
                | RNS           | D        | P1         | 2021-06-10     | 2021-06-12     | 51                    | 19               | 21               |
                | RNS           | E        | P2         | 2021-05-01     | 2021-05-10     | 51                    | 19               | 21               |
                | RWE           | F        | P2         | 2021-05-11     |                |                       | 51               | 2B               |
                """);
        // P1: A -> B 0 days (destination 51), B -> C 2021-05-16 - 2021-05-15 = 1 day (destination 87):
        // one CIPS 2021-05-01 to C's 2021-05-30; D 2021-06-10 - 2021-05-30 = 11 days later: a CIPS of its own
        // P2: E -> F 1 day, F still open: the CIPS is open (no discharge date)
        assertFrame(out, """
                | spell_id | is_transfer_in | cips_first | cips_admission_date | cips_discharge_date |
                | A        | false          | A          | 2021-05-01          | 2021-05-30          |
                | B        | true           | A          | 2021-05-01          | 2021-05-30          |
                | C        | true           | A          | 2021-05-01          | 2021-05-30          |
                | D        | false          | D          | 2021-06-10          | 2021-06-12          |
                | E        | false          | E          | 2021-05-01          |                     |
                | F        | true           | E          | 2021-05-01          |                     |
                """);
    }

    @Test
    void spells_without_a_person_key_or_of_different_persons_are_never_joined() {
        Dataset<Row> out = cips("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | discharge_destination | admission_source |
                | RNS           | A1       |            | 2021-05-01     | 2021-05-10     | 51                    | 19               |
                | RWE           | B1       |            | 2021-05-11     | 2021-05-20     | 19                    | 51               |
                | RNS           | A2       | P2         | 2021-05-01     | 2021-05-10     | 51                    | 19               |
                | RWE           | B2       | P3         | 2021-05-11     | 2021-05-20     | 19                    | 51               |
                """);
        // both pairs: 1 day and two markers, but no person key / another person: four CIPS
        assertFrame(out, """
                | spell_id | is_transfer_in | cips_first | cips_admission_date | cips_discharge_date |
                | A1       | false          | A1         | 2021-05-01          | 2021-05-10          |
                | B1       | false          | B1         | 2021-05-11          | 2021-05-20          |
                | A2       | false          | A2         | 2021-05-01          | 2021-05-10          |
                | B2       | false          | B2         | 2021-05-11          | 2021-05-20          |
                """);
    }

    @Test
    void cips_id_is_the_sha256_of_the_first_spell_shared_by_its_chain_and_free_of_the_person_key() throws Exception {
        String key = "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12";
        Dataset<Row> out = ContinuousInpatientSpells.derive(parse("""
                | provider_code | spell_id | person_key | admission_date | discharge_date | discharge_destination |
                | RNS           | A        | %1$s       | 2021-05-01     | 2021-05-10     | 51                    |
                | RWE           | B        | %1$s       | 2021-05-11     | 2021-05-20     | 19                    |
                | RNS           | C        | %1$s       | 2021-07-01     | 2021-07-10     | 19                    |
                """.formatted(key), SPELLS)).orderBy("admission_date");
        List<String> ids = out.select("cips_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("RNS|A".getBytes(StandardCharsets.UTF_8)));
        // A -> B one day after a transfer out: one CIPS, named after A; C 42 days later: another
        assertThat(ids.get(0)).isEqualTo(expected).hasSize(64);
        assertThat(ids.get(1)).isEqualTo(ids.get(0));
        assertThat(ids.get(2)).isNotEqualTo(ids.get(0)).hasSize(64);
        assertThat(ids).allSatisfy(id -> assertThat(id).doesNotContain(key).doesNotContain(key.substring(0, 8)));
    }

    @Test
    void when_two_spells_could_continue_one_the_first_by_admission_provider_and_spell_id_does() {
        String table = """
                | provider_code | spell_id | person_key | admission_date | discharge_date | admission_source |
                | RNS           | A        | P1         | 2021-05-01     | 2021-05-10     | 19               |
                | RWE           | B        | P1         | 2021-05-11     | 2021-05-20     | 51               |
                | RGN           | C        | P1         | 2021-05-11     | 2021-05-18     | 51               |
                | RNS           | D        | P2         | 2021-05-01     | 2021-05-10     | 19               |
                | RWE           | E        | P2         | 2021-05-12     | 2021-05-20     | 51               |
                | RWE           | F        | P2         | 2021-05-11     | 2021-05-20     | 51               |
                | RNS           | G        | P3         | 2021-05-01     | 2021-05-10     | 19               |
                | RWE           | H2       | P3         | 2021-05-11     | 2021-05-20     | 51               |
                | RWE           | H1       | P3         | 2021-05-11     | 2021-05-20     | 51               |
                """;
        // P1: B and C both admitted 1 day after A from another hospital: RGN < RWE, C continues A;
        //     B (2021-05-11 - C's 2021-05-18 = -7 days) starts its own CIPS
        // P2: F admitted 2021-05-11 (1 day) before E 2021-05-12 (2 days): F continues D; E: -8 days, alone
        // P3: same day, same provider: spell_id H1 < H2, H1 continues G
        String expected = """
                | spell_id | is_transfer_in | cips_first | cips_admission_date | cips_discharge_date |
                | A        | false          | A          | 2021-05-01          | 2021-05-18          |
                | C        | true           | A          | 2021-05-01          | 2021-05-18          |
                | B        | false          | B          | 2021-05-11          | 2021-05-20          |
                | D        | false          | D          | 2021-05-01          | 2021-05-20          |
                | F        | true           | D          | 2021-05-01          | 2021-05-20          |
                | E        | false          | E          | 2021-05-12          | 2021-05-20          |
                | G        | false          | G          | 2021-05-01          | 2021-05-20          |
                | H1       | true           | G          | 2021-05-01          | 2021-05-20          |
                | H2       | false          | H2         | 2021-05-11          | 2021-05-20          |
                """;
        assertFrame(cips(table), expected);
        // the same rows in reverse order, spread over partitions: the same answer
        Dataset<Row> reversed = parse(table, SPELLS).orderBy(col("spell_id").desc()).repartition(3);
        assertFrame(cips(reversed), expected);
    }
}
