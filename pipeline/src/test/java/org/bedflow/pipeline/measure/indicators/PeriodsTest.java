package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.testing.Frames;
import org.junit.jupiter.api.Test;

/** Financial years run 1 April - 31 March; days in period (docs/indicators.md). */
class PeriodsTest {

    @Test
    void the_financial_year_changes_on_1_april() {
        assertThat(Periods.financialYear(LocalDate.parse("2021-03-31"))).isEqualTo("2020-21");
        assertThat(Periods.financialYear(LocalDate.parse("2021-04-01"))).isEqualTo("2021-22");
        assertThat(Periods.financialYear(LocalDate.parse("2000-01-15"))).isEqualTo("1999-00");
        assertThat(Periods.firstCalendarYear("2021-22")).isEqualTo(2021);
    }

    @Test
    void the_spark_column_agrees_with_the_java_function_on_the_boundaries() {
        List<String> dates = List.of("2021-03-31", "2021-04-01", "2000-01-15", "2099-12-31");
        var frame = Frames.of(new StructType().add("d", DataTypes.DateType),
                dates.stream().map(d -> (Map<String, Object>) Frames.row("d", d)).toList());
        for (Row r : frame.select(col("d"), Periods.financialYear(col("d")).as("fy")).collectAsList()) {
            assertThat(r.getString(1)).as(r.get(0).toString())
                    .isEqualTo(Periods.financialYear(r.getDate(0).toLocalDate()));
        }
    }

    @Test
    void days_in_period_are_calendar_days() {
        assertThat(Periods.days(Periods.Type.MONTH, "2021-02")).isEqualTo(28);
        assertThat(Periods.days(Periods.Type.MONTH, "2024-02")).isEqualTo(29);
        assertThat(Periods.days(Periods.Type.MONTH, "2021-05")).isEqualTo(31);
        assertThat(Periods.days(Periods.Type.FINANCIAL_YEAR, "2021-22")).isEqualTo(365);
        // 1 April 2023 - 31 March 2024 holds 29 February 2024
        assertThat(Periods.days(Periods.Type.FINANCIAL_YEAR, "2023-24")).isEqualTo(366);
    }

    @Test
    void every_financial_year_touched_by_the_months() {
        assertThat(Periods.financialYears(List.of("2021-02", "2021-03", "2021-04"))).containsExactly("2020-21", "2021-22");
        assertThat(Periods.financialYears(List.of())).isEmpty();
    }
}
