package org.bedflow.sample;

import java.util.Locale;
import java.util.Map;

/**
 * Synthetic postcodes: the real outward codes of each Northamptonshire district (NN1-NN18,
 * NN29, PE8) with made-up inward codes, a few per synthetic LSOA, and the small postcode lookup
 * ({@code geography/postcode_lookup}) that maps each to its LSOA and district. A person's
 * postcode is a pure function of their LSOA and serial, so it costs no random draw and is the
 * same on every row; about 3 % of the county's people live in a postcode newer than the lookup.
 * Written only on social care rows and in the lookup, nowhere else.
 */
final class Postcodes {

    /** Postcodes per LSOA in the lookup. */
    static final int PER_LSOA = 3;
    /** Persons (per mille) whose postcode is newer than the lookup (a new-build estate). */
    static final int NOT_IN_LOOKUP_PER_MILLE = 30;

    /** Inward code letters (a UK inward code never uses C, I, K, M, O or V). */
    private static final String LETTERS = "ABDEFGHJLNPQRSTUWXYZ";
    /** Number of distinct inward codes (digit, letter, letter). */
    private static final int INWARD_CODES = 10 * LETTERS.length() * LETTERS.length();

    private static final Map<String, String[]> OUTWARD = Map.of(
            "E07000150", new String[] {"NN17", "NN18"},
            "E07000151", new String[] {"NN11", "NN6"},
            "E07000152", new String[] {"NN10", "NN9", "PE8"},
            "E07000153", new String[] {"NN14", "NN15", "NN16"},
            "E07000154", new String[] {"NN1", "NN2", "NN3", "NN4", "NN5"},
            "E07000155", new String[] {"NN12", "NN13", "NN7"},
            "E07000156", new String[] {"NN8", "NN29"});

    private Postcodes() {
    }

    /** The j-th lookup postcode of the i-th LSOA of an in-county district. */
    static String of(District d, int lsoaIndex, int j) {
        int serial = (d.firstLsoa() + lsoaIndex) * PER_LSOA + j;
        return format(d, lsoaIndex + j, serial);
    }

    /** The postcode {@code p} lives in (in-county residents only). */
    static String of(Person p) {
        District d = p.district;
        int lsoaIndex = Integer.parseInt(p.lsoa.substring(4)) - d.firstLsoa();
        if (Math.floorMod(p.serial * 7919L, 1000) < NOT_IN_LOOKUP_PER_MILLE) {
            // serials beyond every LSOA's postcodes give inward codes the lookup never holds
            int serial = INWARD_CODES - 1 - (int) Math.floorMod(p.serial, 1000L);
            return format(d, lsoaIndex, serial);
        }
        return of(d, lsoaIndex, (int) Math.floorMod(p.serial, (long) PER_LSOA));
    }

    /** How a council system typed it: mostly "NN1 5AB", a few in lower case or without the space. */
    static String asTyped(String postcode, Rng rng) {
        double u = rng.nextDouble();
        if (u < 0.04) {
            return postcode.toLowerCase(Locale.ROOT);
        }
        if (u < 0.08) {
            return postcode.replace(" ", "");
        }
        return postcode;
    }

    private static String format(District d, int outwardIndex, int serial) {
        String[] outward = OUTWARD.get(d.code());
        // a bijection of 0..3999 (1237 is coprime to 4000): neighbouring LSOAs get unrelated inward codes
        int k = (int) ((serial * 1237L + 311) % INWARD_CODES);
        int letters = LETTERS.length();
        String inward = "" + (k % 10) + LETTERS.charAt(k / 10 % letters) + LETTERS.charAt(k / 10 / letters);
        return outward[outwardIndex % outward.length] + " " + inward;
    }
}
