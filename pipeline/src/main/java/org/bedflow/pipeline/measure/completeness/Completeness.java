package org.bedflow.pipeline.measure.completeness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What {@link FeedCompleteness} found for a run: per feed and supplier the last complete month and why the
 * month after it is not; per configured unitary area the months that are provisional (completeness or the
 * calendar); and the run-date warnings.
 *
 * @param suppliers         one row per feed and supplier, feeds then suppliers in order
 * @param provisionalByArea configured area code -> its provisional months (yyyy-MM, oldest first)
 * @param latestData        the latest admission or discharge date in the accepted data, or null
 * @param warnings          run-date warnings in words, empty when none
 */
public record Completeness(List<Supplier> suppliers, Map<String, List<String>> provisionalByArea,
                           String latestData, List<String> warnings) {

    public Completeness {
        suppliers = List.copyOf(suppliers);
        provisionalByArea = Map.copyOf(provisionalByArea);
        warnings = List.copyOf(warnings);
    }

    /**
     * @param feed             apc_admissions, apc_discharges or social_care_events
     * @param supplier         provider_code (hospital feeds) or la_code (social care)
     * @param lastComplete     the latest month that passes every check (yyyy-MM), or null when none does
     * @param firstProvisional the month after it, or null when no month is provisional for completeness
     * @param reason           why {@code firstProvisional} is not complete, in words; null when complete
     * @param shades           whether this supplier's provisional months shade an area (a hospital provider
     *                         supplying at least the minimum share of an area's spells, or a council feed)
     */
    public record Supplier(String feed, String supplier, String lastComplete, String firstProvisional,
                           String reason, boolean shades) {
    }

    /** Whether {@code month} is provisional for configured area {@code area}. */
    public boolean provisional(String area, String month) {
        return provisionalByArea.getOrDefault(area, List.of()).contains(month);
    }

    /** Every month provisional in at least one area, oldest first. */
    public List<String> provisionalMonths() {
        TreeSet<String> all = new TreeSet<>();
        provisionalByArea.values().forEach(all::addAll);
        return new ArrayList<>(all);
    }

    /** The earliest last complete month of the hospital feeds (null when a feed has none, or there is none). */
    public String earliestHospitalLastComplete() {
        String out = null;
        for (Supplier s : suppliers) {
            if (s.feed().startsWith("apc_") && s.firstProvisional() != null) {
                if (s.lastComplete() == null) {
                    return null;
                }
                out = out == null || s.lastComplete().compareTo(out) < 0 ? s.lastComplete() : out;
            }
        }
        return out;
    }
}
