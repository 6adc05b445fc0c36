package org.bedflow.pipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.ingest.IngestStageTest.ADM_HEADER;
import static org.bedflow.pipeline.ingest.IngestStageTest.DIS_HEADER;
import static org.bedflow.pipeline.ingest.IngestStageTest.NHS_A;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.descriptor.FeedDescriptors;
import org.bedflow.pipeline.ingest.read.FeedReader;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.testing.SharedSpark;
import org.bedflow.pipeline.testing.WorkAreas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guardrails for a new source (docs/adding-a-feed.md, "When a descriptor is wrong"): a
 * hospital source that never fills residence stops the run naming the source, the field and
 * the fix; other fields indicators need are reported with what they disable; a source whose
 * share of rows with an unmapped code of one field passes its warning threshold stops the run,
 * one at or below it does not; a file whose dates are written month first against a day-first
 * descriptor is refused even when its first 100 rows are ambiguous.
 */
class SourceGuardrailsTest {

    static final DelayReasons REASONS = DelayReasons.load(DelayReasons.DEFAULT);

    @TempDir
    Path in;
    @TempDir
    Path feeds;
    @TempDir
    Path work;

    final SparkSession spark = SharedSpark.session();

    void write(String feedAndFile, String header, List<String> lines) throws Exception {
        Path p = in.resolve(feedAndFile);
        Files.createDirectories(p.getParent());
        Files.writeString(p, header + "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    void descriptor(String file, String yaml) throws Exception {
        Files.writeString(feeds.resolve(file), yaml, StandardCharsets.UTF_8);
    }

    String origin(String file) {
        return feeds.resolve(file).toAbsolutePath().toString();
    }

    static String adm(String provider, String spell, String lad, String lsoa, String date, String submitted) {
        return String.join(",", provider, spell, NHS_A, "70", "2", lad, lsoa, "", date, "21", "", "J44.0", "", submitted);
    }

    static String dis(String provider, String spell, String date, String drd, String reason) {
        return String.join(",", provider, spell, date, "1", "19", drd, "1", reason, "2022-03-01T02:00:00");
    }

    IngestReport ingest(double warningThreshold, Map<String, Double> warningThresholds) throws Exception {
        if (!Files.exists(in.resolve("population"))) {
            write("population/p.csv", "area_code,year,sex,age,population", List.of("E07000154,2021,1,70,100"));
        }
        if (!Files.exists(in.resolve("social_care_events"))) {
            write("social_care_events/c.csv", IngestStageTest.CARE_HEADER, List.of());
        }
        if (!Files.exists(in.resolve("apc_discharges"))) {
            write("apc_discharges/d.csv", DIS_HEADER, List.of());
        }
        FeedDescriptors d = FeedDescriptors.load(feeds, REASONS);
        Map<String, RawFeed> raw = new LinkedHashMap<>();
        for (var feed : Feeds.all()) {
            raw.put(feed.name(), FeedReader.read(spark, in.toString(), feed, d));
        }
        return IngestStage.run(spark, raw, new IngestOptions(LocalDate.of(2022, 4, 1), "r", 0.05, Map.of(),
                REASONS.codes(), warningThreshold, warningThresholds), WorkAreas.in(spark, work));
    }

    IngestReport.SourceCounts source(IngestReport report, String source) {
        return report.sources().stream().filter(s -> s.source().equals(source)).findFirst().orElseThrow();
    }

    @Test
    void a_hospital_source_without_residence_stops_the_run_naming_the_source_the_field_and_the_fix() throws Exception {
        // given a new hospital whose descriptor maps no residence column and whose files have none
        descriptor("kgh.yaml", """
                source: kgh_admissions
                role: apc_admissions
                pattern: "kgh/*"
                columns:
                  Spell: spell_id
                """);
        String kghHeader = "provider_code,Spell,nhs_number,age_on_admission,sex,gp_practice_code,admission_date,"
                + "admission_method,admission_source,primary_diagnosis,secondary_diagnoses,submitted_at";
        write("apc_admissions/kgh/KGH.csv", kghHeader, List.of(
                "KGH,K1," + NHS_A + ",70,2,,2022-01-04,21,,J44.0,,2022-01-05T02:00:00",
                "KGH,K2," + NHS_A + ",71,2,,2022-01-06,21,,J44.0,,2022-01-07T02:00:00"));
        // and the county's hospital, with residence, read by the built-in descriptor
        write("apc_admissions/RNS.csv", ADM_HEADER, List.of(adm("RNS", "S1", "E07000154", "", "2022-01-04",
                "2022-01-05T02:00:00")));

        IngestReport report = ingest(0.05, Map.of());

        assertThat(report.breaches()).containsExactly("apc_admissions, source kgh_admissions (" + origin("kgh.yaml")
                + "): residence_lad_code or lsoa_code never filled in 2 rows: every spell is in area UNKNOWN: no "
                + "indicator, delayed_discharge_monthly, delayed_discharge_breakdown or inpatient_snapshot counts them "
                + "by unitary area; map the column that holds the district of residence to residence_lad_code, or the "
                + "LSOA to lsoa_code, under columns: in " + origin("kgh.yaml"));
        assertThat(source(report, "kgh_admissions").unfilled()).extracting(IngestReport.Unfilled::fields,
                IngestReport.Unfilled::fatal).containsExactly(org.assertj.core.groups.Tuple.tuple(
                "residence_lad_code or lsoa_code", true));
        assertThat(source(report, "apc_admissions").unfilled()).as("the built-in source fills residence").isEmpty();
        assertThat(report.feeds().stream().filter(f -> f.feed().equals("apc_admissions")).findFirst().orElseThrow()
                .thresholdBreached()).isTrue();
    }

    @Test
    void an_lsoa_alone_is_residence_enough_and_unfilled_discharge_fields_are_reported_with_the_indicators_they_disable()
            throws Exception {
        write("apc_admissions/RNS.csv", ADM_HEADER, List.of(adm("RNS", "S1", "", "E01027000", "2022-01-04",
                "2022-01-05T02:00:00")));
        // a discharges extract without a DRD, a pathway or a delay reason in any row
        write("apc_discharges/d.csv", DIS_HEADER, List.of(
                String.join(",", "RNS", "S1", "2022-01-10", "1", "19", "", "", "", "2022-03-01T02:00:00")));

        IngestReport report = ingest(0.05, Map.of());

        assertThat(report.breaches()).isEmpty();
        assertThat(source(report, "apc_admissions").unfilled()).isEmpty();
        assertThat(source(report, "apc_discharges").unfilled()).extracting(IngestReport.Unfilled::fields)
                .containsExactly("discharge_ready_date", "delay_reason", "discharge_pathway");
        assertThat(source(report, "apc_discharges").unfilled().get(0).disables())
                .contains("discharged_on_drd", "mean_discharge_delay_days");
        assertThat(source(report, "apc_discharges").unfilled()).noneMatch(IngestReport.Unfilled::fatal);
    }

    /** 20 discharges of a new source, {@code unmapped} of them with a delay reason the mapping does not know. */
    void kghDischarges(int unmapped) throws Exception {
        descriptor("kgh_dis.yaml", """
                source: kgh_discharges
                role: apc_discharges
                pattern: "kgh/*"
                """);
        List<String> adms = new ArrayList<>();
        List<String> dis = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            adms.add(adm("KGH", "K" + i, "E07000154", "", "2022-01-04", "2022-01-05T02:00:00"));
            dis.add(dis("KGH", "K" + i, "2022-01-20", "2022-01-15", i <= unmapped ? "WKND" : "NCTR13"));
        }
        write("apc_admissions/KGH.csv", ADM_HEADER, adms);
        write("apc_discharges/kgh/KGH.csv", DIS_HEADER, dis);
    }

