package org.bedflow.pipeline.measure.completeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.measure.completeness.FeedCompleteness.ADMISSIONS;
import static org.bedflow.pipeline.measure.completeness.FeedCompleteness.DISCHARGES;
import static org.bedflow.pipeline.measure.completeness.FeedCompleteness.SOCIAL_CARE;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bedflow.pipeline.measure.completeness.FeedCompleteness.Counts;
import org.bedflow.pipeline.measure.completeness.FeedCompleteness.MonthCounts;
import org.bedflow.pipeline.measure.completeness.FeedCompleteness.SupplierCounts;
import org.junit.jupiter.api.Test;

/** bedflow's completeness rule, on tiny tables of counts (docs/measures.md, "When a month is provisional"). */
class FeedCompletenessTest {

    private static final CompletenessSettings DEFAULTS = CompletenessSettings.defaults();
    private static final List<String> MONTHS = List.of("2021-10", "2021-11", "2021-12", "2022-01", "2022-02", "2022-03");
    /** long after the data: the calendar makes nothing provisional */
    private static final LocalDate RUN_DATE = LocalDate.of(2022, 4, 20);

    /** discharges feed, 20 admissions and 20 discharges a month; {@code openInMarch} of March's admissions open */
    private static SupplierCounts dischargesWithOpenInMarch(String provider, long openInMarch) {
        List<MonthCounts> months = new ArrayList<>();
        for (String m : MONTHS) {
            months.add(new MonthCounts(m, 20, 20, m.equals("2022-03") ? openInMarch : 0, 0));
        }
        return new SupplierCounts(DISCHARGES, provider, null, months);
    }

    private static SupplierCounts admissions(String provider, long[] rows, long[] coded) {
        List<MonthCounts> months = new ArrayList<>();
        for (int i = 0; i < MONTHS.size(); i++) {
            months.add(new MonthCounts(MONTHS.get(i), rows[i], 0, 0, coded[i]));
        }
        return new SupplierCounts(ADMISSIONS, provider, null, months);
    }

    private static Completeness assess(List<SupplierCounts> suppliers, Map<String, Map<String, Long>> areaSpells) {
        return FeedCompleteness.assess(new Counts(suppliers, areaSpells, LocalDate.of(2022, 3, 31)), DEFAULTS,
                Map.of("E06000061", "North Northamptonshire"), MONTHS, RUN_DATE, 0);
    }

    @Test
    void a_lagging_discharge_feed_makes_its_months_provisional() {
        // no lengths of stay: no baseline year, 0 expected open; March: 2 of 20 admissions open = 10 %, 10 - 0 = 10
        // points > 5 points: March is provisional, February the last complete month
        Completeness c = assess(List.of(dischargesWithOpenInMarch("RAA", 2)), Map.of("E06000061", Map.of("RAA", 100L)));
        Completeness.Supplier s = c.suppliers().get(0);
        assertThat(s.lastComplete()).isEqualTo("2022-02");
        assertThat(s.firstProvisional()).isEqualTo("2022-03");
        assertThat(s.reason()).isEqualTo("2022-03: 2 of 20 admissions (10 %) have no discharge yet; limit 5 % "
                + "(no baseline year of this provider's stays, so none expected still in hospital)");
        assertThat(s.shades()).isTrue();
        assertThat(c.provisionalByArea().get("E06000061")).containsExactly("2022-03");
    }

    @Test
    void a_complete_discharge_feed_makes_nothing_provisional() {
        // no baseline year: March 1 of 20 admissions open = 5 %, 5 - 0 = 5 points, not above 5 points: complete
        Completeness c = assess(List.of(dischargesWithOpenInMarch("RAA", 1)), Map.of("E06000061", Map.of("RAA", 100L)));
        assertThat(c.suppliers().get(0).lastComplete()).isEqualTo("2022-03");
        assertThat(c.suppliers().get(0).firstProvisional()).isNull();
        assertThat(c.suppliers().get(0).reason()).isNull();
        assertThat(c.provisionalByArea().get("E06000061")).isEmpty();
    }

