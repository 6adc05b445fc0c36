package org.bedflow.pipeline.measure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeBreakdownColumns.CATEGORY;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeBreakdownColumns.DELAYED_DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeBreakdownColumns.DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeBreakdownColumns.DIMENSION;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeBreakdownColumns.DISCHARGES;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeBreakdownColumns.MONTH;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeBreakdownColumns.RUN_ID;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeBreakdownColumns.UNITARY_AREA;
import static org.bedflow.pipeline.schema.columns.DelayedDischargeBreakdownColumns.UNITARY_AREA_NAME;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CARE_EVENT_ID;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CARE_SERVICE_COMPONENT;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_BAND;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_REASON_CATEGORY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_RESPONSIBLE_SECTOR;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_PATHWAY;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.link.SpellFields;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.reference.ReferenceFiles;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.schema.columns.DelayedDischargeBreakdownColumns;
import org.bedflow.pipeline.schema.columns.LinkedSpellsColumns;

/**
 * delayed_discharge_breakdown (docs/measures.md): discharges, delayed discharges and delay days
 * of the delayed_discharge_monthly universe by pathway, delay reason category, responsible
 * sector, delay band (NHS England's bands, {@code none} for a 0-day delay; {@code unknown}
 * when the delay is not known: zero-night stays and DRDs not measured) and the linked care
 * event's service component. Delayed discharges and delay days are the DRD-measured ones
 * ({@link DelayedDischargeMeasures#DELAYED}), as in the monthly table. Null values are {@code unknown};
 * a spell with no linked care event is {@code none} for care_component. Every category of
 * every dimension appears for every area and month, with zeros.
 */
public final class DelayedDischargeBreakdown {

    public static final String UNKNOWN = "unknown";
    public static final String NONE = "none";

    private DelayedDischargeBreakdown() {
    }

    /** dimension -> its categories, in reporting order */
    public static Map<String, List<String>> categories(DelayReasons delayReasons) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("pathway", List.of("0", "1", "2", "3", UNKNOWN));
        List<String> reasons = new ArrayList<>(delayReasons.categories());
        reasons.add(UNKNOWN);
        out.put("delay_reason", reasons);
        // an unmapped code's sector and a missing one are both "unknown": one category, one spelling
        List<String> sectors = new ArrayList<>(DelayReasons.REPORTED_SECTORS);
        sectors.add(UNKNOWN);
        out.put("responsible_sector", sectors);
        List<String> bands = new ArrayList<>(SpellFields.DELAY_BANDS);
        bands.add(UNKNOWN);
        out.put("delay_band", bands);
        List<String> components = new ArrayList<>(ReferenceFiles.bundled("codes/service_component.csv").stream()
                .map(r -> r.get("code")).toList());
        components.add(NONE);
        components.add(UNKNOWN);
        out.put("care_component", components);
        return out;
    }

    private static Column category(String dimension) {
        return switch (dimension) {
            case "pathway" -> coalesce(col(DISCHARGE_PATHWAY), lit(UNKNOWN));
            case "delay_reason" -> coalesce(col(DELAY_REASON_CATEGORY), lit(UNKNOWN));
            case "responsible_sector" -> coalesce(col(DELAY_RESPONSIBLE_SECTOR), lit(UNKNOWN));
            case "delay_band" -> coalesce(col(DELAY_BAND), lit(UNKNOWN));
            case "care_component" -> when(col(CARE_EVENT_ID).isNull(), lit(NONE))
                    .otherwise(coalesce(col(CARE_SERVICE_COMPONENT), lit(UNKNOWN)));
            default -> throw new IllegalArgumentException(dimension);
        };
    }

    public static Dataset<Row> breakdown(SparkSession spark, Dataset<Row> linkedSpells, ReportingGrid grid,
                                         DelayReasons delayReasons, String runId) {
        Map<String, List<String>> categories = categories(delayReasons);
        Dataset<Row> universe = DelayedDischargeMeasures.universe(linkedSpells, grid);
        Dataset<Row> measured = null;
        for (String dimension : categories.keySet()) {
            Dataset<Row> one = universe.withColumn(DIMENSION, lit(dimension))
                    .withColumn(CATEGORY, category(dimension))
                    .groupBy(UNITARY_AREA, MONTH, DIMENSION, CATEGORY)
                    .agg(count(lit(1)).as(DISCHARGES),
                            count(when(DelayedDischargeMeasures.DELAYED, lit(1))).as(DELAYED_DISCHARGES),
                            sum(when(DelayedDischargeMeasures.DELAYED, col(LinkedSpellsColumns.DELAY_DAYS)))
                                    .as(DELAY_DAYS));
            measured = measured == null ? one : measured.unionByName(one);
        }
        List<Row> cats = new ArrayList<>();
        categories.forEach((d, list) -> list.forEach(c -> cats.add(RowFactory.create(d, c))));
        Dataset<Row> categoryRows = spark.createDataFrame(cats, new StructType()
                .add(DIMENSION, DataTypes.StringType, false).add(CATEGORY, DataTypes.StringType, false));
        Dataset<Row> cells = grid.areaMonths(spark).crossJoin(categoryRows);
        // categories outside the reference lists (e.g. a provider's pathway "4") still appear, never dropped
        Dataset<Row> extra = measured
                .join(cells, DelayedDischargeMeasures.scalaSeq(UNITARY_AREA, MONTH, DIMENSION, CATEGORY), "left_anti")
                .join(grid.areaRows(spark), DelayedDischargeMeasures.scalaSeq(UNITARY_AREA))
                .select(UNITARY_AREA, UNITARY_AREA_NAME, MONTH, DIMENSION, CATEGORY);
        Dataset<Row> full = cells.unionByName(extra)
                .join(measured, DelayedDischargeMeasures.scalaSeq(UNITARY_AREA, MONTH, DIMENSION, CATEGORY), "left")
                .withColumn(DISCHARGES, coalesce(col(DISCHARGES), lit(0L)))
                .withColumn(DELAYED_DISCHARGES, coalesce(col(DELAYED_DISCHARGES), lit(0L)))
                .withColumn(DELAY_DAYS, coalesce(col(DELAY_DAYS), lit(0L)))
                .withColumn(DelayedDischargeBreakdownColumns.PROVISIONAL, lit(false)) // ProvisionalColumn sets it
                .withColumn(RUN_ID, lit(runId));
        return OutputTables.DELAYED_DISCHARGE_BREAKDOWN.conform(full.join(grid.monthDates(spark), MONTH));
    }
}
