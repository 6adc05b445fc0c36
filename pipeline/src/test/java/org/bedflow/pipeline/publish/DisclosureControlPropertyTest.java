package org.bedflow.pipeline.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.testing.Frames;
import org.junit.jupiter.api.Test;

/**
 * Property-style checks of docs/commissioners.md "Disclosure control" over seeded random
 * tables of many small counts (0-12) with the sums of days that rest on them: for every
 * published row, counts are 0, null (1-7) or a multiple of 5; no sum, mean or percentile is
 * shown where the count it rests on is not; percentages are null when either side is; in
 * the breakdown no area-month-dimension has exactly one suppressed category of a count
 * column while another non-zero one is left to subtract it from.
 */
class DisclosureControlPropertyTest {

    private static final long SEED = 20261205L;

    /** sum column -> the count it rests on (the number of people whose days make it up) */
    private static final Map<String, String> MONTHLY_SUMS = Map.of(
            "delay_days", "delayed_discharges",
            "delay_days_with_new_care_start", "delayed_with_new_care_start",
            "delayed_bed_days_in_month", "delayed_in_month_discharges");

    /** mean, median or percentile -> the counts whose values lie behind it */
    private static final Map<String, List<String>> MONTHLY_STATISTICS = Map.of(
            "mean_delay_days", List.of("delayed_discharges"),
            "mean_delay_days_all", List.of("drd_measured_discharges", "delayed_discharges"),
            "median_delay_days", List.of("delayed_discharges"),
            "p90_delay_days", List.of("delayed_discharges"),
            "median_drd_to_care_start_days", List.of("discharges_with_drd_and_care_start"));

    /** percentage -> numerator, denominator */
    private static final Map<String, List<String>> MONTHLY_PERCENTAGES = Map.of(
            "pct_drd_recorded", List.of("discharges_with_drd", "overnight_discharges"),
            "pct_discharged_on_drd", List.of("discharged_on_drd", "drd_measured_discharges"),
            "pct_delayed", List.of("delayed_discharges", "drd_measured_discharges"),
            "pct_delayed_7plus_days", List.of("delayed_7plus_days", "drd_measured_discharges"),
            "pct_discharged_to_usual_residence", List.of("discharged_to_usual_residence", "discharges"));

    private static int upTo(Random r, long max) {
        return max <= 0 ? 0 : r.nextInt((int) max + 1);
    }

    /** one delay per delayed person, 1-60 days */
    private static long[] delays(Random r, long n) {
        long[] d = new long[(int) n];
        for (int i = 0; i < n; i++) {
            d[i] = 1 + r.nextInt(60);
        }
        return d;
    }

    private static long sum(long[] d, int from, int to) {
        long s = 0;
        for (int i = from; i < to; i++) {
            s += d[i];
        }
        return s;
    }

    private static Map<String, Object> monthlyRow(Random r, StructType schema, String area, String month) {
        Map<String, Object> m = new HashMap<>();
        for (StructField f : schema.fields()) {
            m.put(f.name(), f.dataType().equals(DataTypes.LongType) ? 0L : null);
        }
        long discharges = upTo(r, 12);
        long overnight = upTo(r, discharges);
        long measured = upTo(r, overnight);
        long onDrd = upTo(r, measured);
        long delayed = measured - onDrd;
        long[] d = delays(r, delayed);
        java.util.Arrays.sort(d);
        long days = sum(d, 0, d.length);
        long inMonth = upTo(r, delayed);
        long withCare = upTo(r, delayed);
        long drdAndCare = upTo(r, measured);
        long band7 = java.util.Arrays.stream(d).filter(x -> x >= 7).count();
        m.putAll(Frames.row("unitary_area", area, "unitary_area_name", area, "month", month, "run_id", "r",
                "discharges", discharges, "overnight_discharges", overnight, "drd_measured_discharges", measured,
                "discharges_with_drd", measured, "discharged_on_drd", onDrd, "delayed_discharges", delayed,
                "delay_days", days, "delayed_7plus_days", band7, "delayed_1_day",
                java.util.Arrays.stream(d).filter(x -> x == 1).count(),
                "delayed_in_month_discharges", inMonth, "delayed_bed_days_in_month", sum(d, 0, (int) inMonth),
                "delayed_with_new_care_start", withCare, "delay_days_with_new_care_start", sum(d, 0, (int) withCare),
                "discharges_with_drd_and_care_start", drdAndCare,
                "discharged_to_usual_residence", (long) upTo(r, discharges),
                "pct_drd_recorded", overnight == 0 ? null : 100.0 * measured / overnight,
                "pct_discharged_on_drd", measured == 0 ? null : 100.0 * onDrd / measured,
                "pct_delayed", measured == 0 ? null : 100.0 * delayed / measured,
                "pct_delayed_7plus_days", measured == 0 ? null : 100.0 * band7 / measured,
                "pct_discharged_to_usual_residence", discharges == 0 ? null : 50.0,
                "mean_delay_days", delayed == 0 ? null : (double) days / delayed,
                "mean_delay_days_all", measured == 0 ? null : (double) days / measured,
                "median_delay_days", delayed == 0 ? null : (double) d[d.length / 2],
                "p90_delay_days", delayed == 0 ? null : (double) d[(int) Math.floor(0.9 * (d.length - 1))],
                "median_drd_to_care_start_days", drdAndCare == 0 ? null : 2.0));
        m.keySet().retainAll(List.of(schema.fieldNames()));
        return m;
    }

