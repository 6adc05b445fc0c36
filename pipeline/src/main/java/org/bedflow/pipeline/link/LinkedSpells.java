package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.RUN_ID;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.LA_CODE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.NHS_NUMBER;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.PERSON_ID;

import java.util.List;

import org.apache.spark.sql.Column;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.OutputTables;

/**
 * The link stage: validated admissions, discharges and care events in; one pseudonymised
 * row per spell out, in exactly the columns of {@code linked_spells}. NHS numbers are
 * replaced by person keys before anything is joined.
 */
public final class LinkedSpells {

    /**
     * Of {@link #careEvents}: the person key, else a keyed hash of the council and its person
     * id, so that people without an NHS number are still followed within their council's data.
     */
    public static final String CARE_PERSON_KEY = "care_person_key";

    private LinkedSpells() {
    }

    /**
     * @param key          the keyed hash that replaces NHS numbers
     * @param mapping      the reorganisation mapping that places spells and events in unitary areas
     * @param delayReasons delay reason code to category and sector
     * @param drd          when a blank Discharge Ready Date means no delay ({@link DischargeReadyDates})
     * @param runId        the run's id, on every row
     */
    public record Settings(PseudonymKey key, ReorganisationMapping mapping, DelayReasons delayReasons, DrdSettings drd,
                           String runId) {
    }

    /**
     * Care events with person_key (from the NHS number, the link to hospital spells),
     * care_person_key (person_key, else a keyed hash of the council and its person id, so
     * that people without an NHS number are still followed within their council's data)
     * and unitary_area ({@link ResidenceAreas#forCareEvents}, the postcode through the
     * geography's postcode lookup). NHS numbers, council person ids and postcodes are dropped.
     *
     * @param geography the validated geography feed; may be empty
     */
    public static Dataset<Row> careEvents(SparkSession spark, Dataset<Row> socialCare, Dataset<Row> geography,
                                          Settings s) {
        Column councilPerson = concat_ws(":", lit("council"), col(LA_CODE), col(PERSON_ID));
        Dataset<Row> events = socialCare
                .withColumn(CARE_PERSON_KEY, coalesce(
                        PersonKeys.personKey(spark, s.key(), col(NHS_NUMBER)),
                        PersonKeys.personKey(spark, s.key(), councilPerson)));
        events = PersonKeys.pseudonymise(spark, s.key(), events).drop(PERSON_ID);
        return ResidenceAreas.forCareEvents(events, geography, s.mapping());
    }

    /** {@link #careEvents(SparkSession, Dataset, Dataset, Settings)} for a run without geography lookups. */
    public static Dataset<Row> careEvents(SparkSession spark, Dataset<Row> socialCare, Settings s) {
        return careEvents(spark, socialCare, spark.createDataFrame(List.of(), Feeds.GEOGRAPHY.sparkType()), s);
    }

    public static Dataset<Row> build(SparkSession spark, Dataset<Row> admissions, Dataset<Row> discharges,
                                     Dataset<Row> careEvents, Dataset<Row> geography, Settings s) {
        return linked(spells(spark, admissions, discharges, geography, s), careEvents, s);
    }

    /**
     * The first half of {@link #build}: one row per spell with its person key, area, own
     * fields, continuous inpatient spell and admission flags (no care event, no readmission flags yet). The job materialises it in its work
     * area, while the care events are being keyed, because care linkage and readmissions
     * each use it more than once: without that Spark would assemble, key and place every
     * spell again for each use.
     */
    public static Dataset<Row> spells(SparkSession spark, Dataset<Row> admissions, Dataset<Row> discharges,
                                      Dataset<Row> geography, Settings s) {
        Dataset<Row> spells = SpellAssembly.spells(admissions, discharges);
        spells = PersonKeys.pseudonymise(spark, s.key(), spells);
        spells = ResidenceAreas.forSpells(spells, geography, s.mapping());
        spells = SpellFields.derive(spells, s.delayReasons(), s.drd());
        spells = ContinuousInpatientSpells.derive(spells);
        // the admission flags count a CIPS once, by its first spell: after the CIPS are known
        return AdmissionFlags.derive(spells);
    }

    /** The second half of {@link #build}: the linked care event and readmission flags, in the columns of linked_spells. */
    public static Dataset<Row> linked(Dataset<Row> spells, Dataset<Row> careEvents, Settings s) {
        // both from the spells' own fields: the readmission pairs do not depend on the care event, and
        // computing them on the linked frame would repeat the care linkage for every side of the pairs
        Dataset<Row> out = CareLinkage.link(spells, careEvents);
        out = Readmissions.withFlags(out, Readmissions.flags(spells));
        return OutputTables.LINKED_SPELLS.conform(out.withColumn(RUN_ID, lit(s.runId())));
    }
}
