package org.bedflow.pipeline.measure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MONTH;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.UNITARY_AREA;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.UNITARY_AREA_NAME;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns;
import org.bedflow.pipeline.schema.columns.LinkedSpellsColumns;

/**
 * Aggregate tables are complete grids (docs/measures.md, "Reporting grid"): every configured unitary area x every
 * month from the first to the last month present in the accepted input gets a row, with
 * zero counts where nothing happened, so a missing row is never a silent zero.
 */
public record ReportingGrid(Map<String, String> areas, YearMonth firstMonth, YearMonth lastMonth) {

    public static ReportingGrid of(ReorganisationMapping mapping, YearMonth first, YearMonth last) {
        if (first == null || last == null) {
            YearMonth none = YearMonth.of(1970, 1);
            return new ReportingGrid(mapping.areas(), none, none.minusMonths(1));
        }
        return new ReportingGrid(mapping.areas(), first, last);
    }

    /**
     * The grid of the configured areas x the months from the first admission month of the
     * linked spells to their last admission or discharge month (an empty grid for no spells).
     */
    public static ReportingGrid spanning(Dataset<Row> linkedSpells, ReorganisationMapping mapping) {
        Column admitted = col(LinkedSpellsColumns.ADMISSION_MONTH);
        Row span = linkedSpells.select(min(admitted),
                max(greatest(admitted, coalesce(col(LinkedSpellsColumns.DISCHARGE_MONTH), admitted)))).first();
        return of(mapping, span.isNullAt(0) ? null : YearMonth.parse(span.getString(0)),
                span.isNullAt(1) ? null : YearMonth.parse(span.getString(1)));
    }

    /**
     * One row per month of the grid: {@code month} and its first and last day as DATEs
     * ({@code period_start}, {@code period_end}), never null, to join onto a monthly table.
     */
    public Dataset<Row> monthDates(SparkSession spark) {
        StructType t = new StructType()
                .add(DelayedDischargeMonthlyColumns.MONTH, DataTypes.StringType, false)
                .add(DelayedDischargeMonthlyColumns.PERIOD_START, DataTypes.DateType, false)
                .add(DelayedDischargeMonthlyColumns.PERIOD_END, DataTypes.DateType, false);
        List<Row> rows = new ArrayList<>();
        for (String m : months()) {
            YearMonth ym = YearMonth.parse(m);
            rows.add(RowFactory.create(m, java.sql.Date.valueOf(ym.atDay(1)), java.sql.Date.valueOf(ym.atEndOfMonth())));
        }
        return spark.createDataFrame(rows, t);
    }

    public List<String> months() {
        List<String> out = new ArrayList<>();
        for (YearMonth m = firstMonth; !m.isAfter(lastMonth); m = m.plusMonths(1)) {
            out.add(m.toString());
        }
        return out;
    }

    /** unitary_area, unitary_area_name, month: one row per area and month */
    public Dataset<Row> areaMonths(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (var area : areas.entrySet()) {
            for (String month : months()) {
                rows.add(RowFactory.create(area.getKey(), area.getValue(), month));
            }
        }
        StructType t = new StructType()
                .add(UNITARY_AREA, DataTypes.StringType, false)
                .add(UNITARY_AREA_NAME, DataTypes.StringType, false)
                .add(MONTH, DataTypes.StringType, false);
        return spark.createDataFrame(rows, t);
    }

    /** unitary_area, unitary_area_name: one row per area */
    public Dataset<Row> areaRows(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        areas.forEach((code, name) -> rows.add(RowFactory.create(code, name)));
        StructType t = new StructType()
                .add(UNITARY_AREA, DataTypes.StringType, false)
                .add(UNITARY_AREA_NAME, DataTypes.StringType, false);
        return spark.createDataFrame(rows, t);
    }
}
