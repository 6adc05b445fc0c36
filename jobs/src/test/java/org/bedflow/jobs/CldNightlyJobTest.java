package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.bedflow.jobs.config.BedflowApplication;
import org.bedflow.jobs.nightly.NightlyJobConfig;
import org.bedflow.jobs.nightly.PseudonymKeys;
import org.bedflow.jobs.nightly.RunParameters;
import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.testing.LeakScan;
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
 * The real nightly job on a copy of the committed Northamptonshire sample whose North Northamptonshire events come as
 * a council's CLD file (sample-data/national/cld-r2, BOM and CRLF), and the county council's 2020-21 events as its
 * Release 1 file (sample-data/national/cld-r1), each selected with one configuration entry
 * ({@code bedflow.feed-profiles}, docs/adding-a-feed.md): the run completes, the file is read as source {@code cld}
 * with every row accepted, indicators are produced, and no name, date of birth, GP practice or postcode of the file
 * appears in any output, the rejects, the manifest, the report or the log.
 */
@SpringBootTest(classes = BedflowApplication.class)
@ActiveProfiles("test")
class CldNightlyJobTest {

    static final Path SAMPLE = Path.of("..", "sample-data", "northamptonshire").toAbsolutePath().normalize();
    static final Path CLD = Path.of("..", "sample-data", "national", "cld-r2", "NNC_CLD_R2_2024-25.csv")
            .toAbsolutePath().normalize();
    /** the county council's Release 1 file (LA Code 928), 2020-21 */
    static final Path CLD_R1 = Path.of("..", "sample-data", "national", "cld-r1", "NCC_CLD_R1_2020-21.csv")
            .toAbsolutePath().normalize();

    @DynamicPropertySource
    static void profiles(DynamicPropertyRegistry registry) {
        // the one line of configuration (a YAML list entry {folder: social_care_events/cld, profile: cld-r2})
        registry.add("bedflow.feed-profiles[0].folder", () -> "social_care_events/cld");
        registry.add("bedflow.feed-profiles[0].profile", () -> "cld-r2");
        // and one for the county council's Release 1 file
        registry.add("bedflow.feed-profiles[1].folder", () -> "social_care_events/cld_r1");
        registry.add("bedflow.feed-profiles[1].profile", () -> "cld-r1");
    }

    @Autowired
    JobLauncher launcher;

    @Autowired
    @Qualifier(NightlyJobConfig.NIGHTLY)
    Job nightly;

    @Autowired
    SparkSession spark;

    @TempDir
    Path in;
    @TempDir
    Path out;

    @Test
    void the_nightly_job_reads_a_cld_file_selected_by_one_configuration_line() throws Exception {
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path target = in.resolve(SAMPLE.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        // North Northamptonshire's events now come as its CLD file (the first people's events of the same sample)
        Files.delete(in.resolve("social_care_events/E06000061_2021-04_2025-03.csv"));
        Files.createDirectories(in.resolve("social_care_events/cld"));
        Files.copy(CLD, in.resolve("social_care_events/cld").resolve(CLD.getFileName()));
        // and the county council's 2020-21 events as its Release 1 file
        Files.delete(in.resolve("social_care_events/E10000021_2020-04_2021-03.csv"));
        Files.createDirectories(in.resolve("social_care_events/cld_r1"));
        Files.copy(CLD_R1, in.resolve("social_care_events/cld_r1").resolve(CLD_R1.getFileName()));
        Set<String> secrets = new TreeSet<>(secrets(CLD));
        secrets.addAll(secrets(CLD_R1));

        JobExecution execution;
        List<String> logLines;
        try (LeakScan.LogCapture logged = LeakScan.captureLog(false)) {
            execution = launcher.run(nightly, new JobParametersBuilder()
                    .addLocalDate(RunParameters.PARAM_RUN_DATE, LocalDate.of(2025, 4, 1))
                    .addString(RunParameters.PARAM_INPUT, in.toString())
                    .addString(RunParameters.PARAM_OUTPUT, out.toString())
                    .addString(PseudonymKeys.PARAM_DEMO_KEY, "true", false)
                    .toJobParameters());
            logLines = logged.lines();
        }

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String runId = execution.getExecutionContext().getString(RunParameters.RUN_ID);
        Path manifestFile = out.resolve("runs").resolve(runId).resolve("manifest.json");
        RunManifest manifest = ManifestFiles.read(FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()),
                new org.apache.hadoop.fs.Path(manifestFile.toString()));
        String cldFile = "social_care_events/cld/" + CLD.getFileName();
        assertThat(manifest.inputs()).filteredOn(i -> i.path().equals(cldFile)).singleElement().satisfies(i -> {
            assertThat(i.rowsRead()).isEqualTo(200);
            assertThat(i.accepted()).isEqualTo(200);
            assertThat(i.quarantined()).isZero();
        });
        String r1File = "social_care_events/cld_r1/" + CLD_R1.getFileName();
        assertThat(manifest.inputs()).filteredOn(i -> i.path().equals(r1File)).singleElement().satisfies(i -> {
            assertThat(i.rowsRead()).isEqualTo(150);
            assertThat(i.accepted()).isEqualTo(150);
        });
        // North Northamptonshire's indicators are produced from the CLD events alongside the hospitals' spells
        long nncIndicators = spark.read().parquet(out.resolve("indicators").toString())
                .filter("unitary_area = 'E06000061' and value is not null").count();
        assertThat(nncIndicators).isPositive();
        String report = Files.readString(out.resolve("runs").resolve(runId).resolve("report.html"));
        assertThat(report).contains("North Northamptonshire", "<h2>Indicators by unitary area and month</h2>");

        // nothing personal of the CLD file anywhere the run wrote (tables read as JSON, every other file as text)
        // nor in the log
        LeakScan scan = LeakScan.of(secrets).folder(out, spark).texts("the log", logLines);
        assertThat(spark.read().parquet(out.resolve("rejects").toString()).count()).as("rejects were read").isPositive();
        scan.assertNone();
    }

    /** names, dates of birth, GP practice names and postcodes of the CLD file */
    static Set<String> secrets(Path file) throws Exception {
        Set<String> out = new TreeSet<>();
        String text = Files.readString(file, StandardCharsets.UTF_8).replace("\uFEFF", "");
        for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(text))) {
            out.add(r.get("Last Name"));
            out.add(r.get("Date of Birth"));
            out.add(r.get("GP Practice Name"));
            out.add(r.get("Postcode"));
            out.add(r.get("Postcode").replace(" ", ""));
        }
        out.remove("");
        return out;
    }
}
