package org.bedflow.pipeline.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.measure.LinkedSpellRows.WEST;
import static org.bedflow.pipeline.measure.LinkedSpellRows.delayed;
import static org.bedflow.pipeline.measure.LinkedSpellRows.spell;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * delayed_discharge_breakdown for West Northamptonshire, May 2021:
 * <pre>
 *  #  pathway  delay  reason (category)           sector       care component
 *  1  1        3      E  awaiting_home_care_package Social care  Home Care
 *  2  1        0      -                            -            none (no event)
 *  3  -        5      ZZ other                     unknown      Reablement
 *  4  2        -      -  (no DRD)                  -            none
 * </pre>
 */
class DelayedDischargeBreakdownTest {

    static Map<String, long[]> cells = new TreeMap<>();

    @BeforeAll
    static void measure() {
        var spells = LinkedSpellRows.frame(List.of(
                delayed(3, "discharge_pathway", "1", "delay_reason_category", "awaiting_home_care_package",
                        "delay_responsible_sector", "Social care", "care_event_id", "E1", "care_service_component", "Home Care"),
                delayed(0, "discharge_pathway", "1"),
                delayed(5, "delay_reason_category", "other", "delay_responsible_sector", "unknown",
                        "care_event_id", "E3", "care_service_component", "Reablement"),
                spell("discharge_pathway", "2")));
        var out = DelayedDischargeBreakdown.breakdown(SharedSpark.session(), spells,
                LinkedSpellRows.grid("2021-05", "2021-05"), DelayReasons.load("dtoc"), "r");
        for (Row r : out.collectAsList()) {
            cells.put(r.getAs("unitary_area") + "|" + r.getAs("dimension") + "|" + r.getAs("category"),
                    new long[] {r.getAs("discharges"), r.getAs("delayed_discharges"), r.getAs("delay_days")});
        }
    }

    private static long[] cell(String dimension, String category) {
        return cells.get(WEST + "|" + dimension + "|" + category);
    }

    @Test
    void pathway_splits_the_universe() {
        assertThat(cell("pathway", "1")).containsExactly(2, 1, 3);     // spells 1, 2; delayed 1 (3 days)
        assertThat(cell("pathway", "2")).containsExactly(1, 0, 0);     // spell 4
        assertThat(cell("pathway", "unknown")).containsExactly(1, 1, 5); // spell 3
        assertThat(cell("pathway", "0")).containsExactly(0, 0, 0);     // in the grid, zero
    }

    @Test
    void reasons_and_sectors_of_delayed_spells_and_unknown_for_the_rest() {
        assertThat(cell("delay_reason", "awaiting_home_care_package")).containsExactly(1, 1, 3);
        assertThat(cell("delay_reason", "other")).containsExactly(1, 1, 5);
        assertThat(cell("delay_reason", "unknown")).containsExactly(2, 0, 0);   // spells 2 and 4
        assertThat(cell("responsible_sector", "Social care")).containsExactly(1, 1, 3);
        // one spelling: spell 3's unmapped reason (sector unknown) and spells 2 and 4 (none) share a row
        assertThat(cell("responsible_sector", "unknown")).containsExactly(3, 1, 5);
        assertThat(cell("responsible_sector", "Unknown")).isNull();
    }

    @Test
    void care_component_is_none_without_a_linked_event() {
        assertThat(cell("care_component", "Home Care")).containsExactly(1, 1, 3);
        assertThat(cell("care_component", "Reablement")).containsExactly(1, 1, 5);
        assertThat(cell("care_component", "none")).containsExactly(2, 0, 0);
        assertThat(cell("care_component", "Nursing Care")).containsExactly(0, 0, 0);
    }

    @Test
    void delay_band_of_each_spell_none_for_0_days_unknown_when_not_measured() {
        assertThat(cell("delay_band", "2-3")).containsExactly(1, 1, 3);   // spell 1
        assertThat(cell("delay_band", "none")).containsExactly(1, 0, 0);  // spell 2
        assertThat(cell("delay_band", "4-6")).containsExactly(1, 1, 5);   // spell 3
        assertThat(cell("delay_band", "unknown")).containsExactly(1, 0, 0); // spell 4, no delay known
        for (String band : List.of("1", "7-13", "14-20", "21+")) {
            assertThat(cell("delay_band", band)).as(band).containsExactly(0, 0, 0);
        }
    }

    @Test
    void every_dimension_adds_up_to_the_universe() {
        for (String d : List.of("pathway", "delay_reason", "responsible_sector", "delay_band", "care_component")) {
            long total = cells.entrySet().stream().filter(e -> e.getKey().startsWith(WEST + "|" + d + "|"))
                    .mapToLong(e -> e.getValue()[0]).sum();
            assertThat(total).as(d).isEqualTo(4);
        }
    }
}
