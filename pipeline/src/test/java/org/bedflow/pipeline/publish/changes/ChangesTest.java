package org.bedflow.pipeline.publish.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Tiny delayed_discharge_monthly / indicators tables in, the changed figures out (limits: 5 %, 10). */
class ChangesTest {

    private static final Changes.Limits LIMITS = Changes.Limits.defaults();
    private static final String AREA = "E06000062";

    /** A delayed_discharge_monthly row: month, discharges, delayed_discharges, pct_delayed, provisional. */
    private static Map<String, Object> monthly(String month, Long discharges, Long delayed, Double pctDelayed,
                                               boolean provisional, String runId) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("unitary_area", AREA);
        r.put("month", month);
        r.put("period_end", LocalDate.parse(month + "-01").plusMonths(1).minusDays(1));
        r.put("discharges", discharges);
        r.put("delayed_discharges", delayed);
        r.put("pct_delayed", pctDelayed);
        r.put("provisional", provisional);
        r.put("run_id", runId);
        return r;
    }

    private static Changes.Figures figures(String runId, List<Map<String, Object>> rows) {
        return new Changes.Figures(runId, LocalDate.parse("2024-04-10"), List.of(new Changes.Table(
                "delayed_discharge_monthly", List.of("discharges", "delayed_discharges", "pct_delayed"),
                Set.of("discharges", "delayed_discharges"), rows)));
    }

    private static Changes.Change only(List<Changes.Change> changes, String month, String measure) {
        List<Changes.Change> found = changes.stream()
                .filter(c -> month.equals(c.period()) && measure.equals(c.measure())).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void aChangeBeyondBothLimitsIsARevisionAndOneBelowEitherIsNot() {
        // given discharges of three closed months and a provisional one
        var before = figures("A", List.of(
                monthly("2024-01", 100L, 10L, null, false, "A"),
                monthly("2024-02", 200L, 20L, null, false, "A"),
                monthly("2024-03", 200L, 20L, null, false, "A"),
                monthly("2024-04", 50L, 5L, null, true, "A")));
        var after = figures("B", List.of(
                monthly("2024-01", 106L, 10L, null, false, "B"),   // +6 = +6 %: beyond 5 % but 6 < 10: changed
                monthly("2024-02", 212L, 20L, null, false, "B"),   // +12 = +6 %: beyond both: revised
                monthly("2024-03", 209L, 20L, null, false, "B"),   // +9 = +4.5 %: within 5 %: changed
                monthly("2024-04", 50L, 5L, null, true, "B")));    // unchanged: left out

        // when
        List<Changes.Change> changes = Changes.compare(before, after, LIMITS);

        // then
        assertThat(changes).hasSize(3);
        Changes.Change jan = only(changes, "2024-01", "discharges");
        assertThat(jan.flag()).isEqualTo(Changes.CHANGED);
        assertThat(jan.difference()).isEqualTo(6.0);
        assertThat(jan.pctChange()).isEqualTo(6.0);
        Changes.Change feb = only(changes, "2024-02", "discharges");
        assertThat(feb.flag()).isEqualTo(Changes.REVISED);
        assertThat(feb.oldValue()).isEqualTo(200.0);
        assertThat(feb.newValue()).isEqualTo(212.0);
        assertThat(feb.difference()).isEqualTo(12.0);
        assertThat(feb.pctChange()).isEqualTo(6.0);
        assertThat(feb.closedPeriod()).isTrue();
        assertThat(feb.oldRunId()).isEqualTo("A");
        assertThat(feb.newRunId()).isEqualTo("B");
        assertThat(feb.periodType()).isEqualTo("month");
        assertThat(feb.unitaryArea()).isEqualTo(AREA);
        Changes.Change mar = only(changes, "2024-03", "discharges");
        assertThat(mar.flag()).isEqualTo(Changes.CHANGED);
        assertThat(mar.pctChange()).isEqualTo(4.5);
        // the revision is listed first
        assertThat(changes.get(0)).isEqualTo(feb);
        assertThat(Changes.counts(changes)).containsEntry("revised", 1L).containsEntry("changed", 2L)
                .containsEntry("new", 0L);
    }

    @Test
    void aPercentageIsRevisedOnItsNumeratorsDifference() {
        // pct_delayed 10.0 -> 12.0 (+20 %) in both months; its numerator delayed_discharges +4 (< 10) in January,
        // +20 (>= 10) in February
        var before = figures("A", List.of(
                monthly("2024-01", 200L, 20L, 10.0, false, "A"),
                monthly("2024-02", 1000L, 100L, 10.0, false, "A")));
        var after = figures("B", List.of(
                monthly("2024-01", 200L, 24L, 12.0, false, "B"),
                monthly("2024-02", 1000L, 120L, 12.0, false, "B")));

        List<Changes.Change> changes = Changes.compare(before, after, LIMITS);

        assertThat(only(changes, "2024-01", "pct_delayed").flag()).isEqualTo(Changes.CHANGED);
        assertThat(only(changes, "2024-02", "pct_delayed").flag()).isEqualTo(Changes.REVISED);
        assertThat(only(changes, "2024-02", "pct_delayed").pctChange()).isCloseTo(20.0,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void newGoneAndSuppressionTransitionsAreFlagged() {
        var before = figures("A", List.of(
                monthly("2024-01", 100L, null, null, false, "A"),  // delayed suppressed before
                monthly("2024-02", 100L, 9L, null, false, "A"),
                monthly("2024-03", 40L, 4L, null, false, "A")));   // gone in B
        var after = figures("B", List.of(
                monthly("2024-01", 100L, 12L, null, false, "B"),   // unsuppressed now
                monthly("2024-02", 100L, null, null, false, "B"),  // suppressed now
                monthly("2024-04", 30L, 3L, null, true, "B")));    // new

        List<Changes.Change> changes = Changes.compare(before, after, LIMITS);

        assertThat(only(changes, "2024-01", "delayed_discharges").flag()).isEqualTo(Changes.UNSUPPRESSED_NOW);
        assertThat(only(changes, "2024-01", "delayed_discharges").newValue()).isEqualTo(12.0);
        assertThat(only(changes, "2024-02", "delayed_discharges").flag()).isEqualTo(Changes.SUPPRESSED_NOW);
        assertThat(only(changes, "2024-03", "discharges").flag()).isEqualTo(Changes.GONE);
        assertThat(only(changes, "2024-03", "discharges").oldValue()).isEqualTo(40.0);
        assertThat(only(changes, "2024-04", "discharges").flag()).isEqualTo(Changes.NEW);
        assertThat(only(changes, "2024-04", "discharges").closedPeriod()).isFalse();
        // 2 transitions + 2 gone figures (discharges, delayed) + 2 new ones
        assertThat(changes).hasSize(6);
    }

    @Test
    void revisionsInClosedPeriodsComeFirstThenTheLargest() {
        // 2024-03 was provisional in A: its +50 % revision comes after the closed months' +10 % and +20 %
        var before = figures("A", List.of(
                monthly("2024-01", 200L, 20L, null, false, "A"),
                monthly("2024-02", 200L, 20L, null, false, "A"),
                monthly("2024-03", 200L, 20L, null, true, "A")));
        var after = figures("B", List.of(
                monthly("2024-01", 220L, 20L, null, false, "B"),   // +20 = +10 %
                monthly("2024-02", 240L, 20L, null, false, "B"),   // +40 = +20 %
                monthly("2024-03", 300L, 20L, null, false, "B"))); // +100 = +50 %, provisional before

        List<Changes.Change> changes = Changes.compare(before, after, LIMITS);

        assertThat(changes).extracting(Changes.Change::period).containsExactly("2024-02", "2024-01", "2024-03");
        assertThat(changes).extracting(Changes.Change::closedPeriod).containsExactly(true, true, false);
        assertThat(changes).extracting(Changes.Change::flag).containsOnly(Changes.REVISED);
    }

    @Test
    void aTableWithoutTheProvisionalColumnIsClosedByTheCalendar() {
        // old layout: no provisional column; run date 2024-04-10: March is over, April is not
        List<Map<String, Object>> old = new ArrayList<>();
        for (String m : List.of("2024-03", "2024-04")) {
            Map<String, Object> r = new HashMap<>(monthly(m, 100L, 10L, null, false, "A"));
            r.remove("provisional");
            old.add(r);
        }
        var after = figures("B", List.of(
                monthly("2024-03", 150L, 10L, null, false, "B"),
                monthly("2024-04", 150L, 10L, null, false, "B")));

        List<Changes.Change> changes = Changes.compare(figures("A", old), after, LIMITS);

        assertThat(only(changes, "2024-03", "discharges").closedPeriod()).isTrue();
        assertThat(only(changes, "2024-04", "discharges").closedPeriod()).isFalse();
    }

    @Test
    void indicatorsAreKeyedByPeriodAndIndicator() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("unitary_area", AREA);
        a.put("period_type", "financial_year");
        a.put("period", "2023-24");
        a.put("indicator", "emergency_admissions");
        a.put("numerator", 1000L);
        a.put("value", 2500.0);
        a.put("provisional", false);
        Map<String, Object> b = new LinkedHashMap<>(a);
        b.put("numerator", 1100L);  // +100 = +10 %
        b.put("value", 2750.0);     // +10 %, numerator +100
        var table = List.of("numerator", "value");
        var before = new Changes.Figures("A", null, List.of(new Changes.Table("indicators", table,
                Set.of("numerator"), List.of(a))));
        var after = new Changes.Figures("B", null, List.of(new Changes.Table("indicators", table,
                Set.of("numerator"), List.of(b))));

        List<Changes.Change> changes = Changes.compare(before, after, LIMITS);

        assertThat(changes).hasSize(2).allSatisfy(c -> {
            assertThat(c.flag()).isEqualTo(Changes.REVISED);
            assertThat(c.periodType()).isEqualTo("financial_year");
            assertThat(c.period()).isEqualTo("2023-24");
            assertThat(c.dimension()).isEqualTo("indicator");
            assertThat(c.category()).isEqualTo("emergency_admissions");
        });
    }
}
