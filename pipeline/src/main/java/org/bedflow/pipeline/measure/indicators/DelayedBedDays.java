package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_BED_DAYS_IN_MONTH;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.DENOMINATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.NUMERATOR;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.DelayedDischargeMeasures;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * {@code delayed_beds_per_day_per_100k_18plus} (docs/indicators.md): beds occupied each day,
 * on average, by adults whose discharge was delayed after their Discharge Ready Date, per
 * 100,000 residents aged 18+, in the manner of the former ASCOF 2C(1) ("delayed transfers
 * of care from hospital per 100,000 population"): delayed_discharge_monthly's
 * {@code delayed_bed_days_in_month} (each delayed day in the month it fell, from the delayed
 * discharges of its universe) summed over the month or financial year, divided by
 * population 18+ x days in period / 100000. The period's days are its calendar days even
 * while the period is still running, and a month's delayed days grow when later discharges
 * arrive, so recent periods are provisional and low. No confidence interval. Months carry
 * the delayed bed days. The counts' denominator carries the number of distinct delayed
 * discharges behind the period's days (a discharge whose delay spans two months of a year
 * counts once in the year), published as {@code numerator_discharges} for disclosure control.
 */
public final class DelayedBedDays {

    private DelayedBedDays() {
    }

    public static Dataset<Row> counts(Dataset<Row> linkedSpells, ReportingGrid grid) {
        Dataset<Row> days = days(linkedSpells, grid);
        return IndicatorCounts.aggregate(rows(days, grid)).unionByName(discharges(days, grid));
    }

    /** The delayed days of each discharge, by calendar month ({@code DelayedDischargeMeasures.delayedDaysByMonth}). */
    static Dataset<Row> days(Dataset<Row> linkedSpells, ReportingGrid grid) {
        return DelayedDischargeMeasures.delayedDaysByMonth(DelayedDischargeMeasures.universe(linkedSpells, grid));
    }

    /** The numerator's rows before they are summed ({@link IndicatorCounts#rows}): delayed bed days. */
    static Dataset<Row> rows(Dataset<Row> days, ReportingGrid grid) {
        return IndicatorCounts.rows(days, Indicator.DELAYED_BEDS_PER_DAY_PER_100K_18PLUS,
                col(DelayedDischargeMeasures.MONTH_START), lit(IndicatorCounts.ALL_AGES),
                col(DELAYED_BED_DAYS_IN_MONTH), lit(0), grid);
    }

    /** The denominator's counts, summed: distinct delayed discharges per period. */
    static Dataset<Row> discharges(Dataset<Row> days, ReportingGrid grid) {
        Indicator indicator = Indicator.DELAYED_BEDS_PER_DAY_PER_100K_18PLUS;
        Column month = col(DelayedDischargeMeasures.MONTH_START);
        // the distinct delayed discharges of each period, moved into the denominator column
        Dataset<Row> discharges = IndicatorCounts.personsByPeriod(days, indicator, month,
                        col(DelayedDischargeMeasures.SPELL), grid)
                .withColumn("_n", col(DENOMINATOR)).withColumn(DENOMINATOR, col(NUMERATOR)).withColumn(NUMERATOR,
                        col("_n")).selectExpr(IndicatorCounts.COLUMNS);
        return discharges;
    }
}
