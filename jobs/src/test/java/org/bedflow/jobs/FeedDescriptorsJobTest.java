package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.bedflow.jobs.config.BedflowApplication;
import org.bedflow.jobs.nightly.NightlyJobConfig;
import org.bedflow.jobs.nightly.RunParameters;
import org.bedflow.pipeline.descriptor.FeedDescriptorException;
import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.RunManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Feed descriptors through the configuration ({@code bedflow.feeds-dir}, docs/adding-a-feed.md):
 * the validate job reads the worked examples' sources with their descriptors, and a mistake
 * in a descriptor fails the validate step before any file is read, with the input-problem
 * exception that the command line turns into exit code 3.
 */
@SpringBootTest(classes = BedflowApplication.class)
@ActiveProfiles("test")
class FeedDescriptorsJobTest {

    static final Path EXAMPLES = Path.of("..", "sample-data", "examples").toAbsolutePath().normalize();
    static final Path FEEDS;

    static {
        try {
            FEEDS = Files.createTempDirectory("bedflow-feeds-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void removeFeeds() throws Exception {
        org.springframework.util.FileSystemUtils.deleteRecursively(FEEDS);
    }

    @DynamicPropertySource
    static void feedsDir(DynamicPropertyRegistry registry) {
        registry.add("bedflow.feeds-dir", FEEDS::toString);
        // example 1's trust has not mapped one delay reason of seven (14 %): the guide allows it 20 %
        registry.add("bedflow.feeds.rwe_discharges.warning-threshold", () -> "0.2");
    }

    @Autowired
    JobLauncher launcher;

    @Autowired
    @Qualifier(NightlyJobConfig.VALIDATE)
    Job validate;

    @Autowired
    SparkSession spark;

    @TempDir
    Path in;
    @TempDir
    Path out;

    JobExecution validate() throws Exception {
        return launcher.run(validate, new JobParametersBuilder()
                .addLocalDate(RunParameters.PARAM_RUN_DATE, LocalDate.of(2025, 4, 1))
                .addString(RunParameters.PARAM_INPUT, in.toString())
                .addString(RunParameters.PARAM_OUTPUT, out.toString())
                .toJobParameters());
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    void clearFeeds() throws Exception {
        try (Stream<Path> files = Files.list(FEEDS)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void the_worked_examples_sources_are_read_with_their_descriptors() throws Exception {
        clearFeeds();
        copyTree(EXAMPLES.resolve("1-second-hospital/feeds"), FEEDS);
        copyTree(EXAMPLES.resolve("2-council-system/feeds"), FEEDS);
        for (String example : new String[] {"1-second-hospital", "2-council-system", "3-community-contacts"}) {
            copyTree(EXAMPLES.resolve(example).resolve("input"), in);
        }
        Files.createDirectories(in.resolve("population"));
        Files.writeString(in.resolve("population/p.csv"), "area_code,year,sex,age,population\nE07000154,2021,1,70,100\n",
                StandardCharsets.UTF_8);

        JobExecution execution = validate();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String runId = execution.getExecutionContext().getString(RunParameters.RUN_ID);
        RunManifest manifest = ManifestFiles.read(FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()),
                new org.apache.hadoop.fs.Path(out.resolve("runs").resolve(runId).resolve("manifest.json").toString()));
        // read / accepted / quarantined / warnings per file, as WorkedExamplesTest and the guide say
        assertThat(manifest.inputs()).extracting(i -> i.path() + " " + i.rowsRead() + "/" + i.accepted() + "/"
                + i.quarantined() + "/" + i.warnings()).containsExactlyInAnyOrder(
                "apc_admissions/rwe/RWE_APC_2022-01_2022-03.csv 9/8/1/0",
                "apc_discharges/rwe/RWE_DIS_2022-01_2022-03.csv 7/7/0/1",
                "social_care_events/nnc_las/NNC_LAS_2022-01_2022-03.csv 14/13/1/0",
                "community_contacts/RP1_contacts_2021-10_2022-03.csv 35/34/1/0",
                "population/p.csv 1/1/0/0");
    }

    @Test
    void a_descriptor_mistake_stops_the_validate_step_naming_the_file_and_the_problem() throws Exception {
        clearFeeds();
        Files.writeString(FEEDS.resolve("kgh.yaml"), "source: kgh\nrole: apc_admission\n", StandardCharsets.UTF_8);
        copyTree(EXAMPLES.resolve("1-second-hospital/input"), in);

        JobExecution execution = validate();

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(execution.getAllFailureExceptions()).hasSize(1);
        assertThat(execution.getAllFailureExceptions().get(0)).isInstanceOf(FeedDescriptorException.class)
                .hasMessageStartingWith(FEEDS.resolve("kgh.yaml") + " line 2: unknown role 'apc_admission'");
        assertThat(execution.getStepExecutions()).extracting(s -> s.getStepName() + " " + s.getStatus() + " "
                + s.getReadCount()).containsExactly("validate FAILED 0");
    }
}
