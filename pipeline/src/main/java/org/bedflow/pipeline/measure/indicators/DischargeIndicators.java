package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DESTINATION;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.DelayedDischargeMeasures;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * Discharge indicators over the universe of delayed_discharge_monthly (alive discharges of
 * residents aged 18+ not discharged to another hospital), by month and financial year of
 * discharge (docs/indicators.md):
 * <ul>
 * <li>{@code discharged_on_drd}: of the DRD-measured discharges (overnight stays whose delay
 *     is known), those with delay_days = 0, NHS England's "date of discharge is same as
 *     Discharge Ready Date"; Wilson limits.</li>
 * <li>{@code mean_discharge_delay_days}: delay days over the DRD-measured discharges, 0-day
 *     delays included (the average length of discharge delay of all adult patients); a mean,
 *     no limits.</li>
 * <li>{@code discharge_to_usual_residence}: of all discharges, those to the usual place of
 *     residence (destination 19); Wilson limits.</li>
 * </ul>
 * The monthly numerators and denominators equal delayed_discharge_monthly's columns
 * (discharged_on_drd, delay_days, discharged_to_usual_residence over drd_measured_discharges
 * and discharges).
 */
public final class DischargeIndicators {

    /**
     * For {@code mean_discharge_delay_days}: the count "band" holding the delayed discharges behind
     * the delay days, published as numerator_discharges so that disclosure control can suppress
     * a mean whose delay days rest on 1-7 patients.
     */
    public static final String DELAYED = "delayed_discharges";

    private DischargeIndicators() {
    }

    public static Dataset<Row> counts(Dataset<Row> linkedSpells, ReportingGrid grid) {
        return IndicatorCounts.aggregate(rows(linkedSpells, grid));
    }

    /** The family's rows before they are summed ({@link IndicatorCounts#rows}). */
    static Dataset<Row> rows(Dataset<Row> linkedSpells, ReportingGrid grid) {
        Dataset<Row> universe = DelayedDischargeMeasures.universe(linkedSpells, grid);
        Column measured = DelayedDischargeMeasures.DRD_MEASURED;
        Column oneIfMeasured = when(measured, 1).otherwise(0);
        Dataset<Row> onDrd = IndicatorCounts.rows(universe, Indicator.DISCHARGED_ON_DRD, col(DISCHARGE_DATE),
                lit(IndicatorCounts.ALL_AGES), when(measured.and(col(DELAY_DAYS).equalTo(0)), 1).otherwise(0),
                oneIfMeasured, grid);
        Dataset<Row> meanDelay = IndicatorCounts.rows(universe, Indicator.MEAN_DISCHARGE_DELAY_DAYS,
                col(DISCHARGE_DATE), lit(IndicatorCounts.ALL_AGES),
                when(DelayedDischargeMeasures.DELAYED, col(DELAY_DAYS)).otherwise(0), oneIfMeasured, grid)
                .unionByName(IndicatorCounts.rows(universe, Indicator.MEAN_DISCHARGE_DELAY_DAYS,
                        col(DISCHARGE_DATE), lit(DELAYED), when(DelayedDischargeMeasures.DELAYED, 1).otherwise(0),
                        lit(0), grid));
        Dataset<Row> usual = IndicatorCounts.rows(universe, Indicator.DISCHARGE_TO_USUAL_RESIDENCE,
                col(DISCHARGE_DATE), lit(IndicatorCounts.ALL_AGES),
                when(col(DISCHARGE_DESTINATION).equalTo("19"), 1).otherwise(0), lit(1), grid);
        return onDrd.unionByName(meanDelay).unionByName(usual);
    }
}
