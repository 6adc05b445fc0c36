package org.bedflow.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The geography the sample is set in: the seven former districts of Northamptonshire with
 * their successor unitaries (vesting 1 April 2021, docs/code-lists.md), their approximate ONS
 * mid-2020 populations (the residence weights), the hospitals their residents use, and the
 * neighbouring districts whose residents turn up as out-of-area patients.
 */
final class Northamptonshire {

    static final LocalDate VESTING_DAY = LocalDate.of(2021, 4, 1);
    static final String COUNTY_COUNCIL = "E10000021";
    static final String NORTH = "E06000061";
    static final String WEST = "E06000062";

    /** The seven in-county districts, in ONS code order. */
    static final List<District> COUNTY;
    /** Neighbouring districts (out-of-area residents). */
    static final List<District> OUTSIDE;
    static final Weighted<District> COUNTY_BY_POPULATION;
    static final Weighted<District> OUTSIDE_WEIGHTS;

    static {
        List<District> county = new ArrayList<>();
        int[] lsoa = {1};
        county.add(district("E07000150", "Corby", NORTH, 72_200, lsoa, "K83010",
                providers(0.07, 0.87, 0.02, 0.04)));
        county.add(district("E07000151", "Daventry", WEST, 85_900, lsoa, "K83020",
                providers(0.84, 0.02, 0.04, 0.10)));
        county.add(district("E07000152", "East Northamptonshire", NORTH, 94_500, lsoa, "K83030",
                providers(0.08, 0.86, 0.03, 0.03)));
        county.add(district("E07000153", "Kettering", NORTH, 102_700, lsoa, "K83040",
                providers(0.05, 0.91, 0.01, 0.03)));
        county.add(district("E07000154", "Northampton", WEST, 225_100, lsoa, "K83050",
                providers(0.92, 0.03, 0.02, 0.03)));
        county.add(district("E07000155", "South Northamptonshire", WEST, 94_500, lsoa, "K83060",
                providers(0.78, 0.02, 0.16, 0.04)));
        county.add(district("E07000156", "Wellingborough", NORTH, 80_100, lsoa, "K83070",
                providers(0.22, 0.74, 0.01, 0.03)));
        COUNTY = List.copyOf(county);

        // Out-of-area residents appear in the extracts of the two county hospitals only:
        // the out-of-county providers send bedflow their Northamptonshire residents.
        List<District> outside = new ArrayList<>();
        outside.add(outside("E06000042", "Milton Keynes", lsoa, "K82500", providers(0.85, 0.15, 0, 0)));
        outside.add(outside("E07000177", "Cherwell", lsoa, "K84500", providers(1, 0, 0, 0)));
        outside.add(outside("E07000131", "Harborough", lsoa, "C82500", providers(0.2, 0.8, 0, 0)));
        outside.add(outside("E06000055", "Bedford", lsoa, "E81500", providers(0.4, 0.6, 0, 0)));
        outside.add(outside("E07000220", "Rugby", lsoa, "M84500", providers(1, 0, 0, 0)));
        outside.add(outside("E07000011", "Huntingdonshire", lsoa, "D81500", providers(0.1, 0.9, 0, 0)));
        OUTSIDE = List.copyOf(outside);

        Weighted.Builder<District> byPop = Weighted.builder();
        COUNTY.forEach(d -> byPop.add(d, d.population()));
        COUNTY_BY_POPULATION = byPop.build();
        OUTSIDE_WEIGHTS = Weighted.<District>builder()
                .add(OUTSIDE.get(0), 30).add(OUTSIDE.get(1), 20).add(OUTSIDE.get(2), 20)
                .add(OUTSIDE.get(3), 10).add(OUTSIDE.get(4), 10).add(OUTSIDE.get(5), 10).build();
    }

    private Northamptonshire() {
    }

    static int countyPopulation() {
        int sum = 0;
        for (District d : COUNTY) {
            sum += d.population();
        }
        return sum;
    }

    /** Council that owns a social care event starting on {@code date} for a resident of {@code d}. */
    static String councilFor(District d, LocalDate date) {
        return date.isBefore(VESTING_DAY) ? COUNTY_COUNCIL : d.unitaryCode();
    }

    /** Every district, county first, in a fixed order. */
    static List<District> all() {
        List<District> all = new ArrayList<>(COUNTY);
        all.addAll(OUTSIDE);
        return all;
    }

    private static District district(String code, String name, String unitary, int population, int[] nextLsoa,
            String practicePrefix, Weighted<Provider> providers) {
        int count = Math.max(5, Math.round(population / 1_700f));
        District d = new District(code, name, unitary, population, nextLsoa[0], count, providers, practicePrefix);
        nextLsoa[0] += count;
        return d;
    }

    private static District outside(String code, String name, int[] nextLsoa, String practicePrefix,
            Weighted<Provider> providers) {
        int count = 8;
        District d = new District(code, name, null, 0, nextLsoa[0], count, providers, practicePrefix);
        nextLsoa[0] += count;
        return d;
    }

    private static Weighted<Provider> providers(double rns, double rnq, double rd8, double rrk) {
        return Weighted.<Provider>builder().add(Provider.RNS, rns).add(Provider.RNQ, rnq).add(Provider.RD8, rd8)
                .add(Provider.RRK, rrk).build();
    }
}
