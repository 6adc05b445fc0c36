package org.bedflow.pipeline.measure.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Worked examples, each to 4 significant figures. Byar and Wilson values are worked from
 * the formulas of docs/indicators.md by hand (steps in the comments); exact Poisson limits are
 * half the χ² quantiles printed in standard statistical tables (e.g. the χ² table of the
 * NIST/SEMATECH e-Handbook of Statistical Methods, section 1.3.6.7.4).
 */
class PublicHealthStatisticsTest {

    private static void close(Double actual, double expected) {
        assertThat(actual).isCloseTo(expected, within(Math.abs(expected) * 5e-4 + 1e-9));
    }

    @Test
    void byar_limits_for_10() {
        // low = 10 (1 - 1/90 - 1.959964/(3 √10))^3 = 10 (1 - 0.011111 - 0.206598)^3 = 10 x 0.782291^3 = 4.787
        // high = 11 (1 - 1/99 + 1.959964/(3 √11))^3 = 11 (1 - 0.010101 + 0.196984)^3 = 11 x 1.186883^3 = 18.39
        Interval i = PublicHealthStatistics.byar(10);
        close(i.lower(), 4.787);
        close(i.upper(), 18.39);
    }

    @Test
    void byar_limits_for_250() {
        // low = 250 (1 - 1/2250 - 1.959964/(3 √250))^3 = 250 (1 - 0.000444 - 0.041320)^3 = 250 x 0.958236^3 = 220.0
        // high = 251 (1 - 1/2259 + 1.959964/(3 √251))^3 = 251 (1 - 0.000443 + 0.041237)^3 = 251 x 1.040794^3 = 283.0
        Interval i = PublicHealthStatistics.byar(250);
        close(i.lower(), 220.0);
        close(i.upper(), 283.0);
    }

    @Test
    void exact_poisson_limits_for_0_1_and_9() {
        // O = 0: low 0; high = χ²(0.975; 2)/2 = 7.3778/2 = 3.689
        Interval zero = PublicHealthStatistics.exactPoisson(0);
        assertThat(zero.lower()).isZero();
        close(zero.upper(), 3.689);
        // O = 1: low = χ²(0.025; 2)/2 = 0.050636/2 = 0.02532; high = χ²(0.975; 4)/2 = 11.1433/2 = 5.572
        Interval one = PublicHealthStatistics.exactPoisson(1);
        close(one.lower(), 0.02532);
        close(one.upper(), 5.572);
        // O = 9: low = χ²(0.025; 18)/2 = 8.2307/2 = 4.115; high = χ²(0.975; 20)/2 = 34.1696/2 = 17.08
        Interval nine = PublicHealthStatistics.exactPoisson(9);
        close(nine.lower(), 4.115);
        close(nine.upper(), 17.08);
    }

    @Test
    void crude_rates_switch_from_exact_to_byar_at_10() {
        assertThat(PublicHealthStatistics.countLimits(9)).isEqualTo(PublicHealthStatistics.exactPoisson(9));
        assertThat(PublicHealthStatistics.countLimits(10)).isEqualTo(PublicHealthStatistics.byar(10));
        // 10 events in 50,000 people: 20 per 100k, limits 4.787 x 2 and 18.39 x 2
        Estimate rate = PublicHealthStatistics.crudeRate(10, 50000, 100000);
        close(rate.value(), 20.0);
        close(rate.lower(), 9.575);
        close(rate.upper(), 36.78);
        assertThat(PublicHealthStatistics.crudeRate(3, 0, 100000)).isEqualTo(Estimate.NONE);
    }

    @Test
    void wilson_limits_for_0_5_and_10_of_10() {
        // z² = 3.841459; 2(n + z²) = 27.68292
        // 0/10: (0 + 3.841459 ± 1.959964 √3.841459)/27.68292 = (3.841459 ± 3.841459)/27.68292 -> 0 %, 27.75 %
        Interval none = PublicHealthStatistics.wilsonPercent(0, 10);
        assertThat(none.lower()).isCloseTo(0.0, within(1e-9));
        close(none.upper(), 27.75);
        // 5/10: (10 + 3.841459 ± 1.959964 √(3.841459 + 20 x 0.5))/27.68292 = (13.84146 ± 7.291882)/27.68292
        //       -> 23.66 %, 76.34 %
        Interval half = PublicHealthStatistics.wilsonPercent(5, 10);
        close(half.lower(), 23.66);
        close(half.upper(), 76.34);
        // 10/10: (20 + 3.841459 ± 1.959964 √3.841459)/27.68292 = (23.84146 ± 3.841459)/27.68292 -> 72.25 %, 100 %
        Interval all = PublicHealthStatistics.wilsonPercent(10, 10);
        close(all.lower(), 72.25);
        close(all.upper(), 100.0);
        assertThat(PublicHealthStatistics.wilsonPercent(0, 0)).isEqualTo(Interval.NONE);
    }

    @Test
    void dsr_with_dobson_limits_over_three_bands() {
        // bands (ESP2013 weight, events, population): 65-69 (5500, 10, 20000), 70-74 (5000, 15, 15000),
        // 75-79 (4000, 20, 10000).  Σw = 14500, O = 45
        // Σ w·O/n = 2.75 + 5.0 + 8.0 = 15.75 -> DSR = 100000 x 15.75 / 14500 = 108.6 per 100k
        // Σ w²·O/n² = 5500² x 10/20000² + 5000² x 15/15000² + 4000² x 20/10000² = 0.75625 + 1.66667 + 3.2 = 5.62292
        // var = (100000/14500)² x 5.62292 = 267.44
        // Byar for 45: low = 45 (1 - 1/405 - 1.959964/(3 √45))^3 = 32.82; high = 46 (1 - 1/414 + 1.959964/(3 √46))^3 = 60.21
        // low = 108.62 + √(267.44/45) x (32.82 - 45) = 108.62 - 2.43785 x 12.180 = 78.93
        // high = 108.62 + 2.43785 x (60.21 - 45) = 145.7
        Estimate dsr = DirectlyStandardisedRate.of(List.of(
                new DirectlyStandardisedRate.Band(5500, 10, 20000),
                new DirectlyStandardisedRate.Band(5000, 15, 15000),
                new DirectlyStandardisedRate.Band(4000, 20, 10000)));
        close(dsr.value(), 108.6);
        close(dsr.lower(), 78.93);
        close(dsr.upper(), 145.7);
    }

    @Test
    void dsr_is_not_calculated_below_10_events_or_with_events_and_no_population() {
        assertThat(DirectlyStandardisedRate.of(List.of(new DirectlyStandardisedRate.Band(5500, 9, 20000))))
                .isEqualTo(Estimate.NONE);
        assertThat(DirectlyStandardisedRate.of(List.of(new DirectlyStandardisedRate.Band(5500, 20, 20000),
                new DirectlyStandardisedRate.Band(5000, 1, 0)))).isEqualTo(Estimate.NONE);
        assertThat(DirectlyStandardisedRate.of(List.of(new DirectlyStandardisedRate.Band(5500, 20, 20000),
                new DirectlyStandardisedRate.Band(5000, 0, 0))).value()).as("an empty band with no people is fine")
                .isNotNull();
    }
}
