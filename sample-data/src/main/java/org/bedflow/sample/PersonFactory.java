package org.bedflow.sample;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creates synthetic persons: where they live (the seven districts by population, about 3 %
 * from neighbouring districts), their age (drawn from population x admission rate, so that
 * patients are as old as real patients), sex, GP practice, usual hospital and long-term
 * conditions, and a unique NHS number in the 999 test range.
 */
final class PersonFactory {

    /** Share of patients living outside the county. */
    static final double OUT_OF_AREA = 0.03;

    private final Rng rng;
    private final Window window;
    private final NhsNumbers numbers = new NhsNumbers();
    private final Weighted<Integer> patientAge;
    private final Weighted<Integer> clientAge;
    private long serial;

    PersonFactory(Rng rng, Window window) {
        this.rng = rng;
        this.window = window;
        Weighted.Builder<Integer> patients = Weighted.builder();
        Weighted.Builder<Integer> clients = Weighted.builder();
        for (int age = 0; age <= AgeStructure.MAX_AGE; age++) {
            patients.add(age, AgeStructure.share(age) * AgeStructure.admissionRate(age) / expectedSpells(age));
            // adult social care clients: mostly older people, some working-age adults
            double careRate = age < 18 ? 0 : age < 65 ? 0.004 : age < 75 ? 0.02 : age < 85 ? 0.06 : 0.15;
            clients.add(age, AgeStructure.share(age) * careRate);
        }
        this.patientAge = patients.build();
        this.clientAge = clients.build();
    }

    /** Index admissions per person beyond the first, over 24 months, by age at the window start. */
    static double extraIndexSpells(int age) {
        return age < 45 ? 0.15 : age < 65 ? 0.30 : age < 75 ? 0.45 : age < 85 ? 0.65 : 0.80;
    }

    private static double expectedSpells(int age) {
        return 1.0 + extraIndexSpells(age) + (age >= 65 ? 0.16 : 0.07);
    }

    /** A hospital patient aged {@code age} (or drawn when negative) at the window start. */
    Person patient() {
        int age = topUp(patientAge.draw(rng));
        String sex = rng.chance(AgeStructure.femaleShare(age)) ? "2" : "1";
        return create(age, sex, rng.chance(OUT_OF_AREA), window.first);
    }

    /** A woman aged 18 to 45 on the day of her delivery. */
    Person mother(LocalDate delivery) {
        int age = rng.between(18, 45);
        return create(age, "2", rng.chance(OUT_OF_AREA), delivery);
    }

    /** A baby born on {@code birth}. */
    Person newborn(LocalDate birth) {
        String sex = rng.chance(0.487) ? "2" : "1";
        District d = residence(rng.chance(OUT_OF_AREA));
        return build(birth, sex, d, EnumSet.noneOf(Condition.class));
    }

    /** An adult social care client living in the county (the councils serve their residents only). */
    Person careClient() {
        int age = topUp(clientAge.draw(rng));
        String sex = rng.chance(AgeStructure.femaleShare(age)) ? "2" : "1";
        return create(age, sex, false, window.first);
    }

    /**
     * An unpaid carer living in the county: most of working age (the peak is 50-64), about a
     * third 65 or over; a few known to the council only by association with the person they
     * care for.
     */
    Person carer() {
        int age = rng.chance(0.65) ? rng.between(25, 64) : rng.between(65, 89);
        String sex = rng.chance(0.6) ? "2" : "1";
        Person p = create(age, sex, false, window.first);
        p.clientType = rng.chance(0.15) ? Person.CLIENT_CARER_BY_ASSOCIATION : Person.CLIENT_CARER;
        return p;
    }

    long created() {
        return serial;
    }

    private int topUp(int age) {
        // 90 stands for 90 and over: spread the oldest over 90-104
        if (age == AgeStructure.MAX_AGE) {
            int extra = 0;
            while (extra < 14 && rng.chance(0.72)) {
                extra++;
            }
            return age + extra;
        }
        return age;
    }

    private Person create(int ageAtStart, String sex, boolean outside, LocalDate asOf) {
        LocalDate birth = asOf.minusYears(ageAtStart).minusDays(rng.nextInt(365));
        Set<Condition> conditions = EnumSet.noneOf(Condition.class);
        for (Condition c : Condition.values()) {
            if (rng.chance(c.prevalence(ageAtStart))) {
                conditions.add(c);
            }
        }
        return build(birth, sex, residence(outside), conditions);
    }

    private District residence(boolean outside) {
        return outside ? Northamptonshire.OUTSIDE_WEIGHTS.draw(rng) : Northamptonshire.COUNTY_BY_POPULATION.draw(rng);
    }

    private Person build(LocalDate birth, String sex, District d, Set<Condition> conditions) {
        String lsoa = d.lsoa(rng.nextInt(d.lsoaCount()));
        String practiceBase = d.practicePrefix();
        int first = Integer.parseInt(practiceBase.substring(3));
        String practice = practiceBase.substring(0, 3) + Texts.pad(first + rng.nextInt(10), 3);
        Provider main = d.providers().draw(rng);
        serial++;
        return new Person(serial, numbers.next(), birth, sex, d, lsoa, practice, main, conditions);
    }
}
