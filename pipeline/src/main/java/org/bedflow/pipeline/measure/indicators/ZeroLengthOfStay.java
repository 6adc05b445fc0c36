package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CIPS_ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CIPS_DISCHARGE_DATE;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * {@code zero_los_emergency_admissions} (docs/indicators.md): the percentage of discharged
 * emergency continuous inpatient spells (CIPS, counted by their first spell) of residents,
 * all ages, whose CIPS length of stay ({@code cips_discharge_date - cips_admission_date})
 * is 0 days, by month and financial year of admission; Wilson limits. A patient admitted in
 * an emergency and transferred the same day to another hospital, where they stayed, is not
 * a zero-day stay. No national indicator has this exact definition; it reads like the
 * zero-length-of-stay emergency admission counts NHS Digital publishes from HES. CIPS still
 * open are in neither numerator nor denominator, so the latest months rise as they close.
 */
public final class ZeroLengthOfStay {

    private ZeroLengthOfStay() {
    }

    public static Dataset<Row> counts(Dataset<Row> linkedSpells, ReportingGrid grid) {
        return IndicatorCounts.aggregate(rows(linkedSpells, grid));
    }

    /** The family's rows before they are summed ({@link IndicatorCounts#rows}). */
    static Dataset<Row> rows(Dataset<Row> linkedSpells, ReportingGrid grid) {
        Column discharged = col(CIPS_DISCHARGE_DATE).isNotNull();
        Column zeroDays = datediff(col(CIPS_DISCHARGE_DATE), col(CIPS_ADMISSION_DATE)).equalTo(0);
        return IndicatorCounts.rows(linkedSpells.filter(AdmissionRates.EMERGENCY_CIPS),
                Indicator.ZERO_LOS_EMERGENCY_ADMISSIONS, col(ADMISSION_DATE), lit(IndicatorCounts.ALL_AGES),
                when(discharged.and(zeroDays), 1).otherwise(0),
                when(discharged, 1).otherwise(0), grid);
    }
}
