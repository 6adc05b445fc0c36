package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.FOLLOWED_BY_READMISSION_30D;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_READMISSION_INDEX;

import java.sql.Date;
import java.time.LocalDate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.link.Readmissions;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * {@code emergency_readmissions_30d} (docs/indicators.md), after NHS Outcomes Framework 3b /
 * CCG OIS 3.2: of the index stays ({@code is_readmission_index}, on the last spell of a
 * continuous inpatient spell ending in an alive discharge not to another hospital, with a
 * person key, day cases, maternity and cancer excluded: set in linked_spells), the
 * percentage followed by an emergency readmission 0-29 days after the discharge
 * ({@code followed_by_readmission_30d}), by month and financial year of discharge; Wilson
 * limits. Only index stays discharged on or before run date - 30 count, in numerator and
 * denominator alike, so that every counted stay has had its whole window observed.
 *
 * <p>Departures from the national indicator: crude, not indirectly standardised by age,
 * sex, admission method and diagnosis (that needs national reference rates); no filter on
 * "selected medical and surgical specialties"; only the providers in the feeds are seen.
 */
public final class EmergencyReadmissions {

    private EmergencyReadmissions() {
    }

    public static Dataset<Row> counts(Dataset<Row> linkedSpells, ReportingGrid grid, LocalDate runDate) {
        return IndicatorCounts.aggregate(rows(linkedSpells, grid, runDate));
    }

    /** The family's rows before they are summed ({@link IndicatorCounts#rows}). */
    static Dataset<Row> rows(Dataset<Row> linkedSpells, ReportingGrid grid, LocalDate runDate) {
        LocalDate lastDischarge = runDate.minusDays(Readmissions.WINDOW_DAYS);
        Dataset<Row> universe = linkedSpells.filter(col(IS_READMISSION_INDEX).equalTo(true)
                .and(col(DISCHARGE_DATE).leq(lit(Date.valueOf(lastDischarge)))));
        return IndicatorCounts.rows(universe, Indicator.EMERGENCY_READMISSIONS_30D, col(DISCHARGE_DATE),
                lit(IndicatorCounts.ALL_AGES), when(col(FOLLOWED_BY_READMISSION_30D).equalTo(true), 1).otherwise(0),
                lit(1), grid);
    }
}
