package org.bedflow.pipeline.measure;

import static org.bedflow.pipeline.testing.Frames.row;
import static org.bedflow.pipeline.testing.Frames.with;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.testing.Frames;

/** linked_spells rows with defaults: a 70-year-old West Northamptonshire emergency spell, discharged home alive. */
final class LinkedSpellRows {

    static final String WEST = "E06000062";
    static final String NORTH = "E06000061";
    static final ReorganisationMapping NORTHANTS = ReorganisationMapping.load("northamptonshire");
    private static final AtomicInteger IDS = new AtomicInteger();

    private LinkedSpellRows() {
    }

    static Map<String, Object> spell(Object... kv) {
        return with(row("provider_code", "RNS", "spell_id", "S" + IDS.incrementAndGet(), "age_on_admission", 70,
                "age_band", "70-74", "sex", "1", "unitary_area", WEST, "unitary_area_name", "West Northamptonshire",
                "admission_date", "2021-05-01", "admission_month", "2021-05", "admission_method", "21",
                "is_emergency", true, "is_chronic_acsc", false, "is_acute_acsc", false, "is_fall_65plus", false,
                "discharge_date", "2021-05-10", "discharge_month", "2021-05", "los_days", 9, "discharge_method", "1",
                "discharge_destination", "19", "is_alive_discharge", true, "is_readmission_30d", false,
                "followed_by_readmission_30d", false, "link_quality", "none", "run_id", "r"), kv);
    }

    /** a delayed spell: DRD set so that delay_days = {@code days} */
    static Map<String, Object> delayed(int days, Object... kv) {
        return with(spell("discharge_ready_date", java.time.LocalDate.parse("2021-05-10").minusDays(days).toString(),
                "delay_days", days, "is_delayed", days >= 1), kv);
    }

    static Dataset<Row> frame(List<Map<String, Object>> rows) {
        return Frames.of(OutputTables.LINKED_SPELLS.sparkType(), SpellDefaults.complete(rows));
    }

    static ReportingGrid grid(String first, String last) {
        return ReportingGrid.of(NORTHANTS, YearMonth.parse(first), YearMonth.parse(last));
    }
}
