package org.bedflow.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulates adult social care in the shape of the Client Level Data return: for a share of
 * alive discharges (mostly people 65+ on discharge pathways 1-3) a Request routed
 * "Discharge from hospital", often an Assessment, and a Service starting around the discharge
 * (from the day before to three days after for most, later for some); plus community clients
 * whose requests come by other routes and are not linked to any spell, and unpaid carers with
 * their own support. Every event gets the outcome a council would record (CLD Event Outcome).
 *
 * <p>Reablement succeeds for most and fails each way ASCOF 2D counts: an emergency readmission
 * ends it ("Admitted to hospital"), a few older people move into a care home after it, some die
 * ({@link Mortality}). Long-term services run on (no end date) or end at the person's death,
 * in hospital or outside it; some placements are self-funded (the council records them with
 * the outcome "NFA: Self-funded client or under 12wk disregard", and ASCOF 2B/2C leave them out).
 */
final class SocialCare {

    /** Share of long-term residential and nursing placements the person funds themselves. */
    static final double SELF_FUNDED = 0.14;
    /** Older people whose reablement ends in a move to a care home (a 2D failure). */
    static final double PLACEMENT_AFTER_REABLEMENT = 0.045;
    /**
     * Chance that someone whose hospital course brings them back as an emergency within 12 weeks
     * is judged too unwell to benefit from reablement and gets home care instead. The generator
     * simulates the hospital course first, so the selection of people with a good chance of
     * regaining independence (who are readmitted less) is made here, knowing the course. For the
     * episodes in ASCOF 2D's population {@link ReablementOutcomes} decides instead.
     */
    static final double TOO_UNWELL_FOR_REABLEMENT = 0.6;
    /** Older people, and younger ones, whose discharge-to-assess bed becomes a long-term placement. */
    static final double LONG_TERM_AFTER_ASSESSMENT_BED_65 = 0.21;
    static final double LONG_TERM_AFTER_ASSESSMENT_BED = 0.03;
    /** Residents who move on to nursing care as their needs grow (not a new placement). */
    static final double RESIDENTIAL_TO_NURSING = 0.08;
    /** Chance that the council learns of a death outside hospital, and of one in hospital. */
    static final double KNOWS_COMMUNITY_DEATH = 0.94;
    static final double KNOWS_HOSPITAL_DEATH = 0.85;

    private static final Weighted<String> COMMUNITY_ROUTE = Weighted.<String>builder()
            .add("Community / other route", 65).add("Diversion from hospital services", 10)
            .add("Self-funder with depleted funds", 8).add("Other", 10).build();
    private static final Weighted<String> REQUEST_NFA = Weighted.<String>builder()
            .add(EventOutcome.INFORMATION, 55).add(EventOutcome.DECLINED, 12).add(EventOutcome.NO_SERVICES, 10)
            .add(EventOutcome.NHS_FUNDED, 5).add(EventOutcome.SELF_FUNDED, 5).add(EventOutcome.OTHER, 5)
            .add(EventOutcome.MOVED, 3).build();
    private static final Weighted<String> ASSESSMENT_NFA = Weighted.<String>builder()
            .add(EventOutcome.INFORMATION, 30).add(EventOutcome.SELF_FUNDED, 20).add(EventOutcome.NO_SERVICES, 20)
            .add(EventOutcome.DECLINED, 15).add(EventOutcome.NHS_FUNDED, 10).add(EventOutcome.OTHER, 5).build();
    private static final Weighted<String> HOME_CARE_ENDED = Weighted.<String>builder()
            .add(EventOutcome.ENDED_AS_PLANNED, 45).add(EventOutcome.ENDED_OTHER, 35)
            .add(EventOutcome.TO_ASSESSMENT, 12).add(EventOutcome.NHS_FUNDED, 5).add(EventOutcome.MOVED, 3).build();
    private static final Weighted<String> REVIEW = Weighted.<String>builder()
            .add(EventOutcome.CONTINUATION, 75).add(EventOutcome.TO_SERVICES, 15).add(EventOutcome.ENDED_OTHER, 10)
            .build();

    private final Rng rng;
    private final Window window;
    private final Mortality mortality;
    private final ReablementOutcomes reablementOutcomes = new ReablementOutcomes();

    SocialCare(Rng rng, Window window) {
        this.rng = rng;
        this.window = window;
        this.mortality = new Mortality(rng, window);
    }

