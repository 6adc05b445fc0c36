package org.bedflow.pipeline.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.testing.Frames.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.testing.Frames;
import org.junit.jupiter.api.Test;

/** docs/commissioners.md "Disclosure control" (and docs/indicators.md for indicators), on hand-built tables. */
class DisclosureControlTest {

    /**
     * a delayed_discharge_monthly row: {@code withDrd} is both the DRD-measured and the
     * recorded-DRD count (overnight = discharges), each delayed discharge 3 days; every
     * other count 0 unless {@code kv} sets it
     */
    private static Map<String, Object> monthly(String month, long discharges, long withDrd, long onDrd, long delayed,
                                               Double median, Object... kv) {
        Map<String, Object> r = row("unitary_area", "E06000062", "unitary_area_name", "West Northamptonshire",
                "month", month, "discharges", discharges, "overnight_discharges", discharges,
                "drd_measured_discharges", withDrd, "discharges_with_drd", withDrd,
                "pct_drd_recorded", discharges == 0 ? null : 100.0 * withDrd / discharges, "discharged_on_drd", onDrd,
                "pct_discharged_on_drd", withDrd == 0 ? null : 100.0 * onDrd / withDrd,
                "delayed_discharges", delayed, "pct_delayed", withDrd == 0 ? null : 100.0 * delayed / withDrd,
                "delay_days", delayed * 3, "mean_delay_days", delayed == 0 ? null : 3.0,
                "mean_delay_days_all", withDrd == 0 ? null : 3.0 * delayed / withDrd,
                "median_delay_days", median, "p90_delay_days", median, "delayed_4_6_days", 0L, "run_id", "r");
        for (String c : List.of("delayed_1_day", "delayed_2_3_days", "delayed_4_6_days", "delayed_7_13_days",
                "delayed_14_20_days", "delayed_21plus_days", "delayed_bed_days_in_month", "delayed_in_month_discharges",
                "delayed_7plus_days", "delayed_reported_social_care", "delayed_with_new_care_start",
                "delay_days_with_new_care_start", "discharges_with_drd_and_care_start", "long_stay_7plus",
                "long_stay_14plus", "long_stay_21plus", "discharged_to_usual_residence")) {
            r.put(c, 0L);
        }
        r.put("delayed_2_3_days", delayed);
        return Frames.with(r, kv);
    }

    private static Map<String, Row> publishMonthly(List<Map<String, Object>> rows) {
        var t = Frames.of(OutputTables.DELAYED_DISCHARGE_MONTHLY.sparkType(), rows);
        Map<String, Row> out = new TreeMap<>();
        DisclosureControl.delayedDischargeMonthly(t).collectAsList().forEach(r -> out.put(r.getAs("month"), r));
        return out;
    }

