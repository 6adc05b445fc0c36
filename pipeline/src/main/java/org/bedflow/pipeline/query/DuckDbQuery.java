package org.bedflow.pipeline.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * SQL over a local output folder with DuckDB, embedded and in memory: the same views as the
 * Spark engine ({@link OutputQuery}): each table folder under its folder name, the
 * commissioners' copies as {@code published_<name>}, {@code run_rejects} (and {@code rejects}
 * when none was published). DuckDB opens the Parquet files directly, so a query answers in
 * about a second where Spark needs 15 s or more to start (docs/commissioners.md, "Querying").
 * Partition folders become VARCHAR columns, as they are in the tables' own schemas.
 */
public final class DuckDbQuery implements AutoCloseable {

    private final Connection connection;
    private final List<String> views;

    /**
     * Rows of a query's answer.
     *
     * @param columns   column names
     * @param sqlTypes  per column, its {@link java.sql.Types} code
     * @param rows      at most the limit asked for
     * @param more      whether rows were left out
     */
    public record Result(List<String> columns, List<Integer> sqlTypes, List<Object[]> rows, boolean more) {
    }

    private DuckDbQuery(Connection connection, List<String> views) {
        this.connection = connection;
        this.views = views;
    }

    /**
     * Opens the output folder: one view per table.
     *
     * @param runId the run whose kept rejects {@code run_rejects} shows; null: the latest
     * @throws IllegalArgumentException when the folder does not exist, or {@code runId} kept no rejects
     */
    public static DuckDbQuery open(Path outputDir, String runId) {
        if (!Files.isDirectory(outputDir)) {
            throw new IllegalArgumentException("output folder " + outputDir + " does not exist");
        }
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            List<String> views = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                for (Path table : tables(outputDir)) {
                    view(s, table.getFileName().toString(), table, views);
                }
                Path published = outputDir.resolve("published");
                if (Files.isDirectory(published)) {
                    for (Path table : tables(published)) {
                        view(s, "published_" + table.getFileName(), table, views);
                    }
                }
                Optional<Path> kept = keptRejects(outputDir.resolve("runs"), runId);
                if (kept.isEmpty() && runId != null) {
                    c.close();
                    throw new IllegalArgumentException("run " + runId + " kept no rejects (no " + outputDir + "/runs/"
                            + runId + "/rejects/): only a run that a data quality threshold stopped keeps them there");
                }
                if (kept.isPresent()) {
                    view(s, OutputQuery.RUN_REJECTS, kept.get(), views);
                    if (!views.contains("rejects")) {
                        view(s, "rejects", kept.get(), views);
                    }
                }
            }
            views.sort(null);
            return new DuckDbQuery(c, List.copyOf(views));
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not open " + outputDir + ": " + firstLines(e.getMessage()), e);
        }
    }

    public List<String> views() {
        return views;
    }

    /**
     * Runs {@code sql}; a bad query is an IllegalArgumentException with DuckDB's own message
     * (what is wrong and where), and the views there are when a table is unknown.
     */
    public Result run(String sql, int limit) {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            List<Integer> types = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnLabel(i));
                types.add(md.getColumnType(i));
            }
            List<Object[]> rows = new ArrayList<>();
            boolean more = false;
            while (rs.next()) {
                if (rows.size() == limit) {
                    more = true;
                    break;
                }
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
            return new Result(columns, types, rows, more);
        } catch (SQLException e) {
            String msg = firstLines(e.getMessage());
            String hint = msg.contains("Catalog Error") && msg.contains("does not exist")
                    ? " (tables: " + String.join(", ", views) + ")" : "";
            throw new IllegalArgumentException("bad query: " + OutputQuery.printable(msg) + hint, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sub-folders holding Parquet files: the tables (hidden, _-prefixed, runs/ and published/ are not). */
    private static List<Path> tables(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).filter(p -> {
                String n = p.getFileName().toString();
                return !n.startsWith(".") && !n.startsWith("_") && !n.equals("runs") && !n.equals("published");
            }).filter(DuckDbQuery::hasParquet).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasParquet(Path dir) {
        // tables are symbolic links into the current set of tables (docs/architecture.md, "Publishing")
        try (Stream<Path> files = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void view(Statement s, String name, Path dir, List<String> views) throws SQLException {
        if (!hasParquet(dir)) {
            return;
        }
        String glob = dir.toAbsolutePath().resolve("**").resolve("*.parquet").toString().replace("'", "''");
        s.execute("create or replace view \"" + name.replace("\"", "\"\"") + "\" as select * from read_parquet('" + glob
                + "', hive_partitioning = true, hive_types_autocast = false)");
        views.add(name);
    }

    /** runs/<runId>/rejects, or the most recently written runs/* /rejects. */
    private static Optional<Path> keptRejects(Path runs, String runId) throws SQLException {
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        if (runId != null) {
            Path p = runs.resolve(runId).resolve("rejects");
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        try (Stream<Path> all = Files.list(runs)) {
            return all.map(r -> r.resolve("rejects")).filter(Files::isDirectory)
                    .max(Comparator.comparing((Path p) -> {
                        try {
                            return Files.getLastModifiedTime(p).toMillis();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).thenComparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DuckDB's message without its trailing blank lines: the error and the line it points at. */
    static String firstLines(String message) {
        if (message == null) {
            return "";
        }
        // the caret line under "LINE 1:" means nothing once lines are joined
        List<String> lines = message.lines().filter(l -> !l.isBlank() && !l.strip().equals("^")).limit(2).toList();
        return String.join(" ", lines.stream().map(String::strip).toList());
    }
}
