package org.bedflow.pipeline.publish.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bedflow.pipeline.publish.report.ReportFigures.AreaSeries;
import org.bedflow.pipeline.publish.report.ReportFigures.MonthValues;
import org.bedflow.pipeline.publish.report.ReportFigures.Published;
import org.bedflow.pipeline.publish.report.SummarySection.AreaSummary;
import org.bedflow.pipeline.publish.report.SummarySection.Line;
import org.junit.jupiter.api.Test;

/**
 * The report's summary and area comparison from hand-made published indicator rows: months
 * 2022-01 to 2022-04, run date 2022-04-20. North's provisional month is 2022-04, West's 2022-03
 * and 2022-04 (the map the report builds in one place; here given directly).
 */
class SummarySectionTest {

    static final String NORTH = "E06000061";
    static final String WEST = "E06000062";
    static final LocalDate RUN_DATE = LocalDate.of(2022, 4, 20);
    static final List<String> MONTHS = List.of("2022-01", "2022-02", "2022-03", "2022-04");
    static final Map<String, List<String>> PROVISIONAL = Map.of(NORTH, List.of("2022-04"),
            WEST, List.of("2022-03", "2022-04"));

    static Published month(String id, String area, String month, Double value) {
        return new Published(id, area, "month", month, "percent", 10L, value, null, null, null, false);
    }

    static Published year(String id, String area, String year, Double value, Double lower, Double upper) {
        return new Published(id, area, "financial_year", year, "dsr_per_100k", 100L, value, lower, upper, null,
                value == null);
    }

    static ReportFigures figures() {
        List<AreaSeries> areas = new ArrayList<>();
        for (String area : List.of(NORTH, WEST)) {
            List<MonthValues> values = new ArrayList<>();
            for (String m : MONTHS) {
                values.add(new MonthValues(m, 0L, null, 0, 0, null, List.of(0L, 0L, 0L, 0L, 0L, 0L), 0, 0, 0, 0));
            }
            areas.add(new AreaSeries(area, area.equals(NORTH) ? "North" : "West", values));
        }
        List<Published> rows = List.of(
                // % on DRD: North Feb 60, Mar 65 (the latest complete month), Apr 99 (provisional: never used)
                month("discharged_on_drd", NORTH, "2022-02", 60.0), month("discharged_on_drd", NORTH, "2022-03", 65.0),
                month("discharged_on_drd", NORTH, "2022-04", 99.0),
                // West: March provisional, so February against January
                month("discharged_on_drd", WEST, "2022-01", 70.0), month("discharged_on_drd", WEST, "2022-02", 68.0),
                month("discharged_on_drd", WEST, "2022-03", 10.0),
                // mean delay (lower is better): 2.0 -> 2.5 days
                new Published("mean_discharge_delay_days", NORTH, "month", "2022-02", "mean_days", 20L, 2.0, null, null,
                        10L, false),
                new Published("mean_discharge_delay_days", NORTH, "month", "2022-03", "mean_days", 25L, 2.5, null, null,
                        null, true),
                // emergency admissions, a monthly count: no better direction
                new Published("emergency_admissions", NORTH, "month", "2022-02", "count", 400L, 400.0, null, null, null, false),
                new Published("emergency_admissions", NORTH, "month", "2022-03", "count", 380L, 380.0, null, null, null, false),
                // readmissions need 30 days of follow-up: March ends 2022-03-31, + 30 = 2022-04-30, after the run date
                month("emergency_readmissions_30d", NORTH, "2022-02", 8.0),
                month("emergency_readmissions_30d", NORTH, "2022-03", 9.0),
                // years: 2021-22 ended 2022-03-31, before the run date, and North has no provisional month in it
                year("emergency_admissions", NORTH, "2020-21", 1000.0, 900.0, 1100.0),
                year("emergency_admissions", NORTH, "2021-22", 950.0, 860.0, 1040.0),
                year("emergency_admissions", NORTH, "2022-23", 10.0, 5.0, 15.0),
                year("chronic_acsc_admissions", NORTH, "2020-21", 200.0, 190.0, 210.0),
                year("chronic_acsc_admissions", NORTH, "2021-22", 260.0, 250.0, 270.0),
                // suppressed by disclosure control
                year("discharged_on_drd", NORTH, "2020-21", 50.0, 45.0, 55.0),
                year("discharged_on_drd", NORTH, "2021-22", null, null, null),
                year("emergency_admissions", WEST, "2020-21", 800.0, 700.0, 900.0),
                year("emergency_admissions", WEST, "2021-22", 820.0, 720.0, 920.0));
        return new ReportFigures(MONTHS, areas, List.of(), RUN_DATE.minusDays(30)).with(rows, List.of(), List.of());
    }

