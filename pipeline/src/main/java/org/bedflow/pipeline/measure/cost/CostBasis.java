package org.bedflow.pipeline.measure.cost;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_MONTH;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CIPS_ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CIPS_DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_PATHWAY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ACUTE_ACSC;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_CHRONIC_ACSC;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.UNITARY_AREA;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.UNITARY_AREA_NAME;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.DelayedDischargeBreakdown;
import org.bedflow.pipeline.measure.DelayedDischargeMeasures;
import org.bedflow.pipeline.measure.ReportingGrid;
import org.bedflow.pipeline.schema.columns.LinkedSpellsColumns;

/**
 * What the cost section and {@code bedflow whatif} price (docs/cost.md), counted once a night from linked_spells so
 * that any scenario is then arithmetic on a small table, with no Spark to start. One row per area, month, pathway,
 * measure and (for delays) delay in days, written to {@code runs/<run_id>/cost_basis} (never published: its cells
 * are small; {@link WhatIfModel} applies disclosure control to what it shows):
 * <ul>
 * <li>{@code delay}: the DRD-measured discharges of the delayed_discharge_monthly universe (alive, aged 18+, not to
 *     another hospital, overnight, delay known), by month of discharge and {@code delay_days} (0 = discharged on the
 *     Discharge Ready Date); {@code bed_days} = spells x delay_days, the bed days lost to those delays;</li>
 * <li>{@code acsc}: emergency admissions for a chronic or an acute ambulatory care sensitive condition (the
 *     indicators chronic_acsc_admissions and acute_acsc_admissions, each admission once), all ages, by month of
 *     admission; {@code bed_days} = the days of their continuous inpatient spells, counted to the run date while
 *     still open.</li>
 * </ul>
 * The pathway is the spell's discharge pathway (0-3), {@code unknown} when not recorded or still open.
 */
public final class CostBasis {

    public static final String MONTH = "month";
    public static final String PATHWAY = "discharge_pathway";
    public static final String MEASURE = "measure";
    public static final String DELAY_DAYS = "delay_days";
    public static final String SPELLS = "spells";
    public static final String BED_DAYS = "bed_days";
    public static final String PROVISIONAL = "provisional";
    public static final String DELAY = "delay";
    public static final String ACSC = "acsc";
    /** the folder of a run, {@code runs/<run_id>/cost_basis} */
    public static final String FOLDER = "cost_basis";

    private CostBasis() {
    }

    /** The basis over the reporting grid's areas and months, without the provisional flag. */
    public static Dataset<Row> basis(Dataset<Row> linkedSpells, ReportingGrid grid, LocalDate runDate) {
        Object[] months = grid.months().toArray();
        Object[] areas = grid.areas().keySet().toArray();
        Column pathway = coalesce(trim(col(DISCHARGE_PATHWAY)), lit(DelayedDischargeBreakdown.UNKNOWN));

        Dataset<Row> delays = DelayedDischargeMeasures.universe(linkedSpells, grid)
                .filter(DelayedDischargeMeasures.DRD_MEASURED.and(col(MONTH).isin(months)))
                .groupBy(col(UNITARY_AREA), col(UNITARY_AREA_NAME), col(MONTH),
                        pathway.as(PATHWAY), col(LinkedSpellsColumns.DELAY_DAYS).as(DELAY_DAYS))
                .agg(count(lit(1)).as(SPELLS), sum(col(LinkedSpellsColumns.DELAY_DAYS).cast("long")).as(BED_DAYS))
                .withColumn(MEASURE, lit(DELAY));

        Column stay = datediff(coalesce(col(CIPS_DISCHARGE_DATE), lit(Date.valueOf(runDate))), col(CIPS_ADMISSION_DATE));
        Dataset<Row> acsc = linkedSpells
                .filter(coalesce(col(IS_CHRONIC_ACSC), lit(false)).or(coalesce(col(IS_ACUTE_ACSC), lit(false)))
                        .and(col(UNITARY_AREA).isin(areas)).and(col(ADMISSION_MONTH).isin(months)))
                .groupBy(col(UNITARY_AREA), col(UNITARY_AREA_NAME), col(ADMISSION_MONTH).as(MONTH), pathway.as(PATHWAY))
                .agg(count(lit(1)).as(SPELLS), coalesce(sum(stay.cast("long")), lit(0L)).as(BED_DAYS))
                .withColumn(DELAY_DAYS, lit(null).cast("int"))
                .withColumn(MEASURE, lit(ACSC));

        return delays.unionByName(acsc).select(col(UNITARY_AREA), col(UNITARY_AREA_NAME), col(MONTH), col(PATHWAY),
                col(MEASURE), col(DELAY_DAYS), col(SPELLS), col(BED_DAYS));
    }

    /**
     * The basis with each area-month's {@code provisional} flag, from delayed_discharge_monthly (as published: every
     * area and month of the grid has a row); a month the table lacks is provisional.
     */
    public static Dataset<Row> withProvisional(Dataset<Row> basis, Dataset<Row> monthly) {
        Dataset<Row> flags = monthly.select(col(UNITARY_AREA).as("_p_area"), col(MONTH).as("_p_month"),
                col(PROVISIONAL).as("_p_provisional"));
        return basis.join(flags, col(UNITARY_AREA).equalTo(col("_p_area")).and(col(MONTH).equalTo(col("_p_month"))),
                        "left")
                .withColumn(PROVISIONAL, coalesce(col("_p_provisional"), lit(true)))
                .drop("_p_area", "_p_month", "_p_provisional");
    }

    /** The rows of a basis, collected (a few thousand at most: areas x months x pathways x distinct delays). */
    public static List<WhatIfModel.BasisRow> collect(Dataset<Row> basis) {
        List<WhatIfModel.BasisRow> rows = new ArrayList<>();
        for (Row r : basis.select(UNITARY_AREA, UNITARY_AREA_NAME, MONTH, PATHWAY, MEASURE, DELAY_DAYS, SPELLS,
                BED_DAYS, PROVISIONAL).collectAsList()) {
            rows.add(new WhatIfModel.BasisRow(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                    r.getString(4), r.isNullAt(5) ? null : ((Number) r.get(5)).intValue(),
                    ((Number) r.get(6)).longValue(), ((Number) r.get(7)).longValue(), r.getBoolean(8)));
        }
        return rows;
    }
}