    @Test
    void volume_below_the_ratio_of_the_median_is_incomplete_at_the_ratio_it_is_not() {
        // previous 5 months 100, 100, 100, 100, 100: median 100, 0.75 x 100 = 75
        long[] coded = {100, 100, 100, 100, 100, 74};
        Completeness below = assess(List.of(admissions("RAA", new long[] {100, 100, 100, 100, 100, 74}, coded)),
                Map.of());
        assertThat(below.suppliers().get(0).firstProvisional()).isEqualTo("2022-03");
        assertThat(below.suppliers().get(0).reason())
                .isEqualTo("2022-03: 74 admissions, below 0.75 of the median of the previous 5 months (100)");
        Completeness at = assess(List.of(admissions("RAA", new long[] {100, 100, 100, 100, 100, 75},
                new long[] {100, 100, 100, 100, 100, 75})), Map.of());
        assertThat(at.suppliers().get(0).lastComplete()).isEqualTo("2022-03");
    }

    @Test
    void volume_needs_three_previous_months() {
        // months 1-3 of 2021-10..2021-12 have 0, 1 and 2 previous months: no volume judgement; 2022-01 has 3
        long[] rows = {100, 10, 10, 10, 100, 100};
        Completeness c = assess(List.of(admissions("RAA", rows, rows)), Map.of());
        // 2022-01: median of 100, 10, 10 = 10; 10 >= 7.5: passes. Nothing provisional.
        assertThat(c.suppliers().get(0).firstProvisional()).isNull();
    }

    @Test
    void coding_below_the_ratio_of_the_median_share_is_incomplete_at_the_ratio_it_is_not() {
        // previous months 100 % coded: median 100 %, 0.9 x 100 % = 90 %; March 89 of 100 = 89 % < 90 %
        long[] rows = {100, 100, 100, 100, 100, 100};
        Completeness below = assess(List.of(admissions("RAA", rows, new long[] {100, 100, 100, 100, 100, 89})),
                Map.of());
        assertThat(below.suppliers().get(0).reason()).isEqualTo("2022-03: 89 of 100 admissions (89 %) have a coded "
                + "primary diagnosis, below 0.9 of the previous months' median (100 %)");
        // 90 of 100 = 90 %: at the ratio, complete
        Completeness at = assess(List.of(admissions("RAA", rows, new long[] {100, 100, 100, 100, 100, 90})), Map.of());
        assertThat(at.suppliers().get(0).firstProvisional()).isNull();
    }

    @Test
    void an_old_dip_followed_by_good_months_shades_nothing() {
        // 2022-01: 50 < 0.75 x 100, a genuine dip; February and March are back to 100: last complete month March
        long[] rows = {100, 100, 100, 50, 100, 100};
        Completeness c = assess(List.of(admissions("RAA", rows, rows)), Map.of("E06000061", Map.of("RAA", 10L)));
        assertThat(c.suppliers().get(0).lastComplete()).isEqualTo("2022-03");
        assertThat(c.provisionalByArea().get("E06000061")).isEmpty();
    }

    @Test
    void a_feed_that_stopped_is_provisional_from_its_first_missing_month() {
        // admissions end in January; the run's data go on to March: February and March have 0 admissions
        List<MonthCounts> months = new ArrayList<>();
        for (String m : MONTHS.subList(0, 4)) {
            months.add(new MonthCounts(m, 100, 0, 0, 100));
        }
        Completeness c = assess(List.of(new SupplierCounts(ADMISSIONS, "RAA", null, months)),
                Map.of("E06000061", Map.of("RAA", 400L)));
        assertThat(c.suppliers().get(0).lastComplete()).isEqualTo("2022-01");
        assertThat(c.provisionalByArea().get("E06000061")).containsExactly("2022-02", "2022-03");
    }

