package org.bedflow.sample;

/**
 * A local authority district whose residents appear in the extracts.
 *
 * @param code        ONS code
 * @param name        for documentation only
 * @param unitaryCode successor unitary (vesting 1 April 2021), null for districts outside the county
 * @param population  approximate ONS mid-2020 population, used as the residence weight in the county
 * @param firstLsoa   serial of its first synthetic LSOA
 * @param lsoaCount   number of synthetic LSOAs
 * @param providers   where its residents are admitted
 * @param practicePrefix prefix of its synthetic GP practice codes
 */
record District(String code, String name, String unitaryCode, int population, int firstLsoa, int lsoaCount,
        Weighted<Provider> providers, String practicePrefix) {

    boolean inCounty() {
        return unitaryCode != null;
    }

    /** Synthetic LSOA code of the i-th LSOA of the district (E019xxxxx lies outside the real range). */
    String lsoa(int i) {
        return lsoaCode(firstLsoa + i);
    }

    static String lsoaCode(int serial) {
        return "E019" + Texts.pad(serial, 5);
    }
}
