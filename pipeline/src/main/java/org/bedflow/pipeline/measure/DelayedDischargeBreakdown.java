package org.bedflow.pipeline.measure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

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
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.reference.ReferenceFiles;
import org.bedflow.pipeline.schema.OutputTables;

/**
 * delayed_discharge_breakdown (metrics.md): discharges, delayed discharges and delay days
 * of the delayed_discharge_monthly universe by pathway, delay reason category, responsible
 * sector and the linked care event's service component. Null values are {@code unknown};
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
        List<String> sectors = new ArrayList<>(DelayReasons.SECTORS);
        sectors.add(UNKNOWN);
        out.put("responsible_sector", sectors);
        List<String> components = new ArrayList<>(ReferenceFiles.bundled("codes/service_component.csv").stream()
                .map(r -> r.get("code")).toList());
        components.add(NONE);
        components.add(UNKNOWN);
        out.put("care_component", components);
        return out;
    }

    private static Column category(String dimension) {
        return switch (dimension) {
            case "pathway" -> coalesce(col("discharge_pathway"), lit(UNKNOWN));
            case "delay_reason" -> coalesce(col("delay_reason_category"), lit(UNKNOWN));
            case "responsible_sector" -> coalesce(col("delay_responsible_sector"), lit(UNKNOWN));
            case "care_component" -> when(col("care_event_id").isNull(), lit(NONE))
                    .otherwise(coalesce(col("care_service_component"), lit(UNKNOWN)));
            default -> throw new IllegalArgumentException(dimension);
        };
    }

    public static Dataset<Row> breakdown(SparkSession spark, Dataset<Row> linkedSpells, ReportingGrid grid,
                                         DelayReasons delayReasons, String runId) {
        Map<String, List<String>> categories = categories(delayReasons);
        Dataset<Row> universe = DelayedDischargeMeasures.universe(linkedSpells, grid);
        Dataset<Row> measured = null;
        for (String dimension : categories.keySet()) {
            Dataset<Row> one = universe.withColumn("dimension", lit(dimension))
                    .withColumn("category", category(dimension))
                    .groupBy("unitary_area", "month", "dimension", "category")
                    .agg(count(lit(1)).as("discharges"),
                            count(when(col("is_delayed").equalTo(true), lit(1))).as("delayed_discharges"),
                            sum(when(col("is_delayed").equalTo(true), col("delay_days"))).as("delay_days"));
            measured = measured == null ? one : measured.unionByName(one);
        }
        List<Row> cats = new ArrayList<>();
        categories.forEach((d, list) -> list.forEach(c -> cats.add(RowFactory.create(d, c))));
        Dataset<Row> categoryRows = spark.createDataFrame(cats, new StructType()
                .add("dimension", DataTypes.StringType, false).add("category", DataTypes.StringType, false));
        Dataset<Row> cells = grid.areaMonths(spark).crossJoin(categoryRows);
        // categories outside the reference lists (e.g. a provider's pathway "4") still appear, never dropped
        Dataset<Row> extra = measured.join(cells, DelayedDischargeMeasures.scalaSeq("unitary_area", "month", "dimension", "category"), "left_anti")
                .join(grid.areaRows(spark), DelayedDischargeMeasures.scalaSeq("unitary_area"))
                .select("unitary_area", "unitary_area_name", "month", "dimension", "category");
        Dataset<Row> full = cells.unionByName(extra)
                .join(measured, DelayedDischargeMeasures.scalaSeq("unitary_area", "month", "dimension", "category"), "left")
                .withColumn("discharges", coalesce(col("discharges"), lit(0L)))
                .withColumn("delayed_discharges", coalesce(col("delayed_discharges"), lit(0L)))
                .withColumn("delay_days", coalesce(col("delay_days"), lit(0L)))
                .withColumn("run_id", lit(runId));
        return OutputTables.DELAYED_DISCHARGE_BREAKDOWN.conform(full);
    }
}
