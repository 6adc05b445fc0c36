package org.bedflow.jobs.nightly;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.publish.TableStore;
import org.junit.jupiter.api.Test;

/**
 * The Spring Batch steps are adapters (docs/architecture.md): they hand the run to the
 * pipeline and record what it returns. No frame, SQL, path or column name lives in them.
 */
class StepAdaptersTest {

    static final ArchRule STEPS_ARE_ADAPTERS = noClasses().that().haveSimpleNameEndingWith("Step").should()
            .dependOnClassesThat().haveFullyQualifiedName("org.apache.spark.sql.Dataset")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.spark.sql.Column")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.spark.sql.functions")
            .orShould().dependOnClassesThat().resideInAPackage("org.apache.hadoop..")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.bedflow.pipeline.publish",
                    "org.bedflow.pipeline.spark", "org.bedflow.pipeline.schema.columns", "org.bedflow.pipeline.ingest..",
                    "org.bedflow.pipeline.measure..")
            .because("what a step does lives in org.bedflow.pipeline.run");

    @Test
    void steps_hold_no_spark_frames_paths_or_column_names() {
        STEPS_ARE_ADAPTERS.check(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.bedflow.jobs.nightly"));
    }

    @Test
    void the_rule_catches_a_step_that_does_the_work_itself() {
        JavaClasses offender = new ClassFileImporter().importClasses(CountingStep.class);
        assertThat(STEPS_ARE_ADAPTERS.evaluate(offender).hasViolation()).isTrue();
    }

    /** What version 1's steps did: frames, SQL and the output folder in the Spring step. */
    static final class CountingStep {
        long count(TableStore store) {
            Dataset<Row> spells = store.readStaged("run", "linked_spells");
            return spells.selectExpr("count(person_key)").first().getLong(0);
        }
    }
}