    /** Events following the alive discharges of one patient (empty for most patients). */
    List<CareEvent> afterDischarges(Person p, List<Spell> spells) {
        List<CareEvent> out = new ArrayList<>();
        if (!p.district.inCounty()) {
            return out;
        }
        boolean longTermPlaced = false;
        for (Spell s : spells) {
            // a discharge the hospital has not submitted yet (reporting lag) still has its care;
            // spells after a death outside hospital are dropped (Mortality.survivingSpells)
            if (s.died || s.discharge().isAfter(window.last) || s.age < 18
                    || p.diedInCommunity && s.admission.isAfter(p.diedOn)) {
                continue;
            }
            reablementOutcomes.discharged(p, s);
            if (!rng.chance(linkChance(s, longTermPlaced))) {
                continue;
            }
            LocalDate discharge = s.discharge();
            LocalDate requestStart = later(s.admission, discharge.minusDays(rng.between(0, 3)));
            if (s.drdRecorded && s.delayNights > 0) {
                requestStart = later(s.admission, s.readyDate().minusDays(rng.between(0, 2)));
            }
            int offset = rng.chance(0.82) ? pickOffset() : rng.between(4, 21);
            LocalDate serviceStart = later(discharge.plusDays(offset), s.admission);
            requestStart = earlier(requestStart, serviceStart);
            LocalDate requestEnd = earlier(requestStart.plusDays(rng.between(0, 2)), serviceStart);
            boolean assessed = rng.chance(0.35);
            LocalDate assessmentEnd = requestEnd.plusDays(rng.between(0, 4));
            List<CareEvent> services = new ArrayList<>();
            services(services, p, s.pathway, serviceStart, true, spells);
            String next = progressTo(services);
            add(out, new CareEvent(CareEvent.REQUEST, requestStart, requestEnd, "Discharge from hospital", null,
                    null, true, assessed ? EventOutcome.TO_ASSESSMENT : next));
            if (assessed) {
                add(out, new CareEvent(CareEvent.ASSESSMENT, requestEnd, assessmentEnd, null, null, null, true, next));
            }
            out.addAll(services);
            longTermPlaced |= services.stream().anyMatch(CareEvent::longTermPlacement);
        }
        return settle(out, p, spells);
    }

    /** Events of a client who comes to the council by a community route (no hospital spell). */
    List<CareEvent> communityClient(Person p) {
        List<CareEvent> out = new ArrayList<>();
        int requests = rng.chance(0.1) ? 2 : 1;
        for (int i = 0; i < requests; i++) {
            LocalDate start = window.emergencyDate(rng);
            int age = p.ageOn(start);
            String route = age < 26 && rng.chance(0.5) ? "Planned entry (transition)" : COMMUNITY_ROUTE.draw(rng);
            LocalDate requestEnd = start.plusDays(rng.between(0, 10));
            boolean assessed = rng.chance(0.65);
            LocalDate assessmentEnd = requestEnd.plusDays(rng.between(0, 20));
            List<CareEvent> services = new ArrayList<>();
            boolean served = rng.chance(0.45);
            if (served) {
                double u = rng.nextDouble();
                String pathway = u < 0.75 ? "1" : u < 0.9 ? "2" : "3";
                LocalDate from = assessed ? assessmentEnd : requestEnd;
                services(services, p, pathway, from.plusDays(rng.between(1, 28)), false, List.of());
            }
            String next = served ? progressTo(services) : null;
            add(out, new CareEvent(CareEvent.REQUEST, start, requestEnd, route, null, null, false,
                    assessed ? EventOutcome.TO_ASSESSMENT : served ? next : REQUEST_NFA.draw(rng)));
            if (assessed) {
                add(out, new CareEvent(CareEvent.ASSESSMENT, requestEnd, assessmentEnd, null, null, null, false,
                        served ? next : ASSESSMENT_NFA.draw(rng)));
            }
            out.addAll(services);
        }
        return settle(out, p, List.of());
    }

