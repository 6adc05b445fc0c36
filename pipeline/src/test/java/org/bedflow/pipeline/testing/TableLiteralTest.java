package org.bedflow.pipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bedflow.pipeline.testing.TableLiteral.assertFrame;
import static org.bedflow.pipeline.testing.TableLiteral.parse;

import java.sql.Date;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class TableLiteralTest {

    private static final Map<String, DataType> TYPES = Map.of(
            "s", DataTypes.StringType, "i", DataTypes.IntegerType, "l", DataTypes.LongType,
            "d", DataTypes.DoubleType, "b", DataTypes.BooleanType, "day", DataTypes.DateType);

    @Test
    void cells_are_read_by_type_and_an_empty_cell_is_null() {
        Dataset<Row> f = parse("""
                | s  | i  | l           | d    | b     | day        |
                | P1 | -3 | 10000000000 | 0.5  | true  | 2021-05-10 |

                |    |    |             |      | false |            |
                """, TYPES);
        assertThat(f.schema().fieldNames()).containsExactly("s", "i", "l", "d", "b", "day");
        assertThat(f.schema().apply("day").dataType()).isEqualTo(DataTypes.DateType);
        List<Row> rows = f.collectAsList();
        assertThat(rows).hasSize(2);
        Row full = rows.stream().filter(r -> r.get(0) != null).findFirst().orElseThrow();
        assertThat(full.getString(0)).isEqualTo("P1");
        assertThat(full.getInt(1)).isEqualTo(-3);
        assertThat(full.getLong(2)).isEqualTo(10_000_000_000L);
        assertThat(full.getDouble(3)).isEqualTo(0.5);
        assertThat(full.getBoolean(4)).isTrue();
        assertThat(full.getDate(5)).isEqualTo(Date.valueOf("2021-05-10"));
        Row empty = rows.stream().filter(r -> r.get(0) == null).findFirst().orElseThrow();
        assertThat(empty.isNullAt(1) && empty.isNullAt(2) && empty.isNullAt(3) && empty.isNullAt(5)).isTrue();
        assertThat(empty.getBoolean(4)).isFalse();
    }

    @Test
    void with_a_map_the_frame_has_the_tables_columns_in_its_order_and_a_header_alone_is_empty() {
        Dataset<Row> f = parse("""
                | day | s |
                """, TYPES);
        assertThat(f.schema().fieldNames()).containsExactly("day", "s");
        assertThat(f.count()).isZero();
    }

    @Test
    void with_a_schema_the_frame_has_every_schema_column_and_those_left_out_are_null() {
        StructType schema = StructType.fromDDL("a STRING, n INT, day DATE");
        Dataset<Row> f = parse("""
                | day        | a |
                | 2021-05-10 | x |
                """, schema);
        assertThat(f.schema()).isEqualTo(schema);
        Row r = f.first();
        assertThat(r.getString(0)).isEqualTo("x");
        assertThat(r.isNullAt(1)).isTrue();
        assertThat(r.getDate(2)).isEqualTo(Date.valueOf("2021-05-10"));
    }

    @Test
    void malformed_tables_are_refused_with_the_line_and_column() {
        assertThatThrownBy(() -> parse("""
                | s  | i |
                | P1 | 1 |
                | P2 |
                """, TYPES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3").hasMessageContaining("1 cells, but 2 columns");
        assertThatThrownBy(() -> parse("""
                | s  | i |
                | P1 | 1
                """, TYPES)).hasMessageContaining("line 2").hasMessageContaining("starts and ends with |");
        assertThatThrownBy(() -> parse("""
                | s  | s |
                """, TYPES)).hasMessageContaining("named twice");
        assertThatThrownBy(() -> parse("""
                | s  |  |
                """, TYPES)).hasMessageContaining("without a name");
        assertThatThrownBy(() -> parse("\n  \n", TYPES)).hasMessageContaining("no header");
    }

    @Test
    void unreadable_cells_unknown_columns_and_other_types_are_refused() {
        assertThatThrownBy(() -> parse("""
                | s  | day        |
                | P1 | 2021-13-01 |
                """, TYPES)).hasMessageContaining("line 2, column day (date): cannot read '2021-13-01'");
        assertThatThrownBy(() -> parse("""
                | i   |
                | 1.5 |
                """, TYPES)).hasMessageContaining("column i (int): cannot read '1.5'");
        assertThatThrownBy(() -> parse("""
                | b   |
                | yes |
                """, TYPES)).hasMessageContaining("column b (boolean): cannot read 'yes'");
        assertThatThrownBy(() -> parse("""
                | nope |
                """, TYPES)).hasMessageContaining("table column nope has no type");
        assertThatThrownBy(() -> parse("""
                | nope |
                """, StructType.fromDDL("a STRING"))).hasMessageContaining("table column nope is not in the schema");
        assertThatThrownBy(() -> parse("""
                | t                   |
                | 2021-05-10T00:00:00 |
                """, StructType.fromDDL("t TIMESTAMP"))).hasMessageContaining("type timestamp is not one of");
    }

    private static final String ACTUAL = """
            | s  | i | day        | b     |
            | P1 | 1 | 2021-05-10 | true  |
            | P2 |   | 2021-05-11 | false |
            | P2 |   | 2021-05-11 | false |
            """;

    @Test
    void a_frame_matches_on_the_expected_columns_in_any_order() {
        Dataset<Row> actual = parse(ACTUAL, TYPES);
        assertFrame(actual, """
                | day        | s  | i |
                | 2021-05-11 | P2 |   |
                | 2021-05-10 | P1 | 1 |
                | 2021-05-11 | P2 |   |
                """);
    }

    @Test
    void a_mismatch_shows_both_tables_and_the_rows_that_differ() {
        Dataset<Row> actual = parse(ACTUAL, TYPES);
        assertThatThrownBy(() -> assertFrame(actual, """
                | s  | i |
                | P1 | 2 |
                | P2 |   |
                | P2 |   |
                """)).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("""
                        expected:
                          | s  | i |
                          | P1 | 2 |
                          | P2 |   |
                          | P2 |   |
                        actual:
                          | s  | i |
                          | P1 | 1 |
                          | P2 |   |
                          | P2 |   |
                        missing:
                          | s  | i |
                          | P1 | 2 |
                        unexpected:
                          | s  | i |
                          | P1 | 1 |
                        """);
        // duplicates count: one P2 row too few
        assertThatThrownBy(() -> assertFrame(actual, """
                | s  |
                | P1 |
                | P2 |
                """)).hasMessageContaining("unexpected:\n  | s  |\n  | P2 |\n");
        assertThatThrownBy(() -> assertFrame(actual, """
                | s  | nope |
                """)).isInstanceOf(AssertionFailedError.class).hasMessageContaining("expected column nope is not in the actual frame");
        assertThatThrownBy(() -> assertFrame(actual, """
                | day        |
                | 2021-5-10  |
                """)).hasMessageContaining("column day (date): cannot read '2021-5-10'");
    }

    @Test
    void an_empty_string_is_not_null() {
        Dataset<Row> actual = SharedSpark.session().sql("select '' as s");
        assertThatThrownBy(() -> assertFrame(actual, """
                | s |
                |   |
                """)).hasMessageContaining("actual:\n  | s  |\n  | \"\" |\n");
    }
}
