package org.bedflow.pipeline.publish;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_14_20_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_1_DAY;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_21PLUS_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_2_3_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_4_6_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_7_13_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_BED_DAYS_IN_MONTH;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_IN_MONTH_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DRD_MEASURED_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MEAN_DELAY_DAYS_ALL;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.OVERNIGHT_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DELAYED;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DRD_RECORDED;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_7PLUS_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_REPORTED_SOCIAL_CARE;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAYED_WITH_NEW_CARE_START;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DELAY_DAYS_WITH_NEW_CARE_START;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGED_ON_DRD;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGED_TO_USUAL_RESIDENCE;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGES_WITH_DRD;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.DISCHARGES_WITH_DRD_AND_CARE_START;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.LONG_STAY_14PLUS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.LONG_STAY_21PLUS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.LONG_STAY_7PLUS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MEAN_DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MEDIAN_DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.MEDIAN_DRD_TO_CARE_START_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.P90_DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DELAYED_7PLUS_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DISCHARGED_ON_DRD;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeMonthlyColumns.PCT_DISCHARGED_TO_USUAL_RESIDENCE;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.DENOMINATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.LOWER_95;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.NUMERATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.NUMERATOR_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.UPPER_95;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.VALUE;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.EMERGENCY_INPATIENTS;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.INPATIENTS;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.LOS_14PLUS;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.LOS_21PLUS;
import static org.bedflow.pipeline.schema.columns.InpatientSnapshotColumns.LOS_7PLUS;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.measure.indicators.Indicator;
import org.bedflow.pipeline.measure.indicators.IndicatorRow;
import org.bedflow.pipeline.measure.indicators.IndicatorStatistics;
import org.bedflow.pipeline.measure.stats.Estimate;
import org.bedflow.pipeline.measure.stats.Interval;
import org.bedflow.pipeline.measure.stats.PublicHealthStatistics;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.schema.columns.DelayedDischargeBreakdownColumns;

/**
 * Disclosure control for {@code published/} (docs/commissioners.md), following NHS
 * Digital's rules for sub-national secondary care figures (HES and ECDS, September 2018):
 * counts of 1-7 are suppressed, other counts are rounded to the nearest 5, zero stays zero;
 * percentages are recalculated from the rounded numerator and denominator and suppressed
 * with either; means, medians and percentiles are suppressed when 1-7 values lie behind
 * them; sums of days are rounded like counts and shown only beside the count of people they
 * rest on, never where that count is suppressed or null. Every published row gains {@code suppressed}: true when any of its values was
 * suppressed. In the breakdown, a lone suppressed category in an area-month-dimension
 * takes the next smallest non-zero category with it, so it cannot be recovered by
 * subtraction from the total. The indicators table follows {@link #publishIndicator}.
 */
public final class DisclosureControl {

    public static final long MAX_SUPPRESSED = 7;
    public static final long ROUND_TO = 5;
    public static final String SUPPRESSED = "suppressed";

    private DisclosureControl() {
    }

    /**
     * The commissioners' copy of an aggregate table, or empty for tables that are never
     * published (linked_spells, rejects). With {@code enabled} false (a configuration
     * choice recorded in the manifest) values pass unchanged and {@code suppressed} is false.
     */
    public static Optional<Dataset<Row>> published(OutputTables table,
                                                            Dataset<Row> rows, boolean enabled) {
        UnaryOperator<Dataset<Row>> control = switch (table) {
            case DELAYED_DISCHARGE_MONTHLY -> DisclosureControl::delayedDischargeMonthly;
            case DELAYED_DISCHARGE_BREAKDOWN -> DisclosureControl::delayedDischargeBreakdown;
            case INPATIENT_SNAPSHOT -> DisclosureControl::inpatientSnapshot;
            case INDICATORS -> DisclosureControl::indicators;
            default -> null;
        };
        if (control == null) {
            return Optional.empty();
        }
        return Optional.of(enabled ? control.apply(rows) : rows.withColumn(SUPPRESSED, lit(false)));
    }

    /** A count that must be suppressed: 1 to 7. */
    public static Column isSmall(Column count) {
        return count.between(1, MAX_SUPPRESSED);
    }

