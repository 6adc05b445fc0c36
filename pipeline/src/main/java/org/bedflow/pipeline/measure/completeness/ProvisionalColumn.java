package org.bedflow.pipeline.measure.completeness;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns;
import org.bedflow.pipeline.schema.columns.IndicatorsColumns;
import org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns;

/**
 * The non-null {@code provisional} column of the aggregate tables (docs/measures.md, "When a month is provisional"),
 * from a run's {@link Completeness}. With no completeness result only the calendar decides: a period whose last day
 * is on or after the run date.
 */
public final class ProvisionalColumn {

    private ProvisionalColumn() {
    }

    /** delayed_discharge_monthly and delayed_discharge_breakdown: by unitary_area and month. */
    public static Dataset<Row> monthly(Dataset<Row> rows, Completeness c, LocalDate runDate) {
        return rows.withColumn(DelayedDischargeMonthlyColumns.PROVISIONAL, coalesce(
                keyed(col(DelayedDischargeMonthlyColumns.UNITARY_AREA), col(DelayedDischargeMonthlyColumns.MONTH),
                        monthKeys(c)).or(col(DelayedDischargeMonthlyColumns.PERIOD_END).geq(day(runDate))), lit(false)));
    }

    /**
     * indicators: a month row when its month is provisional for its area; a financial_year row when any of its
     * months is, or the year has not ended by the run date.
     */
    public static Dataset<Row> indicators(Dataset<Row> rows, Completeness c, LocalDate runDate) {
        Set<String> years = new LinkedHashSet<>();
        if (c != null) {
            c.provisionalByArea().forEach((area, months) -> months.forEach(m -> years.add(area + "|"
                    + financialYear(YearMonth.parse(m)))));
        }
        Column area = col(IndicatorsColumns.UNITARY_AREA);
        Column period = col(IndicatorsColumns.PERIOD);
        Column isMonth = col(IndicatorsColumns.PERIOD_TYPE).equalTo("month");
        Column provisional = isMonth.and(keyed(area, period, monthKeys(c)))
                .or(org.apache.spark.sql.functions.not(isMonth).and(keyed(area, period, years)))
                .or(col(IndicatorsColumns.PERIOD_END).geq(day(runDate)));
        return rows.withColumn(IndicatorsColumns.PROVISIONAL, coalesce(provisional, lit(false)));
    }

    /**
     * inpatient_snapshot: true when a hospital feed that shades an area has a provisional month (its last complete
     * month is before the end of its data), or a run-date warning fired.
     */
    public static Dataset<Row> snapshot(Dataset<Row> rows, Completeness c, LocalDate runDate) {
        return rows.withColumn(InpatientSnapshotColumns.PROVISIONAL, lit(snapshotProvisional(c, runDate)));
    }

    static boolean snapshotProvisional(Completeness c, LocalDate runDate) {
        if (c == null) {
            return false;
        }
        if (!c.warnings().isEmpty()) {
            return true;
        }
        // a lagging discharge feed: some of the spells open on the run date have ended unreported. A feed complete to
        // the end of its data leaves nothing provisional, although the run date's month is after every month of data.
        return c.suppliers().stream().anyMatch(s -> !FeedCompleteness.SOCIAL_CARE.equals(s.feed()) && s.shades()
                && s.firstProvisional() != null);
    }

    /** 2022-23 for April 2022 to March 2023. */
    public static String financialYear(YearMonth m) {
        int start = m.getMonthValue() >= 4 ? m.getYear() : m.getYear() - 1;
        return String.format("%d-%02d", start, (start + 1) % 100);
    }

    private static Set<String> monthKeys(Completeness c) {
        Set<String> keys = new LinkedHashSet<>();
        if (c != null) {
            for (Map.Entry<String, List<String>> e : c.provisionalByArea().entrySet()) {
                e.getValue().forEach(m -> keys.add(e.getKey() + "|" + m));
            }
        }
        return keys;
    }

    private static Column keyed(Column area, Column period, Set<String> keys) {
        if (keys.isEmpty()) {
            return lit(false);
        }
        return concat_ws("|", area, period).isin(new ArrayList<>(keys).toArray()).and(area.isNotNull());
    }

    private static Column day(LocalDate d) {
        return lit(Date.valueOf(d));
    }
}
