package org.bedflow.sample;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulates one person's hospital spells in date order: index admissions spread over the
 * window, emergency readmissions after some discharges, length of stay by diagnosis and age,
 * death in hospital, discharge pathway, Discharge Ready Date and the delay after it, and the
 * discharge destination. A spell never starts before the previous one ended; nothing happens
 * after a death or after a spell that is still open at the end of the window.
 */
final class HospitalCourse {

    /** Days before the window end during which a discharge may not have been submitted yet. */
    static final int REPORTING_LAG_DAYS = 60;

    private static final Weighted<String> EMERGENCY_METHOD = Weighted.<String>builder()
            .add("21", 68).add("22", 12).add("23", 1).add("24", 3).add("25", 0.5).add("2A", 3).add("2B", 2)
            .add("2D", 6).add("28", 2.5).build();
    private static final Weighted<String> ELECTIVE_METHOD = Weighted.<String>builder()
            .add("11", 50).add("12", 30).add("13", 20).build();
    private static final Weighted<String> CARE_HOME = Weighted.<String>builder()
            .add("85", 70).add("65", 20).add("54", 10).build();
    private static final Weighted<String> USUAL_OR_OTHER = Weighted.<String>builder()
            .add("19", 95.5).add("29", 2).add("51", 1.5).add("87", 0.5).add("99", 0.5).build();
    private static final Weighted<String> BEDDED_REHAB = Weighted.<String>builder()
            .add("51", 55).add("85", 40).add("88", 5).build();

    private final Rng rng;
    private final Window window;

    HospitalCourse(Rng rng, Window window) {
        this.rng = rng;
        this.window = window;
    }

    /** A general patient's spells (at most {@code max}). */
    List<Spell> patient(Person p, int max) {
        int ageAtStart = p.ageOn(window.first);
        double extra = PersonFactory.extraIndexSpells(ageAtStart) * window.months / 24.0;
        int index = 1 + rng.poisson(extra);
        List<Planned> plans = new ArrayList<>();
        for (int i = 0; i < index; i++) {
            Spell.Kind kind = rng.chance(emergencyShare(ageAtStart)) ? Spell.Kind.EMERGENCY : Spell.Kind.ELECTIVE;
            if (ageAtStart >= 65 && rng.chance(0.015)) {
                kind = Spell.Kind.OTHER;
            }
            LocalDate date = kind == Spell.Kind.ELECTIVE ? window.electiveDate(rng) : window.emergencyDate(rng);
            plans.add(new Planned(date, kind, null));
        }
        // a few patients are on a chemotherapy course: day cases three weeks apart
        if (ageAtStart >= 35 && rng.chance(0.02)) {
            String cancer = Diagnoses.cancer(rng);
            LocalDate d = window.electiveDate(rng);
            int cycles = rng.between(4, 8);
            for (int c = 0; c < cycles; c++) {
                plans.add(new Planned(d.plusDays(21L * c), Spell.Kind.ELECTIVE, Diagnoses.chemotherapy(cancer)));
            }
        }
        plans.sort((a, b) -> a.date.compareTo(b.date));
        return run(p, plans, max);
    }

    /** A mother's delivery (maternity admission). */
    List<Spell> mother(Person p, int max) {
        List<Planned> plans = new ArrayList<>();
        plans.add(new Planned(window.emergencyDate(rng), Spell.Kind.MATERNITY, Diagnoses.maternity(rng)));
        return run(p, plans, max);
    }

    /** A birth in hospital, sometimes followed by an infant emergency admission. */
    List<Spell> newborn(Person p, int max) {
        List<Planned> plans = new ArrayList<>();
        plans.add(new Planned(p.birthDate, Spell.Kind.OTHER, Diagnoses.birth(rng)));
        if (rng.chance(0.12)) {
            plans.add(new Planned(p.birthDate.plusDays(rng.between(7, 330)), Spell.Kind.EMERGENCY, null));
        }
        return run(p, plans, max);
    }

    private record Planned(LocalDate date, Spell.Kind kind, Dx dx) {
    }

    private List<Spell> run(Person p, List<Planned> plans, int max) {
        List<Spell> out = new ArrayList<>();
        LocalDate free = window.first; // earliest day a new spell may start
        Spell previous = null;
        Planned readmission = null;
        int next = 0;
        while (out.size() < max) {
            Planned plan;
            boolean isReadmission = false;
            if (readmission != null && (next >= plans.size() || !plans.get(next).date.isBefore(readmission.date))) {
                plan = readmission;
                readmission = null;
                isReadmission = true;
            } else if (next < plans.size()) {
                plan = plans.get(next++);
            } else {
                break;
            }
            LocalDate date = plan.date;
            if (date.isBefore(free)) {
                boolean chemo = plan.dx != null && plan.dx.code().equals("Z511");
                date = isReadmission ? free : free.plusDays(chemo ? rng.between(1, 7) : rng.between(1, 20));
            }
            if (date.isAfter(window.last)) {
                break;
            }
            Spell s = admit(p, plan, date, previous);
            out.add(s);
            if (s.open || s.died) {
                break;
            }
            // the next spell may start on the day this one ended (same-day readmission or transfer)
            free = s.discharge();
            if (readmission == null && rng.chance(readmissionChance(s))) {
                int days = (int) (30 * StrictMath.pow(rng.nextDouble(), 1.7));
                readmission = new Planned(free.plusDays(days), Spell.Kind.EMERGENCY,
                        s.emergency() && rng.chance(0.4) ? s.primary : null);
            } else if (readmission != null && readmission.date.isBefore(free)) {
                readmission = null;
            }
            previous = s;
        }
        return out;
    }

