package org.bedflow.pipeline.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/data-dictionary.md must be what the schemas generate: a stale file fails the build. */
class DataDictionaryTest {

    static final Path FILE = Path.of("..", "docs", "data-dictionary.md");

    @Test
    void the_committed_data_dictionary_matches_the_schemas() throws Exception {
        String generated = DataDictionary.markdown();
        if ("true".equals(System.getenv("BEDFLOW_WRITE_DOCS"))) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        assertThat(FILE).as("docs/data-dictionary.md is missing; run BEDFLOW_WRITE_DOCS=true ./mvnw -pl schemas,pipeline test "
                + "-Dtest=DataDictionaryTest").exists();
        String committed = Files.readString(FILE, StandardCharsets.UTF_8);
        if (!committed.equals(generated)) {
            String[] a = committed.split("\n", -1);
            String[] b = generated.split("\n", -1);
            int line = 0;
            while (line < Math.min(a.length, b.length) && a[line].equals(b[line])) {
                line++;
            }
            throw new AssertionError("docs/data-dictionary.md is stale from line " + (line + 1) + ":\n  committed: "
                    + (line < a.length ? a[line] : "<end>") + "\n  generated: " + (line < b.length ? b[line] : "<end>")
                    + "\nRegenerate: BEDFLOW_WRITE_DOCS=true ./mvnw -pl schemas,pipeline test -Dtest=DataDictionaryTest");
        }
    }

    @Test
    void every_column_of_every_schema_is_documented() {
        for (OutputTables t : OutputTables.values()) {
            t.avro().getFields().forEach(f -> assertThat(f.doc()).as(t.table() + "." + f.name()).isNotBlank());
        }
        for (FeedSchema feed : Feeds.all()) {
            feed.avro().getFields().forEach(f -> assertThat(f.doc()).as(feed.name() + "." + f.name()).isNotBlank());
        }
    }
}
