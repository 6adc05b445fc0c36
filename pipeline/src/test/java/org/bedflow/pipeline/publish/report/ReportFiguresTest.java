package org.bedflow.pipeline.publish.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedflow.pipeline.testing.Frames.row;
import static org.bedflow.pipeline.testing.Frames.with;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.link.DrdSettings;
import org.bedflow.pipeline.publish.report.ReportFigures.Linkage;
import org.bedflow.pipeline.publish.report.ReportFigures.MonthValues;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.testing.Frames;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's figures from hand-built published tables: run R on 2022-04-01 (readmission
 * follow-up cut-off 2022-04-01 − 30 days = 2022-03-02), with rows of an older run that
 * must be ignored.
 */
class ReportFiguresTest {

    static final String NORTH = "E06000061";
    static final String WEST = "E06000062";
    static final LocalDate RUN_DATE = LocalDate.of(2022, 4, 1);

    @TempDir
    static Path out;

    static ReportFigures figures;

    private static Map<String, Object> month(String run, String area, String month, long delayDays, Double pctOnDrd) {
        Map<String, Object> r = row("unitary_area", area, "unitary_area_name",
                area.equals(NORTH) ? "North Northamptonshire" : "West Northamptonshire", "month", month,
                "delay_days", delayDays, "pct_discharged_on_drd", pctOnDrd, "run_id", run);
        // every other count of the table 0
        for (StructField f : OutputTables.DELAYED_DISCHARGE_MONTHLY.sparkType().fields()) {
            if (f.dataType().equals(DataTypes.LongType) && !r.containsKey(f.name())) {
                r.put(f.name(), 0L);
            }
        }
        return r;
    }

    private static Map<String, Object> spell(String run, String id, String area, String admitted, boolean emergency,
                                             boolean chronicAcsc, String key, String discharged, Boolean alive,
                                             String careEvent, boolean followedByReadmission) {
        Integer los = discharged == null ? null
                : (int) ChronoUnit.DAYS.between(LocalDate.parse(admitted), LocalDate.parse(discharged));
        // an index stay here: alive, keyed and discharged (the link stage's exclusions are its own tests' business)
        boolean index = Boolean.TRUE.equals(alive) && key != null;
        return row("los_days", los, "is_transfer_in", false, "is_readmission_index", index, "person_key", key, "provider_code", "RNS", "spell_id", id, "age_on_admission", 70, "age_band", "70-74",
                "sex", "2", "unitary_area", area, "unitary_area_name", area, "admission_date", admitted,
                "admission_month", admitted.substring(0, 7), "admission_method", emergency ? "21" : "11",
                "is_emergency", emergency, "is_chronic_acsc", chronicAcsc, "is_acute_acsc", false, "is_fall_65plus", false,
                "discharge_date", discharged, "discharge_month", discharged == null ? null : discharged.substring(0, 7),
                "is_alive_discharge", alive, "care_event_id", careEvent, "is_readmission_30d", false,
                "followed_by_readmission_30d", followedByReadmission, "link_quality", careEvent == null ? "none" : "exact",
                "run_id", run);
    }