    @Test
    void a_provider_lagging_shades_an_area_only_from_five_percent_of_its_spells() {
        // the area's spells: RBB 96, RAA 4 -> RAA supplies 4 / 100 = 4 % < 5 %: reported, no shading
        Completeness small = assess(List.of(dischargesWithOpenInMarch("RAA", 10), dischargesWithOpenInMarch("RBB", 0)),
                Map.of("E06000061", Map.of("RAA", 4L, "RBB", 96L)));
        assertThat(small.suppliers().get(0).firstProvisional()).isEqualTo("2022-03");
        assertThat(small.suppliers().get(0).shades()).isFalse();
        assertThat(small.provisionalByArea().get("E06000061")).isEmpty();
        // RBB 95, RAA 5 -> 5 / 100 = 5 %: at least 5 %, March is provisional for the area
        Completeness five = assess(List.of(dischargesWithOpenInMarch("RAA", 10), dischargesWithOpenInMarch("RBB", 0)),
                Map.of("E06000061", Map.of("RAA", 5L, "RBB", 95L)));
        assertThat(five.suppliers().get(0).shades()).isTrue();
        assertThat(five.provisionalByArea().get("E06000061")).containsExactly("2022-03");
    }

    @Test
    void a_lagging_council_feed_shades_its_area() {
        // care events 50 a month, then 30 in March: 30 < 0.75 x 50 (the median of the 5 months before) = 37.5
        List<MonthCounts> months = new ArrayList<>();
        for (String m : MONTHS) {
            months.add(new MonthCounts(m, m.equals("2022-03") ? 30 : 50, 0, 0, 0));
        }
        Completeness c = assess(List.of(new SupplierCounts(SOCIAL_CARE, "E06000061", "E06000061", months)), Map.of());
        assertThat(c.suppliers().get(0).reason())
                .isEqualTo("2022-03: 30 care events, below 0.75 of the median of the previous 5 months (50)");
        assertThat(c.provisionalByArea().get("E06000061")).containsExactly("2022-03");
    }

    @Test
    void the_calendar_rule_still_applies() {
        // run date 2022-03-20: March is not over, provisional whatever the feeds say
        Completeness c = FeedCompleteness.assess(new Counts(List.of(), Map.of(), LocalDate.of(2022, 3, 19)), DEFAULTS,
                Map.of("E06000061", "North Northamptonshire"), MONTHS, LocalDate.of(2022, 3, 20), 0);
        assertThat(c.provisionalByArea().get("E06000061")).containsExactly("2022-03");
        assertThat(c.provisionalMonths()).containsExactly("2022-03");
    }

    @Test
    void a_run_date_far_after_the_data_is_a_warning() {
        LocalDate latest = LocalDate.of(2022, 3, 31);
        // 2022-03-31 + 62 days = 2022-06-01: not more than 62 days, no warning; 2022-06-02 is 63 days: a warning
        assertThat(FeedCompleteness.warnings(LocalDate.of(2022, 6, 1), latest, 0, DEFAULTS)).isEmpty();
        assertThat(FeedCompleteness.warnings(LocalDate.of(2022, 6, 2), latest, 0, DEFAULTS)).singleElement()
                .asString().startsWith("run date 2022-06-02 is 63 days after the latest data (2022-03-31)");
        // 2022-03-31 to 2026-12-05: 1,710 days
        assertThat(FeedCompleteness.warnings(LocalDate.of(2026, 12, 5), latest, 0, DEFAULTS)).singleElement()
                .asString().contains("run date 2026-12-05 is 1,710 days after the latest data (2022-03-31): "
                        + "the inpatient snapshot counts every spell still open on the run date")
                .contains("re-run with --run-date 2022-03-31");
    }

