package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Linked care event (metrics.md): for a discharged spell with a person key, the social care
 * Service event of the same person starting in [discharge_date - 1, discharge_date + 3];
 * if several, the earliest start, then the smallest event_id.
 */
public final class CareLinkage {

    /** days before and after the discharge date that a new service may start and still count */
    public static final int DAYS_BEFORE = 1;
    public static final int DAYS_AFTER = 3;

    private CareLinkage() {
    }

    /**
     * @param spells spells with provider_code, spell_id, person_key, discharge_date, discharge_ready_date
     * @param events pseudonymised care events with person_key, event_id, event_type, event_start_date,
     *               service_type, service_component
     */
    public static Dataset<Row> link(Dataset<Row> spells, Dataset<Row> events) {
        Dataset<Row> services = events.filter(col("event_type").equalTo("Service").and(col("person_key").isNotNull()))
                .select(col("person_key").as("_ev_person"), col("event_id").as("care_event_id"),
                        col("event_start_date").as("care_start_date"), col("service_type").as("care_service_type"),
                        col("service_component").as("care_service_component"));
        Dataset<Row> discharged = spells.filter(col("person_key").isNotNull().and(col("discharge_date").isNotNull()))
                .select(col("provider_code").as("_sp_provider"), col("spell_id").as("_sp_spell"),
                        col("person_key").as("_sp_person"), col("discharge_date").as("_sp_discharge"));
        Dataset<Row> candidates = discharged.join(services, col("_sp_person").equalTo(col("_ev_person"))
                .and(col("care_start_date").geq(date_sub(col("_sp_discharge"), DAYS_BEFORE)))
                .and(col("care_start_date").leq(date_add(col("_sp_discharge"), DAYS_AFTER))));
        var first = Window.partitionBy("_sp_provider", "_sp_spell").orderBy(col("care_start_date"), col("care_event_id"));
        Dataset<Row> chosen = candidates.withColumn("_rank", row_number().over(first)).filter(col("_rank").equalTo(1))
                .select("_sp_provider", "_sp_spell", "care_event_id", "care_start_date", "care_service_type",
                        "care_service_component");
        return spells.join(chosen, col("provider_code").equalTo(col("_sp_provider"))
                        .and(col("spell_id").equalTo(col("_sp_spell"))), "left")
                .drop("_sp_provider", "_sp_spell")
                .withColumn("drd_to_care_start_days", datediff(col("care_start_date"), col("discharge_ready_date")));
    }
}
