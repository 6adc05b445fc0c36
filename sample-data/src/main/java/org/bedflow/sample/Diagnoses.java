package org.bedflow.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ICD-10 case mix. Emergency primaries include the chronic and acute ambulatory care
 * sensitive conditions of docs/code-lists.md (COPD, heart failure, diabetes complications,
 * hypertension, asthma, AF, dementia, J20 with a J44 secondary; UTI, cellulitis, pneumonia,
 * dehydration), falls of older people (an S/T injury with a W00-W19 secondary), COVID-19 in
 * the 2020-21 waves, and the common non-ACSC reasons; electives are the usual day-case and
 * surgical diagnoses, including chemotherapy series, angina (I20, I25) and the complications of
 * chemotherapy. Codes are canonical here (no dot, no
 * filler); {@link CodeStyle} prints them the way each provider does.
 */
final class Diagnoses {

    private static final Weighted<Dx> EMERGENCY_INFANT = table()
            .dx("J219", 30, 0.2, 2).dx("R509", 15, 0.5, 1).dx("B349", 12, 0.5, 1).dx("J069", 6, 0.6, 1)
            .dx("N390", 5, 0.2, 2).dx("K529", 6, 0.4, 1).dx("P599", 8, 0.3, 2).dx("R633", 6, 0.4, 2)
            .dx("J181", 3, 0.1, 3).dx("H669", 3, 0.6, 1).build();
    private static final Weighted<Dx> EMERGENCY_CHILD = table()
            .dx("R509", 10, 0.5, 1).dx("J069", 5, 0.6, 1).dx("J039", 4, 0.5, 1).dx("H669", 2, 0.6, 1)
            .dx("J459", 3, 0.4, 1).dx("R560", 3, 0.5, 1).dx("S060", 8, 0.6, 1).dx("K358", 8, 0.05, 2)
            .dx("R104", 12, 0.6, 1).dx("K529", 4, 0.4, 1).dx("N390", 3, 0.4, 2).dx("J189", 4, 0.1, 3)
            .dx("B349", 6, 0.5, 1).dx("E101", 0.7, 0.0, 3).dx("S525", 5, 0.5, 1).dx("R11", 4, 0.6, 1).dx("R69", 3, 0.6, 1).dx("T781", 2, 0.6, 1).build();
    private static final Weighted<Dx> EMERGENCY_ADULT = table()
            .dx("R074", 10, 0.55, 1).dx("R104", 10, 0.45, 2).dx("K358", 5, 0.05, 3).dx("K802", 4, 0.2, 3)
            .dx("N390", 2, 0.3, 3).dx("N10", 1.5, 0.2, 3).dx("L031", 1.5, 0.2, 4).dx("J189", 4, 0.1, 5)
            .dx("J459", 1, 0.4, 2).dx("J441", 0.8, 0.2, 4).dx("E101", 0.6, 0.05, 3).dx("T391", 4, 0.5, 1)
            .dx("F100", 2, 0.5, 1).dx("K859", 2, 0.05, 5).dx("N200", 3, 0.45, 1).dx("S826", 2, 0.3, 3)
            .dx("I214", 3, 0.05, 4).dx("G409", 0.8, 0.4, 2).dx("R55", 3, 0.45, 1).dx("A419", 2, 0.02, 7)
            .dx("K922", 2, 0.2, 3).dx("K529", 1, 0.4, 2).dx("E86", 1, 0.3, 2).dx("I269", 2, 0.1, 4)
            .dx("R51", 2, 0.5, 1).dx("J069", 1, 0.6, 1).dx("I489", 0.5, 0.3, 2).dx("D509", 0.3, 0.4, 1)
            .dx("J039", 1, 0.5, 1).dx("I209", 1.4, 0.4, 1).dx("I200", 1.1, 0.1, 3).dx("K573", 2, 0.2, 4)
            .dx("K810", 2, 0.05, 4).dx("R11", 2, 0.5, 1).dx("F329", 1, 0.2, 5).dx("K297", 1, 0.4, 2).build();
    private static final Weighted<Dx> EMERGENCY_OLDER = table()
            .dx("J441", 1, 0.1, 5).dx("J440", 0.8, 0.1, 6).dx("I500", 1, 0.05, 7).dx("I509", 0.5, 0.05, 6)
            .dx("I110", 0.3, 0.05, 6).dx("J189", 7, 0.05, 6).dx("J181", 1, 0.05, 7).dx("N390", 2.5, 0.15, 5)
            .dx("L031", 1.2, 0.1, 6).dx("L039", 0.4, 0.1, 5).dx("E86", 1.2, 0.2, 4).dx("I10", 0.2, 0.4, 2)
            .dx("I489", 1, 0.25, 3).dx("I480", 0.3, 0.25, 3).dx("F03", 0.5, 0.05, 12).dx("E116", 0.5, 0.1, 5)
            .dx("E115", 0.3, 0.05, 8).dx("J209", 0.5, 0.2, 3, "J449").dx("R074", 6, 0.45, 1).dx("R55", 5, 0.3, 2)
            .dx("I214", 3, 0.05, 5).dx("I639", 3, 0.05, 10).dx("A419", 3, 0.02, 8).dx("N179", 3, 0.1, 6)
            .dx("K922", 2, 0.1, 4).dx("R410", 2, 0.1, 6).dx("K590", 1, 0.3, 3).dx("D509", 0.3, 0.3, 2)
            .dx("C349", 1, 0.1, 8).dx("I269", 1, 0.1, 5).dx("R104", 4, 0.35, 2).dx("K529", 0.5, 0.3, 3)
            .dx("K566", 1, 0.05, 7).dx("I209", 1.4, 0.3, 2).dx("I200", 1.4, 0.1, 3).dx("I251", 0.7, 0.3, 2)
            .dx("K573", 3, 0.2, 5).dx("R060", 3, 0.3, 3).dx("R531", 3, 0.2, 6).dx("K810", 2, 0.05, 5)
            .dx("R296", 2, 0.3, 3).dx("I219", 2, 0.05, 5).dx("K297", 1, 0.3, 2).build();
    private static final Weighted<Dx> FALL_INJURY = table()
            .dx("S720", 30, 0.0, 12).dx("S721", 10, 0.0, 12).dx("S060", 10, 0.4, 2).dx("S065", 3, 0.05, 8)
            .dx("S422", 8, 0.3, 4).dx("S525", 8, 0.5, 2).dx("S325", 8, 0.1, 8).dx("S223", 5, 0.2, 4)
            .dx("S010", 8, 0.6, 1).dx("T149", 4, 0.5, 2).build();
    private static final Weighted<String> FALL_CAUSE = Weighted.<String>builder()
            .add("W199", 25).add("W010", 20).add("W100", 10).add("W180", 8).add("W190", 15).add("W060", 7)
            .add("W050", 5).add("W19", 10).build();
    private static final Weighted<Dx> COVID = table().dx("U071", 1, 0.05, 7, "J128").build();

