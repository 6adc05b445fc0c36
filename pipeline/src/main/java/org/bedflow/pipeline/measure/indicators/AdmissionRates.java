package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.AGE_ON_ADMISSION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ACUTE_ACSC;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_CHRONIC_ACSC;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_EMERGENCY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_FALL_65PLUS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_TRANSFER_IN;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.link.SpellFields;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * Admission rates of residents by month and financial year of the admission date
 * (docs/indicators.md). Admissions are continuous inpatient spells (CIPS), counted by their
 * first spell: a spell that continues a transfer ({@code is_transfer_in}) is never a second
 * admission. Age is the first spell's {@code age_on_admission}.
 * <ul>
 * <li>{@code emergency_admissions}: emergency CIPS (first spell {@code is_emergency}), all
 *     ages, directly standardised rate per 100,000 over the 19 ESP2013 bands (emergency
 *     admissions for all causes, as OHID Fingertips and NHS Digital publish them, there
 *     standardised by age and sex).</li>
 * <li>{@code emergency_admissions_65plus}: the same for people aged 65+, crude rate per
 *     100,000 population 65+ with Byar / exact Poisson limits (the Better Care Fund's
 *     2025-26 emergency admissions metric as the project understands it: not verified).</li>
 * <li>{@code chronic_acsc_admissions}: NHS Outcomes Framework 2.3.i / CCG OIS 2.6, chronic
 *     ambulatory care sensitive conditions ({@code is_chronic_acsc}, docs/code-lists.md).</li>
 * <li>{@code acute_acsc_admissions}: NHS Outcomes Framework 3a / CCG OIS 3.1, acute
 *     conditions that should not usually need admission ({@code is_acute_acsc}).</li>
 * <li>{@code falls_admissions_65plus}: PHOF C29, emergency admissions of people 65+ with an
 *     injury primary diagnosis (S00-T98) and a fall (W00-W19) in a secondary position; DSR
 *     over the six bands 65-69 ... 90+ and the population 65+.</li>
 * </ul>
 * The ACSC and falls flags of linked_spells are set on the first spell of an emergency CIPS
 * only. Open spells count (an admission happened).
 */
public final class AdmissionRates {

    /** the first spell of an emergency continuous inpatient spell */
    static final Column EMERGENCY_CIPS = col(IS_EMERGENCY).equalTo(true)
            .and(not(coalesce(col(IS_TRANSFER_IN), lit(false))));

    private AdmissionRates() {
    }

    public static Dataset<Row> counts(Dataset<Row> linkedSpells, ReportingGrid grid) {
        return IndicatorCounts.aggregate(rows(linkedSpells, grid));
    }

    /** The family's rows before they are summed ({@link IndicatorCounts#rows}). */
    static Dataset<Row> rows(Dataset<Row> linkedSpells, ReportingGrid grid) {
        return count(linkedSpells, Indicator.EMERGENCY_ADMISSIONS, EMERGENCY_CIPS, grid)
                .unionByName(IndicatorCounts.rows(
                        linkedSpells.filter(EMERGENCY_CIPS.and(col(AGE_ON_ADMISSION).geq(65))),
                        Indicator.EMERGENCY_ADMISSIONS_65PLUS, col(ADMISSION_DATE), lit(IndicatorCounts.ALL_AGES),
                        lit(1), lit(0), grid))
                .unionByName(count(linkedSpells, Indicator.CHRONIC_ACSC_ADMISSIONS, col(IS_CHRONIC_ACSC), grid))
                .unionByName(count(linkedSpells, Indicator.ACUTE_ACSC_ADMISSIONS, col(IS_ACUTE_ACSC), grid))
                .unionByName(count(linkedSpells, Indicator.FALLS_ADMISSIONS_65PLUS, col(IS_FALL_65PLUS), grid));
    }

    private static Dataset<Row> count(Dataset<Row> spells, Indicator indicator, Column flag, ReportingGrid grid) {
        // age_on_admission is required by the feed, so every spell has a band
        return IndicatorCounts.rows(spells.filter(flag.equalTo(true)), indicator, col(ADMISSION_DATE),
                SpellFields.ageBand(col(AGE_ON_ADMISSION)), lit(1), lit(0), grid);
    }
}
