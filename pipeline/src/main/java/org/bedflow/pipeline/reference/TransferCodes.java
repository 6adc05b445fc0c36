package org.bedflow.pipeline.reference;

import java.util.List;

/**
 * The transfer markers of {@code reference/transfers.csv} (docs/code-lists.md), read once,
 * for every rule that needs them: the continuous inpatient spells (a transfer out or in),
 * the readmission index stays and the discharge delay universe (a discharge to another
 * hospital, destinations 49-53, 84, 87; docs/measures.md).
 */
public final class TransferCodes {

    private static final List<String> DISCHARGE_DESTINATIONS = codes("discharge_destination");
    private static final List<String> ADMISSION_SOURCES = codes("admission_source");
    private static final List<String> ADMISSION_METHODS = codes("admission_method");

    private TransferCodes() {
    }

    /** Discharge destinations of a transfer to another hospital, in file order. */
    public static List<String> dischargeDestinations() {
        return DISCHARGE_DESTINATIONS;
    }

    /** Admission sources of a transfer in from another hospital, in file order. */
    public static List<String> admissionSources() {
        return ADMISSION_SOURCES;
    }

    /** Admission methods of a transfer in from another hospital, in file order. */
    public static List<String> admissionMethods() {
        return ADMISSION_METHODS;
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