    private Spell admit(Person p, Planned plan, LocalDate date, Spell previous) {
        Spell s = new Spell();
        s.kind = plan.kind;
        s.admission = date;
        s.age = p.ageOn(date);
        s.provider = previous != null && plan.kind == Spell.Kind.EMERGENCY && rng.chance(0.85) ? previous.provider
                : rng.chance(0.88) ? p.mainProvider : p.district.providers().draw(rng);
        switch (plan.kind) {
            case EMERGENCY -> {
                s.method = EMERGENCY_METHOD.draw(rng);
                if (s.method.equals("25") && s.age < 18) {
                    s.method = "21";
                }
                s.primary = plan.dx != null ? plan.dx : Diagnoses.emergency(rng, s.age, p.conditions, date);
            }
            case ELECTIVE -> {
                s.primary = plan.dx != null ? plan.dx : Diagnoses.elective(rng, s.age);
                s.method = s.primary.code().equals("Z511") ? "13" : ELECTIVE_METHOD.draw(rng);
            }
            case MATERNITY -> {
                s.method = rng.chance(0.88) ? "31" : "32";
                s.primary = plan.dx != null ? plan.dx : Diagnoses.maternity(rng);
            }
            case OTHER -> {
                if (plan.dx != null) {
                    s.method = "82";
                    s.primary = plan.dx;
                } else {
                    s.method = "81";
                    s.primary = Diagnoses.transfer(rng);
                }
            }
        }
        s.source = admissionSource(p, s);
        s.secondaries = Diagnoses.secondaries(rng, s.primary, s.age, p.conditions);
        s.clinicalNights = clinicalNights(s);
        s.died = rng.chance(deathChance(s));
        if (s.died) {
            s.delayNights = 0;
            s.dischargeMethod = "4";
            s.destination = "79";
        } else {
            dischargeArrangements(p, s);
        }
        LocalDate discharge = s.discharge();
        long beforeEnd = ChronoUnit.DAYS.between(discharge, window.last);
        s.open = discharge.isAfter(window.last)
                || beforeEnd < REPORTING_LAG_DAYS && rng.chance(1.0 - beforeEnd / (double) REPORTING_LAG_DAYS);
        if (s.died && !s.open) {
            p.diedOn = discharge;
        }
        if (!s.open && !s.died && "3".equals(s.pathway)) {
            p.inCareHome = true;
        }
        return s;
    }

    private String admissionSource(Person p, Spell s) {
        if (s.method.equals("82")) {
            return "79";
        }
        if (s.method.equals("2B") || s.method.equals("81")) {
            return "51";
        }
        if (p.inCareHome) {
            return CARE_HOME.draw(rng);
        }
        return rng.chance(0.985) ? "19" : "29";
    }

    private static double emergencyShare(int age) {
        return age < 15 ? 0.76 : age < 45 ? 0.54 : age < 65 ? 0.46 : age < 75 ? 0.54 : age < 85 ? 0.68 : 0.82;
    }

    private int clinicalNights(Spell s) {
        Dx dx = s.primary;
        // the tables give the case-mix shape; the factors calibrate the whole to the brief's
        // "many same-day stays, median 3-4 days, long tail"
        double zeroDay = dx.zeroDay() * (s.kind == Spell.Kind.ELECTIVE ? 0.5 : 0.6);
        if (dx.code().equals("Z511") || dx.code().equals("H259")) {
            zeroDay = dx.zeroDay();
        }
        if (rng.chance(zeroDay)) {
            return 0;
        }
        double median = dx.medianLos() * 1.4;
        if (s.kind == Spell.Kind.EMERGENCY) {
            median *= s.age >= 80 ? 1.4 : s.age >= 65 ? 1.2 : 1.0;
        }
        long nights = Math.round(rng.logNormal(median, 0.85));
        return (int) Math.max(1, Math.min(180, nights));
    }

