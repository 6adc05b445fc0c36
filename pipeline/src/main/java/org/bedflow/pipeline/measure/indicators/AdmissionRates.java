package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.AGE_ON_ADMISSION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ACUTE_ACSC;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_CHRONIC_ACSC;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_EMERGENCY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_FALL_65PLUS;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.link.SpellFields;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * Admission rates of residents, by month and financial year of the admission date, as
 * directly standardised rates per 100,000 (ESP2013 five-year bands of
 * {@code age_on_admission}; the population's single years banded the same way):
 * <ul>
 * <li>{@code emergency_admissions}: spells with an emergency admission method, all ages,
 *     19 bands (the emergency admissions indicator of the NHS Outcomes Framework and
 *     Fingertips, all causes).</li>
 * <li>{@code chronic_acsc_admissions}: emergency admissions for chronic ambulatory care
 *     sensitive conditions, NHS Outcomes Framework indicator 2.3.i (docs/code-lists.md list, J20
 *     only with a COPD secondary). The national indicator's exclusion of angina spells
 *     with certain procedures is not applied: the feed carries no procedure codes.</li>
 * <li>{@code acute_acsc_admissions}: emergency admissions for acute conditions that should
 *     not usually need admission, NHS Outcomes Framework 3a style (docs/code-lists.md list).</li>
 * <li>{@code falls_admissions_65plus}: emergency admissions of people 65+ with an injury
 *     primary diagnosis (S00-T98) and a fall (W00-W19) in a secondary position, Public
 *     Health Outcomes Framework C29 / E14 style; DSR over the six bands 65-69 ... 90+ and
 *     the population 65+.</li>
 * </ul>
 * Every spell counts (admissions, not persons), open spells included. The flags are those
 * of linked_spells ({@code link/SpellFields}, {@code link/DiagnosisLists}).
 */
public final class AdmissionRates {

    private AdmissionRates() {
    }

    public static Dataset<Row> counts(Dataset<Row> linkedSpells, ReportingGrid grid) {
        return count(linkedSpells, Indicator.EMERGENCY_ADMISSIONS, col(IS_EMERGENCY), grid)
                .unionByName(count(linkedSpells, Indicator.CHRONIC_ACSC_ADMISSIONS, col(IS_CHRONIC_ACSC), grid))
                .unionByName(count(linkedSpells, Indicator.ACUTE_ACSC_ADMISSIONS, col(IS_ACUTE_ACSC), grid))
                .unionByName(count(linkedSpells, Indicator.FALLS_ADMISSIONS_65PLUS, col(IS_FALL_65PLUS), grid));
    }

    private static Dataset<Row> count(Dataset<Row> spells, Indicator indicator, Column flag, ReportingGrid grid) {
        // age_on_admission is required by the feed, so every spell has a band
        return IndicatorCounts.byPeriod(spells.filter(flag.equalTo(true)), indicator, col(ADMISSION_DATE),
                SpellFields.ageBand(col(AGE_ON_ADMISSION)), lit(1), lit(0), grid);
    }
}