    /**
     * Events of an unpaid carer: a request and a carer's assessment, then for most support of
     * their own (a one-off or a continuing payment). Only in the unitaries' Client Level Data
     * era: the county's older extract holds no carers' records.
     */
    List<CareEvent> carer(Person p) {
        List<CareEvent> out = new ArrayList<>();
        LocalDate start = window.emergencyDate(rng);
        if (start.isBefore(Northamptonshire.VESTING_DAY)) {
            return out;
        }
        LocalDate requestEnd = start.plusDays(rng.between(0, 10));
        LocalDate assessmentEnd = requestEnd.plusDays(rng.between(0, 20));
        // a carer known by association is on the record of the person cared for: no support of their own
        boolean supported = p.clientType.equals(Person.CLIENT_CARER) && rng.chance(0.75);
        add(out, new CareEvent(CareEvent.REQUEST, start, requestEnd, "Community / other route", null, null, false,
                EventOutcome.TO_ASSESSMENT));
        add(out, new CareEvent(CareEvent.ASSESSMENT, requestEnd, assessmentEnd, null, null, null, false,
                supported ? EventOutcome.TO_SERVICES : EventOutcome.INFORMATION));
        if (supported) {
            LocalDate from = assessmentEnd.plusDays(rng.between(1, 21));
            boolean oneOff = rng.chance(0.6);
            add(out, new CareEvent(CareEvent.SERVICE, from, oneOff ? from : null, null, CareEvent.CARER_SUPPORT,
                    rng.chance(0.5) ? "Direct Payment" : "Other", false,
                    oneOff ? EventOutcome.ENDED_AS_PLANNED : EventOutcome.CONTINUATION));
        }
        return settle(out, p, List.of());
    }

    private int pickOffset() {
        double u = rng.nextDouble();
        return u < 0.10 ? -1 : u < 0.55 ? 0 : u < 0.80 ? 1 : u < 0.92 ? 2 : 3;
    }

    private static double linkChance(Spell s, boolean alreadyPlaced) {
        if (alreadyPlaced) {
            return 0.01;
        }
        boolean older = s.age >= 65;
        if (s.pathway == null) {
            return older ? 0.07 : 0.01;
        }
        return switch (s.pathway) {
            case "0" -> older ? 0.03 : 0.005;
            case "1" -> older ? 0.26 : 0.08;
            case "2" -> older ? 0.35 : 0.12;
            default -> older ? 0.55 : 0.30;
        };
    }

    /** The outcome of the request or assessment that led to {@code services}. */
    private static String progressTo(List<CareEvent> services) {
        return !services.isEmpty() && services.get(0).reablement() ? EventOutcome.TO_REABLEMENT
                : EventOutcome.TO_SERVICES;
    }

    /**
     * Adds the service(s) for a pathway. Reablement is offered on pathways 1 and 2 more often than
     * the council's service has room for (ReablementOutcomes.CAPACITY, about 3 % of older people's
     * discharges, as the national ASCOF 2D part 2): those it cannot take get home care.
     */
    private void services(List<CareEvent> out, Person p, String pathway, LocalDate start, boolean linked,
            List<Spell> spells) {
        double u = rng.nextDouble();
        String path = pathway == null ? "0" : pathway;
        switch (path) {
            case "1" -> {
                if (u < 0.55) {
                    reablement(out, p, start, linked, spells);
                } else if (u < 0.92) {
                    homeCare(out, p, start, linked, spells);
                } else {
                    add(out, new CareEvent(CareEvent.SERVICE, start, start, null, CareEvent.OTHER_SHORT_TERM,
                            "Equipment", linked, EventOutcome.ENDED_AS_PLANNED));
                }
            }
            case "2" -> {
                if (u < 0.55) {
                    LocalDate end = start.plusDays(rng.between(14, 42));
                    List<CareEvent> after = new ArrayList<>();
                    if (rng.chance(p.ageOn(start) >= 65 ? 0.08 : 0.02)) {
                        placement(after, p, end.plusDays(1), false, spells);
                    } else if (rng.chance(0.25)) {
                        homeCare(after, p, end.plusDays(1), false, spells);
                    }
                    String outcome = after.isEmpty() ? EventOutcome.ENDED_AS_PLANNED
                            : after.get(0).longTermPlacement() ? EventOutcome.TO_ASSESSMENT : EventOutcome.TO_SERVICES;
                    add(out, new CareEvent(CareEvent.SERVICE, start, end, null, CareEvent.OTHER_SHORT_TERM,
                            "Short Term Residential Care", linked, outcome));
                    out.addAll(after);
                } else {
                    reablement(out, p, start, linked, spells);
                }
            }
            case "3" -> careHomeAssessment(out, p, start, linked, spells);
            default -> {
                if (u < 0.8) {
                    homeCare(out, p, start, linked, spells);
                } else {
                    reablement(out, p, start, linked, spells);
                }
            }
        }
    }

