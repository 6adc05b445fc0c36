package org.bedflow.jobs.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.publish.TableStore;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart resumes at the failed step and reads what the earlier steps left in the run's
 * work area; when a later run on the same output has cleaned that up, the step says what to
 * do instead of failing somewhere inside Spark.
 */
class RunSettingsTest {

    @TempDir
    Path out;

    @Test
    void work_written_by_an_earlier_step_is_read_back_and_missing_work_names_the_rerun() {
        var spark = SharedSpark.session();
        RunSettings run = new RunSettings("/data/in", out.toString(), LocalDate.of(2022, 4, 1), "run-7");
        TableStore store = new TableStore(spark, out.toString());
        spark.createDataFrame(List.of(), new StructType().add("x", DataTypes.IntegerType))
                .write().parquet(run.work(store, "validated/apc_admissions"));

        assertThat(run.readWork(spark, store, "validated/apc_admissions").count()).isZero();
        assertThatThrownBy(() -> run.readWork(spark, store, "linked_spells"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the work files of run run-7 (linked_spells) are gone, most likely cleaned up by a later run "
                        + "on the same output folder; run this date again with: bedflow run --rerun --input /data/in "
                        + "--output " + out + " --run-date 2022-04-01");
    }
}