    private double deathChance(Spell s) {
        if (s.kind == Spell.Kind.ELECTIVE) {
            return 0.0005;
        }
        if (s.kind != Spell.Kind.EMERGENCY) {
            return s.method.equals("81") ? 0.03 : 0;
        }
        double p = s.age < 50 ? 0.0025 : s.age < 65 ? 0.015 : s.age < 75 ? 0.036 : s.age < 85 ? 0.072 : 0.12;
        String code = s.primary.code();
        if (code.startsWith("A41") || code.startsWith("U07")) {
            p *= 3.5;
        } else if (code.startsWith("J18") || code.startsWith("I63") || code.startsWith("C34")) {
            p *= 2.5;
        } else if (code.startsWith("S72") || code.startsWith("I50") || code.startsWith("N17")) {
            p *= 1.5;
        } else if (code.startsWith("R07") || code.startsWith("R10") || code.startsWith("R55")) {
            p *= 0.2;
        }
        if (s.clinicalNights == 0) {
            p *= 0.3;
        }
        return Math.min(p, 0.5);
    }

    /** Pathway, readiness and delay, method and destination of a patient leaving alive. */
    private void dischargeArrangements(Person p, Spell s) {
        boolean selfDischarge = s.kind == Spell.Kind.EMERGENCY && rng.chance(0.02);
        s.dischargeMethod = selfDischarge ? "2" : rng.chance(0.993) ? "1" : "9";
        s.pathway = selfDischarge ? "0" : pathway(p, s);
        int nights = s.clinicalNights;
        s.drdRecorded = s.kind == Spell.Kind.MATERNITY || s.method.equals("82") ? rng.chance(0.3)
                : rng.chance(nights == 0 ? 0.55 : 0.85);
        double delayed = selfDischarge ? 0 : delayChance(s.pathway, s.age) * (nights == 0 ? 0.3 : 1.0);
        if (s.kind == Spell.Kind.MATERNITY || s.method.equals("82")) {
            delayed *= 0.2;
        }
        if (rng.chance(delayed)) {
            boolean bedded = "2".equals(s.pathway) || "3".equals(s.pathway);
            double median = (bedded ? 4.0 : 1.5) * (s.age >= 80 ? 1.3 : 1.0);
            s.delayNights = (int) Math.min(60, 1 + Math.floor(rng.logNormal(median, 1.0)));
            s.delayReason = rng.chance(0.92) ? delayReason(s.pathway) : null;
        }
        if (p.inCareHome) {
            s.destination = CARE_HOME.draw(rng);
        } else if ("3".equals(s.pathway)) {
            s.destination = CARE_HOME.draw(rng);
        } else if ("2".equals(s.pathway)) {
            s.destination = BEDDED_REHAB.draw(rng);
        } else {
            s.destination = USUAL_OR_OTHER.draw(rng);
        }
    }

    private String pathway(Person p, Spell s) {
        if (s.age < 18 || s.kind == Spell.Kind.MATERNITY) {
            return rng.chance(0.75) ? "0" : null;
        }
        if (p.inCareHome) {
            return rng.chance(0.9) ? "0" : null;
        }
        if (!rng.chance(0.9)) {
            return null;
        }
        double[] w;
        if (s.kind != Spell.Kind.EMERGENCY && !s.method.equals("81")) {
            w = new double[] {72, 20, 5, 3};
        } else if (s.age < 65) {
            w = new double[] {48, 32, 12, 8};
        } else if (s.age < 80) {
            w = new double[] {18, 38, 27, 17};
        } else {
            w = new double[] {9, 36, 31, 24};
        }
        double u = rng.nextDouble() * (w[0] + w[1] + w[2] + w[3]);
        return u < w[0] ? "0" : u < w[0] + w[1] ? "1" : u < w[0] + w[1] + w[2] ? "2" : "3";
    }

    private static double delayChance(String pathway, int age) {
        double base = pathway == null ? 0.18 : switch (pathway) {
            case "0" -> 0.20;
            case "1" -> 0.40;
            case "2" -> 0.55;
            default -> 0.65;
        };
        return Math.min(0.95, base * (age >= 80 ? 1.25 : age < 65 ? 0.75 : 1.0));
    }

    private String delayReason(String pathway) {
        String[] codes;
        if (pathway == null || pathway.equals("0")) {
            codes = new String[] {"G", "G", "I", "C", "A", "F"};
        } else if (pathway.equals("1")) {
            codes = new String[] {"E", "E", "E", "A", "A", "F", "G", "B"};
        } else if (pathway.equals("2")) {
            codes = new String[] {"C", "C", "A", "A", "B", "E", "G"};
        } else {
            codes = new String[] {"Di", "Di", "Dii", "Dii", "B", "B", "A", "G", "H"};
        }
        return rng.pick(codes);
    }

    private double readmissionChance(Spell s) {
        double base = s.age < 18 ? 0.03 : s.age < 65 ? 0.035 : s.age < 80 ? 0.055 : 0.07;
        if (s.kind == Spell.Kind.EMERGENCY) {
            return base * 1.2;
        }
        return s.kind == Spell.Kind.ELECTIVE ? base * 0.5 : base * 0.3;
    }
}