    @BeforeAll
    static void publishedTables() {
        Frames.of(OutputTables.DELAYED_DISCHARGE_MONTHLY.sparkType(), List.of(
                        with(month("R", NORTH, "2022-02", 40, 75.0), "overnight_discharges", 10L, "drd_measured_discharges", 8L,
                        "pct_drd_recorded", 12.5, "delayed_1_day", 1L, "delayed_2_3_days", 2L, "delayed_4_6_days", 3L,
                        "delayed_7_13_days", 4L, "delayed_14_20_days", 5L, "delayed_21plus_days", 6L),
                month("R", NORTH, "2022-03", 12, null),
                        month("R", WEST, "2022-02", 0, 50.0), month("R", WEST, "2022-03", 7, 100.0),
                        month("OLD", NORTH, "2022-01", 99, 10.0)))
                .write().partitionBy("unitary_area").parquet(out.resolve("delayed_discharge_monthly").toString());
        List<Map<String, Object>> spells = new ArrayList<>(List.of(
                // North: s1 emergency chronic ACSC, linked, readmitted 10 days later as s2
                spell("R", "s1", NORTH, "2022-02-03", true, true, "k1", "2022-02-10", true, "c1", true),
                spell("R", "s2", NORTH, "2022-02-20", true, false, "k1", "2022-02-25", true, null, false),
                // s3 elective, linked, discharged 2022-03-05: after the cut-off, not yet followed up
                // (its care event starts 3 days after discharge: a window match)
                with(spell("R", "s3", NORTH, "2022-03-01", false, false, "k2", "2022-03-05", true, "c2", false),
                        "link_quality", "window"),
                // West: s4 emergency without a person key; s6 emergency chronic ACSC, died
                spell("R", "s4", WEST, "2022-03-10", true, false, null, "2022-03-12", true, null, false),
                spell("R", "s6", WEST, "2022-02-14", true, true, "k4", "2022-02-28", false, null, false),
                // a resident elsewhere, still in hospital
                spell("R", "s5", "OTHER", "2022-02-01", true, false, "k3", null, null, null, false),
                // s7: k1 transferred in from s2's hospital (still there): not a second emergency admission
                with(spell("R", "s7", NORTH, "2022-02-25", true, false, "k1", null, null, null, false),
                        "is_transfer_in", true, "provider_code", "RNQ"),
                // the previous run's row of the same table
                spell("OLD", "s1", NORTH, "2022-02-03", true, true, "k1", "2022-02-10", true, "c1", true)));
        Frames.of(OutputTables.LINKED_SPELLS.sparkType(), spells)
                .write().partitionBy("unitary_area", "admission_month").parquet(out.resolve("linked_spells").toString());
        Frames.of(OutputTables.INDICATORS.sparkType(), List.of(
                        // this run's ASCOF rows of the configured areas: read
                        indicator("R", NORTH, "financial_year", "2021-22", "residential_admissions_65plus", 5, 1000.0, 500.0),
                        indicator("R", NORTH, "month", "2022-02", "reablement_remained_in_community_12wk", 4, 5.0, 80.0),
                        // another area, another indicator, another run: left out
                        indicator("R", "OTHER", "month", "2022-02", "reablement_remained_in_community_12wk", 1, 1.0, 100.0),
                        indicator("R", NORTH, "month", "2022-02", "emergency_admissions", 9, 0.0, 9.0),
                        indicator("OLD", NORTH, "month", "2022-02", "reablement_remained_in_community_12wk", 1, 2.0, 50.0)))
                .write().partitionBy(OutputTables.INDICATORS.partitionBy().toArray(String[]::new))
                .parquet(out.resolve("indicators").toString());
        // published/: the commissioners' copies, with their suppressed column
        StructType publishedIndicators = published(OutputTables.INDICATORS);
        Frames.of(publishedIndicators, List.of(
                        // as published: rounded to 5 (the analysts' 9 above is 10 here), limits kept
                        with(indicator("R", NORTH, "month", "2022-02", "emergency_admissions", 10, 0.0, 10.0),
                                "value_type", "count", "suppressed", false),
                        with(indicator("R", NORTH, "financial_year", "2021-22", "emergency_admissions", 1240, 100000.0,
                                1234.5), "value_type", "dsr_per_100k", "lower_95", 1170.0, "upper_95", 1300.0,
                                "suppressed", false),
                        // West's count of 3 suppressed: value and numerator null
                        with(indicator("R", WEST, "financial_year", "2021-22", "discharged_on_drd", 0, 0.0, 0.0),
                                "numerator", null, "value", null, "suppressed", true),
                        // the delayed discharges behind the mean delay
                        with(indicator("R", NORTH, "month", "2022-02", "mean_discharge_delay_days", 40, 8.0, 5.0),
                                "value_type", "mean_days", "numerator_discharges", 10L, "suppressed", false),
                        with(indicator("OLD", NORTH, "month", "2022-02", "emergency_admissions", 99, 0.0, 99.0),
                                "suppressed", false),
                        with(indicator("R", "OTHER", "month", "2022-02", "emergency_admissions", 99, 0.0, 99.0),
                                "suppressed", false)))
                .write().partitionBy(OutputTables.INDICATORS.partitionBy().toArray(String[]::new))
                .parquet(out.resolve("published/indicators").toString());
        Frames.of(published(OutputTables.DELAYED_DISCHARGE_BREAKDOWN),
                        List.of(breakdown("R", NORTH, "pathway", "1", "2022-02", 20L, 85L),
                                breakdown("R", NORTH, "pathway", "3", "2022-02", null, null),
                                breakdown("R", WEST, "delay_reason", "housing", "2022-03", 10L, 140L),
                                // another dimension, another run, another area: left out
                                breakdown("R", NORTH, "delay_band", "21+", "2022-02", 10L, 300L),
                                breakdown("OLD", NORTH, "pathway", "1", "2022-02", 99L, 99L),
                                breakdown("R", "OTHER", "pathway", "1", "2022-02", 99L, 99L)))
                .write().partitionBy(OutputTables.DELAYED_DISCHARGE_BREAKDOWN.partitionBy().toArray(String[]::new))
                .parquet(out.resolve("published/delayed_discharge_breakdown").toString());
        Frames.of(published(OutputTables.INPATIENT_SNAPSHOT), List.of(
                        snapshot("R", NORTH, 190L, 160L, 120L, 100L, 115L),
                        // West's 21+ day stays were 1-7: suppressed
                        snapshot("R", WEST, 210L, 175L, 145L, null, 125L),
                        snapshot("OLD", NORTH, 1L, 1L, 1L, 1L, 1L)))
                .write().partitionBy(OutputTables.INPATIENT_SNAPSHOT.partitionBy().toArray(String[]::new))
                .parquet(out.resolve("published/inpatient_snapshot").toString());
        figures = ReportFigures.collect(SharedSpark.session(), out.toString(), "R", RUN_DATE, DRD);
    }

