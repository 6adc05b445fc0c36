package org.bedflow.pipeline.measure.indicators;

/**
 * The indicator ids of docs/indicators.md ("Indicators"), in the order of its table, each with the
 * statistic its financial-year value uses, the population it divides by, and its
 * {@code national_reference}: the national measure whose definition it follows and where it
 * departs from it (docs/indicators.md states each departure in full). The family classes of
 * this package compute the counts; {@link IndicatorStatistics} turns counts and populations
 * into values and limits.
 */
public enum Indicator {
    /** {@link AdmissionRates}: emergency continuous inpatient spells, all ages, DSR per 100k over 19 bands. */
    EMERGENCY_ADMISSIONS("emergency_admissions", Statistic.DSR, AgeGroup.ALL_AGES,
            "Emergency admissions, all causes, as NHS Digital LBOI 13.7 (direct age-only standardisation, ESP2013;"
                    + " CIPS excluding transfers; only providers in the feeds)"),
    /** {@link AdmissionRates}: emergency continuous inpatient spells of people 65+, crude rate per 100k. */
    EMERGENCY_ADMISSIONS_65PLUS("emergency_admissions_65plus", Statistic.CRUDE_RATE, AgeGroup.AGED_65_PLUS,
            "Better Care Fund 2025-26 metric emergency admissions 65+ per 100,000 (definition not verified;"
                    + " CIPS excluding transfers, crude rate; only providers in the feeds)"),
    /** {@link AdmissionRates}: NHS Outcomes Framework 2.3.i, chronic ACSC. */
    CHRONIC_ACSC_ADMISSIONS("chronic_acsc_admissions", Statistic.DSR, AgeGroup.ALL_AGES,
            "NHS OF 2.3.i / CCG OIS 2.6 (chronic ACSC; direct age standardisation to ESP2013, not the national"
                    + " age-and-sex standardisation; only providers in the feeds)"),
    /** {@link AdmissionRates}: NHS Outcomes Framework 3a, acute conditions. */
    ACUTE_ACSC_ADMISSIONS("acute_acsc_admissions", Statistic.DSR, AgeGroup.ALL_AGES,
            "NHS OF 3a / CCG OIS 3.1 (acute ACSC; direct age standardisation to ESP2013, not the national"
                    + " age-and-sex standardisation; only providers in the feeds)"),
    /** {@link AdmissionRates}: PHOF C29 / E14 style, falls of people 65+, DSR over 6 bands. */
    FALLS_ADMISSIONS_65PLUS("falls_admissions_65plus", Statistic.DSR, AgeGroup.AGED_65_PLUS,
            "PHOF C29 emergency hospital admissions due to falls, 65+ (DSR ESP2013 over 6 age bands, no sex"
                    + " standardisation; first spell's diagnoses; only providers in the feeds)"),
    /** {@link ZeroLengthOfStay}. */
    ZERO_LOS_EMERGENCY_ADMISSIONS("zero_los_emergency_admissions", Statistic.PERCENT, null,
            "No single national indicator: share of emergency CIPS with a 0-day CIPS length of stay, as in"
                    + " NHS Digital's zero-length-of-stay counts (bedflow definition)"),
    /** {@link EmergencyReadmissions}: NHS Outcomes Framework 3b. */
    EMERGENCY_READMISSIONS_30D("emergency_readmissions_30d", Statistic.PERCENT, null,
            "NHS OF 3b / CCG OIS 3.2 (index CIPS and exclusions as nationally; crude, not indirectly"
                    + " standardised; no specialty filter; only providers in the feeds)"),
    /** {@link DischargeIndicators}. */
    DISCHARGED_ON_DRD("discharged_on_drd", Statistic.PERCENT, null,
            "NHS England discharge delays (Discharge Ready Date): discharged on DRD, adults (residents, not"
                    + " providers; blank DRD = no delay where recorded; overnight stays)"),
    /** {@link DischargeIndicators}. */
    MEAN_DISCHARGE_DELAY_DAYS("mean_discharge_delay_days", Statistic.MEAN, null,
            "BCF 2025-26 average length of discharge delay, all adult patients (definition not verified;"
                    + " includes 0-day delays; residents, not providers)"),
    /** {@link DischargeIndicators}. */
    DISCHARGE_TO_USUAL_RESIDENCE("discharge_to_usual_residence", Statistic.PERCENT, null,
            "BCF 2023-25 discharge to usual place of residence (metric text not verified; destination 19,"
                    + " adults 18+ not discharged to another hospital)"),
    /** {@link DelayedBedDays}. */
    DELAYED_BEDS_PER_DAY_PER_100K_18PLUS("delayed_beds_per_day_per_100k_18plus", Statistic.RATE_PER_DAY,
            AgeGroup.AGED_18_PLUS,
            "Former ASCOF 2C(1) delayed transfers of care per 100,000 18+ (DRD-based delays, not DToC; each"
                    + " delayed day in the month it fell)"),
    /** {@link ResidentialAdmissions}: ASCOF 2B, younger adults. */
    RESIDENTIAL_ADMISSIONS_18_64("residential_admissions_18_64", Statistic.CRUDE_RATE, AgeGroup.AGED_18_64,
            "ASCOF 2B (2024-25, CLD; DHSC's code; age at event start as recorded; every month and year; null"
                    + " components counted; people followed across councils by NHS number; lookback only in the feed)"),
    /** {@link ResidentialAdmissions}: ASCOF 2C, older people. */
    RESIDENTIAL_ADMISSIONS_65PLUS("residential_admissions_65plus", Statistic.CRUDE_RATE, AgeGroup.AGED_65_PLUS,
            "ASCOF 2C (2024-25, CLD; DHSC's code; age at event start as recorded; every month and year; null"
                    + " components counted; people followed across councils by NHS number; lookback only in the feed)"),
    /** {@link ReablementAfterDischarge}: ASCOF 2D part 1 (outcome). */
    REABLEMENT_REMAINED_IN_COMMUNITY_12WK("reablement_remained_in_community_12wk", Statistic.PERCENT, null,
            "ASCOF 2D part 1 (2024-25, CLD + hospital; DHSC's code; every month, not a year lagged a quarter; age on"
                    + " admission, not from birth month and year at discharge; CIPS length of stay; hospital deaths"
                    + " and open emergency readmissions count; only providers in the feeds)"),
    /** {@link ReablementAfterDischarge}: ASCOF 2D part 2 (provision). */
    REABLEMENT_AFTER_DISCHARGE("reablement_after_discharge", Statistic.PERCENT, null,
            "ASCOF 2D part 2 (2024-25, CLD + hospital; DHSC's code; every month, not a year lagged a quarter; age on"
                    + " admission, not from birth month and year at discharge; CIPS length of stay; counts discharges,"
                    + " each once, not discharge-episode pairs; only providers in the feeds)"),
    /**
     * {@link UrgentCommunityResponse}: urgent community response contacts
     * not followed by an emergency admission within 7 days, from the community_contacts feed
     * (docs/adding-a-feed.md, worked example 3).
     */
    UCR_NO_EMERGENCY_ADMISSION_7D("ucr_no_emergency_admission_7d", Statistic.PERCENT, null,
            "No national indicator: bedflow's urgent community response outcome (community_contacts feed)");

