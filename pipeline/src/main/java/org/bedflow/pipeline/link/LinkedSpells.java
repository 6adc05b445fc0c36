package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import java.util.function.UnaryOperator;

import org.apache.spark.sql.Column;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.OutputTables;

/**
 * The link stage: validated admissions, discharges and care events in; one pseudonymised
 * row per spell out, in exactly the columns of {@code linked_spells}. NHS numbers are
 * replaced by person keys before anything is joined.
 */
public final class LinkedSpells {

    private LinkedSpells() {
    }

    public record Settings(PseudonymKey key, ReorganisationMapping mapping, DelayReasons delayReasons, String runId) {
    }

    /**
     * Care events with person_key (from the NHS number, the link to hospital spells),
     * care_person_key (person_key, else a keyed hash of the council and its person id, so
     * that people without an NHS number are still followed within their council's data)
     * and unitary_area. NHS numbers and council person ids are dropped.
     */
    public static Dataset<Row> careEvents(SparkSession spark, Dataset<Row> socialCare, Settings s) {
        Column councilPerson = concat_ws(":", lit("council"), col("la_code"), col("person_id"));
        Dataset<Row> events = socialCare
                .withColumn("care_person_key", coalesce(
                        PersonKeys.personKey(spark, s.key(), col("nhs_number")),
                        PersonKeys.personKey(spark, s.key(), councilPerson)));
        events = PersonKeys.pseudonymise(spark, s.key(), events).drop("person_id");
        return ResidenceAreas.forCareEvents(events, s.mapping());
    }

    public static Dataset<Row> build(SparkSession spark, Dataset<Row> admissions, Dataset<Row> discharges,
                                     Dataset<Row> careEvents, Dataset<Row> geography, Settings s) {
        return build(spark, admissions, discharges, careEvents, geography, s, UnaryOperator.identity());
    }

    /**
     * @param keep materialises the spells with their own fields before care linkage and
     *             readmissions use them several times (the job writes them to its work area
     *             and reads them back); without it Spark would assemble, key and place every
     *             spell again for each use
     */
    public static Dataset<Row> build(SparkSession spark, Dataset<Row> admissions, Dataset<Row> discharges,
                                     Dataset<Row> careEvents, Dataset<Row> geography, Settings s,
                                     UnaryOperator<Dataset<Row>> keep) {
        Dataset<Row> spells = SpellAssembly.spells(admissions, discharges);
        spells = PersonKeys.pseudonymise(spark, s.key(), spells);
        spells = ResidenceAreas.forSpells(spells, geography, s.mapping());
        spells = keep.apply(SpellFields.derive(spells, s.delayReasons()));
        spells = CareLinkage.link(spells, careEvents);
        spells = Readmissions.flag(spells);
        return OutputTables.LINKED_SPELLS.conform(spells.withColumn("run_id", lit(s.runId())));
    }
}
