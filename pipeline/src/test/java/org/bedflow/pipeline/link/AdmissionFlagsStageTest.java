package org.bedflow.pipeline.link;

import static org.bedflow.pipeline.testing.TableLiteral.assertFrame;
import static org.bedflow.pipeline.testing.TableLiteral.parse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link AdmissionFlags#derive} on table literals. docs/measures.md, "Spell-level fields":
 * is_chronic_acsc, is_acute_acsc and is_fall_65plus only on the first spell of an emergency
 * continuous inpatient spell (is_emergency and not is_transfer_in), prefix matches on the
 * normalised primary diagnosis (docs/code-lists.md); angina (I20, I25) is not a chronic ACSC
 * admission when the primary procedure (first of procedures) is in OPCS-4 chapters A-H, J-T,
 * V, W or X01, X02, X04, X05. Columns a table leaves out are null.
 */
class AdmissionFlagsStageTest {

    static final StructType SPELLS = StructType.fromDDL("spell_id STRING, age_on_admission INT, is_emergency BOOLEAN, "
            + "is_transfer_in BOOLEAN, primary_diagnosis STRING, secondary_diagnoses STRING, procedures STRING");

    private static Dataset<Row> derive(String spells) {
        return AdmissionFlags.derive(parse(spells, SPELLS));
    }

    @Test
    void acsc_flags_are_prefix_matches_on_emergency_primaries_and_j20_needs_a_copd_secondary() {
        Dataset<Row> out = derive("""
                | is_emergency | is_transfer_in | primary_diagnosis | secondary_diagnoses |
                | true         | false          | J440              |                     |
                | false        | false          | J440              |                     |
                | true         | false          | E105              |                     |
                | true         | false          | E109              |                     |
                | true         | false          | J209              |                     |
                | true         | false          | J209              | I10;J440            |
                | true         | false          | J209              | J41                 |
                | true         | false          | J209              | J47                 |
                | true         | false          | J209              | J40                 |
                | true         | false          | J209              | J45                 |
                | true         | false          | N390              |                     |
                | false        | false          | N390              |                     |
                | true         | false          | K254              |                     |
                | true         | false          | K253              |                     |
                | true         | false          |                   |                     |
                """);
        // chronic_acsc.csv: J44 (prefix of J440), E100-E108 (not E109); J20 only with a secondary J41-J44 or J47,
        // in any position of the ;-list (J40 and J45 are outside); acute_acsc.csv: N390, K250-K252 and K254-K256
        // (not K253); not an emergency: never; no primary diagnosis: false, not null
        assertFrame(out, """
                | is_emergency | primary_diagnosis | secondary_diagnoses | is_chronic_acsc | is_acute_acsc |
                | true         | J440              |                     | true            | false         |
                | false        | J440              |                     | false           | false         |
                | true         | E105              |                     | true            | false         |
                | true         | E109              |                     | false           | false         |
                | true         | J209              |                     | false           | false         |
                | true         | J209              | I10;J440            | true            | false         |
                | true         | J209              | J41                 | true            | false         |
                | true         | J209              | J47                 | true            | false         |
                | true         | J209              | J40                 | false           | false         |
                | true         | J209              | J45                 | false           | false         |
                | true         | N390              |                     | false           | true          |
                | false        | N390              |                     | false           | false         |
                | true         | K254              |                     | false           | true          |
                | true         | K253              |                     | false           | false         |
                | true         |                   |                     | false           | false         |
                """);
    }

