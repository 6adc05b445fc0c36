package org.bedflow.pipeline.measure.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTH;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTHAMPTON;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.WEST;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.admitted;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.people;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The indicators table is a complete grid (docs/indicators.md): 2 areas x (3 months, March-May 2021,
 * + the 2 financial years they touch, 2020-21 and 2021-22) x 16 indicators (docs/indicators.md, with
 * ucr_no_emergency_admission_7d from the community_contacts feed) = 160 rows, in the
 * schema's exact columns. Input: three emergency admissions of West residents, March, April
 * and May 2021 (each discharged the next day, home); population 2021 only.
 */
class IndicatorsGridTest {

    static Dataset<Row> table;
    static Map<String, Row> out;

    @BeforeAll
    static void compute() {
        var spells = IndicatorFixtures.spells(List.of(admitted("2021-03-10", 70), admitted("2021-04-10", 70),
                admitted("2021-05-10", 70)));
        var population = IndicatorFixtures.population(List.of(people(NORTHAMPTON, 2021, 70, 1000)));
        table = Indicators.compute(SharedSpark.session(), spells, IndicatorFixtures.noCareEvents(), population,
                IndicatorFixtures.NORTHANTS, IndicatorFixtures.grid("2021-03", "2021-05"), IndicatorFixtures.RUN_DATE,
                "run-7");
        out = IndicatorFixtures.indicators(spells, population, IndicatorFixtures.grid("2021-03", "2021-05"));
    }

    @Test
    void every_area_period_and_indicator_has_one_row_in_the_schemas_columns() {
        assertThat(table.schema()).isEqualTo(OutputTables.INDICATORS.sparkType());
        assertThat(table.count()).isEqualTo(2 * (3 + 2) * 16);
        assertThat(out).hasSize(160);
        for (Indicator i : Indicator.values()) {
            for (String area : List.of(WEST, NORTH)) {
                for (String period : List.of("2021-03", "2021-04", "2021-05", "2020-21", "2021-22")) {
                    assertThat(out).containsKey(area + " " + period + " " + i.id());
                }
            }
        }
        assertThat(table.select("run_id").distinct().collectAsList()).extracting(r -> r.getString(0))
                .containsExactly("run-7");
        assertThat((String) out.get(NORTH + " 2021-04 falls_admissions_65plus").getAs("unitary_area_name"))
                .isEqualTo("North Northamptonshire");
    }

    @Test
    void every_row_names_its_national_reference_from_the_indicator() {
        for (Row r : out.values()) {
            String reference = r.getAs("national_reference");
            assertThat(reference).as(r.<String>getAs("indicator")).isNotBlank()
                    .isEqualTo(Indicator.byId(r.getAs("indicator")).nationalReference());
        }
        assertThat(out.get(WEST + " 2021-22 chronic_acsc_admissions").<String>getAs("national_reference"))
                .startsWith("NHS OF 2.3.i");
        assertThat(out.get(WEST + " 2021-04 reablement_remained_in_community_12wk").<String>getAs("national_reference"))
                .startsWith("ASCOF 2D part 1");
        assertThat(out.get(WEST + " 2021-04 residential_admissions_18_64").<String>getAs("national_reference"))
                .startsWith("ASCOF 2B");
    }

    @Test
    void value_types_follow_the_period() {
        Map<String, String> typesOfMonths = out.values().stream().filter(r -> r.getAs("period_type").equals("month"))
                .collect(Collectors.toMap(r -> r.getAs("indicator"), r -> r.getAs("value_type"), (a, b) -> a));
        Map<String, String> typesOfYears = out.values().stream()
                .filter(r -> r.getAs("period_type").equals("financial_year"))
                .collect(Collectors.toMap(r -> r.getAs("indicator"), r -> r.getAs("value_type"), (a, b) -> a));
        for (Indicator i : Indicator.values()) {
            assertThat(typesOfMonths.get(i.id())).as(i.id()).isEqualTo(switch (i.statistic()) {
                case PERCENT -> "percent";
                case MEAN -> "mean_days";
                default -> "count";
            });
            assertThat(typesOfYears.get(i.id())).as(i.id()).isEqualTo(switch (i.statistic()) {
                case PERCENT -> "percent";
                case MEAN -> "mean_days";
                case DSR -> "dsr_per_100k";
                case CRUDE_RATE, RATE_PER_DAY -> "rate_per_100k";
            });
        }
    }

    @Test
    void empty_cells_are_zero_counts_with_null_values() {
        Row none = out.get(NORTH + " 2021-04 discharged_on_drd");
        assertThat((Long) none.getAs("numerator")).isZero();
        assertThat((Double) none.getAs("denominator")).isZero();
        assertThat((Object) none.getAs("value")).isNull();
        assertThat((Object) none.getAs("lower_95")).isNull();
        // no 2020 population in the feed: 2020-21 has no denominator, only the count (1, March)
        Row noPopulation = out.get(WEST + " 2020-21 emergency_admissions");
        assertThat((Long) noPopulation.getAs("numerator")).isEqualTo(1);
        assertThat((Object) noPopulation.getAs("denominator")).isNull();
        assertThat((Object) noPopulation.getAs("value")).isNull();
        // North has no 2021 population rows at all either
        assertThat((Object) out.get(NORTH + " 2021-22 residential_admissions_65plus").getAs("denominator")).isNull();
    }

    @Test
    void a_years_counts_are_the_sum_of_its_months() {
        // April and May 2021 are in 2021-22, March in 2020-21
        for (Indicator i : Indicator.values()) {
            long months = out.get(WEST + " 2021-04 " + i.id()).<Long>getAs("numerator")
                    + out.get(WEST + " 2021-05 " + i.id()).<Long>getAs("numerator");
            assertThat(out.get(WEST + " 2021-22 " + i.id()).<Long>getAs("numerator")).as(i.id()).isEqualTo(months);
        }
        assertThat(out.get(WEST + " 2021-22 emergency_admissions").<Long>getAs("numerator")).isEqualTo(2);
    }
}
