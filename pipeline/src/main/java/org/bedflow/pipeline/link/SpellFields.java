package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;
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
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ALIVE_DISCHARGE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_DELAYED;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_EMERGENCY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.LOS_DAYS;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.reference.DelayReasons;

/**
 * The spell-level fields (docs/measures.md, "Spell-level fields") that need only the spell itself (and,
 * for the delay, its provider-month: {@link DischargeReadyDates}): age band, months, emergency,
 * length of stay, alive discharge, DRD recorded, delay days and band, delay reason category and
 * responsible sector. Day differences are calendar days.
 *
 * <p>Responsible sector: the sector the provider recorded on the discharge when present, else the
 * delay reason mapping's sector for the reason; category from the mapping; both only on delayed
 * spells. A delayed spell with neither a reason nor a recorded sector keeps a null category and
 * sector (the breakdown shows it as {@code unknown}): there is nothing to attribute it by.
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

    /** NHS England's discharge delay bands, in order (docs/measures.md, "Discharge Ready Date and delay days"). */
    public static final List<String> DELAY_BANDS = List.of("none", "1", "2-3", "4-6", "7-13", "14-20", "21+");

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

    /**
     * The spell's own fields. The admission flags (ACSC, falls) need the continuous inpatient
     * spell and are set later by {@link AdmissionFlags}.
     */
    public static Dataset<Row> derive(Dataset<Row> spells, DelayReasons delayReasons, DrdSettings drd) {
        Dataset<Row> out = spells
                .withColumn(AGE_BAND, ageBand(col(AGE_ON_ADMISSION)))
                .withColumn(ADMISSION_MONTH, date_format(col(ADMISSION_DATE), "yyyy-MM"))
                .withColumn(IS_EMERGENCY, isEmergency())
                .withColumn(DISCHARGE_MONTH, date_format(col(DISCHARGE_DATE), "yyyy-MM"))
                .withColumn(LOS_DAYS, datediff(col(DISCHARGE_DATE), col(ADMISSION_DATE)))
                .withColumn(IS_ALIVE_DISCHARGE, isAliveDischarge())
                .withColumn(DRD_RECORDED, when(col(DISCHARGE_DATE).isNotNull(), col(DISCHARGE_READY_DATE).isNotNull()));
        out = DischargeReadyDates.derive(out, drd);
        // the sector the provider recorded wins; the mapping's sector only fills a blank (docs/measures.md)
        Column recordedSector = when(trim(col(DELAY_RESPONSIBLE_SECTOR)).notEqual(""), trim(col(DELAY_RESPONSIBLE_SECTOR)));
        return out
                .withColumn(DELAY_BAND, delayBand(col(DELAY_DAYS)))
                .withColumn(IS_DELAYED, col(DELAY_DAYS).geq(1))
                .withColumn(DELAY_REASON_CATEGORY,
                        when(col(IS_DELAYED), delayReasons.category(col(DELAY_REASON))))
                .withColumn(DELAY_RESPONSIBLE_SECTOR,
                        when(col(IS_DELAYED), coalesce(recordedSector, delayReasons.sector(col(DELAY_REASON)))));
    }
}
