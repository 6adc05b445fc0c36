package org.bedflow.sample;

import java.time.LocalDate;
import java.time.Period;
import java.util.EnumSet;
import java.util.Set;

/**
 * The small state the generator keeps for one synthetic person while writing their rows.
 * Nothing of it survives the person: the generator streams person by person.
 */
final class Person {

    static final String CLIENT_SERVICE_USER = "Service user";
    static final String CLIENT_CARER = "Unpaid carer";
    static final String CLIENT_CARER_BY_ASSOCIATION = "Unpaid carer known by association";

    final long serial;
    final String nhsNumber;
    final LocalDate birthDate;
    final String sex;
    /** True district of usual residence (recorded codes on rows may be missing or newer). */
    final District district;
    final String lsoa;
    final String gpPractice;
    final Provider mainProvider;
    final Set<Condition> conditions;
    /** Lives in a care home (after a pathway 3 discharge or a long-term residential placement). */
    boolean inCareHome;
    /** Date of death, in hospital or (see {@link #diedInCommunity}) at home or in a care home. */
    LocalDate diedOn;
    /** The death was outside hospital (simulated with social care, {@link Mortality}). */
    boolean diedInCommunity;
    /** A reablement that succeeded: alive (outside hospital, at least) until this day. */
    LocalDate aliveUntil;
    /** The council learnt of the death and holds the date on its records. */
    boolean deathKnownToCouncil;
    /** CLD client type of the person's social care rows. */
    String clientType = CLIENT_SERVICE_USER;
    /** A cancer under treatment (ICD-10), recorded as a secondary diagnosis from {@link #cancerFrom}. */
    String cancer;
    LocalDate cancerFrom;

    Person(long serial, String nhsNumber, LocalDate birthDate, String sex, District district, String lsoa,
            String gpPractice, Provider mainProvider, Set<Condition> conditions) {
        this.serial = serial;
        this.nhsNumber = nhsNumber;
        this.birthDate = birthDate;
        this.sex = sex;
        this.district = district;
        this.lsoa = lsoa;
        this.gpPractice = gpPractice;
        this.mainProvider = mainProvider;
        this.conditions = conditions.isEmpty() ? EnumSet.noneOf(Condition.class) : EnumSet.copyOf(conditions);
    }

    int ageOn(LocalDate date) {
        return Period.between(birthDate, date).getYears();
    }

    boolean carer() {
        return !CLIENT_SERVICE_USER.equals(clientType);
    }

    /** Council person identifier: the unitary's prefix (the county's before vesting) and a serial. */
    String councilPersonId(String laCode) {
        String prefix = switch (laCode) {
            case Northamptonshire.NORTH -> "NNC-";
            case Northamptonshire.WEST -> "WNC-";
            default -> "NCC-";
        };
        return prefix + Texts.pad(serial, 7);
    }
}
