package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
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
        return withFlags(spells, flags(spells));
    }

    /**
     * One row per spell in a readmission pair: {@code _x_provider}, {@code _x_spell},
     * {@code _followed}, {@code _readmitted}. Narrow, so that it can be computed from the
     * spells before care linkage and joined on afterwards: the pairs are found once, not once
     * per flag and per use of a wide frame.
     */
    public static Dataset<Row> flags(Dataset<Row> spells) {
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
        // each pair marks its discharge as followed and its admission as a readmission
        Column followed = struct(col("_a_provider").as("p"), col("_a_spell").as("s"), lit(true).as("f"), lit(false).as("r"));
        Column readmitted = struct(col("_b_provider").as("p"), col("_b_spell").as("s"), lit(false).as("f"), lit(true).as("r"));
        return pairs.select(explode(array(followed, readmitted)).as("m"))
                .groupBy(col("m.p").as("_x_provider"), col("m.s").as("_x_spell"))
                .agg(max(col("m.f")).as("_followed"), max(col("m.r")).as("_readmitted"));
    }

    /** {@code spells} with followed_by_readmission_30d and is_readmission_30d from {@link #flags}. */
    public static Dataset<Row> withFlags(Dataset<Row> spells, Dataset<Row> flags) {
        return spells
                .join(flags, col("provider_code").equalTo(col("_x_provider")).and(col("spell_id").equalTo(col("_x_spell"))), "left")
                .withColumn("followed_by_readmission_30d", coalesce(col("_followed"), lit(false)))
                .withColumn("is_readmission_30d", coalesce(col("_readmitted"), lit(false)))
                .drop("_x_provider", "_x_spell", "_followed", "_readmitted");
    }
}
