package org.bedflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Are two bedflow output folders the same, table by table? For a performance change, which must
 * not change a figure (docs/performance.md, "Same outputs before and after"): run the same
 * inputs, run date and pseudonym key through the code before and after, then
 * {@code OutputDiff BEFORE AFTER}.
 *
 * <p>Compared: every Parquet table of the output folder (the current tables, {@code published/}
 * and, of each folder's only or latest run, {@code runs/<run_id>/<table>}), as multisets of rows
 * with DuckDB's {@code EXCEPT ALL} both ways, every column but {@code run_id} (the run's own
 * name), doubles exactly; and every {@code feedback/} file byte for byte. Not compared: the
 * manifest and the report (they carry the run's id and timings).
 *
 * <p>Prints one line per table ({@code same N rows} or the differing row counts and a few rows
 * of each side); exit code 0 when everything is the same, 3 otherwise.
 */
public final class OutputDiff {

    private OutputDiff() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: OutputDiff BEFORE_OUTPUT_DIR AFTER_OUTPUT_DIR");
            System.exit(2);
        }
        Path before = Path.of(args[0]).toAbsolutePath();
        Path after = Path.of(args[1]).toAbsolutePath();
        int differences = 0;
        Class.forName("org.duckdb.DuckDBDriver");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            TreeSet<String> tables = new TreeSet<>(tables(before));
            tables.addAll(tables(after));
            for (String table : tables) {
                differences += compareTable(st, table, resolve(before, table), resolve(after, table));
            }
        }
        TreeSet<String> files = new TreeSet<>(files(before.resolve("feedback")));
        files.addAll(files(after.resolve("feedback")));
        for (String f : files) {
            Path a = before.resolve("feedback").resolve(f);
            Path b = after.resolve("feedback").resolve(f);
            boolean same = Files.isRegularFile(a) && Files.isRegularFile(b) && Files.mismatch(a, b) == -1;
            if (f.endsWith(".xlsx") && Files.isRegularFile(a) && Files.isRegularFile(b) && !same) {
                // a workbook's zip entries carry their own timestamps: compare what a reader sees
                same = workbook(a).equals(workbook(b));
            }
            System.out.printf(Locale.ROOT, "%-48s %s%n", "feedback/" + f, same ? "same" : "DIFFERENT");
            differences += same ? 0 : 1;
        }
        System.out.println(differences == 0 ? "outputs identical" : differences + " tables or files differ");
        System.exit(differences == 0 ? 0 : 3);
    }

    /** Table folders, relative to the output folder: top level, published/, and the latest run's. */
    static List<String> tables(Path output) throws IOException {
        List<String> out = new ArrayList<>();
        for (String dir : List.of("", "published")) {
            Path d = dir.isEmpty() ? output : output.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                s.filter(Files::isDirectory)
                        .filter(p -> !List.of("published", "runs", "feedback").contains(p.getFileName().toString())
                                && !p.getFileName().toString().startsWith("."))
                        .filter(OutputDiff::hasParquet)
                        .forEach(p -> out.add((dir.isEmpty() ? "" : dir + "/") + p.getFileName()));
            }
        }
        Path runs = output.resolve("runs");
        if (Files.isDirectory(runs)) {
            try (Stream<Path> s = Files.list(runs)) {
                Path latest = s.filter(Files::isDirectory).max(Path::compareTo).orElse(null);
                if (latest != null) {
                    try (Stream<Path> t = Files.list(latest)) {
                        t.filter(Files::isDirectory).filter(OutputDiff::hasParquet)
                                .forEach(p -> out.add("runs/*/" + p.getFileName()));
                    }
                }
            }
        }
        return out;
    }

    static Path resolve(Path output, String table) throws IOException {
        if (!table.startsWith("runs/*/")) {
            return output.resolve(table);
        }
        try (Stream<Path> s = Files.list(output.resolve("runs"))) {
            Path latest = s.filter(Files::isDirectory).max(Path::compareTo).orElseThrow();
            return latest.resolve(table.substring("runs/*/".length()));
        }
    }

    static boolean hasParquet(Path dir) {
        try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            return false;
        }
    }

    static List<String> files(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).forEach(p -> out.add(dir.relativize(p).toString()));
            }
        }
        return out;
    }

    static int compareTable(Statement st, String table, Path a, Path b) throws SQLException {
        if (!hasParquet(a) || !hasParquet(b)) {
            System.out.printf(Locale.ROOT, "%-48s only in %s%n", table, hasParquet(a) ? "before" : "after");
            return 1;
        }
        st.execute("CREATE OR REPLACE TEMP TABLE a AS " + read(a));
        st.execute("CREATE OR REPLACE TEMP TABLE b AS " + read(b));
        List<String> cols = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT column_name FROM (DESCRIBE a) WHERE column_name <> 'run_id'")) {
            while (rs.next()) {
                cols.add('"' + rs.getString(1) + '"');
            }
        }
        String select = String.join(", ", cols);
        long rowsA = DuckDbMeasures.scalar(st, "SELECT count(*) FROM a");
        long rowsB = DuckDbMeasures.scalar(st, "SELECT count(*) FROM b");
        long onlyA;
        long onlyB;
        try {
            onlyA = DuckDbMeasures.scalar(st, "SELECT count(*) FROM (SELECT " + select + " FROM a EXCEPT ALL SELECT "
                    + select + " FROM b)");
            onlyB = DuckDbMeasures.scalar(st, "SELECT count(*) FROM (SELECT " + select + " FROM b EXCEPT ALL SELECT "
                    + select + " FROM a)");
        } catch (SQLException e) {
            System.out.printf(Locale.ROOT, "%-48s DIFFERENT columns: %s%n", table, e.getMessage().lines().findFirst()
                    .orElse(""));
            return 1;
        }
        if (onlyA == 0 && onlyB == 0) {
            System.out.printf(Locale.ROOT, "%-48s same, %,d rows, %d columns%n", table, rowsA, cols.size());
            return 0;
        }
        System.out.printf(Locale.ROOT, "%-48s DIFFERENT: %,d rows before, %,d after; %,d only before, %,d only after%n",
                table, rowsA, rowsB, onlyA, onlyB);
        for (String[] side : new String[][] {{"before", "a", "b"}, {"after", "b", "a"}}) {
            try (ResultSet rs = st.executeQuery("SELECT " + select + " FROM " + side[1] + " EXCEPT ALL SELECT " + select
                    + " FROM " + side[2] + " LIMIT 3")) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder("    only " + side[0] + ":");
                    for (int i = 1; i <= n; i++) {
                        row.append(' ').append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i));
                    }
                    System.out.println(row);
                }
            }
        }
        return 1;
    }

    /** A workbook's zip entries and their content, without docProps/ (when and by what it was made). */
    static java.util.Map<String, String> workbook(Path xlsx) throws IOException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (var zip = new java.util.zip.ZipFile(xlsx.toFile())) {
            for (var e : java.util.Collections.list(zip.entries())) {
                if (!e.getName().startsWith("docProps/")) {
                    try (var in = zip.getInputStream(e)) {
                        out.put(e.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return out;
    }

    static String read(Path table) {
        return "SELECT * FROM read_parquet('" + table.toString().replace("'", "''")
                + "/**/*.parquet', hive_partitioning = true, union_by_name = true)";
    }
}
