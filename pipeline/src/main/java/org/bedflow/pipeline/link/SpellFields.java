package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.reference.DelayReasons;

/**
 * The spell-level fields of metrics.md that need only the spell itself: age band, months,
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
        return col("admission_method").isin(DiagnosisLists.admissionMethods("emergency").toArray());
    }

    /** Discharged, method not 4 (died) or 5 (stillbirth), destination not 79; null while open. */
    public static Column isAliveDischarge() {
        Column died = col("discharge_method").isin("4", "5").or(col("discharge_destination").equalTo("79"));
        return when(col("discharge_date").isNull(), lit(null).cast("boolean")).otherwise(org.apache.spark.sql.functions.not(org.apache.spark.sql.functions.coalesce(died, lit(false))));
    }

    public static Dataset<Row> derive(Dataset<Row> spells, DelayReasons delayReasons) {
        Column emergency = isEmergency();
        Column delayDays = when(col("discharge_ready_date").isNotNull().and(col("discharge_date").isNotNull()),
                datediff(col("discharge_date"), col("discharge_ready_date")));
        return spells
                .withColumn("age_band", ageBand(col("age_on_admission")))
                .withColumn("admission_month", date_format(col("admission_date"), "yyyy-MM"))
                .withColumn("is_emergency", emergency)
                .withColumn("is_chronic_acsc", emergency.and(DiagnosisLists.chronicAcsc()))
                .withColumn("is_acute_acsc", emergency.and(DiagnosisLists.acuteAcsc()))
                .withColumn("is_fall_65plus", emergency.and(col("age_on_admission").geq(65)).and(DiagnosisLists.fall()))
                .withColumn("discharge_month", date_format(col("discharge_date"), "yyyy-MM"))
                .withColumn("los_days", datediff(col("discharge_date"), col("admission_date")))
                .withColumn("is_alive_discharge", isAliveDischarge())
                .withColumn("delay_days", delayDays)
                .withColumn("is_delayed", col("delay_days").geq(1))
                .withColumn("delay_reason_category",
                        when(col("is_delayed"), delayReasons.category(col("delay_reason"))))
                .withColumn("delay_responsible_sector",
                        when(col("is_delayed"), delayReasons.sector(col("delay_reason"))));
    }
}
