package org.bedflow.pipeline.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.lit;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CARE_EVENT_ID;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PERSON_KEY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.UNITARY_AREA;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.ingest.IngestStage;
import org.bedflow.pipeline.link.CommunityContacts;
import org.bedflow.pipeline.link.LinkedSpells;
import org.bedflow.pipeline.link.PseudonymKey;
import org.bedflow.pipeline.link.RuleCoverage;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.spark.Concurrently;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 2, link: replaces NHS numbers by person keys, places every spell and care event in
 * its future unitary area, derives the spell-level fields and links care events and
 * readmissions (docs/data-dictionary.md, linked_spells). Keeps the pseudonymised care events
 * and community contacts in the work area for measure, and stages {@code linked_spells}.
 */
public final class LinkSpells {

    /** Work names of what link keeps for measure. */
    public static final String CARE_EVENTS = "care_events";
    public static final String COMMUNITY_CONTACTS = "community_contacts";
    /** The spells with their own fields, before care linkage: read several times, so materialised. */
    static final String SPELLS = "spells";

    private static final Logger log = LoggerFactory.getLogger(LinkSpells.class);

    private final SparkSession spark;
    private final RunContext run;
    private final PseudonymKey key;

    public LinkSpells(SparkSession spark, RunContext run, PseudonymKey key) {
        this.spark = spark;
        this.run = run;
        this.key = key;
    }

    /**
     * @param spells           rows of linked_spells
     * @param withPersonKey    spells whose NHS number gave a person key
     * @param linkedToCare     spells linked to a care event
     * @param outsideAreas     spells placed in OTHER or UNKNOWN
     * @param ruleGaps         per provider, the national exclusions that could not apply because the provider's
     *                         extract never fills a field they need (for the run report)
     */
    public record Result(long spells, long withPersonKey, long linkedToCare, long outsideAreas,
                         List<RuleCoverage.Gap> ruleGaps) {

        public Result {
            ruleGaps = ruleGaps == null ? List.of() : List.copyOf(ruleGaps);
        }

        public String summary() {
            String gaps = ruleGaps.isEmpty() ? "" : String.format("; %,d exclusion(s) not applicable for lack of a "
                    + "field (see the log)", ruleGaps.size());
            return String.format("%,d spells, %,d with a person key, %,d linked to a care event, %,d outside the "
                    + "configured areas", spells, withPersonKey, linkedToCare, outsideAreas) + gaps;
        }
    }

    public Result execute() {
        log.info("person keys from {}", key.source());
        WorkArea work = run.workArea(spark);
        var settings = new LinkedSpells.Settings(key, run.config().mapping(), run.config().delayReasonMapping(),
                run.config().drd(), run.runId());
        Dataset<Row> geography = IngestStage.accepted(work, Feeds.GEOGRAPHY);

        // three independent pieces at once (planning one keeps the cores busy with another): the care events
        // keyed and placed, the spells with their own fields, and the community contacts (an optional feed)
        Concurrently.run(List.of(
                () -> work.write(CARE_EVENTS, LinkedSpells.careEvents(spark,
                        IngestStage.accepted(work, Feeds.SOCIAL_CARE_EVENTS), geography, settings)),
                () -> work.write(SPELLS, LinkedSpells.spells(spark, IngestStage.accepted(work, Feeds.APC_ADMISSIONS),
                        IngestStage.accepted(work, Feeds.APC_DISCHARGES), geography, settings)),
                () -> work.write(COMMUNITY_CONTACTS, CommunityContacts.contacts(spark,
                        IngestStage.accepted(work, Feeds.COMMUNITY_CONTACTS), geography, key, settings.mapping()))));
        // staged partitioned as published: publish only swaps it in
        work.stage(OutputTables.LINKED_SPELLS,
                LinkedSpells.linked(work.read(SPELLS), work.read(CARE_EVENTS), settings));

        Row counts = work.readStaged(OutputTables.LINKED_SPELLS).select(count(lit(1)), count(col(PERSON_KEY)),
                count(col(CARE_EVENT_ID)), count_if(col(UNITARY_AREA).isin(ReorganisationMapping.OTHER,
                        ReorganisationMapping.UNKNOWN))).first();
        // on the spells frame, which still has every feed column (linked_spells lacks the procedures)
        List<RuleCoverage.Gap> gaps = RuleCoverage.missingFields(work.read(SPELLS));
        gaps.forEach(g -> log.warn("provider {}: {} never filled: {}", g.providerCode(), g.fields(), g.rule()));
        return new Result(counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3), gaps);
    }
}
