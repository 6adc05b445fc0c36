package org.bedflow.pipeline.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How {@code bedflow query} prints an answer: {@code table} for a person at a terminal
 * (aligned, decimals rounded to 2 places, NULL for nulls), {@code csv} and {@code json} for
 * other programs (full precision). Control characters never reach the terminal raw
 * ({@link OutputQuery#printable}); JSON escapes them itself.
 */
public enum QueryFormat {
    TABLE, CSV, JSON;

    /** Decimal places of a fractional number in the table format. */
    static final int DISPLAY_SCALE = 2;

    public String render(DuckDbQuery.Result result) {
        return switch (this) {
            case TABLE -> table(result);
            case CSV -> csv(result);
            case JSON -> json(result);
        };
    }

    private static boolean fractional(int sqlType) {
        return sqlType == Types.DOUBLE || sqlType == Types.FLOAT || sqlType == Types.REAL || sqlType == Types.DECIMAL
                || sqlType == Types.NUMERIC;
    }

    private static String display(Object v, int sqlType) {
        if (v == null) {
            return "NULL";
        }
        if (fractional(sqlType) && v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return String.valueOf(d);
            }
            return new BigDecimal(n.toString()).setScale(DISPLAY_SCALE, RoundingMode.HALF_UP).toPlainString();
        }
        return OutputQuery.printable(String.valueOf(v));
    }

    static String table(DuckDbQuery.Result r) {
        int n = r.columns().size();
        int[] width = new int[n];
        List<String[]> cells = new ArrayList<>();
        String[] header = r.columns().stream().map(OutputQuery::printable).toArray(String[]::new);
        for (int i = 0; i < n; i++) {
            width[i] = header[i].length();
        }
        for (Object[] row : r.rows()) {
            String[] line = new String[n];
            for (int i = 0; i < n; i++) {
                line[i] = display(row[i], r.sqlTypes().get(i));
                width[i] = Math.max(width[i], line[i].length());
            }
            cells.add(line);
        }
        StringBuilder rule = new StringBuilder("+");
        for (int w : width) {
            rule.append("-".repeat(w + 2)).append('+');
        }
        StringBuilder out = new StringBuilder().append(rule).append('\n');
        appendLine(out, header, width);
        out.append(rule).append('\n');
        cells.forEach(c -> appendLine(out, c, width));
        out.append(rule).append('\n');
        out.append(cells.size()).append(cells.size() == 1 ? " row" : " rows")
                .append(r.more() ? " (more not shown; use --limit)" : "").append('\n');
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String[] values, int[] width) {
        out.append('|');
        for (int i = 0; i < values.length; i++) {
            out.append(' ').append(values[i]).append(" ".repeat(width[i] - values[i].length())).append(" |");
        }
        out.append('\n');
    }

    /** RFC 4180: a header line, nulls as empty fields, quoted where needed. */
    static String csv(DuckDbQuery.Result r) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", r.columns().stream().map(QueryFormat::csvField).toList())).append("\r\n");
        for (Object[] row : r.rows()) {
            List<String> fields = new ArrayList<>();
            for (Object v : row) {
                fields.add(v == null ? "" : csvField(String.valueOf(v)));
            }
            out.append(String.join(",", fields)).append("\r\n");
        }
        return out.toString();
    }

    private static String csvField(String v) {
        String s = OutputQuery.printable(v);
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A JSON array of objects, one per row, in column order. */
    static String json(DuckDbQuery.Result r) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object[] row : r.rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < row.length; i++) {
                Object v = row[i];
                // dates and times as ISO text; numbers, text and booleans as they are
                m.put(r.columns().get(i), v == null || v instanceof Number || v instanceof Boolean
                        || v instanceof CharSequence ? v : v.toString());
            }
            rows.add(m);
        }
        try {
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
