package org.bedflow.pipeline.measure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The linked_spells fields a test row leaves out, filled from the fields it gives, as the
 * link stage would for a spell that is a continuous inpatient spell on its own:
 * cips_admission_date / cips_discharge_date = the spell's dates, is_transfer_in false,
 * drd_recorded = a DRD is present, delay_band from delay_days (NHS England's bands),
 * is_delayed = delay_days &gt;= 1, is_readmission_index false. A field the row gives is kept.
 */
public final class SpellDefaults {

    private SpellDefaults() {
    }

    public static List<Map<String, Object>> complete(List<Map<String, Object>> rows) {
        return rows.stream().map(SpellDefaults::complete).toList();
    }

    public static Map<String, Object> complete(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>(row);
        out.putIfAbsent("cips_admission_date", row.get("admission_date"));
        out.putIfAbsent("cips_discharge_date", row.get("discharge_date"));
        out.putIfAbsent("is_transfer_in", false);
        out.putIfAbsent("drd_recorded", row.get("discharge_ready_date") != null);
        out.putIfAbsent("is_readmission_index", false);
        Object days = row.get("delay_days");
        if (days != null) {
            int d = ((Number) days).intValue();
            out.putIfAbsent("delay_band", band(d));
            out.putIfAbsent("is_delayed", d >= 1);
        }
        return out;
    }

    /** NHS England's band of a delay, worked out here independently of the link stage's column. */
    public static String band(int days) {
        if (days <= 0) {
            return "none";
        }
        if (days == 1) {
            return "1";
        }
        if (days <= 3) {
            return "2-3";
        }
        if (days <= 6) {
            return "4-6";
        }
        if (days <= 13) {
            return "7-13";
        }
        return days <= 20 ? "14-20" : "21+";
    }
}
