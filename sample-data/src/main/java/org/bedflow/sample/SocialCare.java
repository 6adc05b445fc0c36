package org.bedflow.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulates adult social care in the shape of the Client Level Data return: for a share of
 * alive discharges (mostly people 65+ on discharge pathways 1-3) a Request routed
 * "Discharge from hospital", often an Assessment, and a Service starting around the discharge
 * (from the day before to three days after for most, later for some); plus community clients
 * whose requests come by other routes and are not linked to any spell. Long-term services run
 * on (no end date) or end at a later death in hospital; short-term reablement may be followed
 * by home care.
 */
final class SocialCare {

    private static final Weighted<String> COMMUNITY_ROUTE = Weighted.<String>builder()
            .add("Community / other route", 65).add("Diversion from hospital services", 10)
            .add("Self-funder with depleted funds", 8).add("Other", 10).build();

    private final Rng rng;
    private final Window window;

    SocialCare(Rng rng, Window window) {
        this.rng = rng;
        this.window = window;
    }

    /** Events following the alive discharges of one patient (empty for most patients). */
    List<CareEvent> afterDischarges(Person p, List<Spell> spells) {
        List<CareEvent> out = new ArrayList<>();
        if (!p.district.inCounty()) {
            return out;
        }
        boolean longTermPlaced = false;
        for (Spell s : spells) {
            if (!s.aliveDischarge() || s.age < 18) {
                continue;
            }
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
            add(out, p, new CareEvent(CareEvent.REQUEST, requestStart, requestEnd, "Discharge from hospital", null,
                    null, true));
            if (rng.chance(0.35)) {
                add(out, p, new CareEvent(CareEvent.ASSESSMENT, requestEnd, requestEnd.plusDays(rng.between(0, 4)),
                        null, null, null, true));
            }
            longTermPlaced |= services(out, p, s.pathway, serviceStart, true);
        }
        return out;
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
            add(out, p, new CareEvent(CareEvent.REQUEST, start, requestEnd, route, null, null, false));
            if (rng.chance(0.65)) {
                LocalDate assessmentEnd = requestEnd.plusDays(rng.between(0, 20));
                add(out, p, new CareEvent(CareEvent.ASSESSMENT, requestEnd, assessmentEnd, null, null, null, false));
                requestEnd = assessmentEnd;
            }
            if (rng.chance(0.45)) {
                double u = rng.nextDouble();
                String pathway = u < 0.7 ? "1" : u < 0.8 ? "2" : "3";
                services(out, p, pathway, requestEnd.plusDays(rng.between(1, 28)), false);
            }
        }
        out.sort((a, b) -> a.start().compareTo(b.start()));
        return out;
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

    /** Adds the service(s) for a pathway; true when a long-term placement started. */
    private boolean services(List<CareEvent> out, Person p, String pathway, LocalDate start, boolean linked) {
        double u = rng.nextDouble();
        String path = pathway == null ? "0" : pathway;
        switch (path) {
            case "1" -> {
                if (u < 0.55) {
                    reablement(out, p, start, linked);
                } else if (u < 0.95) {
                    homeCare(out, p, start, linked);
                } else {
                    add(out, p, new CareEvent(CareEvent.SERVICE, start, start, null,
                            "Short Term Support: Other Short Term", "Equipment", linked));
                }
                return false;
            }
            case "2" -> {
                if (u < 0.5) {
                    LocalDate end = start.plusDays(rng.between(14, 42));
                    add(out, p, new CareEvent(CareEvent.SERVICE, start, end, null,
                            "Short Term Support: Other Short Term", "Short Term Residential Care", linked));
                    if (rng.chance(0.25)) {
                        return placement(out, p, end.plusDays(1), false);
                    }
                    if (rng.chance(0.25)) {
                        homeCare(out, p, end.plusDays(1), false);
                    }
                } else {
                    reablement(out, p, start, linked);
                }
                return false;
            }
            case "3" -> {
                return placement(out, p, start, linked);
            }
            default -> {
                if (u < 0.7) {
                    homeCare(out, p, start, linked);
                } else {
                    reablement(out, p, start, linked);
                }
                return false;
            }
        }
    }

    private void reablement(List<CareEvent> out, Person p, LocalDate start, boolean linked) {
        LocalDate end = start.plusDays(rng.between(7, 42));
        add(out, p, new CareEvent(CareEvent.SERVICE, start, end, null, "Short Term Support: ST-Max", "Reablement",
                linked));
        if (rng.chance(0.2)) {
            homeCare(out, p, end.plusDays(1), false);
        }
    }

    private void homeCare(List<CareEvent> out, Person p, LocalDate start, boolean linked) {
        LocalDate end = rng.chance(0.5) ? null : start.plusDays(Math.round(rng.logNormal(90, 0.9)));
        String component = rng.chance(0.85) ? "Home Care" : rng.chance(0.6) ? "Direct Payment" : "Day Care";
        add(out, p, new CareEvent(CareEvent.SERVICE, start, end, null, "Long Term Support: Community", component,
                linked));
        review(out, p, start);
    }

    private boolean placement(List<CareEvent> out, Person p, LocalDate start, boolean linked) {
        boolean nursing = rng.chance(0.4);
        add(out, p, new CareEvent(CareEvent.SERVICE, start, null, null,
                nursing ? "Long Term Support: Nursing Care" : "Long Term Support: Residential Care",
                nursing ? "Nursing Care" : "Residential Care", linked));
        review(out, p, start);
        return true;
    }

    private void review(List<CareEvent> out, Person p, LocalDate serviceStart) {
        if (rng.chance(0.15)) {
            LocalDate start = serviceStart.plusDays(rng.between(42, 90));
            add(out, p, new CareEvent(CareEvent.REVIEW, start, start.plusDays(rng.between(0, 5)), null, null, null,
                    false));
        }
    }

    /**
     * Keeps only what the council could have recorded: nothing after the window or after the
     * person's death; an end after the death becomes the death date.
     */
    private void add(List<CareEvent> out, Person p, CareEvent e) {
        LocalDate last = p.diedOn != null && p.diedOn.isBefore(window.last) ? p.diedOn : window.last;
        if (e.start().isAfter(last) || e.start().isBefore(window.first)) {
            return;
        }
        LocalDate end = e.end();
        if (p.diedOn != null && (end == null || end.isAfter(p.diedOn))) {
            end = p.diedOn;
        }
        out.add(new CareEvent(e.type(), e.start(), end, e.route(), e.serviceType(), e.component(),
                e.linkedToDischarge()));
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
