package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.jobs.config.BedflowApplication;
import org.bedflow.jobs.nightly.NightlyJobConfig;
import org.bedflow.jobs.nightly.PseudonymKeys;
import org.bedflow.jobs.nightly.RunParameters;
import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.RunManifest;
import org.junit.jupiter.api.AfterAll;
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
 * The whole nightly job on the committed synthetic SUS+ APCS extract
 * ({@code sample-data/national/sus-apcs/}), read with a copy of the sus-apcs profile from the
 * feeds-dir, as an ICB analyst would run it: the SUS file in {@code apc_admissions/sus/} (no
 * {@code apc_discharges/} folder: the finished spells are the discharges), the sample's
 * population and LSOA lookup, and council events pseudonymised by the same service (the
 * mixing rule refuses real NHS numbers next to pseudonymised ones).
 */
@SpringBootTest(classes = BedflowApplication.class)
@ActiveProfiles("test")
class SusApcsJobTest {

    static final Path NORTHANTS = Path.of("..", "sample-data", "northamptonshire").toAbsolutePath().normalize();
    static final Path SUS = Path.of("..", "sample-data", "national", "sus-apcs",
            "SUS_APCS_2024-04_2025-03_extract_2025-04-01.csv").toAbsolutePath().normalize();
    static final String FILE = "apc_admissions/sus/SUS_APCS_2024-04_2025-03_extract_2025-04-01.csv";
    static final Path FEEDS;

