package org.bedflow.pipeline.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bedflow.pipeline.testing.Frames.row;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.testing.Frames;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputQueryTest {

    /** What {@code bedflow query --engine spark} prints. */
    private static String table(org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> result, int limit) {
        return QueryFormat.TABLE.render(OutputQuery.result(result, limit));
    }

    @Test
    void tables_are_views_under_their_folder_names_and_results_print_aligned(@TempDir Path out) {
        var spark = SharedSpark.session();
        StructType t = new StructType().add("unitary_area", DataTypes.StringType).add("month", DataTypes.StringType)
                .add("discharges", DataTypes.LongType);
        Frames.of(t, List.of(row("unitary_area", "E06000061", "month", "2021-05", "discharges", 120L),
                        row("unitary_area", "E06000062", "month", "2021-05", "discharges", 7L)))
                .write().partitionBy("unitary_area").parquet(out.resolve("delayed_discharge_monthly").toString());
        Frames.of(t, List.of(row("unitary_area", "E06000062", "month", "2021-05", "discharges", null)))
                .write().partitionBy("unitary_area").parquet(out.resolve("published/delayed_discharge_monthly").toString());

        List<String> views = OutputQuery.registerViews(spark, out.toString());
        assertThat(views).containsExactly("delayed_discharge_monthly", "published_delayed_discharge_monthly");

        String printed = table(OutputQuery.run(spark,
                "select unitary_area, discharges from delayed_discharge_monthly order by unitary_area", views), 100);
        assertThat(printed).contains("| unitary_area | discharges |", "| E06000061    | 120        |",
                "| E06000062    | 7          |", "2 rows");
        assertThat(table(OutputQuery.run(spark, "select discharges from published_delayed_discharge_monthly",
                views), 100)).contains("| NULL       |");
    }

    @Test
    void control_characters_in_a_value_print_as_escapes_never_raw(@TempDir Path out) {
        var spark = SharedSpark.session();
        StructType t = new StructType().add("spell_id", DataTypes.StringType);
        // ESC [2J clears a terminal, BEL rings it, \u009b is the one-byte C1 form of ESC [
        Frames.of(t, List.of(row("spell_id", "S1\u001b[2J\u0007x\u009by"))).write()
                .parquet(out.resolve("linked_spells").toString());
        List<String> views = OutputQuery.registerViews(spark, out.toString());

        String printed = table(OutputQuery.run(spark, "select spell_id from linked_spells", views), 10);

        assertThat(printed).contains("| S1\\u001b[2J\\u0007x\\u009by |")
                .doesNotContain("\u001b", "\u0007", "\u009b");
        assertThat(OutputQuery.printable("plain text, kept")).isEqualTo("plain text, kept");
    }

    @Test
    void a_missing_table_names_the_tables_that_exist(@TempDir Path out) {
        var spark = SharedSpark.session();
        Frames.of(new StructType().add("x", DataTypes.LongType), List.of(row("x", 1L)))
                .write().parquet(out.resolve("rejects").toString());
        List<String> views = OutputQuery.registerViews(spark, out.toString());
        assertThatThrownBy(() -> OutputQuery.run(spark, "select * from no_such_table", views))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tables: rejects");
        assertThatThrownBy(() -> OutputQuery.run(spark, "selec x from rejects", views))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad query");
    }

    @Test
    void the_rejects_a_stopped_run_kept_are_run_rejects_and_rejects_when_none_were_published(@TempDir Path out)
            throws Exception {
        var spark = SharedSpark.session();
        StructType t = new StructType().add("feed", DataTypes.StringType).add("reason_code", DataTypes.StringType);
        // an older stopped run, then the latest one: both kept their rejects, nothing was published
        Frames.of(t, List.of(row("feed", "apc_admissions", "reason_code", "BAD_DATE")))
                .write().partitionBy("feed").parquet(out.resolve("runs/20250401T010000Z-1/rejects").toString());
        java.nio.file.Files.setLastModifiedTime(out.resolve("runs/20250401T010000Z-1/rejects"),
                java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
        Frames.of(t, List.of(row("feed", "apc_discharges", "reason_code", "UNMAPPED_CODE"),
                        row("feed", "apc_discharges", "reason_code", "UNMAPPED_CODE")))
                .write().partitionBy("feed").parquet(out.resolve("runs/20250402T010000Z-2/rejects").toString());
        java.nio.file.Files.createDirectories(out.resolve("runs/20250403T010000Z-3"));

        List<String> views = OutputQuery.registerViews(spark, out.toString());
        assertThat(views).containsExactly("rejects", "run_rejects");
        assertThat(table(OutputQuery.run(spark,
                "select feed, reason_code, count(*) n from run_rejects group by feed, reason_code", views), 10))
                .contains("| apc_discharges | UNMAPPED_CODE | 2 |");
        assertThat(OutputQuery.run(spark, "select * from rejects", views).count()).isEqualTo(2);

        // an earlier run by its id
        views = OutputQuery.registerViews(spark, out.toString(), "20250401T010000Z-1");
        assertThat(table(OutputQuery.run(spark, "select feed, reason_code from run_rejects", views), 10))
                .contains("| apc_admissions | BAD_DATE    |");
        assertThatThrownBy(() -> OutputQuery.registerViews(spark, out.toString(), "20250403T010000Z-3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run 20250403T010000Z-3 kept no rejects");

        // once a run published rejects, rejects is that table and run_rejects stays the kept ones
        Frames.of(t, List.of(row("feed", "population", "reason_code", "BAD_NUMBER")))
                .write().partitionBy("feed").parquet(out.resolve("rejects").toString());
        views = OutputQuery.registerViews(spark, out.toString());
        assertThat(table(OutputQuery.run(spark, "select feed from rejects", views), 10))
                .contains("| population |").doesNotContain("apc_discharges");
        assertThat(OutputQuery.run(spark, "select * from run_rejects", views).count()).isEqualTo(2);
    }
}
