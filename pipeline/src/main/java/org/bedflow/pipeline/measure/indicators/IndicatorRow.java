package org.bedflow.pipeline.measure.indicators;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** One row of the indicators table (outputs.md), on the driver; {@code run_id} is added by {@link #toRow}. */
public record IndicatorRow(String unitaryArea, String unitaryAreaName, String periodType, String period,
                           String indicator, long numerator, Double denominator, Double value, String valueType,
                           Double lower95, Double upper95) {

    /** The row in the column order of {@code OutputTables.INDICATORS}. */
    public Row toRow(String runId) {
        return RowFactory.create(unitaryArea, unitaryAreaName, periodType, period, indicator, numerator, denominator,
                value, valueType, lower95, upper95, runId);
    }

    public static IndicatorRow of(Row r) {
        return new IndicatorRow(r.getAs("unitary_area"), r.getAs("unitary_area_name"), r.getAs("period_type"),
                r.getAs("period"), r.getAs("indicator"), r.<Long>getAs("numerator"), r.getAs("denominator"),
                r.getAs("value"), r.getAs("value_type"), r.getAs("lower_95"), r.getAs("upper_95"));
    }
}
