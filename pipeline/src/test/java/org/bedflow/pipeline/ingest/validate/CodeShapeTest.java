package org.bedflow.pipeline.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.ingest.validate.RowValidatorTest.admission;
import static org.bedflow.pipeline.ingest.validate.RowValidatorTest.validate;
import static org.bedflow.pipeline.ingest.validate.RowValidatorTest.with;

import org.bedflow.pipeline.schema.Feeds;
import org.junit.jupiter.api.Test;

/**
 * docs/validation.md "Field by field": diagnosis and procedure fields hold codes of the shape of
 * their classification; anything else (an NHS number typed into the diagnosis column) is
 * BAD_FORMAT, left out of the row and never shown in clear, so it cannot reach linked_spells.
 */
class CodeShapeTest {

    @Test
    void an_nhs_number_in_the_primary_diagnosis_is_left_out_and_masked() {
        var out = validate(Feeds.APC_ADMISSIONS, with(admission(), "primary_diagnosis", "943 476 5919"));

        assertThat(out.get("primary_diagnosis")).isNull();
        assertThat(out.get("issues")).asList().singleElement().asString()
                .contains("BAD_FORMAT: primary_diagnosis", "does not have the shape of an ICD-10 code")
                .doesNotContain("9434765919", "943 476 5919");
    }

    @Test
    void codes_of_the_right_shape_pass_on_both_sides_of_the_rule() {
        // J44.0 -> J440, I10X -> I10, a dagger code with its mark, a 5-character code: all ICD-10 shaped
        for (String ok : new String[] {"J44.0", "I10X", "A17.0†", "S7200", "U07.1"}) {
            assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "primary_diagnosis", ok)).get("issues"))
                    .as(ok).asList().isEmpty();
        }
        // one digit short, and a leading digit: not ICD-10
        for (String bad : new String[] {"J4", "1J44"}) {
            assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "primary_diagnosis", bad)).get("issues"))
                    .as(bad).asList().singleElement().asString().contains("BAD_FORMAT");
        }
    }

    @Test
    void one_misshapen_code_in_a_list_leaves_the_list_out() {
        var out = validate(Feeds.APC_ADMISSIONS, with(admission(), "secondary_diagnoses", "I10;9434765919;E119"));
        assertThat(out.get("secondary_diagnoses")).isNull();
        assertThat(out.get("issues")).asList().singleElement().asString()
                .contains("BAD_FORMAT: secondary_diagnoses").doesNotContain("9434765919");
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "secondary_diagnoses", "I10;E11.9")).get(
                "secondary_diagnoses")).isEqualTo("I10;E119");
    }
}
