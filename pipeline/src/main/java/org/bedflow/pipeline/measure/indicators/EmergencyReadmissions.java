package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.FOLLOWED_BY_READMISSION_30D;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ALIVE_DISCHARGE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PERSON_KEY;

import java.sql.Date;
import java.time.LocalDate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.link.Readmissions;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * {@code emergency_readmissions_30d}, NHS Outcomes Framework 3b style: the percentage of
 * alive discharges of residents (all ages) with a person key that are followed by an
 * emergency admission of the same person 0-29 days after the discharge date
 * ({@code followed_by_readmission_30d}), by month and financial year of discharge; Wilson
 * limits. Only discharges on or before run date - 30 count, in the denominator and the
 * numerator alike, so every counted discharge has had its full 30 days to be followed; the
 * last month before the run date therefore has an empty or partial denominator. Unlike the
 * national indicator, no case-mix standardisation or exclusion (cancer, obstetrics) is
 * applied.
 */
public final class EmergencyReadmissions {

    private EmergencyReadmissions() {
    }

    public static Dataset<Row> counts(Dataset<Row> linkedSpells, ReportingGrid grid, LocalDate runDate) {
        LocalDate lastDischarge = runDate.minusDays(Readmissions.WINDOW_DAYS);
        Dataset<Row> universe = linkedSpells.filter(col(IS_ALIVE_DISCHARGE).equalTo(true)
                .and(col(PERSON_KEY).isNotNull())
                .and(col(DISCHARGE_DATE).leq(lit(Date.valueOf(lastDischarge)))));
        return IndicatorCounts.byPeriod(universe, Indicator.EMERGENCY_READMISSIONS_30D, col(DISCHARGE_DATE),
                lit(IndicatorCounts.ALL_AGES), when(col(FOLLOWED_BY_READMISSION_30D).equalTo(true), 1).otherwise(0),
                lit(1), grid);
    }
}
