package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_DELAYED;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.DelayedDischargeMeasures;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * {@code delayed_beds_per_day_per_100k_18plus}: beds occupied each day, on average, by
 * adults whose discharge was delayed after their Discharge Ready Date, per 100,000
 * residents aged 18+, in the manner of the former ASCOF 2C ("delayed transfers of care from
 * hospital per 100,000 population"): delay days of the delayed_discharge_monthly universe
 * (alive discharges of residents 18+), attributed whole to the month and financial year of
 * discharge, divided by population 18+ x days in period / 100000. The period's days are
 * its calendar days even while the period is still running, so the run's current period is
 * provisional and low. No confidence interval (docs/indicators.md). Months carry the delay days.
 */
public final class DelayedBedDays {

    private DelayedBedDays() {
    }

    public static Dataset<Row> counts(Dataset<Row> linkedSpells, ReportingGrid grid) {
        return IndicatorCounts.byPeriod(DelayedDischargeMeasures.universe(linkedSpells, grid),
                Indicator.DELAYED_BEDS_PER_DAY_PER_100K_18PLUS, col(DISCHARGE_DATE), lit(IndicatorCounts.ALL_AGES),
                when(col(IS_DELAYED).equalTo(true), col(DELAY_DAYS)).otherwise(0), lit(0), grid);
    }
}
