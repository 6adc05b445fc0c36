package org.bedflow.pipeline.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.ingest.validate.RowValidatorTest.admission;
import static org.bedflow.pipeline.ingest.validate.RowValidatorTest.event;
import static org.bedflow.pipeline.ingest.validate.RowValidatorTest.validate;
import static org.bedflow.pipeline.ingest.validate.RowValidatorTest.with;

import java.util.List;

import org.bedflow.pipeline.schema.Feeds;
import org.junit.jupiter.api.Test;

/**
 * docs/validation.md "Field by field": a value longer than its field allows (VALUE_TOO_LONG) or holding a
 * control character (BAD_FORMAT) quarantines its row, whichever field it is in, and the sentence never shows it.
 */
class ValueLengthAndControlCharactersTest {

    @Test
    void a_one_megabyte_spell_id_is_too_long_and_neither_the_sentence_nor_the_raw_record_holds_it() {
        var out = validate(Feeds.APC_ADMISSIONS, with(admission(), "spell_id", "S".repeat(1_048_576)));
        assertThat(out.get("issues")).asList().containsExactly(
                "ERROR VALUE_TOO_LONG: spell_id is 1,048,576 characters long; at most 255 are allowed");
        assertThat(out.get("spell_id")).isNull();
        assertThat((String) out.get("raw_json")).hasSizeLessThan(3_000).contains("\"spell_id\":\"" + "S".repeat(2000) + "…\"");
    }

    @Test
    void the_limit_is_255_characters_and_an_optional_field_is_held_to_it_too() {
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "spell_id", "S".repeat(255))).get("issues"))
                .asList().isEmpty();
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "gp_practice_code", "K".repeat(256))).get("issues"))
                .asList().containsExactly("ERROR VALUE_TOO_LONG: gp_practice_code is 256 characters long; at most 255 are allowed");
    }

    @Test
    void a_list_of_codes_may_have_2000_characters() {
        String codes = String.join(";", java.util.Collections.nCopies(400, "I10X"));
        assertThat(codes).hasSize(1999);
        var out = validate(Feeds.APC_ADMISSIONS, with(admission(), "secondary_diagnoses", codes));
        assertThat(out.get("issues")).asList().isEmpty();
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "secondary_diagnoses", codes + ";I10")).get("issues"))
                .asList().containsExactly(
                        "ERROR VALUE_TOO_LONG: secondary_diagnoses is 2,003 characters long; at most 2,000 are allowed");
    }

    @Test
    void a_control_character_quarantines_the_row_and_is_named_escaped_never_raw() {
        var out = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "service_component", "Home\u001b[2JCare"));
        assertThat(out.get("issues")).asList().containsExactly(
                "ERROR BAD_FORMAT: service_component holds a control character (\\u001b), which no value of a feed may hold");
        assertThat(out.get("service_component")).isNull();
    }

    @Test
    void tab_bel_nul_del_and_c1_characters_are_control_characters_anywhere_in_a_value() {
        for (String[] c : List.of(new String[] {"\t", "\\u0009"}, new String[] {"\u0007", "\\u0007"},
                new String[] {"\u0000", "\\u0000"}, new String[] {"\u007f", "\\u007f"}, new String[] {"\u009b", "\\u009b"})) {
            // at the end too: trimming would take it away unseen
            var out = validate(Feeds.APC_ADMISSIONS, with(admission(), "spell_id", "S1" + c[0]));
            assertThat(out.get("issues")).asList().as(c[1]).containsExactly(
                    "ERROR BAD_FORMAT: spell_id holds a control character (" + c[1] + "), which no value of a feed may hold");
        }
    }

    @Test
    void letters_of_other_scripts_and_symbols_are_not_control_characters() {
        var out = validate(Feeds.APC_ADMISSIONS, with(admission(), "spell_id", "Ś1 é £ ’ \u00a0x"));
        assertThat(out.get("issues")).asList().isEmpty();
    }
}