    /** 0 stays 0, 1-7 becomes null, 8 and over is rounded to the nearest 5. */
    public static Column publishCount(Column count) {
        return when(count.isNull(), lit(null).cast("long"))
                .when(count.equalTo(0), lit(0L))
                .when(isSmall(count), lit(null).cast("long"))
                .otherwise(round(count.divide((double) ROUND_TO)).multiply(ROUND_TO).cast("long"));
    }

    /** scale x numerator / denominator from the published (rounded) counts; null when either is suppressed or 0. */
    public static Column ratio(Column publishedNumerator, Column publishedDenominator, double scale) {
        return when(publishedNumerator.isNull().or(publishedDenominator.isNull()).or(publishedDenominator.equalTo(0)),
                lit(null).cast("double"))
                .otherwise(publishedNumerator.multiply(scale).divide(publishedDenominator));
    }

    /** a statistic over {@code n} values: shown as calculated unless n is 1-7 */
    public static Column smallNStatistic(Column statistic, Column n) {
        return when(isSmall(n), lit(null).cast("double")).otherwise(statistic);
    }

    /**
     * delayed_discharge_monthly for commissioners: counts rounded or suppressed; the sums of
     * days (delay_days, delay_days_with_new_care_start, delayed_bed_days_in_month) rounded like
     * counts and suppressed also when the count of discharges they rest on is; percentages
     * from the published numerator and denominator; means, medians and the 90th percentile
     * suppressed when 1-7 values lie behind them.
     */
    public static Dataset<Row> delayedDischargeMonthly(Dataset<Row> t) {
        List<String> counts = List.of(DISCHARGES, OVERNIGHT_DISCHARGES, DRD_MEASURED_DISCHARGES, DISCHARGES_WITH_DRD,
                DISCHARGED_ON_DRD, DELAYED_DISCHARGES, DELAYED_1_DAY, DELAYED_2_3_DAYS, DELAYED_4_6_DAYS,
                DELAYED_7_13_DAYS, DELAYED_14_20_DAYS, DELAYED_21PLUS_DAYS, DELAYED_7PLUS_DAYS,
                DELAYED_IN_MONTH_DISCHARGES, DELAYED_REPORTED_SOCIAL_CARE, DELAYED_WITH_NEW_CARE_START,
                DISCHARGES_WITH_DRD_AND_CARE_START, LONG_STAY_7PLUS, LONG_STAY_14PLUS, LONG_STAY_21PLUS,
                DISCHARGED_TO_USUAL_RESIDENCE);
        Map<String, String> sums = Map.of(
                DELAY_DAYS, DELAYED_DISCHARGES,
                DELAY_DAYS_WITH_NEW_CARE_START, DELAYED_WITH_NEW_CARE_START,
                DELAYED_BED_DAYS_IN_MONTH, DELAYED_IN_MONTH_DISCHARGES);
        Map<String, Column> derived = new LinkedHashMap<>();
        derived.put(PCT_DRD_RECORDED, ratio(p(DISCHARGES_WITH_DRD), p(OVERNIGHT_DISCHARGES), 100));
        derived.put(PCT_DISCHARGED_ON_DRD, ratio(p(DISCHARGED_ON_DRD), p(DRD_MEASURED_DISCHARGES), 100));
        derived.put(PCT_DELAYED, ratio(p(DELAYED_DISCHARGES), p(DRD_MEASURED_DISCHARGES), 100));
        derived.put(PCT_DELAYED_7PLUS_DAYS, ratio(p(DELAYED_7PLUS_DAYS), p(DRD_MEASURED_DISCHARGES), 100));
        derived.put(PCT_DISCHARGED_TO_USUAL_RESIDENCE, ratio(p(DISCHARGED_TO_USUAL_RESIDENCE), p(DISCHARGES), 100));
        derived.put(MEAN_DELAY_DAYS, smallNStatistic(col(MEAN_DELAY_DAYS), col(DELAYED_DISCHARGES)));
        // its numerator is delay_days, which rests on the delayed discharges: 1-7 of them suppress it too
        derived.put(MEAN_DELAY_DAYS_ALL, smallNStatistic(smallNStatistic(col(MEAN_DELAY_DAYS_ALL),
                col(DRD_MEASURED_DISCHARGES)), col(DELAYED_DISCHARGES)));
        derived.put(MEDIAN_DELAY_DAYS, smallNStatistic(col(MEDIAN_DELAY_DAYS), col(DELAYED_DISCHARGES)));
        derived.put(P90_DELAY_DAYS, smallNStatistic(col(P90_DELAY_DAYS), col(DELAYED_DISCHARGES)));
        derived.put(MEDIAN_DRD_TO_CARE_START_DAYS, smallNStatistic(col(MEDIAN_DRD_TO_CARE_START_DAYS),
                col(DISCHARGES_WITH_DRD_AND_CARE_START)));
        return apply(t, counts, sums, derived);
    }