    private static final Weighted<Dx> ELECTIVE_CHILD = table()
            .dx("J350", 4, 0.3, 1).dx("J353", 4, 0.3, 1).dx("H653", 6, 0.95, 1).dx("K409", 4, 0.9, 1)
            .dx("Q531", 3, 0.95, 1).dx("K029", 8, 1.0, 1).dx("N47", 3, 0.95, 1).build();
    private static final Weighted<Dx> ELECTIVE_ADULT = table()
            .dx("K409", 6, 0.7, 1).dx("K802", 6, 0.6, 1).dx("M232", 4, 0.9, 1).dx("K219", 6, 0.98, 1)
            .dx("D126", 6, 0.97, 1).dx("K573", 3, 0.9, 1).dx("C509", 3, 0.6, 2).dx("N920", 4, 0.85, 1)
            .dx("D259", 3, 0.3, 2).dx("G560", 4, 1.0, 1).dx("K649", 3, 0.85, 1).dx("M511", 2, 0.3, 2)
            .dx("N200", 3, 0.7, 1).dx("M171", 2, 0.0, 3).dx("M161", 2, 0.0, 3).dx("H259", 1, 1.0, 1)
            .dx("E669", 1, 0.0, 2).dx("I251", 1, 0.85, 1).build();
    private static final Weighted<Dx> ELECTIVE_OLDER = table()
            .dx("H259", 12, 1.0, 1).dx("M171", 6, 0.02, 3).dx("M161", 5, 0.02, 3).dx("N40", 4, 0.4, 2)
            .dx("C187", 2, 0.0, 6).dx("C61", 2, 0.7, 1).dx("C679", 3, 0.9, 1).dx("C443", 3, 1.0, 1)
            .dx("I251", 4, 0.85, 1).dx("I489", 2, 0.95, 1).dx("K409", 4, 0.7, 1).dx("D126", 6, 0.97, 1)
            .dx("K573", 3, 0.9, 1).dx("K219", 4, 0.98, 1).dx("I702", 1, 0.5, 2).dx("D509", 2, 1.0, 1).build();
    private static final Weighted<String> CANCER = Weighted.<String>builder()
            .add("C509", 30).add("C187", 20).add("C349", 15).add("C61", 10).add("C679", 5).add("C900", 10)
            .add("C833", 10).build();
    private static final Weighted<Dx> MATERNITY = table()
            .dx("O800", 40, 0.3, 1, "Z370").dx("O701", 10, 0.2, 1, "Z370").dx("O429", 8, 0.2, 2, "Z370")
            .dx("O480", 8, 0.2, 2, "Z370").dx("O342", 10, 0.05, 2, "Z370").dx("O470", 10, 0.8, 1)
            .dx("O234", 3, 0.3, 2).build();
    private static final Weighted<Dx> BIRTH = table()
            .dx("Z380", 85, 0.4, 1).dx("Z383", 2, 0.1, 3).dx("P599", 5, 0.2, 3).dx("P073", 3, 0.0, 10).build();
    /** Neutropenic sepsis and other complications of chemotherapy (the cancer as secondary). */
    private static final Weighted<String> CHEMO_COMPLICATION = Weighted.<String>builder()
            .add("D701", 60).add("R509", 25).add("E86", 15).build();
    private static final Weighted<Dx> TRANSFER = table()
            .dx("Z509", 60, 0.0, 14).dx("I639", 20, 0.0, 20).dx("S720", 20, 0.0, 14).build();

