package org.bedflow.pipeline.measure.indicators;

/**
 * The indicator ids of docs/indicators.md ("Indicators"), in the order of its table, each with the
 * statistic its financial-year value uses and the population it divides by. The family
 * classes of this package compute the counts; {@link IndicatorStatistics} turns counts and
 * populations into values and limits.
 */
public enum Indicator {
    /** {@link AdmissionRates}: emergency spells, all ages, DSR per 100k over 19 bands. */
    EMERGENCY_ADMISSIONS("emergency_admissions", Statistic.DSR, AgeGroup.ALL_AGES),
    /** {@link AdmissionRates}: NHS Outcomes Framework 2.3.i, chronic ACSC. */
    CHRONIC_ACSC_ADMISSIONS("chronic_acsc_admissions", Statistic.DSR, AgeGroup.ALL_AGES),
    /** {@link AdmissionRates}: NHS Outcomes Framework 3a style, acute conditions. */
    ACUTE_ACSC_ADMISSIONS("acute_acsc_admissions", Statistic.DSR, AgeGroup.ALL_AGES),
    /** {@link AdmissionRates}: PHOF C29 / E14 style, falls of people 65+, DSR over 6 bands. */
    FALLS_ADMISSIONS_65PLUS("falls_admissions_65plus", Statistic.DSR, AgeGroup.AGED_65_PLUS),
    /** {@link ZeroLengthOfStay}. */
    ZERO_LOS_EMERGENCY_ADMISSIONS("zero_los_emergency_admissions", Statistic.PERCENT, null),
    /** {@link EmergencyReadmissions}: NHS Outcomes Framework 3b style. */
    EMERGENCY_READMISSIONS_30D("emergency_readmissions_30d", Statistic.PERCENT, null),
    /** {@link DischargeIndicators}. */
    DISCHARGED_ON_DRD("discharged_on_drd", Statistic.PERCENT, null),
    /** {@link DischargeIndicators}. */
    DISCHARGE_TO_USUAL_RESIDENCE("discharge_to_usual_residence", Statistic.PERCENT, null),
    /** {@link DelayedBedDays}. */
    DELAYED_BEDS_PER_DAY_PER_100K_18PLUS("delayed_beds_per_day_per_100k_18plus", Statistic.RATE_PER_DAY,
            AgeGroup.AGED_18_PLUS),
    /** {@link ResidentialAdmissions}: ASCOF 2A style, older people. */
    RESIDENTIAL_ADMISSIONS_65PLUS("residential_admissions_65plus", Statistic.CRUDE_RATE, AgeGroup.AGED_65_PLUS),
    /** {@link ResidentialAdmissions}: ASCOF 2A style, younger adults. */
    RESIDENTIAL_ADMISSIONS_18_64("residential_admissions_18_64", Statistic.CRUDE_RATE, AgeGroup.AGED_18_64),
    /** {@link ReablementAtHome}: ASCOF 2B style. */
    REABLEMENT_AT_HOME_91D("reablement_at_home_91d", Statistic.PERCENT, null),
    /**
     * {@link UrgentCommunityResponse}: urgent community response contacts
     * not followed by an emergency admission within 7 days, from the community_contacts feed
     * (docs/adding-a-feed.md, worked example 3).
     */
    UCR_NO_EMERGENCY_ADMISSION_7D("ucr_no_emergency_admission_7d", Statistic.PERCENT, null);

    /** How the value of a row is computed (docs/indicators.md, "Values and limits"). */
    public enum Statistic {
        /** 100 x numerator / denominator with Wilson score limits, for months and years. */
        PERCENT,
        /** directly standardised rate per 100k (ESP2013) with Dobson limits; months carry the count. */
        DSR,
        /** numerator per 100k population, Byar (10+) or exact Poisson limits; months carry the count. */
        CRUDE_RATE,
        /** numerator / (population x days in period / 100000), no limits; months carry the count. */
        RATE_PER_DAY;

        /** Population-based statistics are given for financial years only (docs/indicators.md). */
        public boolean populationBased() {
            return this != PERCENT;
        }
    }

    public static final String PERCENT = "percent";
    public static final String RATE_PER_100K = "rate_per_100k";
    public static final String DSR_PER_100K = "dsr_per_100k";
    public static final String COUNT = "count";

    private final String id;
    private final Statistic statistic;
    private final AgeGroup population;

    Indicator(String id, Statistic statistic, AgeGroup population) {
        this.id = id;
        this.statistic = statistic;
        this.population = population;
    }

    public String id() {
        return id;
    }

    public Statistic statistic() {
        return statistic;
    }

    /** The population denominator's age group; null for percentages. */
    public AgeGroup population() {
        return population;
    }

    /** The {@code value_type} of this indicator's rows for a period type. */
    public String valueType(Periods.Type periodType) {
        if (statistic == Statistic.PERCENT) {
            return PERCENT;
        }
        if (periodType == Periods.Type.MONTH) {
            return COUNT;
        }
        return statistic == Statistic.DSR ? DSR_PER_100K : RATE_PER_100K;
    }

    public static Indicator byId(String id) {
        for (Indicator i : values()) {
            if (i.id.equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown indicator " + id);
    }
}
