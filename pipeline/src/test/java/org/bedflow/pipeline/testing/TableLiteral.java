package org.bedflow.pipeline.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.opentest4j.AssertionFailedError;

/**
 * Frames written as tables, in the style of ehrQL's spec tests:
 *
 * <pre>
 *   | person_key | spell_id | discharge_date | care_start_date |
 *   | P1         | S1       | 2021-05-10     | 2021-05-09      |
 *   | P2         | S2       | 2021-05-10     |                 |
 * </pre>
 *
 * The first row names the columns. Every row starts and ends with {@code |}; cells are
 * trimmed; an empty cell is null (there is no way to write an empty string, nor a {@code |}
 * inside a cell). Blank lines are ignored. Cell types: string, int, long, double, boolean
 * ({@code true} / {@code false}) and date (yyyy-MM-dd). The frame itself is built by
 * {@link Frames#of(StructType, List)} on the {@link SharedSpark} session.
 */
public final class TableLiteral {

    private static final List<DataType> TYPES = List.of(DataTypes.StringType, DataTypes.IntegerType,
            DataTypes.LongType, DataTypes.DoubleType, DataTypes.BooleanType, DataTypes.DateType);

    private TableLiteral() {
    }

    /**
     * The table as a frame of {@code schema}: every column of the schema, in the schema's
     * order; the table may leave columns out (they are null), but may not name a column
     * the schema lacks.
     */
    public static Dataset<Row> parse(String table, StructType schema) {
        Cells t = cells(table);
        List<String> known = List.of(schema.fieldNames());
        for (String c : t.header()) {
            if (!known.contains(c)) {
                throw new IllegalArgumentException("table column " + c + " is not in the schema " + schema.simpleString());
            }
        }
        for (StructField f : schema.fields()) {
            if (!f.nullable() && !t.header().contains(f.name())) {
                throw new IllegalArgumentException("the schema's column " + f.name() + " is not nullable: the table must give it");
            }
        }
        return Frames.of(schema, values(t, schema));
    }

    /** The table as a frame of exactly its columns, in the table's order, typed by {@code types}. */
    public static Dataset<Row> parse(String table, Map<String, DataType> types) {
        Cells t = cells(table);
        StructType schema = new StructType();
        for (String c : t.header()) {
            DataType type = types.get(c);
            if (type == null) {
                throw new IllegalArgumentException("table column " + c + " has no type; typed columns: "
                        + new java.util.TreeSet<>(types.keySet()));
            }
            schema = schema.add(c, type, true);
        }
        return Frames.of(schema, values(t, schema));
    }

    /**
     * Asserts that {@code actual}, restricted to the columns of {@code expected}, holds the
     * rows of {@code expected} in any order (as a multiset: duplicates count). Expected cells
     * are read with the actual column types. On a mismatch the message shows both tables,
     * rows sorted, and which rows are missing and which unexpected.
     */
    public static void assertFrame(Dataset<Row> actual, String expected) {
        Cells e = cells(expected);
        StructType schema = actual.schema();
        List<String> columns = List.of(schema.fieldNames());
        for (String c : e.header()) {
            if (!columns.contains(c)) {
                throw new AssertionFailedError("expected column " + c + " is not in the actual frame; its columns: " + columns);
            }
        }
        List<DataType> types = e.header().stream().map(c -> schema.apply(c).dataType()).toList();
        List<List<String>> want = new ArrayList<>();
        for (int i = 0; i < e.rows().size(); i++) {
            List<String> row = new ArrayList<>();
            for (int j = 0; j < types.size(); j++) {
                String cell = e.rows().get(i).get(j);
                DataType type = types.get(j);
                row.add(TYPES.contains(type) ? render(read(cell, type, e, i, j)) : cell);
            }
            want.add(row);
        }
        List<List<String>> got = new ArrayList<>();
        for (Row r : actual.selectExpr(e.header().stream().map(c -> "`" + c + "`").toArray(String[]::new)).collectAsList()) {
            List<String> row = new ArrayList<>();
            for (int j = 0; j < r.length(); j++) {
                row.add(render(r.get(j)));
            }
            got.add(row);
        }
        want.sort(ROWS);
        got.sort(ROWS);
        if (!want.equals(got)) {
            List<List<String>> missing = minus(want, got);
            List<List<String>> unexpected = minus(got, want);
            String wantText = format(e.header(), want);
            String gotText = format(e.header(), got);
            String message = "frame does not match the expected table (rows sorted)\nexpected:\n" + wantText
                    + "actual:\n" + gotText
                    + (missing.isEmpty() ? "" : "missing:\n" + format(e.header(), missing))
                    + (unexpected.isEmpty() ? "" : "unexpected:\n" + format(e.header(), unexpected));
            throw new AssertionFailedError(message, wantText, gotText);
        }
    }

