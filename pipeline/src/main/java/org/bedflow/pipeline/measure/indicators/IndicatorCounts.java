package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.DENOMINATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.INDICATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.NUMERATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.PERIOD;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.PERIOD_TYPE;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.UNITARY_AREA;

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
    /** the ESP2013 age band of the counts, {@link #ALL_AGES} for indicators that are not standardised */
    public static final String AGE_BAND = "age_band";
    /** the date a row is counted by (its month and financial year) */
    static final String DATE = "_date";
    static final String[] COLUMNS = {INDICATOR, UNITARY_AREA, PERIOD_TYPE, PERIOD, AGE_BAND, NUMERATOR,
            DENOMINATOR};
    static final String NUM = "_num";
    static final String DEN = "_den";
    /** the rows {@link #rows} gives and {@link #aggregate} sums */
    static final String[] ROW_COLUMNS = {INDICATOR, UNITARY_AREA, DATE, AGE_BAND, NUM, DEN};

    private IndicatorCounts() {
    }

    /** unitary_area is a configured area and {@code date} lies in the grid's months. */
    static Column inGrid(Column date, ReportingGrid grid) {
        return col(UNITARY_AREA).isin(grid.areas().keySet().toArray())
                .and(date.geq(lit(Date.valueOf(grid.firstMonth().atDay(1)))))
                .and(date.leq(lit(Date.valueOf(grid.lastMonth().atEndOfMonth()))));
    }

    /**
     * Sums {@code numerator} and {@code denominator} (per row, e.g. 0/1 flags or delay days)
     * over the month and the financial year of {@code date}, by area and {@code ageBand}.
     */
    public static Dataset<Row> byPeriod(Dataset<Row> rows, Indicator indicator, Column date, Column ageBand,
                                        Column numerator, Column denominator, ReportingGrid grid) {
        return aggregate(rows(rows, indicator, date, ageBand, numerator, denominator, grid));
    }

    /**
     * What {@link #byPeriod} sums, before it sums: one row per input row in the grid
     * ({@link #ROW_COLUMNS}). Families give these so that {@link Indicators} sums every family
     * in one grouped aggregation (one shuffle) instead of one per indicator.
     */
    public static Dataset<Row> rows(Dataset<Row> rows, Indicator indicator, Column date, Column ageBand,
                                    Column numerator, Column denominator, ReportingGrid grid) {
        return rows.filter(inGrid(date, grid))
                .select(lit(indicator.id()).as(INDICATOR), col(UNITARY_AREA), date.as(DATE), ageBand.as(AGE_BAND),
                        coalesce(numerator.cast("long"), lit(0L)).as(NUM),
                        coalesce(denominator.cast("long"), lit(0L)).as(DEN));
    }

    /**
     * Rows of {@link #ROW_COLUMNS}, of any number of indicators, summed per indicator, area, month
     * and financial year of their date, and age band: {@link #COLUMNS}.
     */
    public static Dataset<Row> aggregate(Dataset<Row> rows) {
        return periods(rows)
                .groupBy(INDICATOR, UNITARY_AREA, PERIOD_TYPE, PERIOD, AGE_BAND)
                .agg(sum(NUM).as(NUMERATOR), sum(DEN).as(DENOMINATOR))
                .selectExpr(COLUMNS);
    }

    /**
     * The number of distinct {@code person} values per area and period of {@code date} (a
     * person counts once per month and once per financial year); denominator 0.
     */
    public static Dataset<Row> personsByPeriod(Dataset<Row> rows, Indicator indicator, Column date, Column person,
                                               ReportingGrid grid) {
        Dataset<Row> in = rows.filter(inGrid(date, grid)).select(col(UNITARY_AREA), date.as(DATE), person.as("_person"));
        return periods(in)
                .groupBy(UNITARY_AREA, PERIOD_TYPE, PERIOD)
                .agg(countDistinct("_person").as(NUMERATOR))
                .withColumn(DENOMINATOR, lit(0L))
                .withColumn(AGE_BAND, lit(ALL_AGES))
                .withColumn(INDICATOR, lit(indicator.id()))
                .selectExpr(COLUMNS);
    }

    /** each row (with a {@link #DATE} column) twice: once in its month, once in its financial year */
    static Dataset<Row> periods(Dataset<Row> in) {
        Dataset<Row> monthly = in.withColumn(PERIOD_TYPE, lit(Periods.Type.MONTH.value()))
                .withColumn(PERIOD, date_format(col(DATE), "yyyy-MM"));
        Dataset<Row> yearly = in.withColumn(PERIOD_TYPE, lit(Periods.Type.FINANCIAL_YEAR.value()))
                .withColumn(PERIOD, Periods.financialYear(col(DATE)));
        return monthly.unionByName(yearly);
    }
}
