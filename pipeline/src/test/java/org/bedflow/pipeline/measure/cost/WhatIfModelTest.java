package org.bedflow.pipeline.measure.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.bedflow.pipeline.measure.cost.WhatIfModel.BasisRow;
import org.bedflow.pipeline.measure.cost.WhatIfModel.Figure;
import org.bedflow.pipeline.measure.cost.WhatIfModel.Grouping;
import org.bedflow.pipeline.measure.cost.WhatIfModel.Measure;
import org.junit.jupiter.api.Test;

/**
 * The what-if arithmetic (docs/cost.md) on a hand-made basis of West Northamptonshire, April (30 days) and May 2024
 * (31 days); £300 a bed day, £1,500 an admission:
 * <pre>
 *  month    measure  pathway  delay  spells  bed days
 *  2024-04  delay    1        0      6       0
 *  2024-04  delay    1        2      2       4
 *  2024-04  delay    3        10     1       10
 *  2024-04  delay    3        20     1       20
 *  2024-04  acsc     0        -      10      40
 *  2024-05  delay    1        0      9       0
 *  2024-05  delay    2        1      1       1
 *  2024-05  acsc     0        -      10      20
 * </pre>
 */
class WhatIfModelTest {

    static final String WEST = "E06000062";
    static final UnitCosts PRICES = new UnitCosts(300, "test", 1500, "test");
    static final YearMonth APRIL = YearMonth.of(2024, 4);
    static final YearMonth MAY = YearMonth.of(2024, 5);

    static List<BasisRow> basis(boolean mayProvisional) {
        List<BasisRow> rows = new ArrayList<>();
        rows.add(row("2024-04", "1", CostBasis.DELAY, 0, 6, 0, false));
        rows.add(row("2024-04", "1", CostBasis.DELAY, 2, 2, 4, false));
        rows.add(row("2024-04", "3", CostBasis.DELAY, 10, 1, 10, false));
        rows.add(row("2024-04", "3", CostBasis.DELAY, 20, 1, 20, false));
        rows.add(row("2024-04", "0", CostBasis.ACSC, null, 10, 40, false));
        rows.add(row("2024-05", "1", CostBasis.DELAY, 0, 9, 0, mayProvisional));
        rows.add(row("2024-05", "2", CostBasis.DELAY, 1, 1, 1, mayProvisional));
        rows.add(row("2024-05", "0", CostBasis.ACSC, null, 10, 20, mayProvisional));
        return rows;
    }

    static BasisRow row(String month, String pathway, String measure, Integer delay, long spells, long bedDays,
                        boolean provisional) {
        return new BasisRow(WEST, "West Northamptonshire", month, pathway, measure, delay, spells, bedDays, provisional);
    }

    static List<Figure> figures(Grouping by, WhatIf whatIf, boolean disclosureControl) {
        return WhatIfModel.compute(basis(false), APRIL, MAY, by, PRICES, whatIf, disclosureControl).figures();
    }

    static Figure figure(List<Figure> figures, String group, Measure m) {
        return figures.stream().filter(f -> f.group().equals(group) && f.measure() == m).findFirst().orElse(null);
    }

    @Test
    void delays_and_acsc_admissions_now_priced_over_the_61_days() {
        List<Figure> f = figures(Grouping.AREA, WhatIf.defaults(), false);
        Figure delays = figure(f, "all", Measure.DELAYS);
        assertThat(delays.count()).isEqualTo(5.0);            // 2 + 1 + 1 delayed in April, 1 in May (0-day ones are not)
        assertThat(delays.bedDays()).isEqualTo(35.0);         // 4 + 10 + 20 + 1
        assertThat(delays.beds()).isCloseTo(35 / 61.0, within(1e-9)); // 30 + 31 days
        assertThat(delays.cost()).isEqualTo(10_500.0);        // 35 x £300
        Figure acsc = figure(f, "all", Measure.ACSC);
        assertThat(acsc.count()).isEqualTo(20.0);
        assertThat(acsc.bedDays()).isEqualTo(60.0);           // 40 + 20, shown, not priced again
        assertThat(acsc.cost()).isEqualTo(30_000.0);          // 20 x £1,500
    }

    @Test
    void delays_capped_at_7_days_release_the_days_beyond() {
        Figure capped = figure(figures(Grouping.AREA, WhatIf.defaults(), false), "all", Measure.CAPPED);
        assertThat(capped.count()).isEqualTo(2.0);            // the 10- and 20-day delays
        assertThat(capped.bedDays()).isEqualTo(16.0);         // (10 - 7) + (20 - 7)
        assertThat(capped.cost()).isEqualTo(4_800.0);         // 16 x £300
    }

