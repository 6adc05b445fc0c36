package org.bedflow.pipeline.measure.cost;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.bedflow.pipeline.publish.ManifestFiles;

/**
 * The cost basis a completed run wrote to {@code runs/<run_id>/cost_basis/} of a local output folder
 * ({@link CostBasis}), read with DuckDB so that {@code bedflow whatif} answers without starting Spark.
 */
public final class CostBasisFiles {

    private CostBasisFiles() {
    }

    /** The runs of {@code outputDir} that wrote a cost basis, oldest first (run ids sort by time). */
    public static List<String> runs(Path outputDir) {
        Path runs = outputDir.resolve(ManifestFiles.RUNS);
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(runs)) {
            return all.filter(r -> Files.isDirectory(r.resolve(CostBasis.FOLDER)))
                    .map(r -> r.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The latest run that wrote a cost basis; empty when none did (a new folder, or runs from before it existed). */
    public static Optional<String> latest(Path outputDir) {
        List<String> runs = runs(outputDir);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    /**
     * The cost basis of run {@code runId}, ordered by area, month, measure, pathway and delay.
     *
     * @throws IllegalArgumentException when the run has none, naming the runs that have one
     */
    public static List<WhatIfModel.BasisRow> read(Path outputDir, String runId) {
        Path dir = outputDir.resolve(ManifestFiles.RUNS).resolve(runId).resolve(CostBasis.FOLDER);
        if (!Files.isDirectory(dir)) {
            List<String> runs = runs(outputDir);
            throw new IllegalArgumentException("run " + runId + " has no cost basis in " + outputDir + "/runs/"
                    + runId + "/" + CostBasis.FOLDER + "/ (runs with one: "
                    + (runs.isEmpty() ? "none" : String.join(", ", runs)) + ")");
        }
        if (!hasParquet(dir)) {
            // Spark writes a part file even for an empty basis; none at all is an empty basis all the same
            return List.of();
        }
        // the part files themselves, not **: a _temporary/ folder left by an interrupted write is not the basis
        String glob = dir.toAbsolutePath().resolve("*.parquet").toString().replace("'", "''");
        String sql = "select " + String.join(", ", "unitary_area", "unitary_area_name", CostBasis.MONTH,
                CostBasis.PATHWAY, CostBasis.MEASURE, "cast(" + CostBasis.DELAY_DAYS + " as integer)",
                "cast(" + CostBasis.SPELLS + " as bigint)", "cast(" + CostBasis.BED_DAYS + " as bigint)",
                CostBasis.PROVISIONAL) + " from read_parquet('" + glob + "') order by 1, 3, 5, 4, 6";
        List<WhatIfModel.BasisRow> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Object delay = rs.getObject(6);
                // a month whose flag is missing is treated as still growing, the cautious reading
                boolean provisional = rs.getObject(9) == null || rs.getBoolean(9);
                rows.add(new WhatIfModel.BasisRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), delay == null ? null : ((Number) delay).intValue(),
                        rs.getLong(7), rs.getLong(8), provisional));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB could not read " + dir + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static boolean hasParquet(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