    /**
     * A sum resting on {@code count}: suppressed when it or its count is 1-7, and when the count is
     * null (a sum is only shown beside the count it rests on), otherwise rounded like a count.
     */
    public static Column publishSum(Column sum, Column count) {
        // count null: isSmall(count) would be null and when(null) would fall through to publishing the sum
        return when(count.isNull().or(isSmall(count)), lit(null).cast("long")).otherwise(publishCount(sum));
    }

    /** a condition that is false, not null, where its inputs are null */
    private static Column orFalse(Column condition) {
        return coalesce(condition, lit(false));
    }

    /** inpatient_snapshot for commissioners. */
    public static Dataset<Row> inpatientSnapshot(Dataset<Row> t) {
        return apply(t, List.of(INPATIENTS, LOS_7PLUS, LOS_14PLUS, LOS_21PLUS, EMERGENCY_INPATIENTS), Map.of(),
                Map.of());
    }

    /**
     * delayed_discharge_breakdown for commissioners, with secondary suppression per
     * (unitary_area, month, dimension) and count column. delay_days rests on
     * delayed_discharges (it is the sum of their delays; discharges that are not delayed add
     * nothing to it): it is suppressed wherever delayed_discharges is (by either rule) or is
     * null, as well as when it is 1-7 itself, and then takes part in its own secondary
     * suppression.
     */
    public static Dataset<Row> delayedDischargeBreakdown(Dataset<Row> t) {
        String discharges = DelayedDischargeBreakdownColumns.DISCHARGES;
        String delayed = DelayedDischargeBreakdownColumns.DELAYED_DISCHARGES;
        String delayDays = DelayedDischargeBreakdownColumns.DELAY_DAYS;
        List<String> counts = List.of(discharges, delayed, delayDays);
        WindowSpec cell = Window.partitionBy(DelayedDischargeBreakdownColumns.UNITARY_AREA,
                DelayedDischargeBreakdownColumns.MONTH, DelayedDischargeBreakdownColumns.DIMENSION);
        Dataset<Row> out = t;
        List<Column> anySuppressed = new ArrayList<>();
        for (String c : counts) {
            Column primary = orFalse(isSmall(col(c)));
            if (c.equals(delayDays)) {
                // the days rest on the delayed discharges: withheld with them (by either rule), and
                // beside a null count, which may hide 1-7 people
                primary = primary.or(col("_sup_" + delayed))
                        .or(col(delayed).isNull().and(col(delayDays).isNotNull()));
            }
            String flag = "_sup_" + c;
            out = out.withColumn("_primary", primary)
                    .withColumn("_n_primary", sum(when(col("_primary"), 1).otherwise(0)).over(cell))
                    // candidates for secondary suppression: unsuppressed non-zero values, smallest first
                    .withColumn("_candidate", col("_primary").equalTo(false).and(orFalse(col(c).gt(0))))
                    .withColumn("_rank", row_number().over(cell.orderBy(col("_candidate").desc(), col(c).asc(),
                            col(DelayedDischargeBreakdownColumns.CATEGORY).asc())))
                    .withColumn(flag, col("_primary").or(col("_n_primary").equalTo(1)
                            .and(col("_candidate")).and(col("_rank").equalTo(1))))
                    .drop("_primary", "_n_primary", "_candidate", "_rank");
            anySuppressed.add(col(flag));
        }
        for (String c : counts) {
            out = out.withColumn(c, when(col("_sup_" + c), lit(null).cast("long")).otherwise(publishCount(col(c))));
        }
        out = out.withColumn(SUPPRESSED, anySuppressed.stream().reduce(Column::or).orElseThrow());
        for (String c : counts) {
            out = out.drop("_sup_" + c);
        }
        return out.select(publishedColumns(t));
    }

