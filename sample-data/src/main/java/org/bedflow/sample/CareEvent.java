package org.bedflow.sample;

import java.time.LocalDate;

/**
 * One simulated adult social care event (before the council's recording of it).
 *
 * @param outcome CLD event outcome in Release 2 wording ({@link EventOutcome}); the recorder
 *                writes it in the council's wording
 */
record CareEvent(String type, LocalDate start, LocalDate end, String route, String serviceType, String component,
        boolean linkedToDischarge, String outcome) {

    static final String REQUEST = "Request";
    static final String ASSESSMENT = "Assessment";
    static final String SERVICE = "Service";
    static final String REVIEW = "Review";

    static final String REABLEMENT = "Short Term Support: ST-Max";
    static final String RESIDENTIAL = "Long Term Support: Residential Care";
    static final String NURSING = "Long Term Support: Nursing Care";
    static final String COMMUNITY = "Long Term Support: Community";
    static final String OTHER_SHORT_TERM = "Short Term Support: Other Short Term";
    /** Release 1 name of a carer's own service, the name the pipeline accepts as canonical. */
    static final String CARER_SUPPORT = "Carer Support: Direct to Carer";

    CareEvent withEnd(LocalDate newEnd, String newOutcome) {
        return new CareEvent(type, start, newEnd, route, serviceType, component, linkedToDischarge, newOutcome);
    }

    CareEvent withOutcome(String newOutcome) {
        return withEnd(end, newOutcome);
    }

    boolean longTermPlacement() {
        return RESIDENTIAL.equals(serviceType) || NURSING.equals(serviceType);
    }

    boolean reablement() {
        return REABLEMENT.equals(serviceType) && "Reablement".equals(component);
    }
}
