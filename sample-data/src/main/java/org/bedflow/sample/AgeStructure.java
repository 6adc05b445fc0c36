package org.bedflow.sample;

/**
 * Population age and sex structure (close to England's mid-2020 estimates, by five-year band,
 * spread evenly over single years) and typical hospital admission rates by age. The patients'
 * ages are drawn from population x admission rate, so that the written population gives
 * plausible age-specific rates as well as a plausible overall rate.
 */
final class AgeStructure {

    /** Oldest single year; 90 stands for 90 and over, as ONS publishes. */
    static final int MAX_AGE = 90;

    /** Share of the population in bands 0-4, 5-9, ..., 85-89, 90+ (percent). */
    private static final double[] BAND_SHARE = {
        5.8, 6.2, 6.0, 5.5, 6.1, 6.7, 6.8, 6.6, 6.2, 6.6, 6.9, 6.6, 5.7, 5.0, 5.2, 3.7, 2.6, 1.6, 0.9};
    /** Female share by the same bands. */
    private static final double[] FEMALE_SHARE = {
        0.488, 0.488, 0.487, 0.485, 0.49, 0.5, 0.505, 0.505, 0.505, 0.507, 0.507, 0.506, 0.51, 0.515, 0.525,
        0.54, 0.56, 0.61, 0.69};
    /**
     * Admissions per person per year (all methods) by the same bands; age 0 is handled apart. The
     * 65+ bands are set about 15-25 % below typical rates so that emergency admissions of people
     * 65+ (readmissions included) come nearer the national rate per 100k.
     */
    private static final double[] ADMISSION_RATE = {
        0.14, 0.06, 0.06, 0.09, 0.13, 0.14, 0.16, 0.16, 0.17, 0.19, 0.23, 0.27, 0.33, 0.34, 0.40, 0.48, 0.58, 0.68,
        0.75};

    private static final double[] SINGLE_YEAR = new double[MAX_AGE + 1];

    static {
        double total = 0;
        for (double s : BAND_SHARE) {
            total += s;
        }
        for (int age = 0; age <= MAX_AGE; age++) {
            int band = band(age);
            SINGLE_YEAR[age] = BAND_SHARE[band] / total / (age == MAX_AGE ? 1 : 5);
        }
    }

    private AgeStructure() {
    }

    /** ESP2013-style band index 0..18 of a single year of age (90 and over is band 18). */
    static int band(int age) {
        return Math.min(age, MAX_AGE) / 5 > 18 ? 18 : Math.min(age, MAX_AGE) / 5;
    }

    /** Share of the whole population aged {@code age} (0..90, 90 = 90+) of either sex. */
    static double share(int age) {
        return SINGLE_YEAR[Math.min(age, MAX_AGE)];
    }

    static double femaleShare(int age) {
        return FEMALE_SHARE[band(age)];
    }

    static double admissionRate(int age) {
        if (age == 0) {
            return 0.35;
        }
        return ADMISSION_RATE[band(age)];
    }
}
