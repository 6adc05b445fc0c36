package org.bedflow.pipeline.publish.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bedflow.pipeline.measure.cost.CostBasis;
import org.bedflow.pipeline.measure.cost.CostSettings;
import org.bedflow.pipeline.measure.cost.UnitCosts;
import org.bedflow.pipeline.measure.cost.WhatIf;
import org.bedflow.pipeline.measure.cost.WhatIfModel.BasisRow;
import org.junit.jupiter.api.Test;

/**
 * The report's cost section from a hand-made basis: West Northamptonshire, April and May 2024, £300 a bed day,
 * £1,500 an admission (the arithmetic is WhatIfModelTest's; here: the period, the lines and the page).
 * <pre>
 *  2024-04  delay p1: 6 on the DRD, 2 x 2 days; p3: 10 days, 20 days;  acsc p0: 10 admissions, 40 bed days
 *  2024-05  delay p1: 9 on the DRD; p2: 1 x 1 day;                       acsc p0: 10 admissions, 20 bed days
 * </pre>
 */
class CostSectionTest {

    static final CostSettings SETTINGS = new CostSettings(new UnitCosts(300, "test", 1500, "test"), WhatIf.defaults());

    static List<BasisRow> basis(boolean mayProvisional) {
        return List.of(row("2024-04", "1", CostBasis.DELAY, 0, 6, 0, false),
                row("2024-04", "1", CostBasis.DELAY, 2, 2, 4, false),
                row("2024-04", "3", CostBasis.DELAY, 10, 1, 10, false),
                row("2024-04", "3", CostBasis.DELAY, 20, 1, 20, false),
                row("2024-04", "0", CostBasis.ACSC, null, 10, 40, false),
                row("2024-05", "1", CostBasis.DELAY, 0, 9, 0, mayProvisional),
                row("2024-05", "2", CostBasis.DELAY, 1, 1, 1, mayProvisional),
                row("2024-05", "0", CostBasis.ACSC, null, 10, 20, mayProvisional));
    }

    static BasisRow row(String month, String pathway, String measure, Integer delay, long spells, long bedDays,
                        boolean provisional) {
        return new BasisRow("E06000062", "West Northamptonshire", month, pathway, measure, delay, spells, bedDays,
                provisional);
    }

    @Test
    void twelve_months_to_the_latest_complete_one_with_totals_in_beds_and_pounds() {
        CostSection.View v = CostSection.of(basis(false), SETTINGS, false, "runs/r/cost_basis");
        // twelve months to May 2024, but the basis starts in April: April and May, 30 + 31 = 61 days
        assertThat(v.period()).isEqualTo("Apr 2024 to May 2024 (61 days)");
        CostSection.Area west = v.areas().get(0);
        CostSection.Line delays = west.totals().get(0);
        assertThat(delays.measure()).isEqualTo("delays now");
        // 5 delayed discharges, 4 + 10 + 20 + 1 = 35 bed days, 35 / 61 = 0.57 beds, 35 x £300
        assertThat(List.of(delays.count(), delays.bedDays(), delays.beds(), delays.cost()))
                .containsExactly("5", "35", "0.6", "£10,500");
        CostSection.Line acsc = west.totals().stream().filter(l -> l.measure().equals("ACSC admissions now"))
                .findFirst().orElseThrow();
        // 20 admissions x £1,500; 60 bed days / 61 = 0.98 beds
        assertThat(List.of(acsc.count(), acsc.bedDays(), acsc.beds(), acsc.cost()))
                .containsExactly("20", "60", "1.0", "£30,000");
        CostSection.Line down = west.totals().stream().filter(l -> l.measure().equals("ACSC admissions down"))
                .findFirst().orElseThrow();
        assertThat(down.scenario()).isTrue();
        assertThat(down.count()).isEqualTo("2.0");           // 10 % of 20, to one decimal
        // by month: what happened only, no scenario
        assertThat(west.byMonth()).noneMatch(CostSection.Line::scenario);
        assertThat(west.byPathway()).anyMatch(l -> l.group().equals("3") && l.measure().equals("delays capped"));
    }

    @Test
    void a_provisional_last_month_moves_the_period_back() {
        CostSection.View v = CostSection.of(basis(true), SETTINGS, false, null);
        assertThat(v.period()).isEqualTo("Apr 2024 to Apr 2024 (30 days)");
        assertThat(v.provisional()).isEmpty();
    }

    @Test
    void the_page_shows_the_section_with_its_assumptions_and_suppressed_figures() {
        CostSection.View v = CostSection.of(basis(false), SETTINGS, true, "runs/r/cost_basis");
        String html = RunReport.render(new RunReport.Input(RunReportTest.manifest("COMPLETED", null), "nightly",
                List.of(), RunReportTest.figures(), null, List.of(), null, null, null, v));
        assertThat(html).contains("<section id=\"cost\">", "What delays and avoidable admissions cost",
                "href=\"#cost\"", "£300", "capped at 7 days", "reaches 90 %", "down by 10 %", "not added together",
                "runs/r/cost_basis", "./bedflow whatif");
        // 5 delayed discharges: 1-7, suppressed with its bed days and cost
        assertThat(html).contains("suppressed");
        // the glossary entry the section's words link to exists
        assertThat(html).contains("id=\"g-cost\"", "id=\"g-chronic-acsc\"");
    }

    @Test
    void a_sum_of_1_to_7_bed_days_reads_suppressed_beside_its_count() {
        // 10 ACSC admissions with 7 bed days: count and cost shown (10 x £1,500), the days and beds suppressed
        CostSection.View v = CostSection.of(List.of(row("2024-04", "0", CostBasis.ACSC, null, 10, 7, false)),
                SETTINGS, true, null);
        CostSection.Line acsc = v.areas().get(0).totals().stream()
                .filter(l -> l.measure().equals("ACSC admissions now")).findFirst().orElseThrow();
        assertThat(List.of(acsc.count(), acsc.bedDays(), acsc.beds(), acsc.cost()))
                .containsExactly("10", "suppressed", "suppressed", "£15,000");
    }

    @Test
    void no_section_without_a_view_and_a_reason_when_unavailable() {
        String none = RunReport.render(new RunReport.Input(RunReportTest.manifest("COMPLETED", null), "nightly",
                List.of(), RunReportTest.figures(), null));
        assertThat(none).doesNotContain("<section id=\"cost\">");
        String why = RunReport.render(new RunReport.Input(RunReportTest.manifest("COMPLETED", null), "nightly",
                List.of(), RunReportTest.figures(), null, List.of(), null, null, null,
                CostSection.of(List.of(), SETTINGS, true, null)));
        assertThat(why).contains("No cost figures: no discharge with a known delay");
    }
}
