package org.bedflow.sample;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Simulates one person's hospital spells in date order: index admissions spread over the
 * window, emergency readmissions after some discharges, length of stay by diagnosis and age,
 * death in hospital, discharge pathway, Discharge Ready Date and the delay after it, and the
 * discharge destination; patient classification, specialty and procedures; transfers between
 * Kettering and Northampton General. A spell never starts before the previous one ended;
 * nothing happens after a death or after a spell that is still open at the end of the window.
 *
 * <p>Recording of the Discharge Ready Date follows its history: before April 2023 (no national
 * collection) a provider records it only now and then, on delayed stays; from April 2023 every
 * stay of one night or more has one, but providers leave it blank on most discharges on the
 * ready day (blank = no delay); Kettering General starts recording only in July 2023. Same-day
 * stays never carry one.
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

    /** Start of NHS England's national Discharge Ready Date collection. */
    static final LocalDate DRD_COLLECTION = LocalDate.of(2023, 4, 1);
    /** Kettering General records DRDs only from this day (it lags the collection by a quarter). */
    static final LocalDate RNQ_RECORDS_DRD = LocalDate.of(2023, 7, 1);
    /** Northampton General records the responsible sector of delays from the collection start. */
    static final double RNS_RECORDS_SECTOR = 0.4;
    /** Emergency spells at RNQ/RNS that end in a transfer to the other trust. */
    static final double TRANSFER_OUT = 0.005;

    /** NHS England's delay bands (1, 2-3, 4-6, 7-13, 14-20, 21+) by pathway: short for 0, long for 2-3. */
    private static final double[][] DELAY_BANDS = {
        {42, 28, 12, 10, 4, 4},
        {25, 28, 17, 16, 7, 7},
        {12, 21, 17, 24, 13, 13},
    };
    private static final int[][] BAND_DAYS = {{1, 1}, {2, 3}, {4, 6}, {7, 13}, {14, 20}, {21, 60}};

    private static final Weighted<String> REASON_PATHWAY_0 = Weighted.<String>builder()
            .add("NCTR01", 30).add("NCTR05", 12).add("NCTR08", 10).add("NCTR04", 8).add("NCTR07", 6)
            .add("NCTR11", 6).add("NCTR12", 5).add("NCTR06", 4).add("NCTR10", 4).add("NCTR09", 3)
            .add("NCTR16", 3).add("NCTR17", 2).add("NCTR18", 1).build();
    private static final Weighted<String> REASON_PATHWAY_1 = Weighted.<String>builder()
            .add("NCTR13", 45).add("NCTR01", 10).add("NCTR02", 8).add("NCTR03", 8).add("NCTR06", 6)
            .add("NCTR07", 5).add("NCTR11", 5).add("NCTR05", 4).add("NCTR08", 4).add("NCTR12", 3)
            .add("NCTR10", 2).build();
    private static final Weighted<String> REASON_PATHWAY_2 = Weighted.<String>builder()
            .add("NCTR14", 50).add("NCTR01", 10).add("NCTR03", 8).add("NCTR06", 6).add("NCTR07", 6)
            .add("NCTR11", 6).add("NCTR02", 4).add("NCTR12", 4).add("NCTR16", 3).add("NCTR18", 2).build();
    private static final Weighted<String> REASON_PATHWAY_3 = Weighted.<String>builder()
            .add("NCTR15", 50).add("NCTR11", 10).add("NCTR01", 6).add("NCTR18", 6).add("NCTR03", 6)
            .add("NCTR06", 6).add("NCTR12", 4).add("NCTR02", 3).add("NCTR16", 3).add("NCTR14", 2)
            .add("NCTR10", 2).build();

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
            plans.add(new Planned(date, kind, null, null, false));
        }
        // a few patients are on a chemotherapy course: day cases (or regular day attendances) three
        // weeks apart, now and then an emergency admission with neutropenic sepsis in between
        if (ageAtStart >= 35 && rng.chance(0.025)) {
            String cancer = Diagnoses.cancer(rng);
            LocalDate d = window.electiveDate(rng);
            p.cancer = cancer;
            p.cancerFrom = d.minusDays(rng.between(14, 60));
            String classification = rng.chance(0.35) ? "3" : "2";
            int cycles = rng.between(4, 8);
            for (int c = 0; c < cycles; c++) {
                LocalDate cycle = d.plusDays(21L * c);
                plans.add(new Planned(cycle, Spell.Kind.ELECTIVE, Diagnoses.chemotherapy(cancer), classification, false));
                if (rng.chance(0.08)) {
                    plans.add(new Planned(cycle.plusDays(rng.between(7, 14)), Spell.Kind.EMERGENCY,
                            Diagnoses.chemotherapyComplication(rng, cancer), null, false));
                }
            }
        }
        // a very few are regular night attenders (sleep studies)
        if (ageAtStart >= 30 && rng.chance(0.004)) {
            LocalDate d = window.electiveDate(rng);
            int nights = rng.between(2, 4);
            for (int n = 0; n < nights; n++) {
                plans.add(new Planned(d.plusDays(n * (long) rng.between(30, 90)), Spell.Kind.ELECTIVE,
                        Diagnoses.sleepStudy(), "4", false));
            }
        }
        plans.sort((a, b) -> a.date.compareTo(b.date));
        return run(p, plans, max);
    }

    /** A mother's delivery (maternity admission) on {@code delivery}. */
    List<Spell> mother(Person p, LocalDate delivery, int max) {
        List<Planned> plans = new ArrayList<>();
        plans.add(new Planned(delivery, Spell.Kind.MATERNITY, Diagnoses.maternity(rng), null, false));
        return run(p, plans, max);
    }

    /** A birth in hospital, sometimes followed by an infant emergency admission. */
    List<Spell> newborn(Person p, int max) {
        List<Planned> plans = new ArrayList<>();
        plans.add(new Planned(p.birthDate, Spell.Kind.OTHER, Diagnoses.birth(rng), null, false));
        if (rng.chance(0.12)) {
            plans.add(new Planned(p.birthDate.plusDays(rng.between(7, 330)), Spell.Kind.EMERGENCY, null, null, false));
        }
        return run(p, plans, max);
    }

    /**
     * A spell to simulate.
     *
     * @param classification patient classification when the plan fixes it (chemotherapy, sleep studies)
     * @param transfer       continues the previous spell in the other trust
     */
    private record Planned(LocalDate date, Spell.Kind kind, Dx dx, String classification, boolean transfer) {
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
            if (s.transferOut) {
                double u = rng.nextDouble();
                int gap = u < 0.7 ? 0 : u < 0.9 ? 1 : 2;
                boolean emergency = rng.chance(0.4);
                readmission = new Planned(free.plusDays(gap), emergency ? Spell.Kind.EMERGENCY : Spell.Kind.OTHER,
                        s.primary, null, true);
            } else if (readmission == null && rng.chance(readmissionChance(s))) {
                int days = (int) (30 * StrictMath.pow(rng.nextDouble(), 1.7));
                readmission = new Planned(free.plusDays(days), Spell.Kind.EMERGENCY,
                        s.emergency() && rng.chance(0.25) ? s.primary : null, null, false);
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
        if (plan.transfer) {
            s.provider = previous.provider == Provider.RNQ ? Provider.RNS : Provider.RNQ;
        } else {
            s.provider = previous != null && plan.kind == Spell.Kind.EMERGENCY && rng.chance(0.85)
                    ? previous.provider : rng.chance(0.88) ? p.mainProvider : p.district.providers().draw(rng);
        }
        switch (plan.kind) {
            case EMERGENCY -> {
                s.method = plan.transfer ? "2B" : EMERGENCY_METHOD.draw(rng);
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
                if (plan.transfer) {
                    s.method = "81";
                    s.primary = plan.dx;
                } else if (plan.dx != null) {
                    s.method = rng.chance(0.03) ? "83" : "82";
                    s.primary = plan.dx;
                } else {
                    s.method = "81";
                    s.primary = Diagnoses.transfer(rng);
                }
            }
        }
        s.source = admissionSource(p, s);
        s.secondaries = Diagnoses.secondaries(rng, s.primary, s.age, p.conditions);
        if (p.cancer != null && !date.isBefore(p.cancerFrom) && !s.secondaries.contains(p.cancer)
                && !p.cancer.equals(s.primary.code()) && rng.chance(0.75)) {
            s.secondaries.add(0, p.cancer);
        }
        String[] specialty = ClinicalCoding.specialty(rng, s);
        s.mainSpecialty = specialty[0];
        s.treatmentFunction = specialty[1];
        s.clinicalNights = clinicalNights(s);
        s.classification = classification(plan, s);
        s.procedures = ClinicalCoding.procedures(rng, s);
        s.died = rng.chance(deathChance(s));
        if (s.died) {
            s.delayNights = 0;
            s.dischargeMethod = "4";
            s.destination = "79";
        } else {
            dischargeArrangements(p, s);
        }
        s.drdRecorded = drdRecorded(s);
        if (s.drdRecorded && s.delayNights > 0 && s.delayReason != null && s.provider == Provider.RNS
                && !s.discharge().isBefore(DRD_COLLECTION) && rng.chance(RNS_RECORDS_SECTOR)) {
            s.delaySector = sector(s.delayReason);
        }
        LocalDate discharge = s.discharge();
        long beforeEnd = ChronoUnit.DAYS.between(discharge, window.last);
        s.open = discharge.isAfter(window.last)
                || beforeEnd < REPORTING_LAG_DAYS && rng.chance(1.0 - beforeEnd / (double) REPORTING_LAG_DAYS);
        // the death is a fact even while its discharge row waits in the reporting lag
        if (s.died && !discharge.isAfter(window.last)) {
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
        if (s.method.equals("83")) {
            return "19";
        }
        if (s.method.equals("2B") || s.method.equals("81")) {
            return "51";
        }
        if (p.inCareHome) {
            return CARE_HOME.draw(rng);
        }
        return rng.chance(0.985) ? "19" : "29";
    }

    /**
     * CDS patient classification: the plan's (chemotherapy day cases or regular day attenders,
     * sleep studies as regular night attenders); day case for most same-day planned spells;
     * delivery facilities only for a few same-day births and deliveries; else ordinary.
     */
    private String classification(Planned plan, Spell s) {
        if (plan.classification != null) {
            return plan.classification;
        }
        if (s.clinicalNights == 0 && s.kind == Spell.Kind.ELECTIVE) {
            return rng.chance(0.6) ? "2" : "1";
        }
        boolean delivery = s.kind == Spell.Kind.MATERNITY || s.method.equals("82") || s.method.equals("83");
        if (delivery && s.clinicalNights == 0 && rng.chance(0.15)) {
            return "5";
        }
        return "1";
    }

    /** Whether the discharge row carries the Discharge Ready Date (see the class comment). */
    private boolean drdRecorded(Spell s) {
        if (s.died || s.los() == 0) {
            return false;
        }
        boolean delayed = s.delayNights > 0;
        LocalDate discharged = s.discharge();
        if (discharged.isBefore(DRD_COLLECTION)) {
            return delayed && rng.chance(0.5);
        }
        if (s.provider == Provider.RNQ && discharged.isBefore(RNQ_RECORDS_DRD)) {
            return delayed && rng.chance(0.05);
        }
        return delayed ? rng.chance(0.97) : rng.chance(0.1);
    }

    /** The responsible sector a provider writes for a delay reason (social care named more often than the mapping). */
    private String sector(String reason) {
        double u = rng.nextDouble();
        return switch (reason) {
            case "NCTR02", "NCTR03", "NCTR13", "NCTR14", "NCTR15" -> u < 0.55 ? "Social care" : u < 0.9 ? "Both" : "NHS";
            case "NCTR10", "NCTR11", "NCTR18" -> u < 0.8 ? "Other" : "Social care";
            default -> u < 0.9 ? "NHS" : "Both";
        };
    }

    private static double emergencyShare(int age) {
        return age < 15 ? 0.76 : age < 45 ? 0.54 : age < 65 ? 0.46 : age < 75 ? 0.50 : age < 85 ? 0.62 : 0.74;
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
        int nights = s.clinicalNights;
        boolean nhsTransfer = !selfDischarge && s.kind == Spell.Kind.EMERGENCY && s.age >= 18 && nights >= 1
                && (s.provider == Provider.RNQ || s.provider == Provider.RNS) && rng.chance(TRANSFER_OUT);
        if (nhsTransfer) {
            s.transferOut = true;
            s.pathway = null;
            s.destination = "51";
            return;
        }
        s.pathway = selfDischarge ? "0" : pathway(p, s);
        boolean attender = "2".equals(s.classification) || "3".equals(s.classification)
                || "4".equals(s.classification);
        double delayed = selfDischarge || attender ? 0 : delayChance(s.pathway, s.age) * (nights == 0 ? 0.3 : 1.0);
        if (s.kind == Spell.Kind.MATERNITY || s.method.equals("82") || s.method.equals("83")) {
            delayed *= 0.2;
        }
        if (rng.chance(delayed)) {
            s.delayNights = delayNights(s.pathway);
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

    /** Nights from the Discharge Ready Date to discharge: a band of NHS England's, then a day within it. */
    private int delayNights(String pathway) {
        double[] w = pathway == null || pathway.equals("0") ? DELAY_BANDS[0]
                : pathway.equals("1") ? DELAY_BANDS[1] : DELAY_BANDS[2];
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double u = rng.nextDouble() * total;
        int band = 0;
        while (band < w.length - 1 && u >= w[band]) {
            u -= w[band];
            band++;
        }
        int lo = BAND_DAYS[band][0];
        if (band == BAND_DAYS.length - 1) {
            // the 21+ tail thins out: most within a few weeks, a few up to two months
            return (int) Math.min(BAND_DAYS[band][1], lo + Math.floor(rng.logNormal(6, 0.9)));
        }
        return rng.between(lo, BAND_DAYS[band][1]);
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
        double base = pathway == null ? 0.08 : switch (pathway) {
            case "0" -> 0.09;
            case "1" -> 0.19;
            case "2" -> 0.26;
            default -> 0.32;
        };
        return Math.min(0.95, 1.08 * base * (age >= 80 ? 1.25 : age < 65 ? 0.75 : 1.0));
    }

    /** An acute discharge sitrep reason (NCTR01-NCTR18), weighted by pathway. */
    private String delayReason(String pathway) {
        if (pathway == null || pathway.equals("0")) {
            return REASON_PATHWAY_0.draw(rng);
        }
        return switch (pathway) {
            case "1" -> REASON_PATHWAY_1.draw(rng);
            case "2" -> REASON_PATHWAY_2.draw(rng);
            default -> REASON_PATHWAY_3.draw(rng);
        };
    }

    /**
     * Chance that an alive discharge is followed by an emergency readmission within 30 days (on
     * top of the person's other admissions that happen to fall within 30 days): calibrated so that
     * the national definition (non-cancer, non-maternity, not day cases) gives about 12-14 %, the
     * NHS Digital figure (13.8 % in 2017/18); highest for older emergency patients.
     */
    private double readmissionChance(Spell s) {
        double base = s.age < 18 ? 0.06 : s.age < 65 ? 0.08 : s.age < 80 ? 0.13 : 0.16;
        if (s.kind == Spell.Kind.EMERGENCY) {
            return base * 1.3;
        }
        if (s.kind == Spell.Kind.MATERNITY || "2".equals(s.classification) || "3".equals(s.classification)) {
            return base * 0.2;
        }
        return s.kind == Spell.Kind.ELECTIVE ? base * 0.5 : base * 0.3;
    }
}
