package org.bedflow.jobs.nightly;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.spark.Concurrently;
import org.bedflow.pipeline.spark.ParquetWrites;
import org.bedflow.jobs.config.BedflowProperties;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.link.LinkedSpells;
import org.bedflow.pipeline.link.PseudonymKey;
import org.bedflow.pipeline.link.CommunityContacts;
import org.bedflow.pipeline.publish.TableStore;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Step 2, link: replaces NHS numbers by person keys, places every spell and care event in
 * its future unitary area, derives the spell-level fields and links care events and
 * readmissions. Writes {@code linked_spells}, the pseudonymised care events and community
 * contacts to the work area.
 */
@Component
public class LinkStep implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(LinkStep.class);

    private final ObjectProvider<SparkSession> spark;
    private final BedflowProperties properties;

    public LinkStep(ObjectProvider<SparkSession> spark, BedflowProperties properties) {
        this.spark = spark;
        this.properties = properties;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
        var step = chunk.getStepContext().getStepExecution();
        RunSettings run = RunSettings.of(step.getJobExecution());
        SparkSession session = spark.getObject();
        TableStore store = new TableStore(session, run.output());
        PseudonymKey key = PseudonymKeys.forRun(step.getJobParameters());
        if (key.isDemo()) {
            System.out.println("  (demo: person keys use the public built-in demo key; real runs need "
                    + PseudonymKey.ENV_KEY + ")");
        }
        log.info("person keys from {}", key.source());
        var settings = new LinkedSpells.Settings(key, ReorganisationMapping.load(properties.getReorganisation()),
                DelayReasons.load(properties.getDelayReasons()), run.runId());

        // three independent pieces at once (planning one keeps the cores busy with another): the care events
        // keyed and placed, the spells with their own fields (materialised: linkage and readmissions read
        // them several times), and the community contacts (an optional feed, for ucr_no_emergency_admission_7d)
        String careEvents = run.work(store, "care_events");
        String ownFields = run.work(store, "spells");
        Concurrently.run(List.of(
                () -> ParquetWrites.overwrite(LinkedSpells.careEvents(session,
                        run.readAccepted(session, store, Feeds.SOCIAL_CARE_EVENTS), settings), careEvents),
                () -> ParquetWrites.overwrite(LinkedSpells.spells(session,
                        run.readAccepted(session, store, Feeds.APC_ADMISSIONS),
                        run.readAccepted(session, store, Feeds.APC_DISCHARGES),
                        run.readAccepted(session, store, Feeds.GEOGRAPHY), settings), ownFields),
                () -> ParquetWrites.overwrite(CommunityContacts.contacts(session,
                        run.readAccepted(session, store, Feeds.COMMUNITY_CONTACTS),
                        run.readAccepted(session, store, Feeds.GEOGRAPHY), key, settings.mapping()),
                        run.work(store, "community_contacts"))));
        Dataset<Row> spells = LinkedSpells.linked(session.read().parquet(ownFields), session.read().parquet(careEvents),
                settings);
        // written straight into the run's staging area, partitioned as published: publish only swaps it in
        store.stage(spells, run.runId(), OutputTables.LINKED_SPELLS.table(), OutputTables.LINKED_SPELLS.partitionBy());

        Dataset<Row> written = store.readStaged(run.runId(), OutputTables.LINKED_SPELLS.table());
        Row counts = written.selectExpr("count(*)", "count(person_key)", "count(care_event_id)",
                "count_if(unitary_area in ('OTHER', 'UNKNOWN'))").first();
        contribution.incrementWriteCount(counts.getLong(0));
        step.getExecutionContext().putString(StepProgress.SUMMARY, String.format(
                "%,d spells, %,d with a person key, %,d linked to a care event, %,d outside the configured areas",
                counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3)));
        return RepeatStatus.FINISHED;
    }
}
