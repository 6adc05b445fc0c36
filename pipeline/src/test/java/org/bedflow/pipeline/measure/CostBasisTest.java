package org.bedflow.pipeline.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.measure.LinkedSpellRows.delayed;
import static org.bedflow.pipeline.measure.LinkedSpellRows.spell;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.cost.CostBasis;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cost basis (docs/cost.md) of a tiny month, May 2021, run date 1 June 2021:
 * <pre>
 *  #  area   pathway  delay  note                                    basis row
 *  1  West   1        3                                               delay 1|3: 2 spells, 6 bed days
 *  2  West   1        3
 *  3  West   1        0      on its DRD                               delay 1|0: 1 spell, 0 bed days
 *  4  West   -        10                                              delay unknown|10: 1 spell, 10 bed days
 *  5  West   1        -      no delay known: not DRD-measured         (none)
 *  6  West   1        5      aged 17: outside the universe (18+)      (none)
 *  7  West   2        -      chronic ACSC, 1 to 10 May                acsc 2: 1 admission, 9 bed days
 *  8  West   -        -      acute ACSC, admitted 20 May, still open  acsc unknown: 1 admission, 12 bed days (to 1 June)
 *  9  North  3        2                                               delay 3|2: 1 spell, 2 bed days
 * </pre>
 */
class CostBasisTest {

    static Map<String, long[]> rows = new TreeMap<>();

    @BeforeAll
    static void basis() {
        var spells = LinkedSpellRows.frame(List.of(
                delayed(3, "discharge_pathway", "1"),
                delayed(3, "discharge_pathway", "1"),
                delayed(0, "discharge_pathway", "1"),
                delayed(10),
                spell("discharge_pathway", "1"),
                delayed(5, "discharge_pathway", "1", "age_on_admission", 17, "age_band", "15-19"),
                spell("discharge_pathway", "2", "is_chronic_acsc", true),
                spell("is_acute_acsc", true, "admission_date", "2021-05-20", "discharge_date", null,
                        "discharge_month", null, "los_days", null, "is_alive_discharge", null,
                        "discharge_method", null, "discharge_destination", null),
                delayed(2, "discharge_pathway", "3", "unitary_area", LinkedSpellRows.NORTH,
                        "unitary_area_name", "North Northamptonshire")));
        for (Row r : CostBasis.basis(spells, LinkedSpellRows.grid("2021-05", "2021-05"), LocalDate.parse("2021-06-01"))
                .collectAsList()) {
            String key = r.getAs("unitary_area") + "|" + r.getAs("month") + "|" + r.getAs("discharge_pathway") + "|"
                    + r.getAs("measure") + "|" + r.getAs("delay_days");
            rows.put(key, new long[] {r.getAs("spells"), r.getAs("bed_days")});
        }
    }

    @Test
    void delays_by_pathway_and_days_bed_days_are_spells_times_days() {
        assertThat(rows.get("E06000062|2021-05|1|delay|3")).containsExactly(2, 6);       // spells 1, 2: 2 x 3
        assertThat(rows.get("E06000062|2021-05|1|delay|0")).containsExactly(1, 0);       // spell 3
        assertThat(rows.get("E06000062|2021-05|unknown|delay|10")).containsExactly(1, 10); // spell 4
        assertThat(rows.get("E06000061|2021-05|3|delay|2")).containsExactly(1, 2);       // spell 9
    }

    @Test
    void acsc_admissions_with_the_days_of_their_stays_open_ones_to_the_run_date() {
        assertThat(rows.get("E06000062|2021-05|2|acsc|null")).containsExactly(1, 9);      // 10 May - 1 May
        assertThat(rows.get("E06000062|2021-05|unknown|acsc|null")).containsExactly(1, 12); // 1 June - 20 May
    }

    @Test
    void nothing_else_no_delay_unknown_no_child() {
        // spell 5 (no delay known) and spell 6 (aged 17) make no row; spell 7 (no DRD) is not a delay row
        assertThat(rows).hasSize(6);
    }
}
