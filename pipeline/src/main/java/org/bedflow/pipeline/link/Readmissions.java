package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * 30-day emergency readmissions (metrics.md): an alive discharge is
 * {@code followed_by_readmission_30d} when the same person has another spell that is an
 * emergency admission 0-29 days after the discharge date; that spell is
 * {@code is_readmission_30d}. Spells without a person key are never linked.
 */
public final class Readmissions {

    public static final int WINDOW_DAYS = 30;

    private Readmissions() {
    }

    public static Dataset<Row> flag(Dataset<Row> spells) {
        Dataset<Row> discharges = spells
                .filter(col("person_key").isNotNull().and(col("is_alive_discharge").equalTo(true)))
                .select(col("person_key").as("_a_person"), col("provider_code").as("_a_provider"),
                        col("spell_id").as("_a_spell"), col("discharge_date").as("_a_discharge"));
        Dataset<Row> emergencies = spells
                .filter(col("person_key").isNotNull().and(col("is_emergency")))
                .select(col("person_key").as("_b_person"), col("provider_code").as("_b_provider"),
                        col("spell_id").as("_b_spell"), col("admission_date").as("_b_admission"));
        Dataset<Row> gap = discharges.join(emergencies, col("_a_person").equalTo(col("_b_person"))
                .and(col("_a_provider").notEqual(col("_b_provider")).or(col("_a_spell").notEqual(col("_b_spell")))));
        Dataset<Row> pairs = gap.filter(datediff(col("_b_admission"), col("_a_discharge")).between(0, WINDOW_DAYS - 1));
        Dataset<Row> followed = pairs.select(col("_a_provider").as("_f_provider"), col("_a_spell").as("_f_spell"))
                .distinct().withColumn("_followed", lit(true));
        Dataset<Row> readmitted = pairs.select(col("_b_provider").as("_r_provider"), col("_b_spell").as("_r_spell"))
                .distinct().withColumn("_readmitted", lit(true));
        return spells
                .join(followed, col("provider_code").equalTo(col("_f_provider")).and(col("spell_id").equalTo(col("_f_spell"))), "left")
                .join(readmitted, col("provider_code").equalTo(col("_r_provider")).and(col("spell_id").equalTo(col("_r_spell"))), "left")
                .withColumn("followed_by_readmission_30d", col("_followed").isNotNull())
                .withColumn("is_readmission_30d", col("_readmitted").isNotNull())
                .drop("_f_provider", "_f_spell", "_followed", "_r_provider", "_r_spell", "_readmitted");
    }
}
