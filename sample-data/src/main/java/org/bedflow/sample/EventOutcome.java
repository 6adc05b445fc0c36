package org.bedflow.sample;

/**
 * CLD Event Outcome values the generator uses, in Release 2 wording (the canonical list of
 * pipeline/src/main/resources/reference/codes/event_outcome.csv), and the Release 1 wording a
 * council still on the Release 1 list writes for each (the aliases of that list, or the same
 * words with Release 1 punctuation where the two lists differ only in punctuation and case).
 */
final class EventOutcome {

    static final String ADMITTED = "Admitted to hospital";
    static final String CONTINUATION = "Continuation of support or services";
    static final String DECEASED = "NFA: Deceased";
    static final String INFORMATION = "NFA: Information and advice or signposting";
    static final String NO_SERVICES = "NFA: No services offered for other reason";
    static final String OTHER = "NFA: Other";
    static final String NHS_FUNDED = "NFA: Referral to NHS services or NHS funded social care";
    static final String MOVED = "NFA: Responsibility moved to another local authority";
    static final String SELF_FUNDED = "NFA: Self-funded client or under 12wk disregard";
    static final String DECLINED = "NFA: Support declined";
    static final String ENDED_AS_PLANNED = "NFA: Support ended as planned";
    static final String ENDED_OTHER = "NFA: Support ended for other reason";
    static final String TO_ASSESSMENT = "Progress to assessment, review or reassessment";
    static final String TO_REABLEMENT = "Progress to reablement/ST-Max";
    static final String TO_SERVICES = "Progress to support planning or services";
    /** Release 1 only ("Release 1 specification only: Not mapped"); a Release 2 council never writes it. */
    static final String FINANCIAL_ASSESSMENT = "Progress to financial assessment";

    private EventOutcome() {
    }

    /**
     * The Release 1 wording of {@code code} on an event of {@code eventType}: Release 1 had two
     * words where Release 2 has one (a continuing service is "Provision of service", a review that
     * changes nothing "No change in package"; a request goes to "Assessment", a service or review
     * to "Re-assessment / Unplanned Review").
     */
    static String release1(String code, String eventType) {
        boolean review = CareEvent.REVIEW.equals(eventType);
        boolean request = CareEvent.REQUEST.equals(eventType);
        return switch (code) {
            case ADMITTED -> "Admitted to Hospital";
            case CONTINUATION -> review ? "No change in package" : "Provision of service";
            case DECEASED -> "NFA - Deceased";
            case INFORMATION -> "NFA - Information & Advice / Signposting only";
            case NO_SERVICES -> "NFA - No services offered - other reason";
            case OTHER -> "NFA - Other";
            case NHS_FUNDED -> "NFA - 100% NHS funded care";
            case MOVED -> "NFA - Moved to another LA";
            case SELF_FUNDED -> "NFA - Self-funded client (inc. 12wk disregard)";
            case DECLINED -> "NFA - Support declined";
            case ENDED_AS_PLANNED -> "Service ended as planned";
            case ENDED_OTHER -> "NFA - Support ended – other reason";
            case TO_ASSESSMENT -> request ? "Progress to Assessment" : "Progress to Re-assessment / Unplanned Review";
            case TO_REABLEMENT -> "Progress to Reablement/ST-Max";
            case TO_SERVICES -> "Progress to Support Planning / Services";
            case FINANCIAL_ASSESSMENT -> FINANCIAL_ASSESSMENT;
            default -> throw new IllegalArgumentException(code);
        };
    }
}
