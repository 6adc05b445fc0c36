package org.bedflow.pipeline.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bedflow.pipeline.link.LinkFixtures.NHS_A;
import static org.bedflow.pipeline.link.LinkFixtures.NHS_B;
import static org.bedflow.pipeline.link.LinkFixtures.admission;
import static org.bedflow.pipeline.link.LinkFixtures.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** person_key = hex HMAC-SHA256(key, normalised NHS number) (docs/measures.md, "Person key"). */
class PseudonymisationTest {

    @Test
    void hmac_matches_the_published_test_vector() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(PersonKeys.personKey("Jefe".getBytes(StandardCharsets.US_ASCII), "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void the_same_person_gets_the_same_key_in_hospital_and_social_care_data() {
        var spark = SharedSpark.session();
        var settings = LinkFixtures.settings();
        Row spell = LinkedSpells.build(spark, LinkFixtures.admissions(List.of(admission("S1"))),
                LinkFixtures.discharges(List.of()), LinkedSpells.careEvents(spark, LinkFixtures.events(List.of()), settings),
                LinkFixtures.noGeography(), settings).first();
        Row event = LinkedSpells.careEvents(spark, LinkFixtures.events(List.of(service("E1"))), settings).first();
        String expected = PersonKeys.personKey(LinkFixtures.KEY.bytes(), NHS_A);
        assertThat((String) spell.getAs("person_key")).isEqualTo(expected).hasSize(64).doesNotContain(NHS_A);
        assertThat((String) event.getAs("person_key")).isEqualTo(expected);
        // and neither the NHS number nor the council's person id survives
        assertThat(List.of(spell.schema().fieldNames())).doesNotContain("nhs_number");
        assertThat(List.of(event.schema().fieldNames())).doesNotContain("nhs_number", "person_id");
    }

    @Test
    void another_key_gives_unlinkable_keys_and_different_people_differ() {
        byte[] k1 = LinkFixtures.KEY.bytes();
        byte[] k2 = PseudonymKey.of("another-key-of-sixteen-bytes-at-least", "test").bytes();
        assertThat(PersonKeys.personKey(k1, NHS_A)).isNotEqualTo(PersonKeys.personKey(k2, NHS_A));
        assertThat(PersonKeys.personKey(k1, NHS_A)).isNotEqualTo(PersonKeys.personKey(k1, NHS_B));
        assertThat(PersonKeys.personKey(k1, null)).isNull();
    }

    @Test
    void a_spell_without_a_valid_nhs_number_has_no_person_key() {
        Map<String, Row> out = LinkFixtures.link(List.of(admission("S1", "nhs_number", null)), List.of(), List.of());
        assertThat((Object) out.get("S1").getAs("person_key")).isNull();
    }

    @Test
    void the_key_comes_from_the_environment_or_a_file_and_is_never_printed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, "file-key-of-sixteen-bytes-or-more\n");
        PseudonymKey fromFile = PseudonymKey.fromEnvironment(Map.of(PseudonymKey.ENV_KEY_FILE, file.toString()));
        assertThat(new String(fromFile.bytes(), StandardCharsets.UTF_8)).isEqualTo("file-key-of-sixteen-bytes-or-more");
        assertThat(fromFile.toString()).doesNotContain("file-key");
        PseudonymKey fromVar = PseudonymKey.fromEnvironment(Map.of(PseudonymKey.ENV_KEY, "variable-key-0123456789"));
        assertThat(fromVar.source()).isEqualTo(PseudonymKey.ENV_KEY);
        assertThat(PseudonymKey.fromEnvironment(Map.of())).isNull();
        assertThatThrownBy(() -> PseudonymKey.of("short", "test")).hasMessageContaining("too short");
    }

    @Test
    void a_blank_or_repetitive_key_is_refused_saying_why_and_how_to_make_one() {
        // 16 bytes each: long enough, but no secret
        assertThatThrownBy(() -> PseudonymKey.of(" ".repeat(16), "test")).hasMessageContaining("is blank")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> PseudonymKey.of("abababababababab", "test"))
                .hasMessageContaining("too simple (only 2 different characters; at least 8 are needed)");
        // 7 different characters: one short of the rule; 8: accepted
        assertThatThrownBy(() -> PseudonymKey.of("abcdefgabcdefgab", "test")).hasMessageContaining("only 7 different");
        assertThat(PseudonymKey.of("abcdefghabcdefgh", "test").bytes()).hasSize(16);
        // 15 bytes: too short, saying how long it is; 16 accepted above
        assertThatThrownBy(() -> PseudonymKey.of("abcdefghijklmno", "test")).hasMessageContaining("too short (15 bytes)");
    }

    @Test
    void a_key_file_of_random_bytes_is_its_bytes_and_a_missing_file_is_named(@TempDir Path dir) throws Exception {
        // what `openssl rand 32 > key` writes: not UTF-8 text (0xff, 0xfe never occur in UTF-8)
        byte[] random = new byte[32];
        for (int i = 0; i < random.length; i++) {
            random[i] = (byte) (0xff - i * 7);
        }
        Path binary = dir.resolve("binary.key");
        Files.write(binary, random);
        PseudonymKey key = PseudonymKey.fromEnvironment(Map.of(PseudonymKey.ENV_KEY_FILE, binary.toString()));
        assertThat(key.bytes()).isEqualTo(random);

        Path missing = dir.resolve("no-such.key");
        assertThatThrownBy(() -> PseudonymKey.fromEnvironment(Map.of(PseudonymKey.ENV_KEY_FILE, missing.toString())))
                .hasMessageContaining("the pseudonymisation key file " + missing + " (named by BEDFLOW_PSEUDONYM_KEY_FILE)"
                        + " does not exist");
    }
}