    private static void assertCount(String what, Long in, Long out) {
        if (in == null) {
            assertThat(out).as(what + ": null stays null").isNull();
        } else if (in == 0) {
            assertThat(out).as(what + ": 0 stays 0").isEqualTo(0L);
        } else if (in <= 7) {
            assertThat(out).as(what + ": 1-7 is suppressed").isNull();
        } else if (out != null) {
            assertThat(out % 5).as(what + ": 8+ is a multiple of 5").isZero();
            assertThat(Math.abs(out - in)).as(what + ": rounded to the nearest 5").isLessThanOrEqualTo(2);
        }
    }

    @Test
    void published_monthly_rows_show_no_value_resting_on_a_suppressed_count() {
        Random r = new Random(SEED);
        StructType schema = OutputTables.DELAYED_DISCHARGE_MONTHLY.sparkType();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            for (int month = 1; month <= 60; month++) {
                rows.add(monthlyRow(r, schema, "A" + a, String.format("%d-%02d", 2020 + (month - 1) / 12,
                        (month - 1) % 12 + 1)));
            }
        }
        Map<String, Map<String, Object>> in = new HashMap<>();
        rows.forEach(m -> in.put(m.get("unitary_area") + " " + m.get("month"), m));
        List<Row> out = DisclosureControl.delayedDischargeMonthly(Frames.of(schema, rows)).collectAsList();
        assertThat(out).hasSize(rows.size());
        int suppressedSums = 0;
        for (Row p : out) {
            Map<String, Object> src = in.get(p.getAs("unitary_area") + " " + p.getAs("month"));
            String key = src.get("unitary_area") + " " + src.get("month");
            boolean anyWithheld = false;
            for (StructField f : schema.fields()) {
                if (f.dataType().equals(DataTypes.LongType)) {
                    assertCount(key + " " + f.name(), (Long) src.get(f.name()), p.getAs(f.name()));
                }
                anyWithheld |= src.get(f.name()) != null && p.getAs(f.name()) == null;
            }
            for (Map.Entry<String, String> s : MONTHLY_SUMS.entrySet()) {
                if (p.getAs(s.getValue()) == null) {
                    assertThat((Object) p.getAs(s.getKey())).as(key + " " + s.getKey() + " rests on suppressed "
                            + s.getValue()).isNull();
                    suppressedSums += (Long) src.get(s.getKey()) > 0 ? 1 : 0;
                }
            }
            for (Map.Entry<String, List<String>> s : MONTHLY_STATISTICS.entrySet()) {
                for (String count : s.getValue()) {
                    if (p.getAs(count) == null) {
                        assertThat((Object) p.getAs(s.getKey())).as(key + " " + s.getKey() + " over suppressed "
                                + count).isNull();
                    }
                }
            }
            for (Map.Entry<String, List<String>> s : MONTHLY_PERCENTAGES.entrySet()) {
                if (p.getAs(s.getValue().get(0)) == null || p.getAs(s.getValue().get(1)) == null) {
                    assertThat((Object) p.getAs(s.getKey())).as(key + " " + s.getKey()).isNull();
                }
            }
            assertThat((Boolean) p.getAs("suppressed")).as(key + " suppressed flag").isEqualTo(anyWithheld);
        }
        assertThat(suppressedSums).as("the generated data exercises the sums rule").isGreaterThan(50);
    }

    private static final Map<String, List<String>> DIMENSIONS = Map.of(
            "pathway", List.of("0", "1", "2", "3", "unknown"),
            "delay_reason", List.of("disputes", "housing", "care_home", "other", "unknown"),
            "delay_band", List.of("none", "1", "2-3", "4-6", "7-13", "14-20", "21+", "unknown"));

    @Test
    void published_breakdown_rows_show_no_delay_days_resting_on_a_suppressed_count() {
        Random r = new Random(SEED + 1);
        StructType schema = OutputTables.DELAYED_DISCHARGE_BREAKDOWN.sparkType();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            for (int month = 1; month <= 24; month++) {
                for (Map.Entry<String, List<String>> dim : DIMENSIONS.entrySet()) {
                    for (String category : dim.getValue()) {
                        long discharges = r.nextInt(4) == 0 ? 0 : upTo(r, 12);
                        long delayed = upTo(r, discharges);
                        long[] d = delays(r, delayed);
                        rows.add(Frames.row("unitary_area", "A" + a, "unitary_area_name", "A" + a, "month",
                                String.format("%d-%02d", 2020 + (month - 1) / 12, (month - 1) % 12 + 1),
                                "dimension", dim.getKey(), "category", category, "discharges", discharges,
                                "delayed_discharges", delayed, "delay_days", sum(d, 0, d.length), "run_id", "r"));
                    }
                }
            }
        }
        Map<String, Map<String, Object>> in = new HashMap<>();
        rows.forEach(m -> in.put(key(m.get("unitary_area"), m.get("month"), m.get("dimension"), m.get("category")), m));
        List<Row> out = DisclosureControl.delayedDischargeBreakdown(Frames.of(schema, rows)).collectAsList();
        assertThat(out).hasSize(rows.size());
        List<String> counts = List.of("discharges", "delayed_discharges", "delay_days");
        // area-month-dimension -> count column -> [suppressed non-zero, non-zero]
        Map<String, Map<String, int[]>> cells = new HashMap<>();
        int secondary = 0;
        for (Row p : out) {
            String k = key(p.getAs("unitary_area"), p.getAs("month"), p.getAs("dimension"), p.getAs("category"));
            Map<String, Object> src = in.get(k);
            boolean anyWithheld = false;
            for (String c : counts) {
                Long before = (Long) src.get(c);
                Long after = p.getAs(c);
                assertCount(k + " " + c, before, after);
                anyWithheld |= after == null;
                secondary += after == null && before > 7 ? 1 : 0;
                int[] tally = cells.computeIfAbsent(key(p.getAs("unitary_area"), p.getAs("month"),
                        p.getAs("dimension")), x -> new HashMap<>()).computeIfAbsent(c, x -> new int[2]);
                tally[0] += after == null ? 1 : 0;
                tally[1] += before > 0 ? 1 : 0;
            }
            // delay_days is the sum of the delays of the delayed discharges: it rests on them
            if (p.getAs("delayed_discharges") == null) {
                assertThat((Object) p.getAs("delay_days")).as(k + " delay_days over suppressed delayed_discharges")
                        .isNull();
            }
            assertThat((Boolean) p.getAs("suppressed")).as(k + " suppressed flag").isEqualTo(anyWithheld);
        }
        cells.forEach((cell, byCount) -> byCount.forEach((c, tally) -> assertThat(tally[0] == 1 && tally[1] > 1)
                .as("%s %s: one suppressed category beside %d non-zero ones", cell, c, tally[1] - 1).isFalse()));
        assertThat(secondary).as("the generated data exercises secondary suppression").isGreaterThan(20);
    }

    private static String key(Object... parts) {
        StringBuilder b = new StringBuilder();
        for (Object o : parts) {
            b.append(o).append(' ');
        }
        return b.toString().trim();
    }
}
