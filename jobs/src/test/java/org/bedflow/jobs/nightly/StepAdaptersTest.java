package org.bedflow.jobs.nightly;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Spring Batch steps are adapters (docs/architecture.md): they hand the run to the
 * pipeline and record what it returns. No frame, SQL, path or column name lives in them.
 */
class StepAdaptersTest {

    private static final JavaClasses NIGHTLY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.bedflow.jobs.nightly");

    @Test
    void steps_hold_no_spark_frames_paths_or_column_names() {
        noClasses().that().haveSimpleNameEndingWith("Step").should().dependOnClassesThat().haveFullyQualifiedName("org.apache.spark.sql.Dataset")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.spark.sql.Column")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.spark.sql.functions")
                .orShould().dependOnClassesThat().resideInAPackage("org.apache.hadoop..")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.bedflow.pipeline.publish",
                        "org.bedflow.pipeline.spark", "org.bedflow.pipeline.schema.columns", "org.bedflow.pipeline.ingest..",
                        "org.bedflow.pipeline.measure..")
                .because("what a step does lives in org.bedflow.pipeline.run").check(NIGHTLY);
    }
}