    /** A count as published: 0 stays 0, 1-7 is null (suppressed), 8 and over rounded to the nearest 5. */
    public static Long publishCount(long count) {
        if (count >= 1 && count <= MAX_SUPPRESSED) {
            return null;
        }
        return Math.round(count / (double) ROUND_TO) * ROUND_TO;
    }

    /** One row of the indicators table as published, and whether any of its counts was suppressed. */
    public record PublishedIndicator(Long numerator, Double denominator, Double value, Double lower95, Double upper95,
                                     boolean suppressed, Long numeratorDischarges) {

        PublishedIndicator(Long numerator, Double denominator, Double value, Double lower95, Double upper95,
                           boolean suppressed) {
            this(numerator, denominator, value, lower95, upper95, suppressed, null);
        }
    }

    /**
     * The indicators rules (docs/indicators.md, "Disclosure control"): the numerator is a count (events,
     * persons or delay days) and so is the denominator of a percentage or crude rate (patients,
     * or the population), rounded or suppressed like every count. Percentages and crude rates,
     * and their Wilson / Byar / exact Poisson limits, are recalculated from the published
     * counts and suppressed with either. Directly standardised rates and their limits are
     * complex statistics, shown as calculated while their numerator and population are
     * rounded or suppressed. The delayed-bed rate is recalculated from the published delay
     * days over its denominator (population x days / 100000, not a count, shown as it is);
     * its delay days are suppressed, like any sum of days, when the delayed discharges behind
     * them ({@code numerator_discharges}, itself rounded like a count) are 1-7.
     * Monthly count rows show the published count as their value. A mean
     * (mean_discharge_delay_days) is shown as calculated unless its denominator (the number of
     * patients behind it) is 1-7, when value and numerator are suppressed; its numerator
     * (delay days) and denominator are otherwise rounded like counts.
     */
    public static PublishedIndicator publishIndicator(IndicatorRow r) {
        Long numerator = publishCount(r.numerator());
        boolean suppressed = numerator == null;
        Indicator indicator = Indicator.byId(r.indicator());
        // delayed days rest on the delayed discharges behind them: 1-7 of them suppress the days too
        Long discharges = r.numeratorDischarges();
        Long shownDischarges = discharges == null ? null : publishCount(discharges);
        if (discharges != null && discharges >= 1 && discharges <= MAX_SUPPRESSED) {
            numerator = null;
            suppressed = true;
        }
        if (Indicator.COUNT.equals(r.valueType())) {
            return new PublishedIndicator(numerator, null, numerator == null ? null : numerator.doubleValue(), null, null,
                    suppressed, shownDischarges);
        }
        if (indicator.statistic() == Indicator.Statistic.RATE_PER_DAY) {
            Double d = r.denominator();
            Double value = numerator == null || d == null || d <= 0 ? null : numerator / d;
            return new PublishedIndicator(numerator, d, value, null, null, suppressed, shownDischarges);
        }
        if (indicator.statistic() == Indicator.Statistic.MEAN) {
            // a mean over 1-7 patients is suppressed; otherwise shown as calculated
            long n = r.denominator() == null ? 0 : Math.round(r.denominator());
            Long shown = r.denominator() == null ? null : publishCount(n);
            boolean small = n >= 1 && n <= MAX_SUPPRESSED;
            // numerator null: its delay days rest on 1-7 delayed discharges (above), so the mean would give them away
            boolean hidden = small || numerator == null;
            return new PublishedIndicator(hidden ? null : numerator, shown == null ? null : shown.doubleValue(),
                    hidden ? null : r.value(), null, null, suppressed || hidden, shownDischarges);
        }
        Long denominator = r.denominator() == null ? null : publishCount(Math.round(r.denominator()));
        suppressed |= r.denominator() != null && denominator == null;
        Double shownDenominator = denominator == null ? null : denominator.doubleValue();
        Estimate e = switch (indicator.statistic()) {
            case DSR -> new Estimate(r.value(), new Interval(r.lower95(), r.upper95()));
            case PERCENT -> numerator == null || denominator == null ? Estimate.NONE
                    : PublicHealthStatistics.percent(numerator, denominator);
            case CRUDE_RATE -> numerator == null || denominator == null ? Estimate.NONE
                    : PublicHealthStatistics.crudeRate(numerator, denominator, IndicatorStatistics.PER_100K);
            default -> throw new IllegalStateException(indicator.statistic().name());
        };
        return new PublishedIndicator(numerator, shownDenominator, e.value(), e.lower(), e.upper(), suppressed);
    }