    /**
     * Pathway 3, discharge to assess in a care home bed: a short-term bed for some weeks, then
     * a long-term placement for a minority (fewer of working age); the others go home (some with
     * home care), are funded by the NHS, stay on at their own expense, or die there. The sample's
     * hospitals send more older people home on pathway 3 than England's do, so the long-term
     * share here is what keeps new placements (ASCOF 2B, 2C) near the national rates.
     */
    private void careHomeAssessment(List<CareEvent> out, Person p, LocalDate start, boolean linked,
            List<Spell> spells) {
        LocalDate end = start.plusDays(rng.between(14, 42));
        double u = rng.nextDouble();
        List<CareEvent> after = new ArrayList<>();
        String outcome;
        if (u < (p.ageOn(start) >= 65 ? LONG_TERM_AFTER_ASSESSMENT_BED_65 : LONG_TERM_AFTER_ASSESSMENT_BED)) {
            placement(after, p, end.plusDays(1), false, spells);
            outcome = EventOutcome.TO_SERVICES;
        } else if (u < 0.4) {
            homeCare(after, p, end.plusDays(1), false, spells);
            outcome = EventOutcome.TO_SERVICES;
        } else if (u < 0.5) {
            outcome = EventOutcome.NHS_FUNDED;
        } else if (u < 0.6) {
            outcome = EventOutcome.SELF_FUNDED;
        } else {
            outcome = EventOutcome.ENDED_AS_PLANNED;
        }
        add(out, new CareEvent(CareEvent.SERVICE, start, end, null, CareEvent.OTHER_SHORT_TERM,
                "Short Term Residential Care", linked, outcome));
        out.addAll(after);
        mortality.receiving(p, Mortality.Setting.RESIDENTIAL, start, spells);
    }

    private void reablement(List<CareEvent> out, Person p, LocalDate start, boolean linked, List<Spell> spells) {
        Spell discharge = ReablementOutcomes.countedDischarge(spells, start);
        boolean steered = discharge != null;
        if (steered && !reablementOutcomes.place(p, discharge)) {
            homeCare(out, p, start, linked, spells);
            return;
        }
        ReablementOutcomes.Verdict verdict = steered ? reablementOutcomes.judge(p, discharge, spells) : null;
        boolean tooUnwell = steered ? verdict == ReablementOutcomes.Verdict.TOO_UNWELL
                : emergencyWithin84Days(spells, start) && rng.chance(TOO_UNWELL_FOR_REABLEMENT);
        if (tooUnwell) {
            if (steered) {
                reablementOutcomes.release(p, discharge);
            }
            homeCare(out, p, start, linked, spells);
            return;
        }
        LocalDate end = start.plusDays(rng.between(7, 42));
        double u = rng.nextDouble();
        boolean makeFail = verdict == ReablementOutcomes.Verdict.MAKE_FAIL;
        boolean died = makeFail && rng.chance(0.6)
                && mortality.dieAfterReablement(p, start, discharge.discharge(), spells);
        List<CareEvent> after = new ArrayList<>();
        String outcome;
        boolean placed = !died && (makeFail || !steered && p.ageOn(start) >= 65 && u < PLACEMENT_AFTER_REABLEMENT)
                && !end.plusDays(1).isAfter(window.last);
        if (makeFail && (died || placed)) {
            reablementOutcomes.failed(p, discharge);
        }
        if (died) {
            outcome = EventOutcome.ENDED_OTHER; // settle() ends it on the day of death
        } else if (placed) {
            placement(after, p, end.plusDays(1), false, spells);
            outcome = EventOutcome.TO_ASSESSMENT;
        } else if (u < PLACEMENT_AFTER_REABLEMENT + 0.2) {
            homeCare(after, p, end.plusDays(1), false, spells);
            outcome = EventOutcome.TO_SERVICES;
        } else {
            outcome = rng.chance(0.9) ? EventOutcome.ENDED_AS_PLANNED : EventOutcome.ENDED_OTHER;
        }
        if (verdict == ReablementOutcomes.Verdict.SUCCEEDS) {
            p.aliveUntil = discharge.discharge().plusDays(84);
        }
        add(out, new CareEvent(CareEvent.SERVICE, start, end, null, CareEvent.REABLEMENT, "Reablement", linked,
                outcome));
        out.addAll(after);
        if (!steered) {
            mortality.afterReablement(p, start, spells);
        }
    }

    private void homeCare(List<CareEvent> out, Person p, LocalDate start, boolean linked, List<Spell> spells) {
        LocalDate end = rng.chance(0.5) ? null : start.plusDays(Math.round(rng.logNormal(90, 0.9)));
        String component = rng.chance(0.85) ? "Home Care" : rng.chance(0.6) ? "Direct Payment" : "Day Care";
        String outcome = end == null ? EventOutcome.CONTINUATION : HOME_CARE_ENDED.draw(rng);
        add(out, new CareEvent(CareEvent.SERVICE, start, end, null, CareEvent.COMMUNITY, component, linked,
                outcome));
        review(out, start);
        mortality.receiving(p, Mortality.Setting.HOME_CARE, start, spells);
    }

