package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;

/**
 * Reporting periods (docs/indicators.md): calendar months {@code yyyy-MM} and financial years
 * {@code yyyy-yy} running 1 April to 31 March (2021-22 = 1 April 2021 to 31 March 2022).
 */
public final class Periods {

    /** The two kinds of period of the indicators table, with their {@code period_type} values. */
    public enum Type {
        MONTH("month"), FINANCIAL_YEAR("financial_year");

        private final String value;

        Type(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        public static Type of(String value) {
            for (Type t : values()) {
                if (t.value.equals(value)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown period_type " + value);
        }
    }

    private Periods() {
    }

    /** The first calendar year of the financial year a date falls in (Jan-Mar belong to the previous year's). */
    public static int financialYearStart(LocalDate date) {
        return date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
    }

    public static String financialYear(int startYear) {
        return String.format("%d-%02d", startYear, (startYear + 1) % 100);
    }

    public static String financialYear(LocalDate date) {
        return financialYear(financialYearStart(date));
    }

    public static String financialYearOfMonth(String month) {
        return financialYear(YearMonth.parse(month).atDay(1));
    }

    /** The financial year of a date column, as {@code yyyy-yy}. */
    public static Column financialYear(Column date) {
        Column start = when(month(date).geq(4), year(date)).otherwise(year(date).minus(1));
        return format_string("%d-%02d", start, pmod(start.plus(1), lit(100)));
    }

    /** The first calendar year of {@code 2021-22}: 2021 (the population year, docs/indicators.md "Population"). */
    public static int firstCalendarYear(String financialYear) {
        return Integer.parseInt(financialYear.substring(0, 4));
    }

    public static LocalDate firstDay(Type type, String period) {
        return type == Type.MONTH ? YearMonth.parse(period).atDay(1)
                : LocalDate.of(firstCalendarYear(period), 4, 1);
    }

    public static LocalDate lastDay(Type type, String period) {
        return type == Type.MONTH ? YearMonth.parse(period).atEndOfMonth()
                : LocalDate.of(firstCalendarYear(period) + 1, 3, 31);
    }

    /**
     * The period's calendar days (docs/indicators.md, "days in period"): 28-31 for a month, 365 or 366
     * for a financial year, whatever the run date.
     */
    public static int days(Type type, String period) {
        return (int) (lastDay(type, period).toEpochDay() - firstDay(type, period).toEpochDay()) + 1;
    }

    /** Every financial year that at least one of the months (yyyy-MM, in order) falls in, in order. */
    public static List<String> financialYears(List<String> months) {
        List<String> out = new ArrayList<>();
        for (String m : months) {
            String fy = financialYearOfMonth(m);
            if (!out.contains(fy)) {
                out.add(fy);
            }
        }
        return out;
    }
}