    static {
        try {
            FEEDS = Files.createTempDirectory("bedflow-sus-feeds-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeFeeds() throws Exception {
        org.springframework.util.FileSystemUtils.deleteRecursively(FEEDS);
    }

    @DynamicPropertySource
    static void feedsDir(DynamicPropertyRegistry registry) {
        registry.add("bedflow.feeds-dir", FEEDS::toString);
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

    void copy(Path from, String to) throws Exception {
        Path target = in.resolve(to);
        Files.createDirectories(target.getParent());
        Files.copy(from, target);
    }

    @Test
    void the_sus_extract_runs_through_the_nightly_job_into_linked_spells_and_indicators() throws Exception {
        try (InputStream s = getClass().getClassLoader().getResourceAsStream("feeds/profiles/sus-apcs.yaml")) {
            Files.write(FEEDS.resolve("sus_apcs.yaml"), s.readAllBytes());
        }
        Files.writeString(FEEDS.resolve("council_pseudo.yaml"), """
                source: council_pseudo
                role: social_care_events
                pattern: "pseudo/**"
                nhs_number: pseudonymised
                """, StandardCharsets.UTF_8);
        copy(SUS, FILE);
        copy(NORTHANTS.resolve("geography/lsoa_to_lad.csv"), "geography/lsoa_to_lad.csv");
        copy(NORTHANTS.resolve("population/mid_year_estimates_2020_2025.csv"), "population/mid_year_estimates_2020_2025.csv");
        // reablement starting the day after two SUS discharges (spells 700000000 and 700000111)
        Files.createDirectories(in.resolve("social_care_events/pseudo"));
        Files.writeString(in.resolve("social_care_events/pseudo/events_2025-04-01.csv"),
                "la_code,event_id,person_id,nhs_number,age,residence_lad_code,event_type,event_start_date,event_end_date,"
                        + "request_route,service_type,service_component,submitted_at\n"
                        + "E06000062,EV1,P1,PSEUDO-B5B5CB68FFDC,80,E07000154,Service,2024-09-04,,,"
                        + "Short Term Support: ST-Max,Reablement,2025-04-01T01:00:00\n"
                        + "E06000061,EV2,P2,PSEUDO-7F7E1AFF4B9D,70,E07000153,Service,2024-09-26,,,"
                        + "Short Term Support: ST-Max,Reablement,2025-04-01T01:00:00\n",
                StandardCharsets.UTF_8);

        JobExecution execution = launcher.run(nightly, new JobParametersBuilder()
                .addLocalDate(RunParameters.PARAM_RUN_DATE, LocalDate.of(2025, 4, 1))
                .addString(RunParameters.PARAM_INPUT, in.toString())
                .addString(RunParameters.PARAM_OUTPUT, out.toString())
                .addString(PseudonymKeys.PARAM_DEMO_KEY, "true", false)
                .toJobParameters());

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        String runId = execution.getExecutionContext().getString(RunParameters.RUN_ID);
        RunManifest manifest = ManifestFiles.read(FileSystem.getLocal(spark.sparkContext().hadoopConfiguration()),
                new org.apache.hadoop.fs.Path(out.resolve("runs").resolve(runId).resolve("manifest.json").toString()));
        // the one SUS file is listed under both feeds: 180 spells read as admissions, the 159 with a
        // Discharge_Date read as discharges (the 21 open spells are not the discharge feed's rows); each balances
        assertThat(manifest.inputs()).filteredOn(i -> i.path().equals(FILE))
                .extracting(i -> i.feed() + " " + i.rowsRead() + "/" + i.accepted() + "/" + i.quarantined() + "/"
                        + i.warnings())
                .containsExactlyInAnyOrder("apc_admissions 180/180/0/1", "apc_discharges 159/159/0/0");
        assertThat(manifest.inputs()).allSatisfy(i -> assertThat(i.balances()).isTrue());

        Dataset<Row> spells = spark.read().parquet(out.resolve("linked_spells").toString());
        assertThat(spells.count()).isEqualTo(180);
        assertThat(spells.filter("discharge_date is not null").count()).isEqualTo(159);
        assertThat(spells.filter("unitary_area in ('E06000061', 'E06000062')").count()).isGreaterThan(150);
        // the infant spell (Age_At_Start_of_Spell_SUS 7003) is age 0; the diagnoses are the first episode's
        Row infant = spells.filter("spell_id = '700000259'").first();
        assertThat(infant.<Integer>getAs("age_on_admission")).isZero();
        assertThat(infant.<String>getAs("primary_diagnosis")).isEqualTo("N390");
        // pseudonymised spells link to the pseudonymised council events
        assertThat(spells.filter("spell_id in ('700000000', '700000111')").select("spell_id", "care_event_id")
                .orderBy("spell_id").collectAsList().toString()).isEqualTo("[[700000000,EV1], [700000111,EV2]]");
        assertThat(spells.filter("person_key like 'PSEUDO%'").count()).as("tokens never leave the link step").isZero();

        // the indicators: emergency admissions (docs/indicators.md: emergency CIPS of residents, counted by their
        // first spell) per area; every sample admission is in the financial year 2024-25, so each area's yearly
        // numerators add up to its linked spells with an emergency method that are not transfers in
        Dataset<Row> indicators = spark.read().parquet(out.resolve("indicators").toString());
        List<Row> emergency = indicators.filter("indicator = 'emergency_admissions' and period_type = 'financial_year'")
                .select("unitary_area", "period", "numerator").orderBy("unitary_area", "period").collectAsList();
        assertThat(emergency).extracting(r -> r.getString(0)).contains("E06000061", "E06000062");
        for (String area : List.of("E06000061", "E06000062")) {
            long numerators = emergency.stream().filter(r -> r.getString(0).equals(area))
                    .mapToLong(r -> r.isNullAt(2) ? 0 : ((Number) r.get(2)).longValue()).sum();
            long own = spells.filter("unitary_area = '" + area + "' and is_emergency and not coalesce(is_transfer_in, false)")
                    .count();
            assertThat(numerators).as(area).isPositive().isEqualTo(own);
        }
        assertThat(indicators.filter("indicator = 'discharged_on_drd' and denominator > 0").count())
                .as("SUS Discharge_Ready_Date feeds the DRD indicator").isPositive();
    }
}
