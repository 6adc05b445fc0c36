package org.bedflow.pipeline.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.measure.LinkedSpellRows.NORTH;
import static org.bedflow.pipeline.measure.LinkedSpellRows.WEST;
import static org.bedflow.pipeline.measure.LinkedSpellRows.spell;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.measure.completeness.Completeness;
import org.bedflow.pipeline.measure.completeness.FeedCompleteness;
import org.bedflow.pipeline.measure.completeness.ProvisionalColumn;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/** The {@code provisional} column of the aggregate tables, and the counts the completeness rule collects. */
class ProvisionalColumnTest {

    private static final LocalDate AFTER_MARCH = LocalDate.of(2022, 4, 20);

    /** West's March is provisional (its main provider's discharges lag); North has nothing provisional. */
    private static Completeness westMarch(String lastComplete, List<String> warnings) {
        return new Completeness(List.of(new Completeness.Supplier(FeedCompleteness.DISCHARGES, "RNS", lastComplete,
                "2022-03", "2022-03: 2 of 20 admissions (10 %) have no discharge yet; limit 5 %", true)),
                Map.of(WEST, List.of("2022-03"), NORTH, List.of()), "2022-03-31", warnings);
    }

    /** RNS complete to the end of its data (2022-03): nothing provisional for completeness. */
    private static Completeness westComplete(List<String> warnings) {
        return new Completeness(List.of(new Completeness.Supplier(FeedCompleteness.DISCHARGES, "RNS", "2022-03",
                null, null, true)), Map.of(WEST, List.of(), NORTH, List.of()), "2022-03-31", warnings);
    }

    private static Map<String, Boolean> byAreaMonth(Dataset<Row> rows, String period) {
        Map<String, Boolean> out = new TreeMap<>();
        rows.collectAsList().forEach(r -> out.put(r.getAs("unitary_area") + " " + r.getAs(period),
                r.getAs("provisional")));
        return out;
    }

