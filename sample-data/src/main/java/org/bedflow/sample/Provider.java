package org.bedflow.sample;

/**
 * A hospital provider sending APC extracts.
 *
 * @param code           ODS code
 * @param name           for documentation only
 * @param style          how its system prints ICD-10 codes
 * @param spacedNhs      whether its extract prints NHS numbers as {@code 999 123 4567}
 * @param spellPrefix    prefix of its hospital provider spell numbers
 * @param firstSpell     first spell number it issues in the window
 * @param extractMinute  minute of the day its nightly extract runs (submitted_at)
 */
record Provider(String code, String name, CodeStyle style, boolean spacedNhs, String spellPrefix, long firstSpell,
        int extractMinute) {

    static final Provider RNS = new Provider("RNS", "Northampton General Hospital NHS Trust", CodeStyle.DOTTED,
            false, "", 40_000_001L, 2 * 60);
    static final Provider RNQ = new Provider("RNQ", "Kettering General Hospital NHS Foundation Trust",
            CodeStyle.PLAIN_X, false, "KGH", 7_100_001L, 60 + 30);
    static final Provider RD8 = new Provider("RD8", "Milton Keynes University Hospital NHS Foundation Trust",
            CodeStyle.DOTTED_X, true, "MK", 5_300_001L, 3 * 60);
    static final Provider RRK = new Provider("RRK", "University Hospitals Birmingham NHS Foundation Trust",
            CodeStyle.DOTTED_DASH_PIPE, false, "B", 900_000_001L, 4 * 60 + 10);

    /** In the order their files are listed. */
    static final Provider[] ALL = {RNS, RNQ, RD8, RRK};

    String spellId(long serial) {
        return spellPrefix + serial;
    }
}
