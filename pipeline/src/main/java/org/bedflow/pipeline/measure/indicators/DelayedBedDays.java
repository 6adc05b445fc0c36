package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_BED_DAYS_IN_MONTH;

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
 * the delayed bed days.
 */
public final class DelayedBedDays {

    private DelayedBedDays() {
    }

    public static Dataset<Row> counts(Dataset<Row> linkedSpells, ReportingGrid grid) {
        return IndicatorCounts.byPeriod(
                DelayedDischargeMeasures.delayedDaysByMonth(DelayedDischargeMeasures.universe(linkedSpells, grid)),
                Indicator.DELAYED_BEDS_PER_DAY_PER_100K_18PLUS, col(DelayedDischargeMeasures.MONTH_START),
                lit(IndicatorCounts.ALL_AGES), col(DELAYED_BED_DAYS_IN_MONTH), lit(0), grid);
    }
}