    private static final Weighted<String> EXTRA_SECONDARY = Weighted.<String>builder()
            .add("Z867", 3).add("E780", 5).add("K219", 3).add("M199", 3).add("Z880", 3).add("E039", 3)
            .add("F329", 4).add("Z921", 3).add("I252", 2).add("E669", 3).add("F171", 4).add("Z966", 2)
            .add("H919", 2).add("D649", 2).build();

    /** Chance that an emergency admission of a person with long-term conditions is an exacerbation of one. */
    static final double EXACERBATION = 0.025;
    /** Chance that an emergency admission of a person 65+ is a fall injury (PHOF C29 is about 2,000 per 100k). */
    static final double FALL = 0.06;

    private Diagnoses() {
    }

    /** Primary diagnosis of an emergency spell. */
    static Dx emergency(Rng rng, int age, Set<Condition> conditions, LocalDate admission) {
        if (age >= 40 && inCovidWave(admission) && rng.chance(0.10)) {
            return COVID.draw(rng);
        }
        if (!conditions.isEmpty() && rng.chance(EXACERBATION)) {
            Condition c = pickCondition(rng, conditions);
            if (c != null) {
                return exacerbation(rng, c);
            }
        }
        if (age >= 65 && rng.chance(FALL)) {
            Dx injury = FALL_INJURY.draw(rng);
            return new Dx(injury.code(), injury.zeroDay(), injury.medianLos(), FALL_CAUSE.draw(rng));
        }
        if (age < 2) {
            return EMERGENCY_INFANT.draw(rng);
        }
        if (age < 15) {
            return EMERGENCY_CHILD.draw(rng);
        }
        return age < 65 ? EMERGENCY_ADULT.draw(rng) : EMERGENCY_OLDER.draw(rng);
    }

    /** Primary diagnosis of a waiting-list or planned spell. */
    static Dx elective(Rng rng, int age) {
        if (age < 15) {
            return ELECTIVE_CHILD.draw(rng);
        }
        return age < 65 ? ELECTIVE_ADULT.draw(rng) : ELECTIVE_OLDER.draw(rng);
    }

    /** A chemotherapy day case: Z51.1 with the cancer as secondary. */
    static Dx chemotherapy(String cancer) {
        return new Dx("Z511", 1.0, 1, cancer);
    }

    /** An emergency admission during chemotherapy: D70.1, fever or dehydration, the cancer secondary. */
    static Dx chemotherapyComplication(Rng rng, String cancer) {
        String code = CHEMO_COMPLICATION.draw(rng);
        return new Dx(code, 0.05, code.equals("D701") ? 5 : 3, cancer);
    }

    /** A sleep study (regular night attender): one planned night. */
    static Dx sleepStudy() {
        return new Dx("G473", 0.0, 1, null);
    }

