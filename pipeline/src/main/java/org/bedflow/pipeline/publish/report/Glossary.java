package org.bedflow.pipeline.publish.report;

import java.util.List;

/**
 * The report's glossary: every measure the page shows, in plain words, one line each, with
 * the repository document and section that defines it (as text: the page is read away from
 * the repository). The anchors are the ones the summary and the comparison link to.
 */
final class Glossary {

    public record Entry(String id, String term, String words, String source) {
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry("provisional", "Provisional month or year",
                    "A period not yet complete for an area, so its counts will still grow; shaded in the charts and "
                            + "never used as the latest month or year of the summary.",
                    "docs/indicators.md, 'Values and limits'; docs/measures.md, 'Reporting grid'"),
            new Entry("discharge-ready-date", "Discharge ready date (DRD)",
                    "The day the clinical team judged the patient ready to leave hospital.",
                    "docs/measures.md, 'Discharge Ready Date and delay days'"),
            new Entry("discharged-on-drd", "% discharged on their discharge ready date",
                    "Of adult overnight discharges whose delay is known, the share who left on the day they were "
                            + "ready; higher is better.",
                    "docs/indicators.md, 'Indicators' (discharged_on_drd)"),
            new Entry("delayed-discharges", "Delayed discharges",
                    "Adult overnight discharges that left one day or more after their discharge ready date.",
                    "docs/measures.md, 'delayed_discharge_monthly'"),
            new Entry("delay-days", "Delay days",
                    "Days from the discharge ready date to the discharge, added up over the delayed discharges.",
                    "docs/measures.md, 'Discharge Ready Date and delay days'"),
            new Entry("mean-delay", "Mean delay",
                    "Delay days divided by the discharges whose delay is known (those who left on time count as 0).",
                    "docs/indicators.md, 'Indicators' (mean_discharge_delay_days)"),
            new Entry("delayed-bed-days", "Delayed bed days",
                    "Each day a delayed patient occupied a bed, counted in the month the day fell.",
                    "docs/data-dictionary.md, 'delayed_discharge_monthly' (delayed_bed_days_in_month)"),
            new Entry("delayed-beds-rate", "Delayed beds per day per 100,000 aged 18+",
                    "Delayed bed days of the year divided by its days and by the adult population in 100,000s: the "
                            + "beds held by delayed patients on an average day, for a population of 100,000.",
                    "docs/indicators.md, 'Indicators' (delayed_beds_per_day_per_100k_18plus)"),
            new Entry("delay-bands", "Delay bands",
                    "Delayed discharges grouped by how long the delay was: 1, 2-3, 4-6, 7-13, 14-20, 21+ days.",
                    "docs/data-dictionary.md, 'delayed_discharge_monthly'"),
            new Entry("drd-completeness", "DRD completeness",
                    "The share of adult overnight discharges whose record carried a discharge ready date.",
                    "docs/data-dictionary.md, 'delayed_discharge_monthly' (pct_drd_recorded)"),
            new Entry("pathway", "Discharge pathway",
                    "Where the patient went and what support they needed: 0 home without new support, 1 home with "
                            + "support, 2 a rehabilitation bed, 3 a care home.",
                    "docs/measures.md, 'delayed_discharge_breakdown'"),
            new Entry("delay-reason", "Reason for the delay",
                    "Why a ready patient stayed, grouped into the categories of the delay reason mapping.",
                    "docs/measures.md, 'delayed_discharge_breakdown'"),
            new Entry("emergency-admissions", "Emergency admissions",
                    "Unplanned hospital stays of residents, counted once however many wards or hospitals the stay "
                            + "went through; by month a count, by year a rate per 100,000 adjusted for age.",
                    "docs/indicators.md, 'Indicators' (emergency_admissions)"),
            new Entry("emergency-admissions-65", "Emergency admissions, aged 65+",
                    "The same for people aged 65 and over, per 100,000 people of that age.",
                    "docs/indicators.md, 'Indicators' (emergency_admissions_65plus)"),
            new Entry("chronic-acsc", "Chronic ACSC admissions",
                    "Emergency admissions for long-term conditions (such as asthma, diabetes, heart failure) that "
                            + "good care outside hospital can usually prevent.",
                    "docs/indicators.md, 'Indicators' (chronic_acsc_admissions)"),
            new Entry("acute-acsc", "Acute ACSC admissions",
                    "Emergency admissions for short illnesses (such as urinary infections) that usually should not "
                            + "need a hospital stay.",
                    "docs/indicators.md, 'Indicators' (acute_acsc_admissions)"),
            new Entry("cost", "Cost and what-if",
                    "Bed days lost to discharge delays priced as excess bed days, and emergency admissions for "
                            + "ambulatory care sensitive conditions priced as non-elective admissions, with the year "
                            + "of each price; a scenario says what would be released if, for example, no delay lasted "
                            + "more than 7 days. Beds = bed days divided by the days of the period.",
                    "docs/cost.md"),
            new Entry("falls", "Falls admissions, 65+",
                    "Emergency admissions of people aged 65+ after a fall, per 100,000 of that age, adjusted for age.",
                    "docs/indicators.md, 'Indicators' (falls_admissions_65plus)"),
            new Entry("readmissions", "Emergency readmissions within 30 days",
                    "Of the hospital stays that ended, the share followed by an emergency admission within 30 days; "
                            + "a stay needs 30 days of follow-up before it counts.",
                    "docs/measures.md, 'Readmissions'; docs/indicators.md, 'Indicators' (emergency_readmissions_30d)"),
            new Entry("usual-residence", "Discharged to usual residence",
                    "The share of adult discharges that went back to where the patient usually lives.",
                    "docs/indicators.md, 'Indicators' (discharge_to_usual_residence)"),
            new Entry("ascof-2b", "ASCOF 2B",
                    "Adults aged 18-64 newly placed in a care home for the long term, per 100,000 of that age.",
                    "docs/indicators.md, 'Indicators' (residential_admissions_18_64)"),
            new Entry("ascof-2c", "ASCOF 2C",
                    "The same for adults aged 65 and over.",
                    "docs/indicators.md, 'Indicators' (residential_admissions_65plus)"),
            new Entry("ascof-2d-1", "ASCOF 2D part 1",
                    "Of people 65+ who went into reablement after a hospital stay, the share still living at home "
                            + "12 weeks later.",
                    "docs/indicators.md, 'Indicators' (reablement_remained_in_community_12wk)"),
            new Entry("ascof-2d-2", "ASCOF 2D part 2",
                    "Of people 65+ discharged from hospital, the share who received reablement.",
                    "docs/indicators.md, 'Indicators' (reablement_after_discharge)"),
            new Entry("rate-per-100k", "Rate per 100,000 and age-standardised rate",
                    "Events per 100,000 residents, so that areas of different size compare; an age-standardised "
                            + "rate (DSR) also removes the effect of one area being older than another.",
                    "docs/data-dictionary.md, 'indicators' (value_type); docs/indicators.md, 'Population'"),
            new Entry("ci", "95 % confidence interval",
                    "The range the true value probably lies in given the numbers behind it; when two areas' "
                            + "ranges overlap, the difference between them may be chance. Wilson score for "
                            + "percentages, Dobson for age-standardised rates, Byar or exact Poisson for crude rates.",
                    "docs/data-dictionary.md, 'indicators' (lower_95)"),
            new Entry("suppressed", "Suppressed",
                    "A value withheld by disclosure control because it rests on 1 to 7 people; other counts are "
                            + "rounded to the nearest 5.",
                    "docs/indicators.md, 'Disclosure control (published/indicators)'; docs/commissioners.md, "
                            + "'Disclosure control'"),
            new Entry("snapshot", "Inpatient snapshot",
                    "Residents in hospital at the end of the snapshot date, and how many of them had been in for "
                            + "7, 14 or 21 days or more (long stays).",
                    "docs/measures.md, 'inpatient_snapshot'"),
            new Entry("linkage", "Linkage rate",
                    "Of discharged stays of people with a valid NHS number, the share matched to a social care "
                            + "service starting around the discharge.",
                    "docs/measures.md, 'Care linkage'"));

    private Glossary() {
    }
}
