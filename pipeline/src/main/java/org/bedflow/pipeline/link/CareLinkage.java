package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CARE_EVENT_ID;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CARE_SERVICE_COMPONENT;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CARE_SERVICE_TYPE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CARE_START_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_READY_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DRD_TO_CARE_START_DAYS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.LINK_QUALITY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PERSON_KEY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PROVIDER_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.SPELL_ID;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_ID;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_START_DATE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_TYPE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.SERVICE_COMPONENT;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.SERVICE_TYPE;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Linked care event (docs/measures.md, "Care linkage"): for a discharged spell with a person key, the social care
 * Service event of the same person starting in [discharge_date - 1, discharge_date + 3];
 * if several, the earliest start, then the smallest event_id. {@code link_quality} grades the match: exact (start on
 * the discharge date or the day after), window (elsewhere in the window) or none.
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
        Dataset<Row> services = events.filter(col(EVENT_TYPE).equalTo("Service").and(col(PERSON_KEY).isNotNull()))
                .select(col(PERSON_KEY).as("_ev_person"), col(EVENT_ID).as(CARE_EVENT_ID),
                        col(EVENT_START_DATE).as(CARE_START_DATE), col(SERVICE_TYPE).as(CARE_SERVICE_TYPE),
                        col(SERVICE_COMPONENT).as(CARE_SERVICE_COMPONENT));
        Dataset<Row> discharged = spells.filter(col(PERSON_KEY).isNotNull().and(col(DISCHARGE_DATE).isNotNull()))
                .select(col(PROVIDER_CODE).as("_sp_provider"), col(SPELL_ID).as("_sp_spell"),
                        col(PERSON_KEY).as("_sp_person"), col(DISCHARGE_DATE).as("_sp_discharge"));
        Dataset<Row> candidates = discharged.join(services, col("_sp_person").equalTo(col("_ev_person"))
                .and(col(CARE_START_DATE).geq(date_sub(col("_sp_discharge"), DAYS_BEFORE)))
                .and(col(CARE_START_DATE).leq(date_add(col("_sp_discharge"), DAYS_AFTER))));
        var first = Window.partitionBy("_sp_provider", "_sp_spell").orderBy(col(CARE_START_DATE), col(CARE_EVENT_ID));
        Dataset<Row> chosen = candidates.withColumn("_rank", row_number().over(first)).filter(col("_rank").equalTo(1))
                .select("_sp_provider", "_sp_spell", CARE_EVENT_ID, CARE_START_DATE, CARE_SERVICE_TYPE,
                        CARE_SERVICE_COMPONENT);
        return spells.join(chosen, col(PROVIDER_CODE).equalTo(col("_sp_provider"))
                        .and(col(SPELL_ID).equalTo(col("_sp_spell"))), "left")
                .drop("_sp_provider", "_sp_spell")
                .withColumn(DRD_TO_CARE_START_DAYS, datediff(col(CARE_START_DATE), col(DISCHARGE_READY_DATE)))
                .withColumn(LINK_QUALITY, linkQuality(col(CARE_EVENT_ID), col(CARE_START_DATE), col(DISCHARGE_DATE)));
    }

    /** a care event starting on the discharge date or the next day is an exact match */
    public static final int EXACT_DAYS_AFTER = 1;

    /**
     * {@code link_quality}: {@code exact} when the linked event starts on the discharge date or the day after,
     * {@code window} elsewhere in the window (the day before, 2 or 3 days after), {@code none} without a link; so an
     * analyst can see how much of a figure rests on looser matches.
     */
    public static Column linkQuality(Column careEventId, Column careStart, Column discharge) {
        Column days = datediff(careStart, discharge);
        return when(careEventId.isNull(), lit("none"))
                .when(days.between(0, EXACT_DAYS_AFTER), lit("exact"))
                .otherwise(lit("window"));
    }
}
