package org.bedflow.pipeline.publish.changes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.query.DuckDbQuery;

/**
 * The figures a completed run kept in {@code runs/<run_id>/figures/} of a local output folder, read with DuckDB
 * (no Spark to start): what {@code bedflow compare} compares.
 */
public final class KeptFigures {

    private KeptFigures() {
    }

    /** The runs of {@code outputDir} that kept their figures, oldest first. */
    public static List<String> runs(Path outputDir) {
        Path runs = outputDir.resolve(ManifestFiles.RUNS);
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(runs)) {
            return all.filter(r -> Files.isDirectory(r.resolve(RunChanges.FIGURES)))
                    .map(r -> r.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The kept figures of run {@code runId}.
     *
     * @throws IllegalArgumentException when the run kept none, naming the runs that did
     */
    public static Changes.Figures read(Path outputDir, String runId) {
        Path dir = outputDir.resolve(ManifestFiles.RUNS).resolve(runId).resolve(RunChanges.FIGURES);
        if (!Files.isDirectory(dir)) {
            List<String> kept = runs(outputDir);
            throw new IllegalArgumentException("run " + runId + " has no kept figures in " + outputDir + "/runs/"
                    + runId + "/figures/ (runs kept: " + (kept.isEmpty() ? "none" : String.join(", ", kept)) + ")");
        }
        List<Changes.Table> tables = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String name : Changes.TABLES) {
                Path t = dir.resolve(name);
                if (Files.isDirectory(t)) {
                    String glob = t.toAbsolutePath().resolve("*.parquet").toString().replace("'", "''");
                    try (ResultSet rs = s.executeQuery("select * from read_parquet('" + glob + "')")) {
                        tables.add(table(name, rs));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not read " + dir + ": " + e.getMessage(), e);
        }
        return new Changes.Figures(runId, runDate(outputDir, runId), tables);
    }

    private static Changes.Table table(String name, ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> measures = new ArrayList<>();
        Set<String> counts = new LinkedHashSet<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            int type = md.getColumnType(i);
            boolean integral = type == Types.BIGINT || type == Types.INTEGER || type == Types.SMALLINT
                    || type == Types.TINYINT;
            if (integral || type == Types.DOUBLE || type == Types.FLOAT || type == Types.REAL
                    || type == Types.DECIMAL || type == Types.NUMERIC) {
                measures.add(md.getColumnLabel(i));
                if (integral) {
                    counts.add(md.getColumnLabel(i));
                }
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                r.put(md.getColumnLabel(i), rs.getObject(i));
            }
            rows.add(r);
        }
        return new Changes.Table(name, measures, counts, rows);
    }

    private static LocalDate runDate(Path outputDir, String runId) {
        Path m = outputDir.resolve(ManifestFiles.RUNS).resolve(runId).resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            return null;
        }
        try {
            RunManifest manifest = ManifestFiles.json().readValue(m.toFile(), RunManifest.class);
            return manifest.runDate() == null ? null : LocalDate.parse(manifest.runDate());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The changes as a query answer, for {@link org.bedflow.pipeline.query.QueryFormat} to print. */
    public static DuckDbQuery.Result asResult(List<Changes.Change> changes) {
        List<String> columns = List.of("table", "unitary_area", "period_type", "period", "dimension", "category",
                "measure", "old_value", "new_value", "difference", "pct_change", "flag", "closed_period",
                "old_run_id", "new_run_id");
        int s = Types.VARCHAR;
        int d = Types.DOUBLE;
        List<Integer> types = List.of(s, s, s, s, s, s, s, d, d, d, d, s, Types.BOOLEAN, s, s);
        List<Object[]> rows = changes.stream().map(c -> new Object[] {c.table(), c.unitaryArea(), c.periodType(),
                c.period(), c.dimension(), c.category(), c.measure(), c.oldValue(), c.newValue(), c.difference(),
                c.pctChange(), c.flag(), c.closedPeriod(), c.oldRunId(), c.newRunId()}).toList();
        return new DuckDbQuery.Result(columns, types, rows, false);
    }
}
