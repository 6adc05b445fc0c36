package org.bedflow.sample;

import java.time.LocalDate;
import java.util.List;

/** One simulated hospital provider spell: the truth behind an admission row and a discharge row. */
final class Spell {

    enum Kind { ELECTIVE, EMERGENCY, MATERNITY, OTHER }

    Provider provider;
    String spellId;
    Kind kind;
    String method;
    String source;
    LocalDate admission;
    int age;
    Dx primary;
    List<String> secondaries;

    /** Nights until the patient was ready to leave (the Discharge Ready Date is admission + this). */
    int clinicalNights;
    /** Nights between ready and discharge. */
    int delayNights;
    boolean died;
    /** No discharge row: still in hospital at the end of the window, or discharge not yet submitted. */
    boolean open;
    String dischargeMethod;
    String destination;
    String pathway;
    boolean drdRecorded;
    String delayReason;
    /** Responsible sector as the provider recorded it, or null (then the reason mapping decides). */
    String delaySector;
    /** CDS patient classification: 1 ordinary, 2 day case, 3/4 regular day/night attender, 5 delivery only. */
    String classification;
    String mainSpecialty;
    String treatmentFunction;
    /** OPCS-4 codes, canonical (no dot), the primary first; empty when none. */
    List<String> procedures = List.of();
    /** Discharged to another NHS hospital: the next spell (another provider) continues the stay. */
    boolean transferOut;

    /** Nights in hospital (length of stay). */
    int los() {
        return clinicalNights + delayNights;
    }

    LocalDate readyDate() {
        return admission.plusDays(clinicalNights);
    }

    LocalDate discharge() {
        return admission.plusDays((long) clinicalNights + delayNights);
    }

    boolean emergency() {
        return kind == Kind.EMERGENCY;
    }

    boolean aliveDischarge() {
        return !open && !died;
    }
}
