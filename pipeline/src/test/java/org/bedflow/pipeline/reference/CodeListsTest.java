package org.bedflow.pipeline.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * docs/code-lists.md: coded values match ignoring case, spaces and punctuation (the CLD
 * releases write the same value with other punctuation), a row's aliases stand for its code,
 * and the answer is always the list's own spelling.
 */
class CodeListsTest {

    @Test
    void the_normal_form_is_lower_case_words_separated_by_one_space() {
        assertThat(CodeLists.normalise("  Long Term Support: Residential Care ")).isEqualTo("long term support residential care");
        assertThat(CodeLists.normalise("NFA - Deceased")).isEqualTo("nfa deceased");
        assertThat(CodeLists.normalise("Community/Other route")).isEqualTo("community other route");
        assertThat(CodeLists.normalise("2A")).isEqualTo("2a");
        assertThat(CodeLists.normalise("-")).as("punctuation alone is no value").isEmpty();
        // the other form, for descriptor values of fields without a list: punctuation counts
        assertThat(CodeLists.normaliseSpaces(" A.1  x ")).isEqualTo("a.1 x");
    }

    @Test
    void the_same_value_in_the_punctuation_and_case_of_either_cld_release_is_one_code() {
        // each pair: how one release (or a council) writes it -> the list's spelling
        var serviceType = CodeLists.bundled("service_type");
        assertThat(serviceType.canonical("Long term support: Residential care")).isEqualTo("Long Term Support: Residential Care");
        assertThat(serviceType.canonical("long term support - residential care")).isEqualTo("Long Term Support: Residential Care");
        var outcome = CodeLists.bundled("event_outcome");
        assertThat(outcome.canonical("NFA - Deceased")).isEqualTo("NFA: Deceased");
        assertThat(outcome.canonical("Admitted to Hospital")).isEqualTo("Admitted to hospital");
        assertThat(CodeLists.bundled("request_route").canonical("Community/Other route")).isEqualTo("Community / other route");
        assertThat(CodeLists.bundled("service_component").canonical("home  care")).isEqualTo("Home Care");
    }

    @Test
    void event_outcomes_of_both_releases_map_to_one_release_2_value() {
        var outcome = CodeLists.bundled("event_outcome");
        // Release 1 (an alias), Release 2 (the code), and Release 2 typed carelessly: one value
        assertThat(outcome.canonical("NFA - Self-funded client (inc. 12wk disregard)"))
                .isEqualTo("NFA: Self-funded client or under 12wk disregard");
        assertThat(outcome.canonical("NFA: Self-funded client or under 12wk disregard"))
                .isEqualTo("NFA: Self-funded client or under 12wk disregard");
        assertThat(outcome.canonical("nfa:self-funded client or under 12WK disregard"))
                .isEqualTo("NFA: Self-funded client or under 12wk disregard");
        // Release 1 only: DHSC maps these to "not mapped" rather than guess
        assertThat(outcome.canonical("Progress to financial assessment")).isEqualTo("Release 1 specification only: Not mapped");
        assertThat(outcome.canonical("NFA - Support ended – other reason")).isEqualTo("NFA: Support ended for other reason");
        assertThat(outcome.canonical("Moved to Mars")).isNull();
        // aliases are spellings, not codes
        assertThat(outcome.codes()).contains("NFA: Deceased").doesNotContain("Progress to financial assessment");
    }

    @Test
    void service_types_in_release_2_wording_are_the_release_1_canonical_codes() {
        var serviceType = CodeLists.bundled("service_type");
        assertThat(serviceType.canonical("Unpaid carer support: Direct to unpaid carer")).isEqualTo("Carer Support: Direct to Carer");
        assertThat(serviceType.canonical("Unpaid carer support: Support involving the person cared-for"))
                .isEqualTo("Carer Support: Support involving the person cared-for");
        assertThat(serviceType.canonical("Short term support: Ongoing low level")).isEqualTo("Short Term Support: Ongoing Low Level");
        // the spellings other code compares with are still the canonical ones
        assertThat(serviceType.codes()).contains("Long Term Support: Residential Care", "Long Term Support: Nursing Care",
                "Short Term Support: ST-Max");
    }

    @Test
    void no_two_values_of_any_shipped_list_are_the_same_once_case_spaces_and_punctuation_are_ignored() throws Exception {
        // bundled() refuses a list where a code or an alias collides with another row; every file must load,
        // and its codes must stay distinct in the normal form
        List<Path> files = codeFiles();
        assertThat(files).hasSizeGreaterThan(10);
        for (Path f : files) {
            String name = f.getFileName().toString().replace(".csv", "");
            CodeLists list = CodeLists.bundled(name);
            Map<String, String> seen = new HashMap<>();
            for (String code : list.codes()) {
                String before = seen.put(CodeLists.normalise(code), code);
                assertThat(before).as(name + ": " + code).isNull();
                assertThat(list.canonical(code)).as(name + ": " + code).isEqualTo(code);
            }
        }
    }

    private static List<Path> codeFiles() throws URISyntaxException, java.io.IOException {
        Path dir = Path.of(CodeListsTest.class.getClassLoader().getResource("reference/codes").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
    }
}
