package org.bedflow.pipeline.schema.columns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.OutputTables;
import org.junit.jupiter.api.Test;

/**
 * The hand-kept column constants ({@code <Table>Columns}) against the Avro schemas: one class
 * per output table and feed, whose constant values are exactly the schema's field names. A
 * field added to a schema without its constant fails, and so does a stale constant.
 */
class ColumnConstantsTest {

    static final String PACKAGE = ColumnConstantsTest.class.getPackageName();

    /** table or feed name -> its Avro schema, for every output table and every feed */
    static Map<String, Schema> schemas() {
        Map<String, Schema> out = new LinkedHashMap<>();
        for (OutputTables t : OutputTables.values()) {
            out.put(t.table(), t.avro());
        }
        for (FeedSchema f : Feeds.all()) {
            out.put(f.name(), f.avro());
        }
        return out;
    }

    /** apc_admissions -> ApcAdmissionsColumns */
    static String className(String table) {
        StringBuilder b = new StringBuilder();
        for (String part : table.split("_")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.append("Columns").toString();
    }

    static List<Field> constants(Class<?> c) {
        return Arrays.stream(c.getDeclaredFields()).filter(f -> Modifier.isStatic(f.getModifiers())).toList();
    }

    @Test
    void every_table_and_feed_has_its_constants_class() {
        List<String> missing = new ArrayList<>();
        for (String table : schemas().keySet()) {
            try {
                Class.forName(PACKAGE + "." + className(table));
            } catch (ClassNotFoundException e) {
                missing.add(PACKAGE + "." + className(table) + " for " + table);
            }
        }
        assertThat(missing).as("constants classes missing").isEmpty();
    }

    @Test
    void the_constants_are_exactly_the_schema_fields() throws ReflectiveOperationException {
        for (var e : schemas().entrySet()) {
            Class<?> c = Class.forName(PACKAGE + "." + className(e.getKey()));
            List<String> values = new ArrayList<>();
            for (Field f : constants(c)) {
                assertThat(Modifier.isPublic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())
                        && f.getType() == String.class).as(c.getSimpleName() + "." + f.getName()
                        + " is a public static final String").isTrue();
                String value = (String) f.get(null);
                assertThat(f.getName()).as(c.getSimpleName() + "." + f.getName() + " named after its value")
                        .isEqualTo(value.toUpperCase(java.util.Locale.ROOT));
                values.add(value);
            }
            List<String> fields = e.getValue().getFields().stream().map(Schema.Field::name).toList();
            assertThat(values).as(c.getSimpleName() + " against the " + e.getKey() + " schema")
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(fields);
        }
    }

    @Test
    void the_classes_are_final_with_a_private_constructor() throws ReflectiveOperationException {
        for (String table : schemas().keySet()) {
            Class<?> c = Class.forName(PACKAGE + "." + className(table));
            assertThat(Modifier.isFinal(c.getModifiers())).as(c.getSimpleName() + " final").isTrue();
            assertThat(c.getDeclaredConstructors()).as(c.getSimpleName() + " constructors")
                    .allMatch(k -> Modifier.isPrivate(k.getModifiers()));
        }
    }

    @Test
    void the_package_holds_no_class_of_a_table_or_feed_that_does_not_exist() throws IOException, URISyntaxException {
        Path dir = Path.of(ColumnConstantsTest.class.getClassLoader()
                .getResource(PACKAGE.replace('.', '/') + "/" + className("linked_spells") + ".class").toURI())
                .getParent();
        List<String> expected = schemas().keySet().stream().map(ColumnConstantsTest::className).toList();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith("Columns.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length())))
                    .as("constants classes without a table or feed").isSubsetOf(expected);
        }
    }
}
