package org.bedflow.pipeline.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work area keeps what one step of a run leaves for the next, inside the run's staging
 * folder; when a later run has cleaned that up, a restart says what to do instead of failing
 * somewhere inside Spark. Work files hold NHS numbers: they are owner-and-group only.
 */
class WorkAreaTest {

    @TempDir
    Path out;

    private WorkArea work(SparkSession spark) {
        return new RunContext("run-7", LocalDate.of(2022, 4, 1), "/data/in", out.toString(), RunConfig.defaults())
                .workArea(spark);
    }

    @Test
    void work_written_by_an_earlier_step_is_read_back_from_the_runs_staging_folder() {
        SparkSession spark = SharedSpark.session();
        work(spark).write("classified/apc_admissions",
                spark.createDataFrame(List.of(), new StructType().add("x", DataTypes.IntegerType)));

        // a new work area of the same run (the next step, or a restart in a new process) reads it
        assertThat(work(spark).read("classified/apc_admissions").count()).isZero();
        assertThat(out.resolve(".staging/run-7/work/classified/apc_admissions/_SUCCESS")).exists();
    }

    @Test
    void missing_work_names_the_rerun() {
        SparkSession spark = SharedSpark.session();
        String expected = "the work files of run run-7 (%s) are gone, most likely cleaned up by a later run "
                + "on the same output folder; run this date again with: bedflow run --rerun --input /data/in "
                + "--output " + out + " --run-date 2022-04-01";
        assertThatThrownBy(() -> work(spark).read("care_events"))
                .isInstanceOf(IllegalStateException.class).hasMessage(expected, "care_events");
        assertThatThrownBy(() -> work(spark).readStaged(OutputTables.LINKED_SPELLS))
                .isInstanceOf(IllegalStateException.class).hasMessage(expected, "linked_spells");
    }

    @Test
    void work_files_are_owner_and_group_only_even_in_folders_that_were_open_to_others() throws Exception {
        SparkSession spark = SharedSpark.session();
        Path work = out.resolve(".staging/run-7/work");
        Files.createDirectories(work);
        for (Path p : List.of(out.resolve(".staging"), out.resolve(".staging/run-7"), work)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        work(spark).write("opt_outs", spark.createDataFrame(List.of(RowFactory.create("9434765919")),
                new StructType().add("nhs_number", DataTypes.StringType)));

        List<String> open;
        try (Stream<Path> all = Files.walk(out.resolve(".staging"))) {
            open = all.filter(p -> !perms(p).equals(Files.isDirectory(p) ? "rwxrwx---" : "rw-rw----"))
                    .map(p -> out.relativize(p) + " " + perms(p)).toList();
        }
        assertThat(open).isEmpty();
        assertThat(work.resolve("opt_outs/_SUCCESS")).exists();
    }

    private static String perms(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
