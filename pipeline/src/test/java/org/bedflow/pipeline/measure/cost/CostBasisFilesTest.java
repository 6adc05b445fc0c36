package org.bedflow.pipeline.measure.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.bedflow.pipeline.measure.cost.WhatIfModel.BasisRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's cost basis read back with DuckDB from {@code runs/<run_id>/cost_basis/} (written here with DuckDB, with
 * the column types Spark writes: delay_days int, spells and bed_days long): the rows, the runs that have one, and
 * the message for a run that has none.
 */
class CostBasisFilesTest {

    @TempDir
    Path out;

    private void basis(String runId, String select) throws Exception {
        Path dir = Files.createDirectories(out.resolve("runs").resolve(runId).resolve(CostBasis.FOLDER));
        Files.createFile(dir.resolve("_SUCCESS"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("copy (" + select + ") to '" + dir.resolve("part-00000.parquet") + "' (format parquet)");
        }
    }

    private static String row(String month, String pathway, String measure, String delay, long spells, long bedDays,
                              boolean provisional) {
        return "select 'E06000062' as unitary_area, 'West Northamptonshire' as unitary_area_name, '" + month
                + "' as month, '" + pathway + "' as discharge_pathway, '" + measure + "' as measure, " + delay
                + "::integer as delay_days, " + spells + "::bigint as spells, " + bedDays + "::bigint as bed_days, "
                + provisional + " as provisional";
    }

    @Test
    void given_a_run_with_a_cost_basis_when_read_then_its_rows_come_back_typed_and_ordered() throws Exception {
        basis("20240601T023000Z-2", String.join(" union all ",
                row("2024-05", "0", "acsc", "null", 10, 20, true),
                row("2024-04", "3", "delay", "20", 1, 20, false),
                row("2024-04", "1", "delay", "2", 2, 4, false)));

        var rows = CostBasisFiles.read(out, "20240601T023000Z-2");

        assertThat(rows).containsExactly(
                new BasisRow("E06000062", "West Northamptonshire", "2024-04", "1", "delay", 2, 2, 4, false),
                new BasisRow("E06000062", "West Northamptonshire", "2024-04", "3", "delay", 20, 1, 20, false),
                new BasisRow("E06000062", "West Northamptonshire", "2024-05", "0", "acsc", null, 10, 20, true));
    }

    @Test
    void the_runs_with_a_cost_basis_oldest_first_and_the_latest() throws Exception {
        basis("20240602T023000Z-3", row("2024-04", "1", "delay", "2", 2, 4, false));
        basis("20240601T023000Z-2", row("2024-04", "1", "delay", "2", 2, 4, false));
        // a run from before the cost basis, or one that failed: no folder
        Files.createDirectories(out.resolve("runs").resolve("20240603T023000Z-4"));

        assertThat(CostBasisFiles.runs(out)).containsExactly("20240601T023000Z-2", "20240602T023000Z-3");
        assertThat(CostBasisFiles.latest(out)).contains("20240602T023000Z-3");
    }

    @Test
    void a_folder_without_runs_has_no_latest() {
        assertThat(CostBasisFiles.runs(out)).isEmpty();
        assertThat(CostBasisFiles.latest(out)).isEmpty();
    }

    @Test
    void a_run_without_a_cost_basis_is_refused_naming_the_runs_with_one() throws Exception {
        basis("20240601T023000Z-2", row("2024-04", "1", "delay", "2", 2, 4, false));
        Files.createDirectories(out.resolve("runs").resolve("20240603T023000Z-4"));

        assertThatThrownBy(() -> CostBasisFiles.read(out, "20240603T023000Z-4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run 20240603T023000Z-4 has no cost basis")
                .hasMessageContaining("runs with one: 20240601T023000Z-2)");
    }
}
