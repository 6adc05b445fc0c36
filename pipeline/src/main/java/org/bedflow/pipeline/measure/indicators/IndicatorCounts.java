package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.sql.Date;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * The small frame every indicator family produces and {@link Indicators} collects:
 * {@code indicator, unitary_area, period_type, period, age_band, numerator, denominator},
 * one row per indicator, configured area, period (month and financial year) and ESP2013
 * age band ({@link #ALL_AGES} for indicators that are not standardised). Only periods with
 * activity appear; {@link Indicators} fills the complete grid.
 *
 * <p>Only dates inside the reporting grid's months count, so a financial year's counts are
 * the sum of its months' (a year the grid covers in part is counted over the covered months).
 */
public final class IndicatorCounts {

    /** age_band of indicators that are not age-standardised */
    public static final String ALL_AGES = "all";
    static final String[] COLUMNS = {"indicator", "unitary_area", "period_type", "period", "age_band", "numerator",
            "denominator"};

    private IndicatorCounts() {
    }

    /** unitary_area is a configured area and {@code date} lies in the grid's months. */
    static Column inGrid(Column date, ReportingGrid grid) {
        return col("unitary_area").isin(grid.areas().keySet().toArray())
                .and(date.geq(lit(Date.valueOf(grid.firstMonth().atDay(1)))))
                .and(date.leq(lit(Date.valueOf(grid.lastMonth().atEndOfMonth()))));
    }

    /**
     * Sums {@code numerator} and {@code denominator} (per row, e.g. 0/1 flags or delay days)
     * over the month and the financial year of {@code date}, by area and {@code ageBand}.
     */
    public static Dataset<Row> byPeriod(Dataset<Row> rows, Indicator indicator, Column date, Column ageBand,
                                        Column numerator, Column denominator, ReportingGrid grid) {
        Dataset<Row> in = rows.filter(inGrid(date, grid))
                .select(col("unitary_area"), date.as("_date"), ageBand.as("age_band"),
                        coalesce(numerator.cast("long"), lit(0L)).as("_num"),
                        coalesce(denominator.cast("long"), lit(0L)).as("_den"));
        return periods(in)
                .groupBy("unitary_area", "period_type", "period", "age_band")
                .agg(sum("_num").as("numerator"), sum("_den").as("denominator"))
                .withColumn("indicator", lit(indicator.id()))
                .selectExpr(COLUMNS);
    }

    /**
     * The number of distinct {@code person} values per area and period of {@code date} (a
     * person counts once per month and once per financial year); denominator 0.
     */
    public static Dataset<Row> personsByPeriod(Dataset<Row> rows, Indicator indicator, Column date, Column person,
                                               ReportingGrid grid) {
        Dataset<Row> in = rows.filter(inGrid(date, grid)).select(col("unitary_area"), date.as("_date"), person.as("_person"));
        return periods(in)
                .groupBy("unitary_area", "period_type", "period")
                .agg(countDistinct("_person").as("numerator"))
                .withColumn("denominator", lit(0L))
                .withColumn("age_band", lit(ALL_AGES))
                .withColumn("indicator", lit(indicator.id()))
                .selectExpr(COLUMNS);
    }

    /** each row twice: once in its month, once in its financial year */
    private static Dataset<Row> periods(Dataset<Row> in) {
        Dataset<Row> monthly = in.withColumn("period_type", lit(Periods.Type.MONTH.value()))
                .withColumn("period", date_format(col("_date"), "yyyy-MM"));
        Dataset<Row> yearly = in.withColumn("period_type", lit(Periods.Type.FINANCIAL_YEAR.value()))
                .withColumn("period", Periods.financialYear(col("_date")));
        return monthly.unionByName(yearly);
    }
}
