package org.bedflow.sample;

import java.time.LocalDate;
import java.util.List;

/**
 * Deaths outside hospital of social care clients, drawn while their care is simulated: a
 * death hazard by what the person receives (older people in nursing homes die at about 45 % a
 * year, in residential homes about 30 %, with home care about 15 %; working-age adults far
 * less) and an early excess after reablement (about 6 % of older people die within 12 weeks
 * of the discharge that led to it).
 *
 * <p>Why during the social care simulation and not before: the death depends on the care the
 * person gets, which depends on their discharges. So the person's whole hospital course is
 * simulated first, then the care; a community death is accepted only on a day the person was
 * not in hospital (nor between a transfer's two spells) and before any death in hospital, and
 * then everything later is dropped: the care events by {@link SocialCare}, the later spells by
 * {@link #survivingSpells}. Simpler than interleaving the two simulations, and correct because
 * the dropped spells are exactly the ones the person could no longer have had.
 */
final class Mortality {

    /** Chance that an older person dies within the 12 weeks after the reablement started. */
    static final double DEATH_AFTER_REABLEMENT_65 = 0.06;
    static final double DEATH_AFTER_REABLEMENT_UNDER_65 = 0.01;

    enum Setting { HOME_CARE, RESIDENTIAL, NURSING }

    private final Rng rng;
    private final Window window;

    Mortality(Rng rng, Window window) {
        this.rng = rng;
        this.window = window;
    }

    /** Draws a death in the 12 weeks after a reablement start (most die in the first weeks). */
    void afterReablement(Person p, LocalDate start, List<Spell> spells) {
        double chance = p.ageOn(start) >= 65 ? DEATH_AFTER_REABLEMENT_65 : DEATH_AFTER_REABLEMENT_UNDER_65;
        if (rng.chance(chance)) {
            die(p, start.plusDays(3 + (long) (78 * StrictMath.pow(rng.nextDouble(), 1.3))), spells);
        }
    }

    /**
     * A death within 12 weeks of the discharge that led to a reablement starting on
     * {@code start} (as {@link ReablementOutcomes} asks); false when the person was in hospital
     * on the drawn day or had died before.
     */
    boolean dieAfterReablement(Person p, LocalDate start, LocalDate discharge, List<Spell> spells) {
        LocalDate day = discharge.plusDays(3 + (long) (78 * StrictMath.pow(rng.nextDouble(), 1.3)));
        if (!day.isAfter(start)) {
            day = start.plusDays(1);
        }
        return die(p, day, spells);
    }

    /** Draws the time to death of someone receiving care in {@code setting} from {@code start}. */
    void receiving(Person p, Setting setting, LocalDate start, List<Spell> spells) {
        boolean older = p.ageOn(start) >= 65;
        double perYear = switch (setting) {
            case NURSING -> older ? 0.45 : 0.12;
            case RESIDENTIAL -> older ? 0.30 : 0.06;
            case HOME_CARE -> older ? 0.15 : 0.02;
        };
        double years = -StrictMath.log(1.0 - rng.nextDouble()) / perYear;
        die(p, start.plusDays(1 + (long) (years * 365.25)), spells);
    }

    /** The person's spells without those after a death outside hospital. */
    static List<Spell> survivingSpells(Person p, List<Spell> spells) {
        if (!p.diedInCommunity) {
            return spells;
        }
        return spells.stream().filter(s -> s.admission.isBefore(p.diedOn)).toList();
    }

    /** Accepts a death on {@code day} if it is the person's first and they were not in hospital. */
    private boolean die(Person p, LocalDate day, List<Spell> spells) {
        if (day.isAfter(window.last) || p.diedOn != null && !day.isBefore(p.diedOn)
                || p.aliveUntil != null && !day.isAfter(p.aliveUntil)) {
            return false;
        }
        for (Spell s : spells) {
            LocalDate until = s.transferOut ? s.discharge().plusDays(3) : s.discharge();
            if (!day.isBefore(s.admission) && !day.isAfter(until)) {
                return false;
            }
        }
        p.diedOn = day;
        p.diedInCommunity = true;
        return true;
    }
}