    @Test
    void the_cap_on_both_sides_of_a_delay() {
        // cap 10: the 10-day delay is not beyond it, the 20-day one releases 10
        Figure at = figure(figures(Grouping.AREA, new WhatIf(10, null, null), false), "all", Measure.CAPPED);
        assertThat(at.count()).isEqualTo(1.0);
        assertThat(at.bedDays()).isEqualTo(10.0);
        // cap 9: both are; 1 + 11
        Figure below = figure(figures(Grouping.AREA, new WhatIf(9, null, null), false), "all", Measure.CAPPED);
        assertThat(below.count()).isEqualTo(2.0);
        assertThat(below.bedDays()).isEqualTo(12.0);
    }

    @Test
    void drd_target_takes_the_fewest_shortest_delays_month_by_month() {
        // April: 10 DRD-measured, 6 on the DRD; 90 % needs 9, so 3 more: the two 2-day delays, then the 10-day one
        // May: 10 measured, 9 on the DRD = 90 % already: none
        Figure drd = figure(figures(Grouping.AREA, WhatIf.defaults(), false), "all", Measure.DRD_TARGET);
        assertThat(drd.count()).isEqualTo(3.0);
        assertThat(drd.bedDays()).isEqualTo(14.0);            // 2 + 2 + 10
        assertThat(drd.cost()).isEqualTo(4_200.0);
    }

    @Test
    void drd_target_on_both_sides_of_a_month_at_the_target() {
        // 91 %: April needs ceil(9.1) = 10, 4 more: 2 + 2 + 10 + 20 = 34; May ceil(9.1) = 10, 1 more: 1 day
        Figure above = figure(figures(Grouping.AREA, new WhatIf(null, 91.0, null), false), "all", Measure.DRD_TARGET);
        assertThat(above.count()).isEqualTo(5.0);
        assertThat(above.bedDays()).isEqualTo(35.0);
        // 60 %: both months are above it already: nothing, shown as 0
        Figure below = figure(figures(Grouping.AREA, new WhatIf(null, 60.0, null), false), "all", Measure.DRD_TARGET);
        assertThat(below.count()).isEqualTo(0.0);
        assertThat(below.bedDays()).isEqualTo(0.0);
    }

    @Test
    void acsc_down_10_percent_avoids_a_tenth_of_the_admissions_and_their_days() {
        Figure down = figure(figures(Grouping.AREA, WhatIf.defaults(), false), "all", Measure.ACSC_DOWN);
        assertThat(down.count()).isEqualTo(2.0);              // 10 % of 20
        assertThat(down.bedDays()).isEqualTo(6.0);            // 10 % of 60
        assertThat(down.cost()).isEqualTo(3_000.0);           // 2 x £1,500
    }

    @Test
    void by_pathway_the_released_days_go_to_the_pathway_of_the_discharges_affected() {
        List<Figure> f = figures(Grouping.PATHWAY, WhatIf.defaults(), false);
        assertThat(figure(f, "1", Measure.DRD_TARGET).bedDays()).isEqualTo(4.0);   // the two 2-day delays
        assertThat(figure(f, "3", Measure.DRD_TARGET).bedDays()).isEqualTo(10.0);  // the 10-day one
        assertThat(figure(f, "3", Measure.CAPPED).bedDays()).isEqualTo(16.0);
        assertThat(figure(f, "2", Measure.DELAYS).bedDays()).isEqualTo(1.0);
        assertThat(figure(f, "0", Measure.ACSC).count()).isEqualTo(20.0);
    }

    @Test
    void by_month_beds_are_over_the_days_of_the_month() {
        List<Figure> f = figures(Grouping.MONTH, WhatIf.defaults(), false);
        Figure april = figure(f, "2024-04", Measure.DELAYS);
        assertThat(april.bedDays()).isEqualTo(34.0);          // 4 + 10 + 20
        assertThat(april.beds()).isCloseTo(34 / 30.0, within(1e-9));
        assertThat(figure(f, "2024-05", Measure.ACSC).beds()).isCloseTo(20 / 31.0, within(1e-9));
    }

    @Test
    void disclosure_control_suppresses_figures_on_1_to_7_and_rounds_the_rest() {
        List<Figure> f = figures(Grouping.AREA, WhatIf.defaults(), true);
        Figure delays = figure(f, "all", Measure.DELAYS);     // 5 delayed discharges: 1-7
        assertThat(delays.suppressed()).isTrue();
        assertThat(delays.bedDays()).isNull();
        assertThat(delays.cost()).isNull();
        Figure acsc = figure(f, "all", Measure.ACSC);         // 20 and 60: rounded to 5, unchanged
        assertThat(acsc.count()).isEqualTo(20.0);
        assertThat(acsc.bedDays()).isEqualTo(60.0);
        assertThat(figure(f, "all", Measure.CAPPED).suppressed()).isTrue();   // 2 discharges
    }