    @Test
    void collects_open_admissions_per_provider_and_admission_month() {
        // RNS: 20 admissions in March 2022, 2 with no discharge yet (2 / 20 = 10 %); RAA: 1 admission, discharged
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(spell("admission_date", "2022-03-01", "admission_month", "2022-03",
                    "discharge_date", i < 2 ? null : "2022-03-05", "discharge_month", i < 2 ? null : "2022-03",
                    "primary_diagnosis", i < 19 ? "J18.9" : null));
        }
        rows.add(spell("provider_code", "RAA", "unitary_area", NORTH, "admission_date", "2022-03-02",
                "admission_month", "2022-03", "discharge_date", "2022-03-31", "discharge_month", "2022-03"));
        FeedCompleteness.Counts counts = FeedCompleteness.collect(LinkedSpellRows.frame(rows), null,
                LinkedSpellRows.NORTHANTS);
        assertThat(counts.suppliers()).contains(
                new FeedCompleteness.SupplierCounts(FeedCompleteness.ADMISSIONS, "RNS", null,
                        List.of(new FeedCompleteness.MonthCounts("2022-03", 20, 0, 0, 19))),
                new FeedCompleteness.SupplierCounts(FeedCompleteness.DISCHARGES, "RNS", null,
                        List.of(new FeedCompleteness.MonthCounts("2022-03", 18, 20, 2, 0))));
        assertThat(counts.areaSpells()).isEqualTo(Map.of(WEST, Map.of("RNS", 20L), NORTH, Map.of("RAA", 1L)));
        assertThat(counts.latestData()).isEqualTo(LocalDate.of(2022, 3, 31));
        // nothing admitted a year before 2022-03-31: no baseline spells; the admissions by day of the last year
        assertThat(counts.stays().get("RNS").baseline()).isZero();
        assertThat(counts.stays().get("RNS").admittedByDay()).isEqualTo(Map.of(LocalDate.of(2022, 3, 1), 20L));
        assertThat(counts.stays().get("RAA").admittedByDay()).isEqualTo(Map.of(LocalDate.of(2022, 3, 2), 1L));
    }

    @Test
    void collects_the_lengths_of_stay_of_spells_admitted_a_year_before_the_latest_data() {
        // latest data 2022-03-31, a year before: 2021-03-31. Baseline: 2021-03-31 to 2021-04-04 (4 days), 2021-01-01
        // still open (at the cap, 366), 2020-01-01 to 2021-06-01 (517 days, capped at 366). Not baseline: 2021-04-01.
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(spell("admission_date", "2021-03-31", "admission_month", "2021-03",
                "discharge_date", "2021-04-04", "discharge_month", "2021-04"));
        rows.add(spell("admission_date", "2021-01-01", "admission_month", "2021-01",
                "discharge_date", null, "discharge_month", null));
        rows.add(spell("admission_date", "2020-01-01", "admission_month", "2020-01",
                "discharge_date", "2021-06-01", "discharge_month", "2021-06"));
        rows.add(spell("admission_date", "2021-04-01", "admission_month", "2021-04",
                "discharge_date", "2022-03-31", "discharge_month", "2022-03"));
        FeedCompleteness.Stays stays = FeedCompleteness.collect(LinkedSpellRows.frame(rows), null,
                LinkedSpellRows.NORTHANTS).stays().get("RNS");
        assertThat(stays.baseline()).isEqualTo(3);
        assertThat(stays.stayDays()[4]).isEqualTo(1);
        assertThat(stays.stayDays()[FeedCompleteness.Stays.CAP]).isEqualTo(2);
        assertThat(stays.admittedByDay()).isEqualTo(Map.of(LocalDate.of(2021, 4, 1), 1L));
    }

    @Test
    void monthly_tables_mark_the_months_provisional_for_their_area() {
        var spells = LinkedSpellRows.frame(List.of(spell("admission_date", "2022-02-01", "admission_month", "2022-02",
                "discharge_date", "2022-03-02", "discharge_month", "2022-03", "los_days", 29)));
        var grid = LinkedSpellRows.grid("2022-02", "2022-03");
        var monthly = DelayedDischargeMeasures.monthly(SharedSpark.session(), spells, grid, "r");
        assertThat(byAreaMonth(ProvisionalColumn.monthly(monthly, westMarch("2022-02", List.of()), AFTER_MARCH),
                "month")).isEqualTo(Map.of(WEST + " 2022-02", false, WEST + " 2022-03", true,
                NORTH + " 2022-02", false, NORTH + " 2022-03", false));
        // no completeness result: the calendar alone; run date 2022-03-20 is inside March
        assertThat(byAreaMonth(ProvisionalColumn.monthly(monthly, null, LocalDate.of(2022, 3, 20)), "month"))
                .isEqualTo(Map.of(WEST + " 2022-02", false, WEST + " 2022-03", true,
                        NORTH + " 2022-02", false, NORTH + " 2022-03", true));
        var breakdown = DelayedDischargeBreakdown.breakdown(SharedSpark.session(), spells, grid,
                DelayReasons.load(DelayReasons.DEFAULT), "r");
        List<Row> marked = ProvisionalColumn.monthly(breakdown, westMarch("2022-02", List.of()), AFTER_MARCH)
                .collectAsList();
        assertThat(marked).isNotEmpty().allSatisfy(r -> assertThat((Boolean) r.getAs("provisional"))
                .isEqualTo(WEST.equals(r.getAs("unitary_area")) && "2022-03".equals(r.getAs("month"))));
    }

    @Test
    void indicators_mark_a_month_and_the_financial_year_it_falls_in() {
        StructType t = new StructType().add("unitary_area", DataTypes.StringType).add("period_type", DataTypes.StringType)
                .add("period", DataTypes.StringType).add("period_end", DataTypes.DateType);
        Dataset<Row> rows = SharedSpark.session().createDataFrame(List.of(
                RowFactory.create(WEST, "month", "2022-02", Date.valueOf("2022-02-28")),
                RowFactory.create(WEST, "month", "2022-03", Date.valueOf("2022-03-31")),
                RowFactory.create(WEST, "financial_year", "2021-22", Date.valueOf("2022-03-31")),
                RowFactory.create(NORTH, "financial_year", "2021-22", Date.valueOf("2022-03-31"))), t);
        // West's March is provisional, so its 2021-22 is; North's 2021-22 has ended (31 March < 20 April) and is complete
        assertThat(byAreaMonth(ProvisionalColumn.indicators(rows, westMarch("2022-02", List.of()), AFTER_MARCH),
                "period")).isEqualTo(Map.of(WEST + " 2022-02", false, WEST + " 2022-03", true,
                WEST + " 2021-22", true, NORTH + " 2021-22", false));
        // run date 2022-03-20: the year 2021-22 has not ended, provisional for every area
        assertThat(byAreaMonth(ProvisionalColumn.indicators(rows, null, LocalDate.of(2022, 3, 20)), "period"))
                .containsEntry(NORTH + " 2021-22", true).containsEntry(WEST + " 2022-02", false);
    }

    @Test
    void the_snapshot_is_provisional_when_a_hospital_feed_lags_or_a_run_date_warning_fires() {
        var spells = LinkedSpellRows.frame(List.of(spell()));
        var snapshot = InpatientSnapshot.snapshot(SharedSpark.session(), spells, LinkedSpellRows.grid("2022-03", "2022-03"),
                LocalDate.of(2022, 4, 1), "r");
        // RNS's discharges lag: its last complete month 2022-02 is before the last month of its data (2022-03), so
        // spells shown open on the run date may have ended unreported: provisional
        assertThat(ProvisionalColumn.snapshot(snapshot, westMarch("2022-02", List.of()), LocalDate.of(2022, 4, 1))
                .collectAsList()).allSatisfy(r -> assertThat((Boolean) r.getAs("provisional")).isTrue());
        // RNS complete to the end of its data (March), the run on 1 April: not provisional, although the snapshot's
        // month (April) is after every month of data
        assertThat(ProvisionalColumn.snapshot(snapshot, westComplete(List.of()), LocalDate.of(2022, 4, 1))
                .collectAsList()).allSatisfy(r -> assertThat((Boolean) r.getAs("provisional")).isFalse());
        // ... unless a run-date warning fired
        assertThat(ProvisionalColumn.snapshot(snapshot, westComplete(List.of("run date ...")),
                LocalDate.of(2022, 4, 1)).collectAsList())
                .allSatisfy(r -> assertThat((Boolean) r.getAs("provisional")).isTrue());
        // no completeness result: not provisional
        assertThat(ProvisionalColumn.snapshot(snapshot, null, LocalDate.of(2022, 4, 1)).collectAsList())
                .allSatisfy(r -> assertThat((Boolean) r.getAs("provisional")).isFalse());
    }
}
