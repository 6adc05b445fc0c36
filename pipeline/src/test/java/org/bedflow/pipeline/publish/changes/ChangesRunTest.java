package org.bedflow.pipeline.publish.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.publish.TableStore;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs publish published/delayed_discharge_monthly as sets on one output folder; the second compares its
 * figures with the set it replaced ({@code .sets/previous}) and writes runs/B/changes. Both keep their figures,
 * which {@link KeptFigures} (DuckDB, for bedflow compare) reads back to the same comparison.
 */
class ChangesRunTest {

    @TempDir
    Path out;

    static SparkSession spark() {
        return SharedSpark.session();
    }

    private void publish(TableStore store, String runId, int january) {
        var rows = spark().sql("select 'E06000061' as unitary_area, '2024-01' as month, cast(" + january
                + " as bigint) as discharges, false as provisional, '" + runId + "' as run_id "
                + "union all select 'E06000061', '2024-02', cast(50 as bigint), true, '" + runId + "'");
        store.stage(rows, runId, "published/delayed_discharge_monthly", List.of("unitary_area"));
        store.publish(runId, "published/delayed_discharge_monthly");
        store.switchTo(runId);
    }

    @Test
    void theSecondRunComparesWithTheSetItReplaced() {
        TableStore store = new TableStore(spark(), out.toString());
        RunChanges changes = new RunChanges(spark(), store.fileSystem(), store.root());

        // given run A published January 200, and nothing before it
        publish(store, "A", 200);
        RunChanges.Result first = changes.execute("A", LocalDate.of(2024, 3, 1), Changes.Limits.defaults());
        assertThat(first.previousRunId()).isNull();
        assertThat(first.summary()).isNull();
        assertThat(out.resolve("runs/A/changes")).doesNotExist();
        assertThat(out.resolve("runs/A/figures/delayed_discharge_monthly")).isDirectory();

        // when run B publishes January 212 (+12, +6 %: revised) and February unchanged
        publish(store, "B", 212);
        RunChanges.Result second = changes.execute("B", LocalDate.of(2024, 3, 2), Changes.Limits.defaults());

        // then it compared with A and wrote the one changed figure
        assertThat(second.previousRunId()).isEqualTo("A");
        assertThat(second.summary().counts()).containsEntry("revised", 1L).containsEntry("changed", 0L);
        List<Row> rows = spark().read().parquet(out.resolve("runs/B/changes").toString()).collectAsList();
        assertThat(rows).hasSize(1);
        Row r = rows.get(0);
        assertThat(List.of(r.getAs("table"), r.getAs("unitary_area"), r.getAs("period"), r.getAs("measure"),
                r.getAs("old_value"), r.getAs("new_value"), r.getAs("difference"), r.getAs("pct_change"),
                r.getAs("flag"), r.getAs("closed_period"), r.getAs("old_run_id"), r.getAs("new_run_id")))
                .containsExactly("delayed_discharge_monthly", "E06000061", "2024-01", "discharges", 200.0, 212.0,
                        12.0, 6.0, "revised", true, "A", "B");

        // and bedflow compare reads the kept figures of both runs to the same answer, on DuckDB
        assertThat(KeptFigures.runs(out)).containsExactly("A", "B");
        List<Changes.Change> again = Changes.compare(KeptFigures.read(out, "A"), KeptFigures.read(out, "B"),
                Changes.Limits.defaults());
        assertThat(again).isEqualTo(second.changes());
        assertThat(Files.exists(out.resolve("runs/B/figures/delayed_discharge_monthly"))).isTrue();
    }

    @Test
    void anUnknownRunNamesTheRunsKept() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeptFigures.read(out, "nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run nope has no kept figures")
                .hasMessageContaining("runs kept: none");
    }
}