    /** a published table's schema: every column nullable (a suppressed count is null), plus suppressed */
    private static StructType published(OutputTables table) {
        StructType out = new StructType();
        for (StructField f : table.sparkType().fields()) {
            out = out.add(f.name(), f.dataType(), true);
        }
        return out.add("suppressed", DataTypes.BooleanType, true);
    }

    private static Map<String, Object> breakdown(String run, String area, String dimension, String category,
                                                 String month, Long delayed, Long days) {
        return row("unitary_area", area, "unitary_area_name", area, "month", month, "dimension", dimension,
                "category", category, "discharges", 100L, "delayed_discharges", delayed, "delay_days", days,
                "run_id", run, "suppressed", delayed == null);
    }

    private static Map<String, Object> snapshot(String run, String area, Long inpatients, Long los7, Long los14,
                                                Long los21, Long emergency) {
        return row("unitary_area", area, "unitary_area_name", area, "snapshot_date", "2022-04-01",
                "period_start", "2022-04-01", "period_end", "2022-04-01", "inpatients", inpatients, "los_7plus", los7,
                "los_14plus", los14, "los_21plus", los21, "emergency_inpatients", emergency, "run_id", run,
                "suppressed", los21 == null);
    }

    @Test
    void the_published_indicators_are_this_runs_with_suppressed_values_null() {
        // from published/indicators, not the analysts' table: 10 (rounded), not 9
        assertThat(figures.indicators()).containsExactlyInAnyOrder(
                new ReportFigures.Published("discharged_on_drd", WEST, "financial_year", "2021-22", "percent", null,
                        null, null, null, null, true),
                new ReportFigures.Published("emergency_admissions", NORTH, "financial_year", "2021-22", "dsr_per_100k",
                        1240L, 1234.5, 1170.0, 1300.0, null, false),
                new ReportFigures.Published("emergency_admissions", NORTH, "month", "2022-02", "count", 10L, 10.0, null,
                        null, null, false),
                new ReportFigures.Published("mean_discharge_delay_days", NORTH, "month", "2022-02", "mean_days", 40L,
                        5.0, null, null, 10L, false));
    }

    @Test
    void the_pathway_and_delay_reason_breakdown_and_the_snapshot_as_published() {
        // pathway and delay_reason only, this run, configured areas; a suppressed count stays null
        assertThat(figures.breakdown()).containsExactly(
                new ReportFigures.Breakdown(NORTH, "pathway", "1", "2022-02", 20L, 85L),
                new ReportFigures.Breakdown(NORTH, "pathway", "3", "2022-02", null, null),
                new ReportFigures.Breakdown(WEST, "delay_reason", "housing", "2022-03", 10L, 140L));
        assertThat(figures.snapshot()).containsExactly(
                new ReportFigures.Snapshot(NORTH, NORTH, LocalDate.of(2022, 4, 1), 190L, 160L, 120L, 100L, 115L),
                new ReportFigures.Snapshot(WEST, WEST, LocalDate.of(2022, 4, 1), 210L, 175L, 145L, null, 125L));
    }