    private static Line line(List<Line> lines, String label) {
        return lines.stream().filter(l -> l.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void the_latest_complete_month_against_the_one_before_with_the_better_direction() {
        List<AreaSummary> s = SummarySection.summaries(figures(), PROVISIONAL, RUN_DATE);
        AreaSummary north = s.get(0);
        // April is provisional for North: March against February
        assertThat(north.month()).isEqualTo("Mar 2022");
        assertThat(north.previousMonth()).isEqualTo("Feb 2022");
        // 65 - 60 = +5.0 points, higher is better
        assertThat(line(north.monthLines(), "% discharged on their discharge ready date"))
                .isEqualTo(new Line("% discharged on their discharge ready date", "%", "discharged-on-drd", "60.0 %",
                        "65.0 %", "+5.0 points", "better", "better"));
        // 2.5 - 2.0 = +0.5 days = +25.0 % of 2.0; lower is better
        Line delay = line(north.monthLines(), "Mean delay");
        assertThat(delay.change()).isEqualTo("+0.5 (+25.0 %)");
        assertThat(delay.verdict()).isEqualTo("worse");
        assertThat(delay.tone()).isEqualTo("worse");
        // delayed discharges: February 10, March suppressed
        Line delayed = line(north.monthLines(), "Delayed discharges");
        assertThat(delayed.previous()).isEqualTo("10");
        assertThat(delayed.latest()).isEqualTo("suppressed");
        assertThat(delayed.verdict()).isEqualTo("not compared (a value is suppressed)");
        // 380 - 400 = -20 = -5.0 %; a count has no better direction
        Line admissions = line(north.monthLines(), "Emergency admissions");
        assertThat(admissions.change()).isEqualTo("−20 (−5.0 %)");
        assertThat(admissions.verdict()).isEqualTo("no better direction");
        assertThat(line(north.monthLines(), "Emergency readmissions within 30 days").verdict())
                .isEqualTo("follow-up incomplete: not compared yet");

        // West: March is provisional too, so February against January: 68 - 70 = -2.0 points, worse
        AreaSummary west = s.get(1);
        assertThat(west.month()).isEqualTo("Feb 2022");
        assertThat(west.previousMonth()).isEqualTo("Jan 2022");
        Line westDrd = line(west.monthLines(), "% discharged on their discharge ready date");
        assertThat(westDrd.change()).isEqualTo("−2.0 points");
        assertThat(westDrd.verdict()).isEqualTo("worse");
    }

    @Test
    void the_latest_complete_financial_year_against_the_one_before() {
        AreaSummary north = SummarySection.summaries(figures(), PROVISIONAL, RUN_DATE).get(0);
        // 2022-23 has not ended: 2021-22 against 2020-21
        assertThat(north.year()).isEqualTo("2021-22");
        assertThat(north.previousYear()).isEqualTo("2020-21");
        // 950 - 1000 = -50.0 = -5.0 % (a rate: to 0.1): lower is better; 860-1040 overlaps 900-1100
        Line emergency = line(north.yearLines(), "Emergency admissions");
        assertThat(emergency.change()).isEqualTo("−50.0 (−5.0 %)");
        assertThat(emergency.verdict()).isEqualTo("better (intervals overlap)");
        // 260 - 200 = +60 = +30.0 %, worse, 250-270 clear of 190-210
        Line chronic = line(north.yearLines(), "Chronic ACSC emergency admissions");
        assertThat(chronic.change()).isEqualTo("+60.0 (+30.0 %)");
        assertThat(chronic.verdict()).isEqualTo("worse");
        Line drd = line(north.yearLines(), "% discharged on their discharge ready date");
        assertThat(drd.latest()).isEqualTo("suppressed");
        assertThat(drd.change()).isEqualTo("–");
        // no row for ASCOF in this run: no line
        assertThat(north.yearLines()).extracting(Line::label).noneMatch(l -> l.startsWith("ASCOF"));
    }

    @Test
    void a_drd_measure_is_not_compared_with_a_period_before_drds_were_collected() {
        // North's latest complete month is March 2022, against February 2022; its years 2021-22 against 2020-21
        // DRDs collected from 1 March 2022: February starts before it, so the DRD measures are not compared ...
        AreaSummary north = SummarySection.summaries(figures(), PROVISIONAL, RUN_DATE, LocalDate.of(2022, 3, 1)).get(0);
        assertThat(line(north.monthLines(), "% discharged on their discharge ready date").verdict())
                .isEqualTo("not comparable: Feb 2022 is before DRDs were collected (Mar 2022)");
        assertThat(line(north.monthLines(), "Mean delay").tone()).isEqualTo("neutral");
        // ... and 2020-21 (from 1 April 2020) neither; a measure not built on the DRD still is
        assertThat(line(north.yearLines(), "% discharged on their discharge ready date").verdict())
                .startsWith("not comparable: 2020-21 is before");
        assertThat(line(north.yearLines(), "Emergency admissions").verdict()).isEqualTo("better (intervals overlap)");
        // from 1 February 2022 (the other side): February is compared, 60 -> 65 points, better
        AreaSummary from = SummarySection.summaries(figures(), PROVISIONAL, RUN_DATE, LocalDate.of(2022, 2, 1)).get(0);
        assertThat(line(from.monthLines(), "% discharged on their discharge ready date").verdict()).isEqualTo("better");
    }

    @Test
    void a_financial_year_is_complete_once_ended_and_without_a_provisional_month() {
        List<String> years = List.of("2020-21", "2021-22");
        // 2021-22 ends 2022-03-31: not ended on that day, ended the day after
        assertThat(SummarySection.completeYears(years, List.of(), LocalDate.of(2022, 3, 31))).containsExactly("2020-21");
        assertThat(SummarySection.completeYears(years, List.of(), LocalDate.of(2022, 4, 1)))
                .containsExactly("2020-21", "2021-22");
        // ended, but its March still provisional for the area (e.g. late data): not complete
        assertThat(SummarySection.completeYears(years, List.of("2022-03"), LocalDate.of(2022, 4, 1)))
                .containsExactly("2020-21");
        // the month before April is in the year before: 2022-03 -> 2021-22, 2022-04 -> 2022-23
        assertThat(SummarySection.financialYear("2022-03")).isEqualTo("2021-22");
        assertThat(SummarySection.financialYear("2022-04")).isEqualTo("2022-23");
    }

    @Test
    void areas_are_compared_on_one_chart_with_whiskers_from_the_published_limits() {
        List<CompareSection.RateChart> rates = CompareSection.rates(figures(), PROVISIONAL, RUN_DATE);
        CompareSection.RateChart emergency = rates.stream().filter(r -> r.id().equals("compare-emergency-admissions"))
                .findFirst().orElseThrow();
        // both areas on the one chart, in the area colours
        assertThat(emergency.svg()).contains(">North</text>", ">West</text>", "#1f77b4", "#d95f02");
        assertThat(emergency.method()).isEqualTo(CompareSection.DOBSON);
        // the table: value (lower - upper) from lower_95 / upper_95
        assertThat(emergency.years().get(1).cells()).containsExactly("950.0 (860.0 – 1,040.0)", "820.0 (720.0 – 920.0)");
        // axis: largest upper 1,100 -> step 500 (1,100 / 4 = 275, next of 1, 2, 2.5, 5 x 100) -> 0 to 1,500; plot
        // 250 - 30 - 36 = 184 high: the whisker of North 2021-22 runs from y = 30 + 184 - 184 x 860 / 1500 = 108.5
        // to 30 + 184 - 184 x 1040 / 1500 = 86.4
        assertThat(emergency.svg()).contains("y1=\"108.5\" x2=", "y2=\"86.4\"");
        // 2022-23 has not ended; 2021-22 holds West's provisional March: both shaded and marked provisional
        assertThat(emergency.years()).extracting(CompareSection.YearCells::provisional).containsExactly(false, true, true);
        // a suppressed value is said, not drawn and not recomputed
        CompareSection.RateChart drd = rates.stream().filter(r -> r.id().equals("compare-discharged-on-drd"))
                .findFirst().orElseThrow();
        assertThat(drd.years().get(1).cells().get(0)).isEqualTo("suppressed");
        assertThat(drd.svg()).contains(">suppressed</text>");
        assertThat(drd.method()).isEqualTo(CompareSection.WILSON);
    }

    @Test
    void month_labels_are_three_letters_never_sept() {
        assertThat(ReportCharts.monthLabel("2020-09")).isEqualTo("Sep 2020");
        assertThat(ReportCharts.monthLabel("2021-06")).isEqualTo("Jun 2021");
        List<String> months = List.of("2020-08", "2020-09", "2020-10");
        String svg = ReportCharts.monthly("t", "s", months, List.of(1, 2, 3), ReportCharts.Kind.BAR, "n", 5, true,
                IndicatorCharts.AREA_COLOURS.get(0), List.of(), "");
        assertThat(svg).contains(">Sep 20</text>", ">Aug 20</text>").doesNotContain("Sept");
    }
}
