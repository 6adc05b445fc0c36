package org.bedflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-made bad rows: the README table lists every one of their lines, together they
 * trigger every reason code of docs/validation.md but BAD_FORMAT and UNMAPPED_CODE, and they
 * stay a small fraction of each feed.
 */
class BadRowsTest {

    private static final Set<String> REASON_CODES = Set.of("MISSING_REQUIRED", "BAD_DATE", "BAD_NUMBER",
            "UNKNOWN_CODE", "DATE_ORDER", "FUTURE_DATE", "AGE_OUT_OF_RANGE", "INVALID_NHS_NUMBER", "DRD_OUT_OF_RANGE",
            "CONFLICTING_DUPLICATE", "ORPHAN_DISCHARGE", "MALFORMED_ROW");
    private static final List<String> FILES = List.of("apc_admissions/zz_bad_rows.csv",
            "apc_discharges/zz_bad_rows.csv", "social_care_events/zz_bad_rows.csv");

    private record Entry(String file, int line, String reason) {
    }

    private static List<Entry> table;

    @BeforeAll
    static void readReadme() throws IOException {
        table = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8)) {
            String[] cells = line.split("\\|");
            if (cells.length >= 5 && FILES.contains(cells[1].trim().replace("`", ""))) {
                table.add(new Entry(cells[1].trim().replace("`", ""), Integer.parseInt(cells[2].trim()),
                        cells[4].trim().replace("`", "")));
            }
        }
    }

    @Test
    void readmeListsEveryLineOfEveryBadRowFile() throws IOException {
        for (String file : FILES) {
            int lines = physicalLines(GeneratedSample.committed().resolve(file));
            Set<Integer> listed = new TreeSet<>();
            for (Entry e : table) {
                if (e.file().equals(file)) {
                    assertThat(listed.add(e.line())).as("%s line %d listed twice", file, e.line()).isTrue();
                }
            }
            Set<Integer> expected = new TreeSet<>();
            for (int i = 2; i <= lines; i++) {
                expected.add(i);
            }
            assertThat(listed).as(file).isEqualTo(expected);
        }
    }

    @Test
    void togetherTheyTriggerEveryReasonCode() {
        Set<String> covered = new HashSet<>();
        for (Entry e : table) {
            if (REASON_CODES.contains(e.reason())) {
                covered.add(e.reason());
            } else {
                assertThat(e.reason()).as("%s line %d", e.file(), e.line()).isEqualTo("none");
            }
        }
        assertThat(covered).isEqualTo(REASON_CODES);
    }

    @Test
    void dateOrderIsCoveredForDischargesAndForCareEvents() {
        assertThat(table).filteredOn(e -> e.reason().equals("DATE_ORDER")).extracting(Entry::file)
                .contains("apc_discharges/zz_bad_rows.csv", "social_care_events/zz_bad_rows.csv");
        assertThat(table).filteredOn(e -> e.reason().equals("MALFORMED_ROW")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void badRowsAreWellUnderFivePercentOfEachFeed() throws IOException {
        Map<String, Long> generated = GeneratedSample.committedOptions().rowsByFeed();
        for (String file : FILES) {
            String feed = file.substring(0, file.indexOf('/'));
            int bad = physicalLines(GeneratedSample.committed().resolve(file)) - 1;
            assertThat(100.0 * bad / generated.get(feed)).as(feed).isLessThan(1.0);
        }
    }

    @Test
    void badRowsDoNotCollideWithGeneratedKeysOrPersons() throws IOException {
        Path dir = GeneratedSample.committedOptions().outDir();
        Set<String> keys = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (String feed : List.of(Recorder.ADMISSIONS, Recorder.DISCHARGES, Recorder.CARE)) {
            for (Map<String, String> r : FeedFiles.readFeed(dir, feed)) {
                keys.add(r.containsKey("spell_id") ? r.get("provider_code") + "|" + r.get("spell_id")
                        : r.get("la_code") + "|" + r.get("event_id"));
                if (r.get("nhs_number") != null) {
                    numbers.add(r.get("nhs_number").replace(" ", ""));
                }
            }
        }
        for (String file : FILES) {
            List<String> lines = Files.readAllLines(GeneratedSample.committed().resolve(file), StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                assertThat(keys).doesNotContain(f[0] + "|" + f[1]);
                assertThat(numbers).doesNotContain(f[file.startsWith("social") ? 3 : 2]);
            }
        }
    }

    private static int physicalLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).size();
    }
}