    static String cancer(Rng rng) {
        return CANCER.draw(rng);
    }

    static Dx maternity(Rng rng) {
        return MATERNITY.draw(rng);
    }

    static Dx birth(Rng rng) {
        return BIRTH.draw(rng);
    }

    static Dx transfer(Rng rng) {
        return TRANSFER.draw(rng);
    }

    /**
     * Secondary diagnoses: the one the primary brings, the person's long-term conditions
     * (mostly recorded), and a few common extras. Never repeats the primary.
     */
    static List<String> secondaries(Rng rng, Dx primary, int age, Set<Condition> conditions) {
        List<String> out = new ArrayList<>(6);
        if (primary.secondary() != null) {
            out.add(primary.secondary());
        }
        for (Condition c : conditions) {
            String code = c.comorbidityCode();
            if (rng.chance(0.8) && !code.equals(primary.code()) && !out.contains(code)) {
                out.add(code);
            }
        }
        int extras = age < 18 ? (rng.chance(0.15) ? 1 : 0) : rng.poisson(age >= 65 ? 1.3 : 0.6);
        for (int i = 0; i < extras && out.size() < 8; i++) {
            String code = EXTRA_SECONDARY.draw(rng);
            if (!code.equals(primary.code()) && !out.contains(code)) {
                out.add(code);
            }
        }
        return out;
    }

    /** The COVID-19 waves in England that filled medical wards (first wave, second wave). */
    static boolean inCovidWave(LocalDate d) {
        return d.isAfter(LocalDate.of(2020, 3, 14)) && d.isBefore(LocalDate.of(2020, 6, 1))
                || d.isAfter(LocalDate.of(2020, 10, 14)) && d.isBefore(LocalDate.of(2021, 3, 1));
    }

    private static Condition pickCondition(Rng rng, Set<Condition> conditions) {
        List<Condition> list = new ArrayList<>(conditions);
        Condition c = list.get(rng.nextInt(list.size()));
        // Hypertension alone is rarely the reason for an emergency admission.
        if (c == Condition.HYPERTENSION && rng.chance(0.85)) {
            return null;
        }
        return c;
    }

    private static Dx exacerbation(Rng rng, Condition c) {
        double u = rng.nextDouble();
        return switch (c) {
            case COPD -> u < 0.5 ? dx("J441", 0.1, 5) : u < 0.8 ? dx("J440", 0.1, 6) : new Dx("J209", 0.2, 3, "J449");
            case HEART_FAILURE -> u < 0.6 ? dx("I500", 0.05, 7) : u < 0.9 ? dx("I509", 0.05, 6) : dx("I110", 0.05, 6);
            case DIABETES -> u < 0.35 ? dx("E116", 0.1, 5) : u < 0.55 ? dx("E115", 0.05, 8)
                    : u < 0.7 ? dx("E111", 0.05, 4) : u < 0.8 ? dx("E117", 0.1, 5)
                    : u < 0.85 ? dx("E110", 0.0, 5) : dx("E162", 0.4, 1);
            case DEMENTIA -> u < 0.5 ? dx("F03", 0.05, 12) : u < 0.7 ? dx("F019", 0.05, 12)
                    : u < 0.8 ? dx("F001", 0.05, 12) : dx("R410", 0.1, 6);
            case ATRIAL_FIBRILLATION -> u < 0.7 ? dx("I489", 0.25, 3) : dx("I480", 0.25, 3);
            case HYPERTENSION -> dx("I10", 0.4, 2);
            case ASTHMA -> u < 0.7 ? dx("J459", 0.4, 2) : dx("J46", 0.1, 3);
            case CKD -> u < 0.7 ? dx("N179", 0.1, 6) : dx("N184", 0.2, 4);
        };
    }

    private static Dx dx(String code, double zeroDay, double median) {
        return new Dx(code, zeroDay, median, null);
    }

    private static TableBuilder table() {
        return new TableBuilder();
    }

    private static final class TableBuilder {
        private final Weighted.Builder<Dx> b = Weighted.builder();

        TableBuilder dx(String code, double weight, double zeroDay, double median) {
            b.add(new Dx(code, zeroDay, median, null), weight);
            return this;
        }

        TableBuilder dx(String code, double weight, double zeroDay, double median, String secondary) {
            b.add(new Dx(code, zeroDay, median, secondary), weight);
            return this;
        }

        Weighted<Dx> build() {
            return b.build();
        }
    }
}