    private static Map<String, Object> indicator(String run, String area, String periodType, String period, String id,
                                                 long numerator, double denominator, double value) {
        return row("unitary_area", area, "unitary_area_name", area, "period_type", periodType, "period", period,
                "indicator", id, "numerator", numerator, "denominator", denominator, "value", value,
                "value_type", "percent", "national_reference", "ref " + id, "run_id", run);
    }

    @Test
    void the_ascof_rows_are_this_runs_for_the_configured_areas() {
        // the denominator is a double in the table (population-days elsewhere): a whole number here
        assertThat(figures.ascof()).containsExactlyInAnyOrder(
                new ReportFigures.IndicatorValue("reablement_remained_in_community_12wk", NORTH, "month", "2022-02",
                        4, 5, 80.0, null, null, "ref reablement_remained_in_community_12wk"),
                new ReportFigures.IndicatorValue("residential_admissions_65plus", NORTH, "financial_year", "2021-22",
                        5, 1000, 500.0, null, null, "ref residential_admissions_65plus"));
    }

    /** blank DRDs "no delay" from 2022-01-01 where a provider-month of 3+ overnight discharges has 5 % with a DRD */
    static final DrdSettings DRD = new DrdSettings(LocalDate.of(2022, 1, 1), 3, 0.05);

    private static MonthValues at(String area, String month) {
        return figures.areas().stream().filter(a -> a.code().equals(area)).findFirst().orElseThrow()
                .months().stream().filter(m -> m.month().equals(month)).findFirst().orElseThrow();
    }

    @Test
    void months_and_areas_are_this_runs_grid() {
        // the OLD run's 2022-01 row is not part of run R
        assertThat(figures.months()).containsExactly("2022-02", "2022-03");
        assertThat(figures.areas()).extracting(ReportFigures.AreaSeries::name)
                .containsExactly("North Northamptonshire", "West Northamptonshire");
        assertThat(figures.readmissionCutoff()).isEqualTo("2022-03-02");
    }

    @Test
    void delay_days_and_pct_on_drd_come_from_delayed_discharge_monthly() {
        assertThat(at(NORTH, "2022-02").delayDays()).isEqualTo(40);
        assertThat(at(NORTH, "2022-02").pctDischargedOnDrd()).isEqualTo(75.0);
        assertThat(at(NORTH, "2022-03").pctDischargedOnDrd()).isNull();
        assertThat(at(WEST, "2022-03").delayDays()).isEqualTo(7);
    }

    @Test
    void emergency_and_chronic_acsc_admissions_by_admission_month() {
        // North 2022-02: s1, s2 emergency (the OLD run's s1 is not counted); s1 chronic ACSC
        // (s7, a transfer-in, is part of s2's stay: not counted)
        assertThat(at(NORTH, "2022-02").emergencyAdmissions()).isEqualTo(2);
        assertThat(at(NORTH, "2022-02").chronicAcscAdmissions()).isEqualTo(1);
        // North 2022-03: s3 is elective
        assertThat(at(NORTH, "2022-03").emergencyAdmissions()).isZero();
        // West: s6 in February (chronic ACSC), s4 in March (no person key, still an admission)
        assertThat(at(WEST, "2022-02").emergencyAdmissions()).isEqualTo(1);
        assertThat(at(WEST, "2022-02").chronicAcscAdmissions()).isEqualTo(1);
        assertThat(at(WEST, "2022-03").emergencyAdmissions()).isEqualTo(1);
    }