    @Test
    void a_fall_is_an_emergency_aged_65_plus_with_an_injury_primary_and_a_w00_w19_secondary() {
        Dataset<Row> out = derive("""
                | age_on_admission | is_emergency | is_transfer_in | primary_diagnosis | secondary_diagnoses |
                | 65               | true         | false          | S720              | W19                 |
                | 64               | true         | false          | S720              | W19                 |
                | 65               | false        | false          | S720              | W19                 |
                | 80               | true         | false          | S000              | W00                 |
                | 80               | true         | false          | T983              | X59;W01             |
                | 80               | true         | false          | T99               | W19                 |
                | 80               | true         | false          | R296              | W19                 |
                | 80               | true         | false          | S720              | W20                 |
                | 80               | true         | false          | S720              |                     |
                """);
        // age 65 in, 64 out; not an emergency: out; primary S00-T98 (S000 and T983 in, T99 and R296 out);
        // a secondary W00-W19 in any position (W00, W01 after X59 and W19 in, W20 out, none out)
        assertFrame(out, """
                | age_on_admission | is_emergency | primary_diagnosis | secondary_diagnoses | is_fall_65plus |
                | 65               | true         | S720              | W19                 | true           |
                | 64               | true         | S720              | W19                 | false          |
                | 65               | false        | S720              | W19                 | false          |
                | 80               | true         | S000              | W00                 | true           |
                | 80               | true         | T983              | X59;W01             | true           |
                | 80               | true         | T99               | W19                 | false          |
                | 80               | true         | R296              | W19                 | false          |
                | 80               | true         | S720              | W20                 | false          |
                | 80               | true         | S720              |                     | false          |
                """);
    }

    @Test
    void a_transfer_in_is_never_an_acsc_or_fall_admission_the_first_spell_of_its_cips_is() {
        Dataset<Row> out = derive("""
                | spell_id | age_on_admission | is_emergency | is_transfer_in | primary_diagnosis | secondary_diagnoses |
                | A        | 80               | true         | false          | J440              |                     |
                | B        | 80               | true         | true           | J440              |                     |
                | C        | 80               | true         | true           | N390              |                     |
                | D        | 80               | true         | true           | S720              | W19                 |
                | E        | 80               | true         |                | N390              |                     |
                """);
        // A: the first spell of an emergency CIPS: chronic ACSC (J44)
        // B, C, D: transfers-in (e.g. 2B from A's hospital): the CIPS was already counted by its first spell
        // E: no CIPS information (is_transfer_in null) is read as not a transfer: the spell starts its CIPS
        assertFrame(out, """
                | spell_id | is_chronic_acsc | is_acute_acsc | is_fall_65plus |
                | A        | true            | false         | false          |
                | B        | false           | false         | false          |
                | C        | false           | false         | false          |
                | D        | false           | false         | false          |
                | E        | false           | true          | false          |
                """);
    }

    @Test
    void angina_is_not_a_chronic_acsc_admission_when_its_primary_procedure_is_excluded() {
        Dataset<Row> out = derive("""
                | spell_id | is_emergency | is_transfer_in | primary_diagnosis | procedures    |
                | N1       | true         | false          | I209              |               |
                | N2       | true         | false          | I251              | U051          |
                | N3       | true         | false          | I209              | X031          |
                | N4       | true         | false          | I209              | Y123;K401     |
                | X1       | true         | false          | I209              | K401          |
                | X2       | true         | false          | I251              | A011;U051     |
                | X3       | true         | false          | I209              | W401          |
                | X4       | true         | false          | I209              | X011          |
                | X5       | true         | false          | I209              | X051          |
                | X6       | true         | false          | I209              | H221          |
                | X7       | true         | false          | I209              | J181          |
                | X8       | true         | false          | I209              | T121          |
                | X9       | true         | false          | I209              | V011          |
                | O1       | true         | false          | J440              | K401          |
                | O2       | true         | false          | I48X          | K401          |
                """);
        // N1: no procedures: the exclusion cannot apply, angina counts
        // N2: primary U051 (chapter U, diagnostic imaging) is not in the list: counts
        // N3: X03 is not one of X01, X02, X04, X05: counts
        // N4: only the primary (first) procedure matters: Y123 is not excluded although K401 follows
        // X1-X9: primary in chapters K, A, W, X01, X05, H, J, T, V: not an ACSC admission
        // O1, O2: the exclusion is for angina only: COPD and atrial fibrillation with a K procedure still count
        assertFrame(out, """
                | spell_id | is_chronic_acsc |
                | N1       | true            |
                | N2       | true            |
                | N3       | true            |
                | N4       | true            |
                | X1       | false           |
                | X2       | false           |
                | X3       | false           |
                | X4       | false           |
                | X5       | false           |
                | X6       | false           |
                | X7       | false           |
                | X8       | false           |
                | X9       | false           |
                | O1       | true            |
                | O2       | true            |
                """);
    }
}
