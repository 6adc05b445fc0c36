package org.bedflow.sample;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Keeps the share of older people's reablement after a discharge that fails within 12 weeks
 * (ASCOF 2D part 1: death, emergency readmission of a night or more, a new care home placement)
 * near the national figure in every council and financial year. The sample holds only about a
 * dozen such episodes per council and year, so independent draws would give anything from 60 to
 * 100 %. Instead the council's running counts of failures follow target shares (error
 * diffusion): an episode the hospital course fails (an emergency readmission or a death in
 * hospital within 12 weeks) when that count is ahead is not offered at all (the person was judged
 * too unwell to benefit; reablement goes to those with a good chance of regaining independence);
 * an episode it does not fail is made to fail (a death or a placement) when the count of those
 * falls behind. The number of episodes is kept near the national share of discharges the same
 * way: the council's reablement service has room for about 3 % of them. Deterministic, no random
 * draw of its own.
 */
final class ReablementOutcomes {

    /**
     * Target failure share: England's ASCOF 2D part 1 is about 80 % (at home 12 weeks later);
     * a little more here because about one failure in ten cannot be seen in the extracts (no NHS
     * number on a row, a death the council does not know of).
     */
    static final double FAILING = 0.2;
    /**
     * Of which made by the generator (deaths, placements); the rest are the hospital course's own
     * (emergency readmissions, deaths in hospital), so that the sample fails each way.
     */
    static final double MADE = 0.09;

    private static final Set<String> TO_HOSPITAL_OR_HOSPICE = Set.of("49", "50", "51", "52", "53", "84", "87", "88");
    private static final Set<String> FROM_CARE_HOME = Set.of("54", "65", "85");

    /**
     * Reablement places per discharge in ASCOF 2D's population: a council's reablement service
     * takes about 3 % of older people's discharges (the SALT-era part 2); when it is full, the
     * person gets home care instead.
     */
    static final double CAPACITY = 0.033;

    /** Per council and financial year: episodes, failures of the hospital course, failures made. */
    private final Map<String, int[]> counts = new TreeMap<>();
    /** Per council and financial year: discharges in the population, reablement places taken. */
    private final Map<String, int[]> places = new TreeMap<>();

    /** Counts an alive discharge of the person (those in ASCOF 2D's population only). */
    void discharged(Person p, Spell s) {
        if (eligible(s)) {
            places.computeIfAbsent(key(p, s), k -> new int[2])[0]++;
        }
    }

    /** Takes a reablement place for someone discharged by {@code discharge}; false when the service is full. */
    boolean place(Person p, Spell discharge) {
        int[] c = places.computeIfAbsent(key(p, discharge), k -> new int[2]);
        if (c[1] + 0.5 >= CAPACITY * c[0]) {
            return false;
        }
        c[1]++;
        return true;
    }

    /** Gives the place back (the person was judged too unwell for reablement). */
    void release(Person p, Spell discharge) {
        places.get(key(p, discharge))[1]--;
    }

    /**
     * The discharge that puts a reablement starting on {@code start} into ASCOF 2D's population,
     * or null: the person's latest discharge from 3 days after to 7 days before the start
     * (whichever spell the services followed) of someone 65+, alive, after a night or more, not
     * to a hospital or hospice, not admitted from a care home.
     */
    static Spell countedDischarge(List<Spell> spells, LocalDate start) {
        Spell found = null;
        for (Spell s : spells) {
            LocalDate d = s.discharge();
            if (!s.died && !s.open && !d.isBefore(start.minusDays(7)) && !d.isAfter(start.plusDays(3)) && eligible(s)) {
                found = s;
            }
        }
        return found;
    }

    /** What becomes of a reablement episode in ASCOF 2D's population. */
    enum Verdict {
        /** The person is at home 12 weeks after the discharge. */
        SUCCEEDS,
        /** The hospital course fails it already (readmission or death). */
        FAILS_ANYWAY,
        /** The generator makes it fail: a death or a care home placement ({@link #failed} when it could). */
        MAKE_FAIL,
        /** Not offered: the person, readmitted soon, was judged too unwell to benefit (home care instead). */
        TOO_UNWELL
    }

    /** Registers the reablement episode that follows {@code discharge} and says what becomes of it. */
    Verdict judge(Person p, Spell discharge, List<Spell> spells) {
        int[] c = counts.computeIfAbsent(key(p, discharge), k -> new int[3]);
        if (failsAnyway(p, discharge, spells)) {
            if (c[1] + 1 - (FAILING - MADE) * (c[0] + 1) > 0.5) {
                return Verdict.TOO_UNWELL;
            }
            c[0]++;
            c[1]++;
            return Verdict.FAILS_ANYWAY;
        }
        c[0]++;
        return c[2] + 0.5 < MADE * c[0] ? Verdict.MAKE_FAIL : Verdict.SUCCEEDS;
    }

    /** Counts a failure the generator made (a death or placement it could fit in the window). */
    void failed(Person p, Spell discharge) {
        counts.get(key(p, discharge))[2]++;
    }

    private static boolean eligible(Spell s) {
        return s.age >= 65 && s.los() >= 1 && !TO_HOSPITAL_OR_HOSPICE.contains(s.destination)
                && !FROM_CARE_HOME.contains(s.source);
    }

    /** An emergency admission of a night or more, or a death, within 84 days after the discharge. */
    private static boolean failsAnyway(Person p, Spell discharge, List<Spell> spells) {
        LocalDate from = discharge.discharge();
        LocalDate until = from.plusDays(84);
        if (p.diedOn != null && !p.diedOn.isAfter(until)) {
            return true;
        }
        for (Spell s : spells) {
            if (s != discharge && !s.admission.isBefore(from) && !s.admission.isAfter(until)
                    && (s.emergency() && s.los() >= 1 || s.died)) {
                return true;
            }
        }
        return false;
    }

    /** Council and financial year of the discharge (the period ASCOF reports). */
    private static String key(Person p, Spell discharge) {
        LocalDate d = discharge.discharge();
        int year = d.getMonthValue() >= 4 ? d.getYear() : d.getYear() - 1;
        return Northamptonshire.councilFor(p.district, d) + "|" + year;
    }
}
