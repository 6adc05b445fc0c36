package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.ApcDischargesColumns.DELAY_REASON;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_METHOD;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_MONTH;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.AGE_BAND;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.AGE_ON_ADMISSION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_BAND;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_REASON_CATEGORY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_RESPONSIBLE_SECTOR;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DESTINATION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_METHOD;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_MONTH;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_READY_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DRD_RECORDED;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ACUTE_ACSC;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ALIVE_DISCHARGE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_CHRONIC_ACSC;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_DELAYED;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_EMERGENCY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_FALL_65PLUS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.LOS_DAYS;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.reference.DelayReasons;

/**
 * The spell-level fields (docs/measures.md, "Spell fields") that need only the spell itself: age band, months,
 * emergency, ACSC and falls flags, length of stay, alive discharge, delay. Day differences
 * are calendar days.
 */
public final class SpellFields {

    private SpellFields() {
    }

    /** ESP2013 five-year band: 0-4 ... 85-89, 90+ (as in reference/esp2013.csv). */
    public static Column ageBand(Column age) {
        Column from = floor(age.divide(5)).multiply(5).cast("int");
        return when(age.isNull(), lit(null).cast("string"))
                .when(age.geq(90), lit("90+"))
                .otherwise(concat(from.cast("string"), lit("-"), from.plus(4).cast("string")));
    }

    public static Column isEmergency() {
        return col(ADMISSION_METHOD).isin(DiagnosisLists.admissionMethods("emergency").toArray());
    }

    /** Discharged, method not 4 (died) or 5 (stillbirth), destination not 79; null while open. */
    public static Column isAliveDischarge() {
        Column died = col(DISCHARGE_METHOD).isin("4", "5").or(col(DISCHARGE_DESTINATION).equalTo("79"));
        return when(col(DISCHARGE_DATE).isNull(), lit(null).cast("boolean")).otherwise(not(coalesce(died, lit(false))));
    }

    /** NHS England's discharge delay bands, in order (docs/measures.md, "Delay bands"). */
    public static final java.util.List<String> DELAY_BANDS = java.util.List.of("none", "1", "2-3", "4-6", "7-13", "14-20", "21+");

    /** The delay band of a delay in days: none (0), 1, 2-3, 4-6, 7-13, 14-20, 21+; null when the delay is unknown. */
    public static Column delayBand(Column days) {
        return when(days.isNull(), lit(null).cast("string"))
                .when(days.leq(0), lit("none"))
                .when(days.equalTo(1), lit("1"))
                .when(days.leq(3), lit("2-3"))
                .when(days.leq(6), lit("4-6"))
                .when(days.leq(13), lit("7-13"))
                .when(days.leq(20), lit("14-20"))
                .otherwise(lit("21+"));
    }

    public static Dataset<Row> derive(Dataset<Row> spells, DelayReasons delayReasons) {
        Column emergency = isEmergency();
        Column delayDays = when(col(DISCHARGE_READY_DATE).isNotNull().and(col(DISCHARGE_DATE).isNotNull()),
                datediff(col(DISCHARGE_DATE), col(DISCHARGE_READY_DATE)));
        return spells
                .withColumn(AGE_BAND, ageBand(col(AGE_ON_ADMISSION)))
                .withColumn(ADMISSION_MONTH, date_format(col(ADMISSION_DATE), "yyyy-MM"))
                .withColumn(IS_EMERGENCY, emergency)
                .withColumn(IS_CHRONIC_ACSC, emergency.and(DiagnosisLists.chronicAcsc()))
                .withColumn(IS_ACUTE_ACSC, emergency.and(DiagnosisLists.acuteAcsc()))
                .withColumn(IS_FALL_65PLUS, emergency.and(col(AGE_ON_ADMISSION).geq(65)).and(DiagnosisLists.fall()))
                .withColumn(DISCHARGE_MONTH, date_format(col(DISCHARGE_DATE), "yyyy-MM"))
                .withColumn(LOS_DAYS, datediff(col(DISCHARGE_DATE), col(ADMISSION_DATE)))
                .withColumn(IS_ALIVE_DISCHARGE, isAliveDischarge())
                .withColumn(DRD_RECORDED, when(col(DISCHARGE_DATE).isNotNull(), col(DISCHARGE_READY_DATE).isNotNull()))
                .withColumn(DELAY_DAYS, delayDays)
                .withColumn(DELAY_BAND, delayBand(col(DELAY_DAYS)))
                .withColumn(IS_DELAYED, col(DELAY_DAYS).geq(1))
                .withColumn(DELAY_REASON_CATEGORY,
                        when(col(IS_DELAYED), delayReasons.category(col(DELAY_REASON))))
                .withColumn(DELAY_RESPONSIBLE_SECTOR,
                        when(col(IS_DELAYED), delayReasons.sector(col(DELAY_REASON))));
    }
}
