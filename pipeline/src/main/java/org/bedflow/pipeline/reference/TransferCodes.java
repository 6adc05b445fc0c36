package org.bedflow.pipeline.reference;

import java.util.List;

/**
 * The transfer markers of {@code reference/transfers.csv} (docs/code-lists.md), read once:
 * the discharge destinations that send the patient to another hospital (49-53, 84, 87).
 * The continuous inpatient spell builder reads the same file; the discharge delay measures
 * use this accessor to leave discharges to another hospital out of their universe
 * (docs/measures.md, "delayed_discharge_monthly").
 */
public final class TransferCodes {

    private static final List<String> DISCHARGE_DESTINATIONS = codes("discharge_destination");

    private TransferCodes() {
    }

    /** Discharge destinations of a transfer to another hospital, in file order. */
    public static List<String> dischargeDestinations() {
        return DISCHARGE_DESTINATIONS;
    }

    private static List<String> codes(String marker) {
        List<String> out = ReferenceFiles.bundled("transfers.csv").stream()
                .filter(r -> marker.equals(r.get("marker"))).map(r -> r.get("code")).toList();
        if (out.isEmpty()) {
            throw new IllegalStateException("reference/transfers.csv has no " + marker + " codes");
        }
        return out;
    }
}