    private void placement(List<CareEvent> out, Person p, LocalDate start, boolean linked, List<Spell> spells) {
        boolean nursing = rng.chance(0.4);
        String funding = rng.chance(SELF_FUNDED) ? EventOutcome.SELF_FUNDED : EventOutcome.CONTINUATION;
        if (!nursing && rng.chance(RESIDENTIAL_TO_NURSING)) {
            LocalDate move = start.plusDays(rng.between(60, 500));
            add(out, new CareEvent(CareEvent.SERVICE, start, move.minusDays(1), null, CareEvent.RESIDENTIAL,
                    "Residential Care", linked, funding.equals(EventOutcome.SELF_FUNDED) ? funding
                            : EventOutcome.TO_ASSESSMENT));
            add(out, new CareEvent(CareEvent.SERVICE, move, null, null, CareEvent.NURSING, "Nursing Care", false,
                    funding));
        } else {
            add(out, new CareEvent(CareEvent.SERVICE, start, null, null,
                    nursing ? CareEvent.NURSING : CareEvent.RESIDENTIAL, nursing ? "Nursing Care" : "Residential Care",
                    linked, funding));
        }
        review(out, start);
        mortality.receiving(p, nursing ? Mortality.Setting.NURSING : Mortality.Setting.RESIDENTIAL, start, spells);
    }

    private void review(List<CareEvent> out, LocalDate serviceStart) {
        if (rng.chance(0.15)) {
            LocalDate start = serviceStart.plusDays(rng.between(42, 90));
            add(out, new CareEvent(CareEvent.REVIEW, start, start.plusDays(rng.between(0, 5)), null, null, null,
                    false, REVIEW.draw(rng)));
        }
    }

    /** Keeps only what the council could have recorded in the window. */
    private void add(List<CareEvent> out, CareEvent e) {
        if (e.start().isAfter(window.last) || e.start().isBefore(window.first)) {
            return;
        }
        out.add(e);
    }

    /**
     * The person's events as they turned out: reablement ended by an emergency admission,
     * nothing after the death and whatever ran on ended by it (the council records the death as
     * the outcome when it knows of the death), in date order.
     */
    private List<CareEvent> settle(List<CareEvent> events, Person p, List<Spell> spells) {
        LocalDate died = p.diedOn;
        if (died != null) {
            // a provider tells the council of the death of someone it was serving (or had served in the 12 weeks before)
            boolean served = events.stream().anyMatch(e -> e.type().equals(CareEvent.SERVICE)
                    && !e.start().isAfter(died) && (e.end() == null || !e.end().plusDays(84).isBefore(died)));
            p.deathKnownToCouncil = served
                    || rng.chance(p.diedInCommunity ? KNOWS_COMMUNITY_DEATH : KNOWS_HOSPITAL_DEATH);
        }
        List<CareEvent> out = new ArrayList<>();
        for (CareEvent e : events) {
            if (died != null && e.start().isAfter(died)) {
                continue;
            }
            if (e.reablement()) {
                e = admittedDuring(e, spells);
            }
            if (died != null && (e.end() == null || e.end().isAfter(died))) {
                boolean service = e.type().equals(CareEvent.SERVICE);
                String outcome = EventOutcome.SELF_FUNDED.equals(e.outcome()) ? e.outcome()
                        : p.deathKnownToCouncil ? EventOutcome.DECEASED
                        : service ? EventOutcome.ENDED_OTHER : e.outcome();
                e = e.withEnd(died, outcome);
            }
            out.add(e);
        }
        out.sort((a, b) -> a.start().compareTo(b.start()));
        return out;
    }

    private static boolean emergencyWithin84Days(List<Spell> spells, LocalDate start) {
        for (Spell s : spells) {
            if (s.emergency() && s.admission.isAfter(start.minusDays(7)) && !s.admission.isAfter(start.plusDays(84))) {
                return true;
            }
        }
        return false;
    }

    /** A reablement that an emergency admission interrupts ends on the admission day. */
    private static CareEvent admittedDuring(CareEvent e, List<Spell> spells) {
        for (Spell s : spells) {
            if (s.emergency() && s.admission.isAfter(e.start()) && (e.end() == null || !s.admission.isAfter(e.end()))) {
                return e.withEnd(s.admission, EventOutcome.ADMITTED);
            }
        }
        return e;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