    @Test
    void unmapped_delay_reasons_above_the_warning_threshold_stop_the_run_naming_the_source_the_field_and_the_fix()
            throws Exception {
        kghDischarges(2);

        IngestReport report = ingest(0.05, Map.of());

        assertThat(report.breaches()).containsExactly("apc_discharges, source kgh_discharges (" + origin("kgh_dis.yaml")
                + "): 2 of 20 rows (10.0 %) have delay_reason values the delay reason mapping does not know "
                + "(UNMAPPED_CODE), above the warning threshold of 5.0 % (global: bedflow.warning-threshold); add the "
                + "source's values to values: delay_reason: in " + origin("kgh_dis.yaml") + ", each onto one of the codes "
                + "or categories of the delay reason mapping (the values are in rejects, reason code UNMAPPED_CODE)");
        IngestReport.SourceCounts s = source(report, "kgh_discharges");
        assertThat(s.warnings()).extracting(w -> w.field() + " " + w.code() + " " + w.rows() + " " + w.breached())
                .containsExactly("delay_reason UNMAPPED_CODE 2 true");
        assertThat(s.errorThresholdFrom()).isEqualTo("global: bedflow.reject-threshold");
    }

    @Test
    void unmapped_delay_reasons_within_the_threshold_are_warnings_only() throws Exception {
        // 1 of 20 is 5 %: not above 5 %
        kghDischarges(1);

        IngestReport report = ingest(0.05, Map.of());

        assertThat(report.breaches()).isEmpty();
        assertThat(source(report, "kgh_discharges").warnings()).extracting(w -> w.rows() + " " + w.breached())
                .containsExactly("1 false");
        assertThat(report.feeds().stream().filter(f -> f.feed().equals("apc_discharges")).findFirst().orElseThrow()
                .warningsByReason()).containsEntry("UNMAPPED_CODE", 1L);
    }

