package org.bedflow.pipeline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.publish.TableStore;
import org.bedflow.pipeline.run.WorkArea;
import org.bedflow.pipeline.spark.ParquetWrites;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the pipeline (docs/architecture.md): no Spring in it, and only the run's work
 * area and {@code publish} write under the output folder, so what a reader or a restart
 * sees is decided in two places.
 */
class ArchitectureTest {

    private static JavaClasses pipeline;

    @BeforeAll
    static void importPipeline() {
        pipeline = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.bedflow.pipeline");
    }

    @Test
    void the_pipeline_does_not_use_spring() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("Spring stays in the jobs module, at the edge").check(pipeline);
    }

    @Test
    void only_the_work_area_and_publish_write_files() {
        ONLY_WORK_AREA_AND_PUBLISH_WRITE.check(pipeline);
    }

    @Test
    void only_the_work_area_and_publish_stage_tables() {
        ONLY_WORK_AREA_AND_PUBLISH_STAGE.check(pipeline);
    }

    @Test
    void the_rules_catch_a_stage_that_writes_for_itself() {
        JavaClasses offender = new ClassFileImporter().importClasses(StageThatWritesForItself.class);
        assertThat(ONLY_WORK_AREA_AND_PUBLISH_WRITE.evaluate(offender).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("ParquetWrites.overwrite"))
                .anyMatch(line -> line.contains("DataFrameWriter.parquet"))
                .anyMatch(line -> line.contains("FileSystem.delete"));
        assertThat(ONLY_WORK_AREA_AND_PUBLISH_STAGE.evaluate(offender).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("TableStore.stage"));
    }

    /** What the rules exist to stop: a stage writing under the output folder on its own. */
    static final class StageThatWritesForItself {
        void write(Dataset<Row> rows, TableStore store, FileSystem fs) throws IOException {
            ParquetWrites.overwrite(rows, "out/x");
            rows.write().parquet("out/y");
            fs.delete(new Path("out/z"), true);
            store.stage(rows, "run", "t", List.of());
        }
    }

    private static final Set<String> FILE_SYSTEM_WRITES = Set.of("create", "createNewFile", "append", "rename",
            "delete", "mkdirs", "copyFromLocalFile", "moveFromLocalFile", "setPermission");
    private static final Set<String> FILES_WRITES = Set.of("write", "writeString", "newOutputStream",
            "newBufferedWriter", "createDirectories", "createDirectory", "createFile", "move", "copy", "delete",
            "deleteIfExists");

    /** Spark's writers, bedflow's Parquet writer, and the mutating calls of Hadoop's and Java's file APIs. */
    private static final DescribedPredicate<JavaMethodCall> WRITES = DescribedPredicate.describe(
            "a write to a file (Spark's DataFrameWriter, ParquetWrites, FileSystem or Files mutations)", call -> {
                var owner = call.getTargetOwner();
                String name = call.getName();
                return owner.isAssignableTo(DataFrameWriter.class) || owner.isAssignableTo(DataFrameWriterV2.class)
                        || owner.isEquivalentTo(ParquetWrites.class)
                        || owner.isAssignableTo(FileSystem.class) && FILE_SYSTEM_WRITES.contains(name)
                        || owner.isEquivalentTo(Files.class) && FILES_WRITES.contains(name);
            });

    private static final DescribedPredicate<JavaMethodCall> STAGES = DescribedPredicate.describe(
            "TableStore.stage or keepInRunFolder", call -> call.getTargetOwner().isEquivalentTo(TableStore.class)
                    && Set.of("stage", "keepInRunFolder").contains(call.getName()));

    static final ArchRule ONLY_WORK_AREA_AND_PUBLISH_WRITE = noClasses()
            .that().resideOutsideOfPackages("..publish..", "..spark..")
            .and().doNotHaveFullyQualifiedName(WorkArea.class.getName())
            .should().callMethodWhere(ArchitectureTest.WRITES)
            .because("only the run's work area and publish write under the output folder");

    static final ArchRule ONLY_WORK_AREA_AND_PUBLISH_STAGE = noClasses()
            .that().resideOutsideOfPackage("..publish..")
            .and().doNotHaveFullyQualifiedName(WorkArea.class.getName())
            .should().callMethodWhere(ArchitectureTest.STAGES)
            .because("a table is staged through the run's work area");
}