    @Test
    void data_after_the_run_date_is_a_warning() {
        assertThat(FeedCompleteness.warnings(LocalDate.of(2022, 3, 31), LocalDate.of(2022, 3, 31), 0, DEFAULTS))
                .isEmpty();
        assertThat(FeedCompleteness.warnings(LocalDate.of(2022, 3, 31), LocalDate.of(2022, 3, 31), 12, DEFAULTS))
                .singleElement().asString().startsWith("12 rows are dated after the run date 2022-03-31 (FUTURE_DATE");
    }

    @Test
    void a_month_failing_two_checks_gives_both_reasons_after_the_month() {
        // March: 10 of 20 admissions open (50 % > 5 %) and 5 discharges, below 0.75 x 20 (the median of the 5 months before)
        List<MonthCounts> months = new ArrayList<>();
        for (String m : MONTHS) {
            boolean march = m.equals("2022-03");
            months.add(new MonthCounts(m, march ? 5 : 20, 20, march ? 10 : 0, 0));
        }
        Completeness c = assess(List.of(new SupplierCounts(DISCHARGES, "RAA", null, months)), Map.of());
        assertThat(c.suppliers().get(0).reason()).isEqualTo("2022-03: 10 of 20 admissions (50 %) have no discharge yet; "
                + "limit 5 % (no baseline year of this provider's stays, so none expected still in hospital); "
                + "5 discharges, below 0.75 of the median of the previous 5 months (20)");
    }

    // ---- the discharges lag against the provider's usual lengths of stay (latest data 2022-03-31) ----

    /** Baseline spells: {@code short2} stayed 2 days, {@code long30} 30 days. */
    private static long[] stayDays(long short2, long long30) {
        long[] days = new long[FeedCompleteness.Stays.CAP + 1];
        days[2] = short2;
        days[30] = long30;
        return days;
    }

    /**
     * RAA's discharges feed: October to February 20 admissions, none open (their days are left out of
     * admittedByDay, so they count as a year old: S(365) = 0, expected 0); March {@code admittedByDay}'s admissions,
     * {@code openInMarch} of them open; 20 discharges a month.
     */
    private static Completeness lag(long[] stayDays, Map<LocalDate, Long> marchByDay, long openInMarch) {
        long admittedInMarch = marchByDay.values().stream().mapToLong(Long::longValue).sum();
        List<MonthCounts> months = new ArrayList<>();
        for (String m : MONTHS) {
            boolean march = m.equals("2022-03");
            months.add(new MonthCounts(m, 20, march ? admittedInMarch : 20, march ? openInMarch : 0, 0));
        }
        return FeedCompleteness.assess(new Counts(List.of(new SupplierCounts(DISCHARGES, "RAA", null, months)),
                        Map.of("E06000061", Map.of("RAA", 100L)), LocalDate.of(2022, 3, 31),
                        Map.of("RAA", new FeedCompleteness.Stays(stayDays, marchByDay))), DEFAULTS,
                Map.of("E06000061", "North Northamptonshire"), MONTHS, RUN_DATE, 0);
    }

    /**
     * Baseline 100 spells, 90 of 2 days and 10 of 30 days: S(t) = 100 % for t = 0..1, 10 % for t = 2..29, 0 from 30.
     * March: 10 admitted on 03-30 (t = 1: 10 x 100 % = 10 expected open) and 90 on 03-10 (t = 21: 90 x 10 % = 9):
     * expected 19 of 100 = 19 %.
     */
    private static final long[] USUAL = stayDays(90, 10);
    private static final Map<LocalDate, Long> MARCH =
            Map.of(LocalDate.of(2022, 3, 30), 10L, LocalDate.of(2022, 3, 10), 90L);

    @Test
    void a_timely_provider_with_patients_still_in_is_complete() {
        // 20 of 100 open = 20 %, 20 - 19 = 1 point <= 5 points: complete (the old 5 % rule made it provisional)
        Completeness c = lag(USUAL, MARCH, 20);
        assertThat(c.suppliers().get(0).lastComplete()).isEqualTo("2022-03");
        assertThat(c.suppliers().get(0).firstProvisional()).isNull();
        assertThat(c.provisionalByArea().get("E06000061")).isEmpty();
    }

