package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_EMERGENCY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.LOS_DAYS;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * {@code zero_los_emergency_admissions}: the percentage of discharged emergency spells of
 * residents (all ages) with a length of stay of 0 days (admitted and discharged on the same
 * day), by month and financial year of admission; Wilson limits. A measure of same-day
 * emergency care, as in NHS England's same day emergency care (SDEC) and the zero length of
 * stay emergency admission counts of HES. Spells still open are in neither numerator nor
 * denominator, so the latest months rise as open spells close.
 */
public final class ZeroLengthOfStay {

    private ZeroLengthOfStay() {
    }

    public static Dataset<Row> counts(Dataset<Row> linkedSpells, ReportingGrid grid) {
        Column discharged = col(DISCHARGE_DATE).isNotNull();
        return IndicatorCounts.byPeriod(linkedSpells.filter(col(IS_EMERGENCY).equalTo(true)),
                Indicator.ZERO_LOS_EMERGENCY_ADMISSIONS, col(ADMISSION_DATE), lit(IndicatorCounts.ALL_AGES),
                when(discharged.and(col(LOS_DAYS).equalTo(0)), 1).otherwise(0),
                when(discharged, 1).otherwise(0), grid);
    }
}