    /**
     * indicators for commissioners, row by row on the driver (the table is areas x periods x
     * 16 indicators, a few thousand rows at most) so that the limits come from the same
     * {@code measure.stats} functions as the unpublished table.
     */
    public static Dataset<Row> indicators(Dataset<Row> t) {
        StructType in = t.schema();
        StructType outType = new StructType();
        for (StructField f : in.fields()) {
            outType = outType.add(f.name(), f.dataType(), true, f.metadata());
        }
        outType = outType.add(SUPPRESSED, DataTypes.BooleanType, false);
        List<Row> out = new ArrayList<>();
        for (Row r : t.collectAsList()) {
            PublishedIndicator p = publishIndicator(IndicatorRow.of(r));
            Object[] values = new Object[in.fields().length + 1];
            for (int i = 0; i < in.fields().length; i++) {
                values[i] = r.get(i);
            }
            values[in.fieldIndex(NUMERATOR)] = p.numerator();
            values[in.fieldIndex(DENOMINATOR)] = p.denominator();
            values[in.fieldIndex(VALUE)] = p.value();
            values[in.fieldIndex(LOWER_95)] = p.lower95();
            values[in.fieldIndex(UPPER_95)] = p.upper95();
            values[in.fieldIndex(NUMERATOR_DISCHARGES)] = p.numeratorDischarges();
            values[values.length - 1] = p.suppressed();
            out.add(RowFactory.create(values));
        }
        return t.sparkSession().createDataFrame(out, outType);
    }

    /**
     * counts rounded or suppressed, sums rounded and suppressed with the count they rest on
     * ({@code sums}: sum column -> count column), derived values recomputed, and the
     * suppressed flag.
     */
    static Dataset<Row> apply(Dataset<Row> t, List<String> counts, Map<String, String> sums,
                              Map<String, Column> derived) {
        Dataset<Row> out = t;
        for (String c : counts) {
            out = out.withColumn("_pub_" + c, publishCount(col(c)));
        }
        for (Map.Entry<String, String> e : sums.entrySet()) {
            out = out.withColumn("_pub_" + e.getKey(), publishSum(col(e.getKey()), col(e.getValue())));
        }
        Column anySuppressed = lit(false);
        for (String c : counts) {
            anySuppressed = anySuppressed.or(isSmall(col(c)));
        }
        for (String c : sums.keySet()) {
            anySuppressed = anySuppressed.or(col(c).gt(0).and(col("_pub_" + c).isNull()));
        }
        for (Map.Entry<String, Column> d : derived.entrySet()) {
            // a derived value that existed before disclosure control but not after was suppressed
            anySuppressed = anySuppressed.or(col(d.getKey()).isNotNull().and(d.getValue().isNull()));
        }
        out = out.withColumn(SUPPRESSED, anySuppressed);
        for (Map.Entry<String, Column> d : derived.entrySet()) {
            out = out.withColumn("_drv_" + d.getKey(), d.getValue());
        }
        List<String> published = new ArrayList<>(counts);
        published.addAll(sums.keySet());
        for (String c : published) {
            out = out.withColumn(c, col("_pub_" + c)).drop("_pub_" + c);
        }
        for (String d : derived.keySet()) {
            out = out.withColumn(d, col("_drv_" + d)).drop("_drv_" + d);
        }
        return out.select(publishedColumns(t));
    }

    private static Column[] publishedColumns(Dataset<Row> t) {
        List<Column> cols = new ArrayList<>();
        for (String f : t.columns()) {
            cols.add(col(f));
        }
        cols.add(col(SUPPRESSED));
        return cols.toArray(Column[]::new);
    }

    /** the published (rounded or suppressed) value of a count column, computed alongside */
    private static Column p(String count) {
        return col("_pub_" + count);
    }
}
