package org.bedflow.pipeline.measure.indicators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bedflow.pipeline.measure.stats.DirectlyStandardisedRate;
import org.bedflow.pipeline.measure.stats.Estimate;
import org.bedflow.pipeline.measure.stats.Interval;
import org.bedflow.pipeline.measure.stats.PublicHealthStatistics;

/**
 * Counts and populations to values (docs/indicators.md, "Values and limits"), on the driver:
 * percentages with Wilson limits and means without limits for months and years; for population-based indicators the
 * count alone for months ({@code value_type = count}, value = numerator, no denominator or
 * limits) and for financial years the DSR with Dobson limits, the crude rate with Byar /
 * exact Poisson limits, or the delayed-bed rate without limits, over the mid-year estimate
 * of the year's first calendar year. A zero or unknown denominator gives null value and
 * limits.
 */
public final class IndicatorStatistics {

    public static final double PER_100K = 100000.0;

    private IndicatorStatistics() {
    }

    /** The counts of one area, period and indicator. */
    public record Counts(Map<String, Long> numeratorByBand, long denominator) {

        public long numerator() {
            return numeratorByBand.values().stream().mapToLong(Long::longValue).sum();
        }

        public long band(String label) {
            return numeratorByBand.getOrDefault(label, 0L);
        }
    }

    public static IndicatorRow row(String area, String areaName, Indicator indicator, Periods.Type type,
                                   String period, Counts counts, Population.Table population) {
        long x = counts.numerator();
        String valueType = indicator.valueType(type);
        Indicator.Statistic statistic = indicator.statistic();
        if (statistic == Indicator.Statistic.PERCENT) {
            Estimate e = PublicHealthStatistics.percent(x, counts.denominator());
            return row(area, areaName, type, period, indicator, x, (double) counts.denominator(), e, valueType);
        }
        if (statistic == Indicator.Statistic.MEAN) {
            // the delay days are the all-ages "band"; the delayed discharges behind them ride along as their own
            long days = counts.band(IndicatorCounts.ALL_AGES);
            long n = counts.denominator();
            return new IndicatorRow(area, areaName, type.value(), period, indicator.id(), days, (double) n,
                    n > 0 ? days / (double) n : null, valueType, null, null, counts.band(DischargeIndicators.DELAYED));
        }
        if (type == Periods.Type.MONTH) {
            return new IndicatorRow(area, areaName, type.value(), period, indicator.id(), x, null, (double) x,
                    valueType, null, null, discharges(indicator, counts));
        }
        int year = Periods.firstCalendarYear(period);
        AgeGroup group = indicator.population();
        Long people = population.count(area, year, group);
        if (people == null) {
            return new IndicatorRow(area, areaName, type.value(), period, indicator.id(), x, null, null, valueType,
                    null, null, discharges(indicator, counts));
        }
        return switch (statistic) {
            case DSR -> {
                List<DirectlyStandardisedRate.Band> bands = new ArrayList<>();
                for (StandardPopulation.Band b : group.bands()) {
                    bands.add(new DirectlyStandardisedRate.Band(b.weight(), counts.band(b.label()),
                            population.count(area, year, b.from(), b.to())));
                }
                yield row(area, areaName, type, period, indicator, x, (double) people,
                        DirectlyStandardisedRate.of(bands), valueType);
            }
            case CRUDE_RATE -> row(area, areaName, type, period, indicator, x, (double) people,
                    PublicHealthStatistics.crudeRate(x, people, PER_100K), valueType);
            case RATE_PER_DAY -> {
                double denominator = people * (double) Periods.days(type, period) / PER_100K;
                yield new IndicatorRow(area, areaName, type.value(), period, indicator.id(), x, denominator,
                        denominator > 0 ? x / denominator : null, valueType, null, null,
                        discharges(indicator, counts));
            }
            default -> throw new IllegalStateException(statistic.name());
        };
    }

    /**
     * numerator_discharges: for the delayed-bed rate the counts' denominator carries the number
     * of delayed discharges behind the delayed days ({@link DelayedBedDays}); for the mean delay it
     * is set above from {@link DischargeIndicators#DELAYED}; null for the others.
     */
    private static Long discharges(Indicator indicator, Counts counts) {
        return indicator.statistic() == Indicator.Statistic.RATE_PER_DAY ? counts.denominator() : null;
    }

    private static IndicatorRow row(String area, String areaName, Periods.Type type, String period, Indicator indicator,
                                    long x, Double denominator, Estimate e, String valueType) {
        return new IndicatorRow(area, areaName, type.value(), period, indicator.id(), x, denominator, e.value(),
                valueType, e.lower(), e.upper(), null);
    }
}
