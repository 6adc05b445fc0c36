package org.bedflow.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.OutputTables;
import org.junit.jupiter.api.Test;

/**
 * The reference table of fields that indicators need ({@link FieldCoverage#NEEDS}) against the
 * schemas and the docs: every field is an optional field of its role (required ones fail
 * validation already), every indicator it names is an indicator of docs/indicators.md, and
 * docs/adding-a-feed.md lists every entry.
 */
class FieldCoverageTest {

    static final Path INDICATORS = Path.of("..", "docs", "indicators.md");
    static final Path ADDING_A_FEED = Path.of("..", "docs", "adding-a-feed.md");

    @Test
    void every_field_is_an_optional_field_of_its_role() {
        for (FieldCoverage.Need n : FieldCoverage.NEEDS) {
            FeedSchema role = Feeds.byName(n.role()).orElseThrow();
            for (String f : n.fields()) {
                assertThat(role.hasField(f)).as(n.role() + "." + f).isTrue();
                assertThat(role.fields().stream().filter(x -> x.name().equals(f)).findFirst().orElseThrow().required())
                        .as(n.role() + "." + f + " is optional").isFalse();
            }
        }
    }

    @Test
    void every_indicator_or_table_named_exists_in_docs_indicators_md_or_the_output_tables() throws Exception {
        String doc = Files.readString(INDICATORS);
        Set<String> known = new HashSet<>();
        Matcher ids = Pattern.compile("^\\| `([a-z0-9_]+)` \\|", Pattern.MULTILINE).matcher(doc);
        while (ids.find()) {
            known.add(ids.group(1));
        }
        assertThat(known).contains("emergency_admissions", "residential_admissions_65plus");
        for (OutputTables t : OutputTables.values()) {
            known.add(t.table());
        }
        Pattern token = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)+");
        for (FieldCoverage.Need n : FieldCoverage.NEEDS) {
            Matcher m = token.matcher(n.disables());
            while (m.find()) {
                String t = m.group();
                boolean field = Feeds.byName(n.role()).orElseThrow().hasField(t);
                assertThat(known.contains(t) || field).as(n.role() + " " + n.fields() + ": '" + t
                        + "' is neither an indicator of docs/indicators.md nor an output table nor a field").isTrue();
            }
        }
    }

    @Test
    void docs_adding_a_feed_lists_every_entry() throws Exception {
        String doc = Files.readString(ADDING_A_FEED);
        for (FieldCoverage.Need n : FieldCoverage.NEEDS) {
            String fields = String.join("` or `", n.fields());
            assertThat(doc).as(n.role() + " " + n.fields()).contains("| " + n.role() + " | `" + fields + "` |");
        }
    }
}
