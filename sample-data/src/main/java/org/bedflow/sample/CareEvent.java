package org.bedflow.sample;

import java.time.LocalDate;

/** One simulated adult social care event (before the council's recording of it). */
record CareEvent(String type, LocalDate start, LocalDate end, String route, String serviceType, String component,
        boolean linkedToDischarge) {

    static final String REQUEST = "Request";
    static final String ASSESSMENT = "Assessment";
    static final String SERVICE = "Service";
    static final String REVIEW = "Review";
}