    @Test
    void a_lagging_provider_is_provisional() {
        // 40 of 100 open = 40 %, 40 - 19 = 21 points > 5 points: provisional
        Completeness c = lag(USUAL, MARCH, 40);
        Completeness.Supplier s = c.suppliers().get(0);
        assertThat(s.lastComplete()).isEqualTo("2022-02");
        assertThat(s.firstProvisional()).isEqualTo("2022-03");
        assertThat(s.reason()).isEqualTo("2022-03: 40 of 100 admissions (40 %) have no discharge yet, where about 19 "
                + "(19 %) would still be in hospital at this provider's usual lengths of stay; limit 5 points above "
                + "that");
        assertThat(c.provisionalByArea().get("E06000061")).containsExactly("2022-03");
    }

    @Test
    void an_excess_of_exactly_the_limit_is_complete_just_above_it_is_not() {
        // baseline 95 of 2 days, 5 of 30 days: S(21) = 5 %; March 100 admitted on 03-10: expected 100 x 5 % = 5
        long[] usual = stayDays(95, 5);
        Map<LocalDate, Long> march = Map.of(LocalDate.of(2022, 3, 10), 100L);
        // 10 of 100 open: 10 % - 5 % = 5 points, not above 5 points: complete
        assertThat(lag(usual, march, 10).suppliers().get(0).firstProvisional()).isNull();
        // 11 of 100 open: 11 % - 5 % = 6 points > 5 points: provisional
        assertThat(lag(usual, march, 11).suppliers().get(0).reason()).isEqualTo("2022-03: 11 of 100 admissions (11 %) "
                + "have no discharge yet, where about 5 (5 %) would still be in hospital at this provider's usual "
                + "lengths of stay; limit 5 points above that");
    }

    @Test
    void fewer_than_100_baseline_spells_is_no_baseline_year_and_expects_none_open() {
        Map<LocalDate, Long> march = Map.of(LocalDate.of(2022, 3, 10), 100L);
        // 94 of 2 days + 5 of 30 days = 99 baseline spells < 100: expected 0; 10 of 100 open = 10 % > 5 %
        Completeness.Supplier s = lag(stayDays(94, 5), march, 10).suppliers().get(0);
        assertThat(s.firstProvisional()).isEqualTo("2022-03");
        assertThat(s.reason()).isEqualTo("2022-03: 10 of 100 admissions (10 %) have no discharge yet; limit 5 % "
                + "(no baseline year of this provider's stays, so none expected still in hospital)");
        // with 100 (95 + 5): expected 5, 10 - 5 = 5 points: complete (the boundary case above)
        assertThat(lag(stayDays(95, 5), march, 10).suppliers().get(0).firstProvisional()).isNull();
    }

    @Test
    void admissions_a_year_or_more_old_use_the_share_still_in_after_365_days() {
        // baseline 100: 90 of 2 days, 10 still open (at the cap): S(365) = 10 %. January 2021 (not in admittedByDay,
        // a year before 2022-03-31): 50 admitted x 10 % = 5. March 2022: 4 on 03-31 (t = 0, S = 100 %) = 4
        long[] days = new long[FeedCompleteness.Stays.CAP + 1];
        days[2] = 90;
        days[FeedCompleteness.Stays.CAP] = 10;
        Map<String, Double> expected = FeedCompleteness.expectedOpen(
                new FeedCompleteness.Stays(days, Map.of(LocalDate.of(2022, 3, 31), 4L)), LocalDate.of(2022, 3, 31),
                List.of(new MonthCounts("2021-01", 50, 50, 5, 0), new MonthCounts("2022-03", 4, 4, 4, 0)));
        assertThat(expected).isEqualTo(Map.of("2021-01", 5.0, "2022-03", 4.0));
    }
}