    /** The header and the cell texts (null for an empty cell) of a table, with its line numbers. */
    record Cells(List<String> header, List<List<String>> rows, List<Integer> lines) {
    }

    static Cells cells(String table) {
        if (table == null) {
            throw new IllegalArgumentException("no table");
        }
        String[] lines = table.split("\n", -1);
        List<String> header = null;
        List<List<String>> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || !line.startsWith("|") || !line.endsWith("|")) {
                throw new IllegalArgumentException("line " + (n + 1) + ": a table row starts and ends with |: " + line);
            }
            List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|", -1))
                    .map(String::strip).map(c -> c.isEmpty() ? null : c).toList();
            if (header == null) {
                if (cells.contains(null)) {
                    throw new IllegalArgumentException("line " + (n + 1) + ": a column without a name: " + line);
                }
                if (new LinkedHashSet<>(cells).size() != cells.size()) {
                    throw new IllegalArgumentException("line " + (n + 1) + ": a column named twice: " + line);
                }
                header = cells;
            } else {
                if (cells.size() != header.size()) {
                    throw new IllegalArgumentException("line " + (n + 1) + ": " + cells.size() + " cells, but "
                            + header.size() + " columns " + header + ": " + line);
                }
                rows.add(new ArrayList<>(cells));
                lineNumbers.add(n + 1);
            }
        }
        if (header == null) {
            throw new IllegalArgumentException("no header row in the table");
        }
        return new Cells(header, rows, lineNumbers);
    }

    private static List<Map<String, Object>> values(Cells t, StructType schema) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < t.rows().size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int j = 0; j < t.header().size(); j++) {
                StructField f = schema.apply(t.header().get(j));
                Object v = read(t.rows().get(i).get(j), f.dataType(), t, i, j);
                if (v == null && !f.nullable()) {
                    throw new IllegalArgumentException("line " + t.lines().get(i) + ", column " + f.name()
                            + ": empty, but the column is not nullable");
                }
                row.put(f.name(), v);
            }
            out.add(row);
        }
        return out;
    }

    private static Object read(String cell, DataType type, Cells t, int row, int column) {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("column " + t.header().get(column) + ": type " + type.simpleString()
                    + " is not one of " + TYPES.stream().map(DataType::simpleString).toList());
        }
        if (cell == null) {
            return null;
        }
        try {
            if (type.equals(DataTypes.IntegerType)) {
                return Integer.valueOf(cell);
            } else if (type.equals(DataTypes.LongType)) {
                return Long.valueOf(cell);
            } else if (type.equals(DataTypes.DoubleType)) {
                return Double.valueOf(cell);
            } else if (type.equals(DataTypes.BooleanType)) {
                if (!cell.equals("true") && !cell.equals("false")) {
                    throw new IllegalArgumentException("not true or false");
                }
                return Boolean.valueOf(cell);
            } else if (type.equals(DataTypes.DateType)) {
                return LocalDate.parse(cell);
            }
            return cell;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("line " + t.lines().get(row) + ", column " + t.header().get(column)
                    + " (" + type.simpleString() + "): cannot read '" + cell + "'", e);
        }
    }

    /** canonical text of a value: null stays null, dates ISO */
    private static String render(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        return v.toString();
    }

    private static final Comparator<List<String>> ROWS = (a, b) -> {
        Comparator<String> cell = Comparator.nullsFirst(Comparator.naturalOrder());
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = cell.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    /** the rows of {@code a} not matched one for one by rows of {@code b} */
    private static List<List<String>> minus(List<List<String>> a, List<List<String>> b) {
        Map<List<String>, Integer> left = new HashMap<>();
        b.forEach(r -> left.merge(r, 1, Integer::sum));
        List<List<String>> out = new ArrayList<>();
        for (List<String> r : a) {
            if (left.getOrDefault(r, 0) > 0) {
                left.merge(r, -1, Integer::sum);
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** rows as an aligned table literal; null as an empty cell, an empty string as "" */
    static String format(List<String> header, List<List<String>> rows) {
        List<List<String>> shown = new ArrayList<>();
        shown.add(header);
        for (List<String> r : rows) {
            shown.add(r.stream().map(v -> v == null ? "" : v.isEmpty() ? "\"\"" : v).toList());
        }
        int[] width = new int[header.size()];
        for (List<String> r : shown) {
            for (int j = 0; j < r.size(); j++) {
                width[j] = Math.max(width[j], r.get(j).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : shown) {
            sb.append("  |");
            for (int j = 0; j < r.size(); j++) {
                sb.append(' ').append(r.get(j)).append(" ".repeat(width[j] - r.get(j).length())).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