    /** How the value of a row is computed (docs/indicators.md, "Values and limits"). */
    public enum Statistic {
        /** 100 x numerator / denominator with Wilson score limits, for months and years. */
        PERCENT,
        /** directly standardised rate per 100k (ESP2013) with Dobson limits; months carry the count. */
        DSR,
        /** numerator per 100k population, Byar (10+) or exact Poisson limits; months carry the count. */
        CRUDE_RATE,
        /** numerator / (population x days in period / 100000), no limits; months carry the count. */
        RATE_PER_DAY,
        /** numerator (days) / denominator (patients), no limits, for months and years. */
        MEAN;

        /** Population-based statistics are given for financial years only (docs/indicators.md). */
        public boolean populationBased() {
            return this != PERCENT && this != MEAN;
        }
    }

    public static final String PERCENT = "percent";
    public static final String RATE_PER_100K = "rate_per_100k";
    public static final String DSR_PER_100K = "dsr_per_100k";
    public static final String COUNT = "count";
    public static final String MEAN_DAYS = "mean_days";

    private final String id;
    private final Statistic statistic;
    private final AgeGroup population;
    private final String nationalReference;

    Indicator(String id, Statistic statistic, AgeGroup population, String nationalReference) {
        this.id = id;
        this.statistic = statistic;
        this.population = population;
        this.nationalReference = nationalReference;
    }

    /** The national measure followed and where bedflow departs from it (the {@code national_reference} column). */
    public String nationalReference() {
        return nationalReference;
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
        if (statistic == Statistic.MEAN) {
            return MEAN_DAYS;
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
