package org.bedflow.pipeline.measure.indicators;

import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.DENOMINATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.INDICATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.NUMERATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.PERIOD;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.PERIOD_TYPE;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.UNITARY_AREA;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.measure.ReportingGrid;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.OutputTables;

/**
 * The {@code indicators} table (docs/indicators.md): every indicator of
 * {@link Indicator} for every configured area x every month of the grid and every financial
 * year the grid touches, zeros where nothing happened.
 *
 * <p>The families ({@link AdmissionRates}, {@link ZeroLengthOfStay},
 * {@link EmergencyReadmissions}, {@link DischargeIndicators}, {@link DelayedBedDays},
 * {@link ResidentialAdmissions}, {@link ReablementAfterDischarge}, and {@link UrgentCommunityResponse}
 * from the community_contacts feed) count in Spark into the small
 * {@link IndicatorCounts} frame (areas x periods x indicators x age bands: a few thousand
 * rows at most), which is collected with the population by unitary area, year and age; the
 * statistics are then computed on the driver with the {@code measure.stats} package
 * ({@link IndicatorStatistics}).
 */
public final class Indicators {

    private Indicators() {
    }

    /**
     * @param linkedSpells the linked_spells table
     * @param careEvents   pseudonymised care events ({@code LinkedSpells.careEvents}): with person_key,
     *                     care_person_key and unitary_area
     * @param population   the validated population feed (area_code, year, sex, age, population)
     * @param runDate      the run date: readmissions need discharge_date &lt;= run date - 30, ASCOF 2D
     *                     part 1 run date - 84
     */
    public static Dataset<Row> compute(SparkSession spark, Dataset<Row> linkedSpells, Dataset<Row> careEvents,
                                       Dataset<Row> population, ReorganisationMapping mapping, ReportingGrid grid,
                                       LocalDate runDate, String runId) {
        return compute(spark, linkedSpells, careEvents, null, population, mapping, grid, runDate, runId);
    }

    /**
     * @param communityContacts linkable community contacts ({@code CommunityContacts.contacts}): with
     *                          person_key and unitary_area; null when the run has none (their indicator's
     *                          rows are then empty cells)
     */
    public static Dataset<Row> compute(SparkSession spark, Dataset<Row> linkedSpells, Dataset<Row> careEvents,
                                       Dataset<Row> communityContacts, Dataset<Row> population,
                                       ReorganisationMapping mapping, ReportingGrid grid, LocalDate runDate,
                                       String runId) {
        List<Row> counts = counts(linkedSpells, careEvents, communityContacts, grid, runDate).collectAsList();
        Population.Table people = Population.collect(Population.byUnitary(population, mapping));
        return table(spark, assemble(counts, people, grid), runId);
    }

    /** Rows of the indicators table, in its columns ({@link OutputTables#INDICATORS}), with {@code run_id}. */
    static Dataset<Row> table(SparkSession spark, List<IndicatorRow> rows, String runId) {
        List<Row> out = rows.stream().map(r -> r.toRow(runId)).toList();
        return OutputTables.INDICATORS.conform(spark.createDataFrame(out, OutputTables.INDICATORS.sparkType()));
    }

    /** The counts of every family ({@link IndicatorCounts} columns). */
    public static Dataset<Row> counts(Dataset<Row> linkedSpells, Dataset<Row> careEvents, ReportingGrid grid,
                                      LocalDate runDate) {
        return counts(linkedSpells, careEvents, null, grid, runDate);
    }

    /**
     * The counts of every family ({@link IndicatorCounts} columns), the urgent community response
     * indicator's too when {@code communityContacts} is not null. The families whose counts are
     * sums give their rows unsummed and are summed together in one grouped aggregation: one
     * shuffle for all of them, where a sum per indicator made a shuffle and a Spark job each (the
     * sums are the same). Only the counts of distinct people are summed on their own.
     */
    static Dataset<Row> counts(Dataset<Row> linkedSpells, Dataset<Row> careEvents, Dataset<Row> communityContacts,
                               ReportingGrid grid, LocalDate runDate) {
        Dataset<Row> delayedDays = DelayedBedDays.days(linkedSpells, grid);
        Dataset<Row> rows = AdmissionRates.rows(linkedSpells, grid)
                .unionByName(ZeroLengthOfStay.rows(linkedSpells, grid))
                .unionByName(EmergencyReadmissions.rows(linkedSpells, grid, runDate))
                .unionByName(DischargeIndicators.rows(linkedSpells, grid))
                .unionByName(DelayedBedDays.rows(delayedDays, grid))
                .unionByName(ReablementAfterDischarge.rows(linkedSpells, careEvents, grid, runDate));
        if (communityContacts != null) {
            rows = rows.unionByName(UrgentCommunityResponse.rows(communityContacts, linkedSpells, grid, runDate));
        }
        return IndicatorCounts.aggregate(rows)
                .unionByName(DelayedBedDays.discharges(delayedDays, grid))
                .unionByName(ResidentialAdmissions.counts(careEvents, grid));
    }

    /** The complete grid of rows from the collected counts: areas x (months, then financial years) x indicators. */
    static List<IndicatorRow> assemble(List<Row> counts, Population.Table population, ReportingGrid grid) {
        return assemble(counts, population, grid, List.of(Indicator.values()));
    }

    /** The complete grid of rows of {@code indicators} alone, in the same order. */
    static List<IndicatorRow> assemble(List<Row> counts, Population.Table population, ReportingGrid grid,
                                       List<Indicator> indicators) {
        Map<String, Map<String, Long>> numerators = new HashMap<>();
        Map<String, Long> denominators = new HashMap<>();
        for (Row r : counts) {
            String key = key(r.getAs(UNITARY_AREA), r.getAs(PERIOD_TYPE), r.getAs(PERIOD), r.getAs(INDICATOR));
            numerators.computeIfAbsent(key, k -> new HashMap<>())
                    .merge(r.getAs(IndicatorCounts.AGE_BAND), r.<Long>getAs(NUMERATOR), Long::sum);
            denominators.merge(key, r.<Long>getAs(DENOMINATOR), Long::sum);
        }
        List<String> months = grid.months();
        List<String> years = Periods.financialYears(months);
        List<IndicatorRow> out = new ArrayList<>();
        for (var area : grid.areas().entrySet()) {
            for (Periods.Type type : Periods.Type.values()) {
                for (String period : type == Periods.Type.MONTH ? months : years) {
                    for (Indicator indicator : indicators) {
                        String key = key(area.getKey(), type.value(), period, indicator.id());
                        var c = new IndicatorStatistics.Counts(numerators.getOrDefault(key, Map.of()),
                                denominators.getOrDefault(key, 0L));
                        out.add(IndicatorStatistics.row(area.getKey(), area.getValue(), indicator, type, period, c,
                                population));
                    }
                }
            }
        }
        return out;
    }

    private static String key(String area, String periodType, String period, String indicator) {
        return area + "|" + periodType + "|" + period + "|" + indicator;
    }
}
