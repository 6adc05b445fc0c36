package org.bedflow.pipeline.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.bedflow.pipeline.testing.TableLiteral.parse;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * {@link RuleCoverage#missingFields}: a provider whose spells never fill (null or blank) a field an
 * exclusion needs is listed with that exclusion; maternity by specialty needs either main specialty
 * or treatment function; only the fields the frame has are judged.
 */
class RuleCoverageTest {

    static final StructType SPELLS = StructType.fromDDL("provider_code STRING, spell_id STRING, "
            + "patient_classification STRING, main_specialty_code STRING, treatment_function_code STRING, procedures STRING");

    @Test
    void a_field_blank_on_every_spell_of_a_provider_is_listed_with_the_rule_it_disables() {
        Dataset<Row> spells = parse("""
                | provider_code | spell_id | patient_classification | main_specialty_code | treatment_function_code | procedures |
                | RAA           | 1        | 1                      | 300                 |                         | K401       |
                | RAA           | 2        |                        |                     |                         |            |
                | RBB           | 1        |                        |                     | 300                     |            |
                | RBB           | 2        |                        |                     |                         |            |
                | RCC           | 1        | 1                      |                     |                         | U051       |
                """, SPELLS);
        // RAA fills each field on some spell (treatment function is not needed: main specialty is there): nothing
        // RBB: no patient classification, no procedures; the treatment function alone lets the maternity rule apply
        // RCC: neither main specialty nor treatment function
        List<RuleCoverage.Gap> gaps = RuleCoverage.missingFields(spells);
        assertThat(gaps).extracting(RuleCoverage.Gap::providerCode, RuleCoverage.Gap::fields).containsExactly(
                tuple("RBB", "patient_classification"),
                tuple("RBB", "procedures"),
                tuple("RCC", "main_specialty_code and treatment_function_code"));
        assertThat(gaps.get(0).rule()).contains("day cases");
        assertThat(gaps.get(1).rule()).contains("angina");
        assertThat(gaps.get(2).rule()).contains("maternity");
    }

    @Test
    void on_linked_spells_only_its_own_fields_are_judged() {
        Dataset<Row> linked = parse("""
                | provider_code | spell_id | patient_classification | main_specialty_code |
                | RAA           | 1        | 1                      |                     |
                """, SPELLS).select("provider_code", "spell_id", "patient_classification", "main_specialty_code");
        // no treatment_function_code nor procedures column: the maternity rule is judged on main specialty alone,
        // the angina rule not at all
        assertThat(RuleCoverage.missingFields(linked)).extracting(RuleCoverage.Gap::fields)
                .containsExactly("main_specialty_code");
    }

    @Test
    void the_link_steps_spells_frame_has_every_field_and_names_each_gap_once_per_provider() {
        // what the link step gives RuleCoverage: LinkedSpells.spells (every feed column). RNS fills patient
        // classification and treatment function on one spell each and never procedures; RWE fills nothing
        var spark = SharedSpark.session();
        Dataset<Row> spells = LinkedSpells.spells(spark, LinkFixtures.admissions(List.of(
                        LinkFixtures.admission("A", "patient_classification", "1"),
                        LinkFixtures.admission("B", "treatment_function_code", "300"),
                        LinkFixtures.admission("C", "provider_code", "RWE"))),
                LinkFixtures.discharges(List.of()), LinkFixtures.noGeography(), LinkFixtures.settings());
        assertThat(RuleCoverage.missingFields(spells)).extracting(RuleCoverage.Gap::providerCode, RuleCoverage.Gap::fields)
                .containsExactly(
                        tuple("RNS", "procedures"),
                        tuple("RWE", "main_specialty_code and treatment_function_code"),
                        tuple("RWE", "patient_classification"),
                        tuple("RWE", "procedures"));
    }
}