    @Test
    void a_source_or_role_warning_threshold_outranks_the_global_one_and_the_report_says_which_applied() throws Exception {
        kghDischarges(2);

        IngestReport bySource = ingest(0.05, Map.of("kgh_discharges", 0.15, "apc_discharges", 0.01));
        assertThat(bySource.breaches()).isEmpty();
        assertThat(source(bySource, "kgh_discharges").warningThresholdFrom())
                .isEqualTo("source: bedflow.feeds.kgh_discharges.warning-threshold");
        assertThat(source(bySource, "kgh_discharges").warningThreshold()).isEqualTo(0.15);

        IngestReport byRole = ingest(0.05, Map.of("apc_discharges", 0.01));
        assertThat(byRole.breaches()).singleElement().asString().contains("above the warning threshold of 1.0 % "
                + "(role: bedflow.feeds.apc_discharges.warning-threshold)");

        IngestReport global = ingest(0.2, Map.of());
        assertThat(global.breaches()).isEmpty();
        assertThat(source(global, "kgh_discharges").warningThresholdFrom()).isEqualTo("global: bedflow.warning-threshold");
    }

    /** 120 admissions of a day-first source: the first 100 with days of 12 or less, then {@code lateRows} others. */
    void dayFirstSource(List<String> lateDates) throws Exception {
        descriptor("kgh.yaml", """
                source: kgh_admissions
                role: apc_admissions
                pattern: "kgh/*"
                columns:
                  Adm Date: admission_date
                date_format: dd/MM/yyyy
                """);
        String header = ADM_HEADER.replace("admission_date", "Adm Date");
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            // 01/01/2022 ... 12/12/2021: day and month both 12 or less, a date either way round
            String date = String.format("%02d/%02d/2021", 1 + i % 12, 1 + (i / 12) % 12);
            rows.add(adm("KGH", "K" + i, "E07000154", "", date, "2022-03-01T02:00:00"));
        }
        for (int i = 0; i < lateDates.size(); i++) {
            rows.add(adm("KGH", "L" + i, "E07000154", "", lateDates.get(i), "2022-03-01T02:00:00"));
        }
        write("apc_admissions/kgh/KGH_2021.csv", header, rows);
    }

    @Test
    void a_file_written_month_first_against_a_day_first_descriptor_is_refused_even_when_its_first_100_rows_are_ambiguous()
            throws Exception {
        // two rows of 102 (2 %, within the reject threshold) cannot be day first: 03/25/2021 and 11/30/2021
        dayFirstSource(List.of("03/25/2021", "11/30/2021"));

        IngestReport report = ingest(0.05, Map.of());

        assertThat(report.breaches()).singleElement().asString()
                .startsWith("apc_admissions/kgh/KGH_2021.csv: column 'Adm Date' (admission_date) has '")
                .contains("a date only as MM/dd/yyyy, and no date of the file is one only as dd/MM/yyyy, the "
                        + "date_format of source kgh_admissions", "set date_format: MM/dd/yyyy in " + origin("kgh.yaml"))
                .containsAnyOf("'03/25/2021'", "'11/30/2021'")
                .doesNotContain(NHS_A);
        assertThat(report.feeds().stream().filter(f -> f.feed().equals("apc_admissions")).findFirst().orElseThrow()
                .quarantined()).as("the two rows alone stay within the reject threshold").isEqualTo(2);
    }

    @Test
    void a_day_first_file_with_one_day_above_12_is_read_as_its_descriptor_says() throws Exception {
        // 25/03/2021 proves day first; 03/25/2021 in the same file is then just a bad date
        dayFirstSource(List.of("25/03/2021", "03/25/2021"));

        IngestReport report = ingest(0.05, Map.of());

        assertThat(report.breaches()).isEmpty();
    }

    @Test
    void the_swapped_pattern_exchanges_numeric_day_and_month_only() {
        assertThat(DayMonthOrder.swapped("dd/MM/yyyy")).isEqualTo("MM/dd/yyyy");
        assertThat(DayMonthOrder.swapped("d/M/yyyy")).isEqualTo("M/d/yyyy");
        assertThat(DayMonthOrder.swapped("d MMM yyyy")).isNull();
        assertThat(DayMonthOrder.swapped("yyyyMM")).isNull();
    }
}