    @Test
    void counts_0_1_7_8_12_13_become_0_suppressed_suppressed_10_10_15() {
        long[] counts = {0, 1, 7, 8, 12, 13};
        Long[] expected = {0L, null, null, 10L, 10L, 15L};
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            rows.add(monthly("2021-0" + (i + 1), counts[i], 0, 0, 0, null));
        }
        Map<String, Row> out = publishMonthly(rows);
        for (int i = 0; i < counts.length; i++) {
            Row r = out.get("2021-0" + (i + 1));
            assertThat((Long) r.getAs("discharges")).as("%d", counts[i]).isEqualTo(expected[i]);
            assertThat((Boolean) r.getAs("suppressed")).as("%d suppressed?", counts[i]).isEqualTo(expected[i] == null);
        }
    }

    @Test
    void percentages_use_the_rounded_counts_and_fall_with_a_suppressed_count() {
        Map<String, Row> out = publishMonthly(List.of(
                // 12 of 13 on DRD: published 10 / 15 -> 66.67 %, not the unrounded 92.3 %
                monthly("2021-01", 20, 13, 12, 1, 4.0),
                // 5 of 13: numerator suppressed -> percentage suppressed
                monthly("2021-02", 20, 13, 5, 8, 4.0),
                // 9 of 9: 10 / 10 -> 100 %
                monthly("2021-03", 20, 9, 9, 0, null)));
        assertThat((Double) out.get("2021-01").getAs("pct_discharged_on_drd")).isCloseTo(66.667,
                org.assertj.core.api.Assertions.within(0.001));
        assertThat((Object) out.get("2021-02").getAs("pct_discharged_on_drd")).isNull();
        assertThat((Boolean) out.get("2021-02").getAs("suppressed")).isTrue();
        assertThat((Double) out.get("2021-03").getAs("pct_discharged_on_drd")).isEqualTo(100.0);
    }

    @Test
    void means_and_medians_over_1_to_7_values_are_suppressed_and_shown_as_calculated_from_8() {
        Map<String, Row> out = publishMonthly(List.of(
                monthly("2021-01", 20, 13, 12, 1, 4.0),   // one delayed discharge behind the median
                monthly("2021-02", 20, 13, 5, 8, 4.5)));  // eight
        assertThat((Object) out.get("2021-01").getAs("median_delay_days")).isNull();
        assertThat((Object) out.get("2021-01").getAs("mean_delay_days")).isNull();
        assertThat((Double) out.get("2021-02").getAs("median_delay_days")).isEqualTo(4.5);
        assertThat((Double) out.get("2021-02").getAs("mean_delay_days")).isEqualTo(3.0);
        // delay_days 8 x 3 = 24 -> 25
        assertThat((Long) out.get("2021-02").getAs("delay_days")).isEqualTo(25);
    }

    private static Map<String, Object> cell(String category, long discharges) {
        return row("unitary_area", "E06000062", "unitary_area_name", "West Northamptonshire", "month", "2021-05",
                "dimension", "pathway", "category", category, "discharges", discharges, "delayed_discharges", 0L,
                "delay_days", 0L, "run_id", "r");
    }

    private static Map<String, Row> publishBreakdown(List<Map<String, Object>> rows) {
        var t = Frames.of(OutputTables.DELAYED_DISCHARGE_BREAKDOWN.sparkType(), rows);
        Map<String, Row> out = new TreeMap<>();
        DisclosureControl.delayedDischargeBreakdown(t).collectAsList().forEach(r -> out.put(r.getAs("category"), r));
        return out;
    }

    @Test
    void a_lone_suppressed_category_takes_the_next_smallest_non_zero_one_with_it() {
        // pathway 0: 3 (suppressed), 1: 40, 2: 12, 3: 0, unknown: 9
        // one primary suppression -> the next smallest non-zero unsuppressed value (9, unknown) goes too
        Map<String, Row> out = publishBreakdown(List.of(cell("0", 3), cell("1", 40), cell("2", 12), cell("3", 0),
                cell("unknown", 9)));
        assertThat((Object) out.get("0").getAs("discharges")).isNull();
        assertThat((Object) out.get("unknown").getAs("discharges")).isNull();
        assertThat((Boolean) out.get("unknown").getAs("suppressed")).isTrue();
        assertThat((Long) out.get("2").getAs("discharges")).isEqualTo(10);
        assertThat((Long) out.get("1").getAs("discharges")).isEqualTo(40);
        assertThat((Long) out.get("3").getAs("discharges")).as("zero is never suppressed").isZero();
        assertThat((Boolean) out.get("1").getAs("suppressed")).isFalse();
    }

    @Test
    void two_suppressed_categories_need_no_secondary_suppression() {
        Map<String, Row> out = publishBreakdown(List.of(cell("0", 3), cell("1", 40), cell("2", 12), cell("3", 2)));
        assertThat((Long) out.get("2").getAs("discharges")).isEqualTo(10);
        assertThat((Object) out.get("3").getAs("discharges")).isNull();
    }

    private static Map<String, Object> cell(String month, String dimension, String category, long discharges,
                                            long delayed, long delayDays) {
        return row("unitary_area", "E06000062", "unitary_area_name", "West Northamptonshire", "month", month,
                "dimension", dimension, "category", category, "discharges", discharges, "delayed_discharges", delayed,
                "delay_days", delayDays, "run_id", "r");
    }

    private static Map<String, Row> publishBreakdownByKey(List<Map<String, Object>> rows) {
        var t = Frames.of(OutputTables.DELAYED_DISCHARGE_BREAKDOWN.sparkType(), rows);
        Map<String, Row> out = new TreeMap<>();
        DisclosureControl.delayedDischargeBreakdown(t).collectAsList().forEach(r -> out.put(
                r.getAs("month") + " " + r.getAs("dimension") + " " + r.getAs("category"), r));
        return out;
    }

    @Test
    void secondary_suppression_stays_inside_its_area_month_and_dimension() {
        Map<String, Row> out = publishBreakdownByKey(List.of(
                // May, pathway: 3 is suppressed, so 12 (the next smallest non-zero) goes too
                cell("2021-05", "pathway", "1", 3, 0, 0), cell("2021-05", "pathway", "2", 12, 0, 0),
                cell("2021-05", "pathway", "3", 40, 0, 0),
                // May, delay_reason: nothing small, nothing suppressed: 9 -> 10, 30 -> 30
                cell("2021-05", "delay_reason", "a", 9, 0, 0), cell("2021-05", "delay_reason", "b", 30, 0, 0),
                // June, pathway: nothing small: 12 -> 10, 40 -> 40
                cell("2021-06", "pathway", "2", 12, 0, 0), cell("2021-06", "pathway", "3", 40, 0, 0)));
        assertThat((Object) out.get("2021-05 pathway 1").getAs("discharges")).isNull();
        assertThat((Object) out.get("2021-05 pathway 2").getAs("discharges")).isNull();
        assertThat((Long) out.get("2021-05 pathway 3").getAs("discharges")).isEqualTo(40);
        assertThat((Long) out.get("2021-05 delay_reason a").getAs("discharges")).isEqualTo(10);
        assertThat((Boolean) out.get("2021-05 delay_reason a").getAs("suppressed")).isFalse();
        assertThat((Long) out.get("2021-06 pathway 2").getAs("discharges")).isEqualTo(10);
        assertThat((Boolean) out.get("2021-06 pathway 2").getAs("suppressed")).isFalse();
    }

    @Test
    void zeros_are_never_the_secondary_suppression() {
        // 3 suppressed; the zeros reveal nothing, so the next smallest NON-ZERO category (40) goes
        Map<String, Row> out = publishBreakdown(List.of(cell("0", 3), cell("1", 0), cell("2", 0), cell("3", 40)));
        assertThat((Long) out.get("1").getAs("discharges")).isZero();
        assertThat((Long) out.get("2").getAs("discharges")).isZero();
        assertThat((Boolean) out.get("1").getAs("suppressed")).isFalse();
        assertThat((Object) out.get("3").getAs("discharges")).isNull();
        assertThat((Boolean) out.get("3").getAs("suppressed")).isTrue();
    }

    @Test
    void each_count_column_has_its_own_secondary_suppression() {
        // delayed_discharges: 2 (A) is suppressed, so 10 (B) goes too; 12 (C) -> 10.
        // discharges 40, 30, 20 have nothing small and are shown rounded: 40, 30, 20.
        // delay_days rest on delayed_discharges: A and B go with their counts, C 60 -> 60
        Map<String, Row> out = publishBreakdownByKey(List.of(
                cell("2021-05", "pathway", "A", 40, 2, 16), cell("2021-05", "pathway", "B", 30, 10, 50),
                cell("2021-05", "pathway", "C", 20, 12, 60)));
        Row a = out.get("2021-05 pathway A");
        Row b = out.get("2021-05 pathway B");
        Row c = out.get("2021-05 pathway C");
        assertThat((Object) a.getAs("delayed_discharges")).isNull();
        assertThat((Object) b.getAs("delayed_discharges")).isNull();
        assertThat((Long) c.getAs("delayed_discharges")).isEqualTo(10);
        assertThat(List.of((Long) a.getAs("discharges"), (Long) b.getAs("discharges"), (Long) c.getAs("discharges")))
                .containsExactly(40L, 30L, 20L);
        assertThat((Object) a.getAs("delay_days")).isNull();
        assertThat((Object) b.getAs("delay_days")).isNull();
        assertThat((Long) c.getAs("delay_days")).isEqualTo(60);
        assertThat(List.of((Boolean) a.getAs("suppressed"), (Boolean) b.getAs("suppressed"), (Boolean) c.getAs("suppressed")))
                .containsExactly(true, true, false);
    }

    @Test
    void a_percentage_falls_with_a_suppressed_denominator_and_a_median_with_its_count() {
        Map<String, Row> out = publishMonthly(List.of(
                // 0 of 6 with a DRD on DRD: the denominator 6 is suppressed -> no percentage (unrounded it was 0 %)
                monthly("2021-01", 20, 6, 0, 0, null),
                // 7 delayed discharges behind the median: count and median suppressed
                monthly("2021-02", 20, 13, 6, 7, 5.0)));
        assertThat((Object) out.get("2021-01").getAs("discharges_with_drd")).isNull();
        assertThat((Object) out.get("2021-01").getAs("pct_discharged_on_drd")).isNull();
        assertThat((Long) out.get("2021-01").getAs("discharged_on_drd")).isZero();
        assertThat((Boolean) out.get("2021-01").getAs("suppressed")).isTrue();
        assertThat((Object) out.get("2021-02").getAs("delayed_discharges")).isNull();
        assertThat((Object) out.get("2021-02").getAs("median_delay_days")).isNull();
        assertThat((Object) out.get("2021-02").getAs("p90_delay_days")).isNull();
        // 7 x 3 = 21 delay days rest on the 7 suppressed delayed discharges: suppressed with them
        // (shown, 21 -> 20 and the mean of 3 would give the suppressed count away)
        assertThat((Object) out.get("2021-02").getAs("delay_days")).isNull();
    }

    @Test
    void turned_off_the_values_pass_unchanged_and_nothing_is_flagged() {
        var t = Frames.of(OutputTables.DELAYED_DISCHARGE_MONTHLY.sparkType(),
                List.of(monthly("2021-01", 7, 13, 12, 1, 4.0)));
        Row off = DisclosureControl.published(OutputTables.DELAYED_DISCHARGE_MONTHLY, t, false).orElseThrow().first();
        assertThat((Long) off.getAs("discharges")).isEqualTo(7);
        assertThat((Long) off.getAs("discharges_with_drd")).isEqualTo(13);
        assertThat((Double) off.getAs("median_delay_days")).isEqualTo(4.0);
        assertThat((Boolean) off.getAs("suppressed")).isFalse();
        Row on = DisclosureControl.published(OutputTables.DELAYED_DISCHARGE_MONTHLY, t, true).orElseThrow().first();
        assertThat((Object) on.getAs("discharges")).isNull();
        assertThat((Long) on.getAs("discharges_with_drd")).isEqualTo(15);
        assertThat((Boolean) on.getAs("suppressed")).isTrue();
    }

    @Test
    void record_level_tables_are_never_published() {
        var t = Frames.of(OutputTables.DELAYED_DISCHARGE_MONTHLY.sparkType(), List.of(monthly("2021-01", 7, 0, 0, 0, null)));
        assertThat(DisclosureControl.published(OutputTables.LINKED_SPELLS, t, true)).isEmpty();
        assertThat(DisclosureControl.published(OutputTables.REJECTS, t, false)).isEmpty();
    }

    @Test
    void snapshot_counts_are_rounded() {
        var t = Frames.of(OutputTables.INPATIENT_SNAPSHOT.sparkType(), List.of(row("unitary_area", "E06000062",
                "unitary_area_name", "West Northamptonshire", "snapshot_date", "2022-04-01", "inpatients", 123L,
                "los_7plus", 7L, "los_14plus", 0L, "los_21plus", 0L, "emergency_inpatients", 98L, "run_id", "r")));
        Row r = DisclosureControl.inpatientSnapshot(t).first();
        assertThat((Long) r.getAs("inpatients")).isEqualTo(125);
        assertThat((Object) r.getAs("los_7plus")).isNull();
        assertThat((Long) r.getAs("emergency_inpatients")).isEqualTo(100);
        assertThat((Boolean) r.getAs("suppressed")).isTrue();
    }

    // ---- indicators

    private static Map<String, Object> indicator(String key, String periodType, String indicator, long numerator,
                                                 Double denominator, Double value, String valueType, Double lower,
                                                 Double upper) {
        return row("unitary_area", "E06000062", "unitary_area_name", "West Northamptonshire", "period_type", periodType,
                "period", key, "indicator", indicator, "numerator", numerator, "denominator", denominator, "value", value,
                "value_type", valueType, "lower_95", lower, "upper_95", upper, "national_reference", "ref " + indicator,
                "run_id", "r");
    }

    /** each row's period is used as a label */
    private static Map<String, Row> publishIndicators(List<Map<String, Object>> rows) {
        var t = Frames.of(OutputTables.INDICATORS.sparkType(), rows);
        Map<String, Row> out = new TreeMap<>();
        var published = DisclosureControl.published(OutputTables.INDICATORS, t, true).orElseThrow();
        assertThat(published.columns()).endsWith("run_id", "suppressed");
        published.collectAsList().forEach(r -> out.put(r.getAs("period"), r));
        return out;
    }

    @Test
    void indicator_percentages_and_crude_rates_come_from_the_rounded_counts_and_dsrs_stay_as_calculated() {
        Map<String, Row> out = publishIndicators(List.of(
                // 12 / 13 -> 10 / 15 = 66.667 %, Wilson(10, 15) = 41.714, 84.824 (not 92.3 % and its limits)
                indicator("pct", "month", "discharged_on_drd", 12, 13.0, 92.3, "percent", 66.7, 98.6),
                // 5 / 20: numerator suppressed, so value and limits too
                indicator("pct-small", "month", "discharged_on_drd", 5, 20.0, 25.0, "percent", 11.2, 46.9),
                indicator("pct-empty", "month", "discharged_on_drd", 0, 0.0, null, "percent", null, null),
                // monthly count of a population-based indicator: 13 -> 15, value 15; 3 suppressed
                indicator("count", "month", "emergency_admissions", 13, null, 13.0, "count", null, null),
                indicator("count-small", "month", "emergency_admissions", 3, null, 3.0, "count", null, null),
                // DSR: count 12 -> 10, population 6000 stays 6000, DSR and limits as calculated
                indicator("dsr", "financial_year", "emergency_admissions", 12, 6000.0, 26.5, "dsr_per_100k",
                        13.456, 46.635),
                indicator("dsr-small", "financial_year", "emergency_admissions", 4, 6000.0, null, "dsr_per_100k",
                        null, null),
                // crude rate 12 / 4003 -> 10 / 4005 = 249.688 per 100k; Byar(10) x 100000/4005 = 119.537, 459.212
                indicator("crude", "financial_year", "residential_admissions_65plus", 12, 4003.0, 299.78,
                        "rate_per_100k", 154.9, 523.6),
                // 0 / 4003 -> 0 / 4005: 0, limits 0 and exact Poisson 3.688879 x 100000/4005 = 92.107
                indicator("crude-zero", "financial_year", "residential_admissions_65plus", 0, 4003.0, 0.0,
                        "rate_per_100k", 0.0, 92.153),
                // delayed beds: 14 delay days -> 15; denominator 73 (population x days / 100000) is not a count
                indicator("beds", "financial_year", "delayed_beds_per_day_per_100k_18plus", 14, 73.0, 14 / 73.0,
                        "rate_per_100k", null, null),
                indicator("beds-small", "financial_year", "delayed_beds_per_day_per_100k_18plus", 3, 73.0, 3 / 73.0,
                        "rate_per_100k", null, null)));
        var within = org.assertj.core.api.Assertions.within(0.001);

        Row pct = out.get("pct");
        assertThat((Long) pct.getAs("numerator")).isEqualTo(10);
        assertThat((Double) pct.getAs("denominator")).isEqualTo(15.0);
        assertThat((Double) pct.getAs("value")).isCloseTo(66.667, within);
        assertThat((Double) pct.getAs("lower_95")).isCloseTo(41.714, within);
        assertThat((Double) pct.getAs("upper_95")).isCloseTo(84.824, within);
        assertThat((Boolean) pct.getAs("suppressed")).isFalse();

        Row small = out.get("pct-small");
        assertThat((Object) small.getAs("numerator")).isNull();
        assertThat((Double) small.getAs("denominator")).isEqualTo(20.0);
        assertThat((Object) small.getAs("value")).isNull();
        assertThat((Object) small.getAs("lower_95")).isNull();
        assertThat((Object) small.getAs("upper_95")).isNull();
        assertThat((Boolean) small.getAs("suppressed")).isTrue();

        assertThat((Object) out.get("pct-empty").getAs("value")).isNull();
        assertThat((Boolean) out.get("pct-empty").getAs("suppressed")).isFalse();

        assertThat((Long) out.get("count").getAs("numerator")).isEqualTo(15);
        assertThat((Double) out.get("count").getAs("value")).isEqualTo(15.0);
        assertThat((Object) out.get("count-small").getAs("value")).isNull();
        assertThat((Boolean) out.get("count-small").getAs("suppressed")).isTrue();

        Row dsr = out.get("dsr");
        assertThat((Long) dsr.getAs("numerator")).isEqualTo(10);
        assertThat((Double) dsr.getAs("denominator")).isEqualTo(6000.0);
        assertThat((Double) dsr.getAs("value")).isEqualTo(26.5);
        assertThat((Double) dsr.getAs("lower_95")).isEqualTo(13.456);
        assertThat((Double) dsr.getAs("upper_95")).isEqualTo(46.635);
        assertThat((Object) out.get("dsr-small").getAs("numerator")).isNull();
        assertThat((Boolean) out.get("dsr-small").getAs("suppressed")).isTrue();

        Row crude = out.get("crude");
        assertThat((Long) crude.getAs("numerator")).isEqualTo(10);
        assertThat((Double) crude.getAs("denominator")).isEqualTo(4005.0);
        assertThat((Double) crude.getAs("value")).isCloseTo(249.688, within);
        assertThat((Double) crude.getAs("lower_95")).isCloseTo(119.537, within);
        assertThat((Double) crude.getAs("upper_95")).isCloseTo(459.212, within);
        Row zero = out.get("crude-zero");
        assertThat((Long) zero.getAs("numerator")).isZero();
        assertThat((Double) zero.getAs("value")).isZero();
        assertThat((Double) zero.getAs("upper_95")).isCloseTo(92.107, within);
        assertThat((Boolean) zero.getAs("suppressed")).isFalse();

        Row beds = out.get("beds");
        assertThat((Long) beds.getAs("numerator")).isEqualTo(15);
        assertThat((Double) beds.getAs("denominator")).isEqualTo(73.0);
        assertThat((Double) beds.getAs("value")).isCloseTo(0.205479, org.assertj.core.api.Assertions.within(1e-6));
        assertThat((Object) out.get("beds-small").getAs("value")).isNull();
        assertThat((Boolean) out.get("beds-small").getAs("suppressed")).isTrue();
    }

    @Test
    void the_new_count_columns_are_rounded_or_suppressed_like_counts() {
        Map<String, Row> out = publishMonthly(List.of(monthly("2021-01", 40, 23, 12, 11, 3.0,
                "overnight_discharges", 33L, "delayed_1_day", 3L, "delayed_2_3_days", 8L, "delayed_4_6_days", 0L,
                "delayed_in_month_discharges", 12L, "delayed_bed_days_in_month", 41L)));
        Row r = out.get("2021-01");
        assertThat((Long) r.getAs("overnight_discharges")).isEqualTo(35);       // 33 -> 35
        assertThat((Long) r.getAs("drd_measured_discharges")).isEqualTo(25);    // 23 -> 25
        assertThat((Object) r.getAs("delayed_1_day")).isNull();                 // 3: suppressed
        assertThat((Long) r.getAs("delayed_2_3_days")).isEqualTo(10);           // 8 -> 10
        assertThat((Long) r.getAs("delayed_4_6_days")).isZero();
        assertThat((Long) r.getAs("delayed_in_month_discharges")).isEqualTo(10); // 12 -> 10
        assertThat((Long) r.getAs("delayed_bed_days_in_month")).isEqualTo(40);   // 41 -> 40, 12 behind it
        assertThat((Boolean) r.getAs("suppressed")).isTrue();                   // the band of 3
    }

    @Test
    void new_percentages_come_from_the_rounded_counts_and_means_fall_with_their_counts() {
        Map<String, Row> out = publishMonthly(List.of(
                // recorded 23 of 33 overnight -> 25 / 35 = 71.429 %; delayed 11 of 23 -> 10 / 25 = 40 %
                monthly("2021-01", 40, 23, 12, 11, 3.0, "overnight_discharges", 33L),
                // 6 DRD-measured: pct_delayed and mean_delay_days_all (over 6 values) suppressed;
                // the 2 delayed: mean_delay_days suppressed
                monthly("2021-02", 40, 6, 4, 2, 3.0)));
        var within = org.assertj.core.api.Assertions.within(0.001);
        Row jan = out.get("2021-01");
        assertThat((Double) jan.getAs("pct_drd_recorded")).isCloseTo(71.429, within);
        assertThat((Double) jan.getAs("pct_delayed")).isCloseTo(40.0, within);
        // means over 11 and 23 values: as calculated (33 / 11 = 3, 33 / 23 = 1.4348)
        assertThat((Double) jan.getAs("mean_delay_days")).isEqualTo(3.0);
        assertThat((Double) jan.getAs("mean_delay_days_all")).isCloseTo(1.4348, within);
        Row feb = out.get("2021-02");
        assertThat((Object) feb.getAs("drd_measured_discharges")).isNull();
        assertThat((Object) feb.getAs("pct_delayed")).isNull();
        assertThat((Object) feb.getAs("pct_drd_recorded")).isNull();
        assertThat((Object) feb.getAs("mean_delay_days_all")).isNull();
        assertThat((Object) feb.getAs("mean_delay_days")).isNull();
        assertThat((Object) feb.getAs("delay_days")).as("6 days resting on 2 delayed discharges").isNull();
    }

    @Test
    void the_mean_with_0_day_delays_falls_with_the_delayed_discharges_its_days_rest_on() {
        Map<String, Row> out = publishMonthly(List.of(
                // 40 DRD-measured, 2 of them delayed for 6 days: mean_delay_days_all = 6 / 40 = 0.15 is over 40
                // values, but 0.15 x 40 gives back the 6 days of the 2 patients, whose delay_days are suppressed
                monthly("2021-03", 40, 40, 38, 2, 3.0),
                // 9 delayed, 27 days: 27 / 40 = 0.675 is shown as calculated
                monthly("2021-04", 40, 40, 31, 9, 3.0)));
        assertThat((Object) out.get("2021-03").getAs("delay_days")).isNull();
        assertThat((Object) out.get("2021-03").getAs("mean_delay_days_all")).isNull();
        assertThat((Double) out.get("2021-04").getAs("mean_delay_days_all")).isEqualTo(0.675);
    }

    @Test
    void every_sum_of_days_falls_with_the_count_it_rests_on() {
        Map<String, Row> out = publishMonthly(List.of(
                // 1 delayed discharge contributed 60 days to the month: the 60 would identify them
                monthly("2021-01", 40, 30, 29, 1, 60.0, "delayed_in_month_discharges", 1L,
                        "delayed_bed_days_in_month", 60L, "delayed_with_new_care_start", 1L,
                        "delay_days_with_new_care_start", 60L),
                // 9 contributors, 58 days: 58 -> 60; 8 with a care start, 24 days -> 25
                monthly("2021-02", 40, 30, 20, 10, 3.0, "delayed_in_month_discharges", 9L,
                        "delayed_bed_days_in_month", 58L, "delayed_with_new_care_start", 8L,
                        "delay_days_with_new_care_start", 24L)));
        Row jan = out.get("2021-01");
        assertThat((Object) jan.getAs("delayed_bed_days_in_month")).isNull();
        assertThat((Object) jan.getAs("delay_days_with_new_care_start")).isNull();
        assertThat((Object) jan.getAs("delay_days")).isNull();
        assertThat((Boolean) jan.getAs("suppressed")).isTrue();
        Row feb = out.get("2021-02");
        assertThat((Long) feb.getAs("delayed_bed_days_in_month")).isEqualTo(60);
        assertThat((Long) feb.getAs("delay_days_with_new_care_start")).isEqualTo(25);
        assertThat((Long) feb.getAs("delay_days")).isEqualTo(30);
    }

    @Test
    void breakdown_delay_days_of_one_person_are_suppressed_with_their_count() {
        // the leak: one person delayed 60 days for reason "x" in the month; counts were null but 60 was shown.
        // delay_reason: x 1 person (60 days), y 20 people (100 days), z 30 people (150 days)
        //   delayed_discharges: x suppressed (1) -> y (next smallest, 20) suppressed too; z 30
        //   delay_days: x and y go with their counts; z 150
        Map<String, Row> out = publishBreakdownByKey(List.of(
                cell("2021-05", "delay_reason", "x", 1, 1, 60), cell("2021-05", "delay_reason", "y", 20, 20, 100),
                cell("2021-05", "delay_reason", "z", 30, 30, 150)));
        Row x = out.get("2021-05 delay_reason x");
        assertThat((Object) x.getAs("discharges")).isNull();
        assertThat((Object) x.getAs("delayed_discharges")).isNull();
        assertThat((Object) x.getAs("delay_days")).isNull();
        Row y = out.get("2021-05 delay_reason y");
        assertThat((Object) y.getAs("delayed_discharges")).isNull();
        assertThat((Object) y.getAs("delay_days")).isNull();
        assertThat((Long) out.get("2021-05 delay_reason z").getAs("delay_days")).isEqualTo(150);
    }

    @Test
    void breakdown_the_testers_row_disputes_2020_09_one_person_60_days() {
        // The hostile tester's row: West Northamptonshire, 2020-09, delay_reason "disputes", one person delayed
        // 60 days. Rule (NHS Digital, values based on 1-7 individuals): delay_days is the sum of the delays of
        // the delayed discharges, so it rests on delayed_discharges and is withheld wherever that count is.
        //   delayed_discharges: disputes 1 (primary), housing 9, other 30 -> housing (next smallest) secondary
        //   delay_days: disputes 60 and housing 9 x 10 = 90 follow their counts; other 30 x 5 = 150 -> 150
        //   otherwise 60 = (monthly total) - 90 - 150 would give the one person's delay back by subtraction
        Map<String, Row> out = publishBreakdownByKey(List.of(
                cell("2020-09", "delay_reason", "disputes", 1, 1, 60),
                cell("2020-09", "delay_reason", "housing", 9, 9, 90),
                cell("2020-09", "delay_reason", "other", 30, 30, 150)));
        Row disputes = out.get("2020-09 delay_reason disputes");
        assertThat((Object) disputes.getAs("delayed_discharges")).isNull();
        assertThat((Object) disputes.getAs("delay_days")).isNull();
        assertThat((Boolean) disputes.getAs("suppressed")).isTrue();
        Row housing = out.get("2020-09 delay_reason housing");
        assertThat((Object) housing.getAs("delayed_discharges")).isNull();
        assertThat((Object) housing.getAs("delay_days")).isNull();
        assertThat((Long) out.get("2020-09 delay_reason other").getAs("delay_days")).isEqualTo(150);
    }

    /**
     * the schema with every column nullable: the output schemas declare counts non-null, so a null
     * count is only possible in a table that did not come through them; the rule must still hold
     */
    private static org.apache.spark.sql.types.StructType nullable(org.apache.spark.sql.types.StructType s) {
        var out = new org.apache.spark.sql.types.StructType();
        for (var f : s.fields()) {
            out = out.add(f.name(), f.dataType(), true, f.metadata());
        }
        return out;
    }

    @Test
    void breakdown_delay_days_are_not_shown_when_the_count_they_rest_on_is_null() {
        // counts null (unknown, or withheld upstream) but 60 delay days: the 60 could be one person's delay,
        // so a sum is only shown beside a shown count. Before the fix isSmall(null) is null, the suppression
        // flag was null, and Spark's when(null) fell through to "publish": 60 was shown with null counts.
        Map<String, Object> unknown = cell("2020-09", "delay_reason", "disputes", 1, 0, 60);
        unknown.put("discharges", null);
        unknown.put("delayed_discharges", null);
        var t = Frames.of(nullable(OutputTables.DELAYED_DISCHARGE_BREAKDOWN.sparkType()), List.of(unknown,
                cell("2020-09", "delay_reason", "housing", 20, 20, 100),
                cell("2020-09", "delay_reason", "other", 30, 30, 150)));
        Map<String, Row> out = new TreeMap<>();
        DisclosureControl.delayedDischargeBreakdown(t).collectAsList().forEach(r -> out.put(
                r.getAs("month") + " " + r.getAs("dimension") + " " + r.getAs("category"), r));
        Row disputes = out.get("2020-09 delay_reason disputes");
        assertThat((Object) disputes.getAs("delayed_discharges")).isNull();
        assertThat((Object) disputes.getAs("delay_days")).isNull();
        assertThat((Boolean) disputes.getAs("suppressed")).isTrue();
        // a lone withheld delay_days takes the next smallest (housing, 100) with it; other 150 stays
        assertThat((Object) out.get("2020-09 delay_reason housing").getAs("delay_days")).isNull();
        assertThat((Long) out.get("2020-09 delay_reason other").getAs("delay_days")).isEqualTo(150);
    }

    @Test
    void monthly_a_sum_of_days_is_not_shown_when_the_count_it_rests_on_is_null() {
        // delayed_bed_days_in_month 60 rests on delayed_in_month_discharges; with that count null, 60 might be
        // one person's: withheld. (publishSum tested isSmall(null), which is null, and so showed the sum.)
        var t = Frames.of(nullable(OutputTables.DELAYED_DISCHARGE_MONTHLY.sparkType()), List.of(monthly("2020-09",
                40, 30, 20, 10, 3.0, "delayed_in_month_discharges", null, "delayed_bed_days_in_month", 60L)));
        Row r = DisclosureControl.delayedDischargeMonthly(t).first();
        assertThat((Object) r.getAs("delayed_bed_days_in_month")).isNull();
        assertThat((Long) r.getAs("delay_days")).isEqualTo(30);   // 10 x 3 over 10 delayed: shown
        assertThat((Boolean) r.getAs("suppressed")).isTrue();
    }

    @Test
    void breakdown_a_lone_suppressed_delay_days_takes_the_next_smallest_with_it() {
        // delayed 10, 12, 30 (nothing small) but delay_days 5 (small), 80, 40: 5 is suppressed,
        // so the next smallest non-zero delay_days (40) goes too; 80 stays
        Map<String, Row> out = publishBreakdownByKey(List.of(
                cell("2021-05", "delay_band", "1", 10, 10, 5), cell("2021-05", "delay_band", "4-6", 12, 12, 80),
                cell("2021-05", "delay_band", "7-13", 30, 30, 40)));
        assertThat((Object) out.get("2021-05 delay_band 1").getAs("delay_days")).isNull();
        assertThat((Object) out.get("2021-05 delay_band 7-13").getAs("delay_days")).isNull();
        assertThat((Long) out.get("2021-05 delay_band 4-6").getAs("delay_days")).isEqualTo(80);
        assertThat((Long) out.get("2021-05 delay_band 7-13").getAs("delayed_discharges")).isEqualTo(30);
    }

    @Test
    void a_mean_indicator_is_suppressed_over_1_to_7_patients_and_otherwise_shown_as_calculated() {
        Map<String, Row> out = publishIndicators(List.of(
                // 43 delay days over 20 patients: 2.15 as calculated; counts rounded 45 and 20
                indicator("mean", "month", "mean_discharge_delay_days", 43, 20.0, 2.15, "mean_days", null, null),
                // 30 delay days over 5 patients: suppressed
                indicator("mean-small", "month", "mean_discharge_delay_days", 30, 5.0, 6.0, "mean_days", null, null),
                indicator("mean-empty", "month", "mean_discharge_delay_days", 0, 0.0, null, "mean_days", null, null)));
        Row mean = out.get("mean");
        assertThat((Double) mean.getAs("value")).isEqualTo(2.15);
        assertThat((Long) mean.getAs("numerator")).isEqualTo(45);
        assertThat((Double) mean.getAs("denominator")).isEqualTo(20.0);
        assertThat((Boolean) mean.getAs("suppressed")).isFalse();
        assertThat((String) mean.getAs("national_reference")).isEqualTo("ref mean_discharge_delay_days");
        Row small = out.get("mean-small");
        assertThat((Object) small.getAs("value")).isNull();
        assertThat((Object) small.getAs("numerator")).isNull();
        assertThat((Object) small.getAs("denominator")).isNull();
        assertThat((Boolean) small.getAs("suppressed")).isTrue();
        assertThat((Object) out.get("mean-empty").getAs("value")).isNull();
        assertThat((Boolean) out.get("mean-empty").getAs("suppressed")).isFalse();
    }

    @Test
    void a_mean_indicator_whose_delay_days_rest_on_1_to_7_delayed_patients_is_suppressed() {
        // 60 delay days over 40 patients (mean 1.5) but all from 1 delayed patient: 1.5 x 40 gives the 60 back
        Map<String, Object> one = indicator("mean-one", "month", "mean_discharge_delay_days", 60, 40.0, 1.5,
                "mean_days", null, null);
        one.put("numerator_discharges", 1L);
        // 60 days from 9 delayed patients over 40: shown (numerator rounded to 60, discharges to 10)
        Map<String, Object> nine = indicator("mean-nine", "month", "mean_discharge_delay_days", 60, 40.0, 1.5,
                "mean_days", null, null);
        nine.put("numerator_discharges", 9L);
        Map<String, Row> out = publishIndicators(List.of(one, nine));
        Row hidden = out.get("mean-one");
        assertThat((Object) hidden.getAs("value")).isNull();
        assertThat((Object) hidden.getAs("numerator")).isNull();
        assertThat((Object) hidden.getAs("numerator_discharges")).isNull();
        assertThat((Boolean) hidden.getAs("suppressed")).isTrue();
        Row shown = out.get("mean-nine");
        assertThat((Double) shown.getAs("value")).isEqualTo(1.5);
        assertThat((Long) shown.getAs("numerator")).isEqualTo(60);
        assertThat((Long) shown.getAs("numerator_discharges")).isEqualTo(10);
        assertThat((Boolean) shown.getAs("suppressed")).isFalse();
    }

    @Test
    void delayed_bed_days_of_1_to_7_discharges_are_suppressed_in_the_indicators_too() {
        Map<String, Object> oneInMonth = indicator("beds-one", "month", "delayed_beds_per_day_per_100k_18plus", 60, null,
                60.0, "count", null, null);
        oneInMonth.put("numerator_discharges", 1L);
        Map<String, Object> nineInMonth = indicator("beds-nine", "month", "delayed_beds_per_day_per_100k_18plus", 58,
                null, 58.0, "count", null, null);
        nineInMonth.put("numerator_discharges", 9L);
        Map<String, Object> oneInYear = indicator("beds-year", "financial_year", "delayed_beds_per_day_per_100k_18plus",
                60, 73.0, 60 / 73.0, "rate_per_100k", null, null);
        oneInYear.put("numerator_discharges", 1L);
        Map<String, Row> out = publishIndicators(List.of(oneInMonth, nineInMonth, oneInYear));
        // one patient's 60 delayed days would identify them: days, value suppressed; the count of 1 too
        Row one = out.get("beds-one");
        assertThat((Object) one.getAs("numerator")).isNull();
        assertThat((Object) one.getAs("value")).isNull();
        assertThat((Object) one.getAs("numerator_discharges")).isNull();
        assertThat((Boolean) one.getAs("suppressed")).isTrue();
        // nine discharges, 58 days: 58 -> 60, 9 -> 10
        Row nine = out.get("beds-nine");
        assertThat((Long) nine.getAs("numerator")).isEqualTo(60);
        assertThat((Double) nine.getAs("value")).isEqualTo(60.0);
        assertThat((Long) nine.getAs("numerator_discharges")).isEqualTo(10);
        assertThat((Boolean) nine.getAs("suppressed")).isFalse();
        Row year = out.get("beds-year");
        assertThat((Object) year.getAs("numerator")).isNull();
        assertThat((Object) year.getAs("value")).isNull();
        assertThat((Double) year.getAs("denominator")).isEqualTo(73.0);
    }
}
