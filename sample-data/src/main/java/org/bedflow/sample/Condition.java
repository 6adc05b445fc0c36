package org.bedflow.sample;

/**
 * Long-term conditions a synthetic person may have. They come back as secondary diagnoses on
 * every spell and drive a share of the person's emergency admissions (exacerbations), which
 * is what makes the chronic ambulatory care sensitive admissions cluster in the same people.
 */
enum Condition {
    COPD("J449"),
    HEART_FAILURE("I509"),
    DIABETES("E119"),
    DEMENTIA("F03"),
    ATRIAL_FIBRILLATION("I489"),
    HYPERTENSION("I10"),
    ASTHMA("J459"),
    CKD("N183");

    private final String comorbidityCode;

    Condition(String comorbidityCode) {
        this.comorbidityCode = comorbidityCode;
    }

    String comorbidityCode() {
        return comorbidityCode;
    }

    /** Probability that a hospital patient of this age has the condition. */
    double prevalence(int age) {
        return switch (this) {
            case COPD -> age >= 80 ? 0.12 : age >= 65 ? 0.10 : age >= 45 ? 0.04 : 0;
            case HEART_FAILURE -> age >= 80 ? 0.12 : age >= 65 ? 0.05 : age >= 50 ? 0.01 : 0;
            case DIABETES -> age >= 65 ? 0.15 : age >= 40 ? 0.08 : age >= 10 ? 0.01 : 0;
            case DEMENTIA -> age >= 85 ? 0.18 : age >= 75 ? 0.07 : age >= 65 ? 0.02 : 0;
            case ATRIAL_FIBRILLATION -> age >= 80 ? 0.15 : age >= 65 ? 0.08 : age >= 50 ? 0.02 : 0;
            case HYPERTENSION -> age >= 65 ? 0.45 : age >= 45 ? 0.20 : age >= 30 ? 0.04 : 0;
            case ASTHMA -> age >= 2 ? 0.08 : 0;
            case CKD -> age >= 80 ? 0.18 : age >= 65 ? 0.10 : age >= 50 ? 0.03 : 0;
        };
    }
}