    @Test
    void drd_completeness_and_delay_bands_come_from_delayed_discharge_monthly() {
        MonthValues north = at(NORTH, "2022-02");
        assertThat(north.overnightDischarges()).isEqualTo(10);
        assertThat(north.drdMeasuredDischarges()).isEqualTo(8);
        assertThat(north.pctDrdRecorded()).isEqualTo(12.5);
        assertThat(north.delayBands()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(at(WEST, "2022-02").delayBands()).containsExactly(0L, 0L, 0L, 0L, 0L, 0L);
    }

    @Test
    void provider_months_that_do_not_record_drds_are_named() {
        // RNS 2022-02: s1 (7 nights), s2 (5), s6 (14) = 3 overnight discharges, none with a DRD:
        // 3 >= 3 and 0 < 5 % of 3 -> not recording. RNS 2022-03: s3 (4 nights), s4 (2) = 2 < 3 -> judged recording.
        // RNQ: s7 still in hospital.
        assertThat(figures.drdNotRecording()).containsExactly(new ReportFigures.ProviderMonth("RNS", "2022-02", 3, 0));
    }

    @Test
    void readmission_rate_over_alive_keyed_discharges_with_30_days_of_follow_up() {
        // North 2022-02: s1 (readmitted) and s2 -> 1 / 2 = 50 %
        assertThat(at(NORTH, "2022-02").readmissionNumerator()).isEqualTo(1);
        assertThat(at(NORTH, "2022-02").readmissionDenominator()).isEqualTo(2);
        assertThat(at(NORTH, "2022-02").readmissionRate()).isEqualTo(50.0);
        // North 2022-03: s3 discharged after 2022-03-02 -> nothing to count yet
        assertThat(at(NORTH, "2022-03").readmissionRate()).isNull();
        // West: s6 died, s4 has no person key
        assertThat(at(WEST, "2022-02").readmissionRate()).isNull();
        assertThat(at(WEST, "2022-03").readmissionRate()).isNull();
    }

    @Test
    void linkage_rate_is_linked_over_discharged_spells_with_a_person_key() {
        assertThat(figures.linkage()).extracting(Linkage::area).containsExactly(NORTH, WEST, "OTHER");
        Linkage north = figures.linkage().get(0);
        // s1, s2, s3 all discharged with a key; s1 and s3 linked -> 2 / 3
        // (s7 still in hospital: a spell with a key, not discharged)
        // of the 2 linked, s1 exact (February) and s3 a window match (March): 1 / 2 = 50 % exact
        assertThat(north).isEqualTo(new Linkage(NORTH, "North Northamptonshire", 4, 4, 3, 3, 2, 1,
                List.of(new ReportFigures.LinkMonth("2022-02", 1, 1), new ReportFigures.LinkMonth("2022-03", 1, 0))));
        assertThat(north.linkageRate()).isCloseTo(66.667, within(0.001));
        assertThat(north.window()).isOne();
        assertThat(north.exactRate()).isEqualTo(50.0);
        // s4 (no key) and s6 (key, not linked) -> 0 / 1
        Linkage west = figures.linkage().get(1);
        assertThat(west).isEqualTo(new Linkage(WEST, "West Northamptonshire", 2, 1, 2, 1, 0));
        assertThat(west.linkageRate()).isZero();
        assertThat(west.personKeyRate()).isEqualTo(50.0);
        // s5 not discharged: no rate
        Linkage other = figures.linkage().get(2);
        assertThat(other.areaName()).isEqualTo("Outside the configured areas");
        assertThat(other.linkageRate()).isNull();
    }

    @Test
    void a_run_that_published_no_aggregate_has_no_figures(@TempDir Path empty) {
        assertThat(ReportFigures.collect(SharedSpark.session(), empty.toString(), "R", RUN_DATE, DRD).isEmpty()).isTrue();
        assertThat(ReportFigures.collect(SharedSpark.session(), out.toString(), "NOT-A-RUN", RUN_DATE, DRD).isEmpty()).isTrue();
    }

    @Test
    void a_month_is_provisional_until_its_last_day_is_before_the_run_date() {
        List<String> months = List.of("2022-02", "2022-03", "2022-04");
        assertThat(ReportFigures.provisionalMonths(months, LocalDate.of(2022, 4, 1))).containsExactly("2022-04");
        assertThat(ReportFigures.provisionalMonths(months, LocalDate.of(2022, 3, 31))).containsExactly("2022-03", "2022-04");
        assertThat(ReportFigures.provisionalMonths(months, LocalDate.of(2022, 5, 1))).isEmpty();
    }
}
