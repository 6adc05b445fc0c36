package org.bedflow.sample;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The covered months and how activity spreads over them: winter pressure for emergencies,
 * August and Christmas dips for planned care, the COVID-19 collapse of elective work in spring
 * 2020 and winter 2020-21, and few planned admissions at weekends.
 */
final class Window {

    private static final double[] EMERGENCY_SEASON = {1.10, 1.05, 1.02, 0.98, 0.98, 0.96, 0.98, 0.95, 0.98, 1.00, 1.03, 1.08};
    private static final double[] ELECTIVE_SEASON = {1.00, 1.02, 1.05, 0.95, 0.98, 1.02, 1.00, 0.85, 1.02, 1.05, 1.05, 0.88};

    final YearMonth startMonth;
    final int months;
    final LocalDate first;
    final LocalDate last;
    /** The day after the window: the run date the data is valid for. */
    final LocalDate runDate;

    private final Weighted<YearMonth> emergencyMonths;
    private final Weighted<YearMonth> electiveMonths;

    Window(YearMonth start, int months) {
        this.startMonth = start;
        this.months = months;
        this.first = start.atDay(1);
        this.last = start.plusMonths(months - 1L).atEndOfMonth();
        this.runDate = last.plusDays(1);
        Weighted.Builder<YearMonth> em = Weighted.builder();
        Weighted.Builder<YearMonth> el = Weighted.builder();
        for (int i = 0; i < months; i++) {
            YearMonth m = start.plusMonths(i);
            int days = m.lengthOfMonth();
            em.add(m, days * EMERGENCY_SEASON[m.getMonthValue() - 1] * covidFactor(m, true));
            el.add(m, days * ELECTIVE_SEASON[m.getMonthValue() - 1] * covidFactor(m, false));
        }
        this.emergencyMonths = em.build();
        this.electiveMonths = el.build();
    }

    /** A date for an unplanned admission (or any event that follows the emergency pattern). */
    LocalDate emergencyDate(Rng rng) {
        YearMonth m = emergencyMonths.draw(rng);
        return m.atDay(1 + rng.nextInt(m.lengthOfMonth()));
    }

    /** A date for a planned admission: mostly a weekday. */
    LocalDate electiveDate(Rng rng) {
        YearMonth m = electiveMonths.draw(rng);
        LocalDate d = m.atDay(1 + rng.nextInt(m.lengthOfMonth()));
        for (int i = 0; i < 3 && isWeekend(d) && rng.chance(0.85); i++) {
            d = m.atDay(1 + rng.nextInt(m.lengthOfMonth()));
        }
        return d;
    }

    boolean contains(LocalDate d) {
        return !d.isBefore(first) && !d.isAfter(last);
    }

    int years() {
        return last.getYear() - first.getYear() + 1;
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** Relative activity in the real COVID-19 months (1.0 elsewhere). */
    private static double covidFactor(YearMonth m, boolean emergency) {
        if (m.getYear() == 2020) {
            return switch (m.getMonthValue()) {
                case 3 -> emergency ? 0.85 : 0.70;
                case 4 -> emergency ? 0.65 : 0.35;
                case 5 -> emergency ? 0.78 : 0.45;
                case 6 -> emergency ? 0.88 : 0.60;
                case 7 -> emergency ? 0.93 : 0.75;
                case 8 -> emergency ? 0.95 : 0.80;
                case 9, 10 -> emergency ? 0.97 : 0.85;
                case 11, 12 -> emergency ? 0.95 : 0.85;
                default -> 1.0;
            };
        }
        if (m.getYear() == 2021) {
            return switch (m.getMonthValue()) {
                case 1 -> emergency ? 0.90 : 0.60;
                case 2 -> emergency ? 0.92 : 0.75;
                case 3 -> emergency ? 0.97 : 0.90;
                default -> 1.0;
            };
        }
        return 1.0;
    }
}
