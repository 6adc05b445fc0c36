package org.bedflow.pipeline.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.measure.LinkedSpellRows.NORTH;
import static org.bedflow.pipeline.measure.LinkedSpellRows.WEST;
import static org.bedflow.pipeline.measure.LinkedSpellRows.spell;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/** Open spells at the end of run date 2022-04-01. */
class InpatientSnapshotTest {

    private static Map<String, Object> open(String admitted, Object... kv) {
        Map<String, Object> s = spell("admission_date", admitted, "discharge_date", null, "discharge_month", null,
                "los_days", null, "is_alive_discharge", null, "discharge_method", null, "discharge_destination", null);
        for (int i = 0; i < kv.length; i += 2) {
            s.put((String) kv[i], kv[i + 1]);
        }
        return s;
    }

    @Test
    void counts_open_spells_by_length_of_stay_so_far() {
        var spells = LinkedSpellRows.frame(List.of(
                open("2022-03-31"),                              // 1 day
                open("2022-03-25", "is_emergency", false),       // 7 days: los_7plus, elective
                open("2022-03-11"),                              // 21 days: 7+, 14+, 21+
                spell("admission_date", "2022-03-01", "discharge_date", "2022-03-30"), // discharged: not open
                open("2022-03-20", "unitary_area", "OTHER")));   // not a configured area
        Map<String, Row> byArea = new TreeMap<>();
        InpatientSnapshot.snapshot(SharedSpark.session(), spells, LinkedSpellRows.grid("2022-03", "2022-03"),
                LocalDate.of(2022, 4, 1), "r").collectAsList().forEach(r -> byArea.put(r.getAs("unitary_area"), r));
        Row west = byArea.get(WEST);
        assertThat((Long) west.getAs("inpatients")).isEqualTo(3);
        assertThat((Long) west.getAs("los_7plus")).isEqualTo(2);
        assertThat((Long) west.getAs("los_14plus")).isEqualTo(1);
        assertThat((Long) west.getAs("los_21plus")).isEqualTo(1);
        assertThat((Long) west.getAs("emergency_inpatients")).isEqualTo(2);
        assertThat(west.getAs("snapshot_date").toString()).isEqualTo("2022-04-01");
        assertThat((Long) byArea.get(NORTH).getAs("inpatients")).as("an area with no inpatients still has its row").isZero();
        assertThat(byArea).containsOnlyKeys(WEST, NORTH);
    }
}