    @Test
    void rounding_then_pricing_and_the_lone_suppressed_group_takes_the_next_smallest() {
        // acsc by pathway: 0 -> 22 admissions (rounds to 20), 1 -> 3 (suppressed), 2 -> 9 (8+, but taken with it)
        List<BasisRow> rows = List.of(row("2024-04", "0", CostBasis.ACSC, null, 22, 88, false),
                row("2024-04", "1", CostBasis.ACSC, null, 3, 9, false),
                row("2024-04", "2", CostBasis.ACSC, null, 9, 27, false));
        List<Figure> f = WhatIfModel.compute(rows, APRIL, APRIL, Grouping.PATHWAY, PRICES, WhatIf.defaults(), true)
                .figures();
        Figure p0 = figure(f, "0", Measure.ACSC);
        assertThat(p0.count()).isEqualTo(20.0);               // 22 -> 20
        assertThat(p0.bedDays()).isEqualTo(90.0);             // 88 -> 90
        assertThat(p0.cost()).isEqualTo(30_000.0);            // 20 (as published) x £1,500
        assertThat(figure(f, "1", Measure.ACSC).suppressed()).isTrue();
        assertThat(figure(f, "2", Measure.ACSC).suppressed()).isTrue();
        assertThat(figure(f, "2", Measure.ACSC_DOWN).suppressed()).isTrue();  // rests on the suppressed figure
        assertThat(figure(f, "0", Measure.ACSC_DOWN).count()).isEqualTo(2.0); // 10 % of 20
    }

    @Test
    void bed_days_of_1_to_7_are_suppressed_on_their_own_and_8_are_shown() {
        // 10 ACSC admissions (shown, rounded: 10) with 7 bed days (most stayed no night): the days, their beds and
        // their 10 % are suppressed; the cost rests on the admissions: 10 x £1,500. With 8 bed days: rounded to 10
        List<Figure> seven = WhatIfModel.compute(List.of(row("2024-04", "0", CostBasis.ACSC, null, 10, 7, false)),
                APRIL, APRIL, Grouping.AREA, PRICES, WhatIf.defaults(), true).figures();
        Figure acsc = figure(seven, "all", Measure.ACSC);
        assertThat(acsc.suppressed()).isFalse();
        assertThat(acsc.count()).isEqualTo(10.0);
        assertThat(acsc.bedDays()).isNull();
        assertThat(acsc.beds()).isNull();
        assertThat(acsc.cost()).isEqualTo(15_000.0);
        Figure down = figure(seven, "all", Measure.ACSC_DOWN);
        assertThat(down.count()).isEqualTo(1.0);
        assertThat(down.bedDays()).isNull();
        List<Figure> eight = WhatIfModel.compute(List.of(row("2024-04", "0", CostBasis.ACSC, null, 10, 8, false)),
                APRIL, APRIL, Grouping.AREA, PRICES, WhatIf.defaults(), true).figures();
        assertThat(figure(eight, "all", Measure.ACSC).bedDays()).isEqualTo(10.0);
        assertThat(figure(eight, "all", Measure.ACSC).beds()).isCloseTo(10 / 30.0, within(1e-9));
    }

    @Test
    void default_period_is_the_twelve_months_to_the_latest_complete_one_from_the_first_month_of_data() {
        // the basis starts in April 2024: the period never starts before it
        assertThat(WhatIfModel.defaultPeriod(basis(true))).containsExactly(APRIL, APRIL);   // May provisional
        assertThat(WhatIfModel.defaultPeriod(basis(false))).containsExactly(APRIL, MAY);
        // a basis of 2023-01 .. 2024-05: twelve months, June 2023 to May 2024
        List<BasisRow> longer = new ArrayList<>(basis(false));
        longer.add(row("2023-01", "0", CostBasis.ACSC, null, 1, 1, false));
        assertThat(WhatIfModel.defaultPeriod(longer)).containsExactly(YearMonth.of(2023, 6), MAY);
    }

    @Test
    void the_assumptions_name_prices_and_scenarios() {
        List<String> lines = WhatIfModel.compute(basis(false), APRIL, MAY, Grouping.AREA, PRICES, WhatIf.defaults(),
                true).assumptions();
        assertThat(String.join("\n", lines)).contains("£300").contains("£1,500").contains("capped at 7 days")
                .contains("reaches 90 %").contains("down by 10 %").contains("not added together");
    }

    @Test
    void scenarios_outside_their_range_are_refused() {
        assertThatThrownBy(() -> new WhatIf(-1, null, null)).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> new WhatIf(null, 101.0, null)).hasMessageContaining("0 to 100");
        assertThatThrownBy(() -> new WhatIf(null, null, -5.0)).hasMessageContaining("0 to 100");
    }

    @Test
    void default_prices_come_from_the_reference_file_with_their_year() {
        UnitCosts d = UnitCosts.defaults();
        assertThat(d.excessBedDay()).isEqualTo(345.0);
        assertThat(d.excessBedDaySource()).isEqualTo("2020/21, National Cost Collection 2020/21 standard bed day, "
                + "reference/unit_costs.csv");
        assertThat(d.nonElectiveSpell()).isEqualTo(1590.0);
        assertThat(d.nonElectiveSpellSource()).startsWith("2016/17");
        assertThat(UnitCosts.of(400.0, null).excessBedDaySource()).isEqualTo("configured");
    }
}
