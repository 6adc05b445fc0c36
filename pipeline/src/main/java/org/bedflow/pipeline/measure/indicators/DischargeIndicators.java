package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DESTINATION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_READY_DATE;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.DelayedDischargeMeasures;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * Discharge indicators over the universe of delayed_discharge_monthly (alive discharges of
 * residents aged 18+), by month and financial year of discharge; percentages with Wilson
 * limits:
 * <ul>
 * <li>{@code discharged_on_drd}: of the discharges with a Discharge Ready Date, those on it
 *     (delay_days = 0), NHS England's acute discharge situation report measure of patients
 *     discharged on the day they were ready.</li>
 * <li>{@code discharge_to_usual_residence}: of all discharges, those to the usual place of
 *     residence (destination 19), the NHS Oversight Framework / Better Care Fund metric
 *     ("discharged to usual place of residence").</li>
 * </ul>
 * The monthly numerators and denominators equal delayed_discharge_monthly's columns.
 */
public final class DischargeIndicators {

    private DischargeIndicators() {
    }

    public static Dataset<Row> counts(Dataset<Row> linkedSpells, ReportingGrid grid) {
        Dataset<Row> universe = DelayedDischargeMeasures.universe(linkedSpells, grid);
        Dataset<Row> onDrd = IndicatorCounts.byPeriod(universe, Indicator.DISCHARGED_ON_DRD, col(DISCHARGE_DATE),
                lit(IndicatorCounts.ALL_AGES), when(col(DELAY_DAYS).equalTo(0), 1).otherwise(0),
                when(col(DISCHARGE_READY_DATE).isNotNull(), 1).otherwise(0), grid);
        Dataset<Row> usual = IndicatorCounts.byPeriod(universe, Indicator.DISCHARGE_TO_USUAL_RESIDENCE,
                col(DISCHARGE_DATE), lit(IndicatorCounts.ALL_AGES),
                when(col(DISCHARGE_DESTINATION).equalTo("19"), 1).otherwise(0), lit(1), grid);
        return onDrd.unionByName(usual);
    }
}
