package org.bedflow.pipeline.publish.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.bedflow.pipeline.testing.Frames.row;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        for (String c : List.of("discharges", "discharges_with_drd", "discharged_on_drd", "delayed_discharges",
                "delayed_7plus_days", "delayed_reported_social_care", "delayed_with_new_care_start",
                "delay_days_with_new_care_start", "discharges_with_drd_and_care_start", "long_stay_7plus",
                "long_stay_14plus", "long_stay_21plus", "discharged_to_usual_residence")) {
            r.put(c, 0L);
        }
        return r;
    }

    private static Map<String, Object> spell(String run, String id, String area, String admitted, boolean emergency,
                                             boolean chronicAcsc, String key, String discharged, Boolean alive,
                                             String careEvent, boolean followedByReadmission) {
        return row("person_key", key, "provider_code", "RNS", "spell_id", id, "age_on_admission", 70, "age_band", "70-74",
                "sex", "2", "unitary_area", area, "unitary_area_name", area, "admission_date", admitted,
                "admission_month", admitted.substring(0, 7), "admission_method", emergency ? "21" : "11",
                "is_emergency", emergency, "is_chronic_acsc", chronicAcsc, "is_acute_acsc", false, "is_fall_65plus", false,
                "discharge_date", discharged, "discharge_month", discharged == null ? null : discharged.substring(0, 7),
                "is_alive_discharge", alive, "care_event_id", careEvent, "is_readmission_30d", false,
                "followed_by_readmission_30d", followedByReadmission, "run_id", run);
    }

    @BeforeAll
    static void publishedTables() {
        Frames.of(OutputTables.DELAYED_DISCHARGE_MONTHLY.sparkType(), List.of(
                        month("R", NORTH, "2022-02", 40, 75.0), month("R", NORTH, "2022-03", 12, null),
                        month("R", WEST, "2022-02", 0, 50.0), month("R", WEST, "2022-03", 7, 100.0),
                        month("OLD", NORTH, "2022-01", 99, 10.0)))
                .write().partitionBy("unitary_area").parquet(out.resolve("delayed_discharge_monthly").toString());
        List<Map<String, Object>> spells = new ArrayList<>(List.of(
                // North: s1 emergency chronic ACSC, linked, readmitted 10 days later as s2
                spell("R", "s1", NORTH, "2022-02-03", true, true, "k1", "2022-02-10", true, "c1", true),
                spell("R", "s2", NORTH, "2022-02-20", true, false, "k1", "2022-02-25", true, null, false),
                // s3 elective, linked, discharged 2022-03-05: after the cut-off, not yet followed up
                spell("R", "s3", NORTH, "2022-03-01", false, false, "k2", "2022-03-05", true, "c2", false),
                // West: s4 emergency without a person key; s6 emergency chronic ACSC, died
                spell("R", "s4", WEST, "2022-03-10", true, false, null, "2022-03-12", true, null, false),
                spell("R", "s6", WEST, "2022-02-14", true, true, "k4", "2022-02-28", false, null, false),
                // a resident elsewhere, still in hospital
                spell("R", "s5", "OTHER", "2022-02-01", true, false, "k3", null, null, null, false),
                // the previous run's row of the same table
                spell("OLD", "s1", NORTH, "2022-02-03", true, true, "k1", "2022-02-10", true, "c1", true)));
        Frames.of(OutputTables.LINKED_SPELLS.sparkType(), spells)
                .write().partitionBy("unitary_area", "admission_month").parquet(out.resolve("linked_spells").toString());
        figures = ReportFigures.collect(SharedSpark.session(), out.toString(), "R", RUN_DATE);
    }

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
        assertThat(north).isEqualTo(new Linkage(NORTH, "North Northamptonshire", 3, 3, 3, 3, 2));
        assertThat(north.linkageRate()).isCloseTo(66.667, within(0.001));
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
        assertThat(ReportFigures.collect(SharedSpark.session(), empty.toString(), "R", RUN_DATE).isEmpty()).isTrue();
        assertThat(ReportFigures.collect(SharedSpark.session(), out.toString(), "NOT-A-RUN", RUN_DATE).isEmpty()).isTrue();
    }

    @Test
    void a_month_is_provisional_until_its_last_day_is_before_the_run_date() {
        List<String> months = List.of("2022-02", "2022-03", "2022-04");
        assertThat(ReportFigures.provisionalMonths(months, LocalDate.of(2022, 4, 1))).containsExactly("2022-04");
        assertThat(ReportFigures.provisionalMonths(months, LocalDate.of(2022, 3, 31))).containsExactly("2022-03", "2022-04");
        assertThat(ReportFigures.provisionalMonths(months, LocalDate.of(2022, 5, 1))).isEmpty();
    }
}
