package org.bedflow.pipeline.measure.indicators;

import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.DENOMINATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.INDICATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.LOWER_95;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.NUMERATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.NUMERATOR_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.PERIOD;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.PERIOD_TYPE;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.UNITARY_AREA;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.UNITARY_AREA_NAME;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.UPPER_95;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.VALUE;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.VALUE_TYPE;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of the indicators table (docs/data-dictionary.md), on the driver; {@code national_reference}
 * (from the {@link Indicator}) and {@code run_id} are added by {@link #toRow}.
 * {@code numeratorDischarges} is the number of delayed discharges behind a numerator of
 * delay days (delayed beds and the mean discharge delay; null otherwise).
 */
public record IndicatorRow(String unitaryArea, String unitaryAreaName, String periodType, String period,
                           String indicator, long numerator, Double denominator, Double value, String valueType,
                           Double lower95, Double upper95, Long numeratorDischarges) {

    /** The row in the column order of {@code OutputTables.INDICATORS}, with the indicator's national_reference. */
    public Row toRow(String runId) {
        Periods.Type type = Periods.Type.of(periodType);
        return RowFactory.create(unitaryArea, unitaryAreaName, periodType, period,
                java.sql.Date.valueOf(Periods.firstDay(type, period)), java.sql.Date.valueOf(Periods.lastDay(type, period)),
                indicator, numerator, denominator,
                value, valueType, lower95, upper95, numeratorDischarges, Indicator.byId(indicator).nationalReference(),
                false, runId); // provisional: set by ProvisionalColumn
    }

    public static IndicatorRow of(Row r) {
        return new IndicatorRow(r.getAs(UNITARY_AREA), r.getAs(UNITARY_AREA_NAME), r.getAs(PERIOD_TYPE),
                r.getAs(PERIOD), r.getAs(INDICATOR), r.<Long>getAs(NUMERATOR), r.getAs(DENOMINATOR),
                r.getAs(VALUE), r.getAs(VALUE_TYPE), r.getAs(LOWER_95), r.getAs(UPPER_95),
                r.getAs(NUMERATOR_DISCHARGES));
    }
}
