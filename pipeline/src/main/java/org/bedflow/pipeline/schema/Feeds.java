package org.bedflow.pipeline.schema;

import java.util.List;
import java.util.Optional;

import org.bedflow.schemas.feed.ApcAdmission;
import org.bedflow.schemas.feed.ApcDischarge;
import org.bedflow.schemas.feed.GeographyLookup;
import org.bedflow.schemas.feed.OptOut;
import org.bedflow.schemas.feed.PopulationEstimate;
import org.bedflow.schemas.feed.SocialCareEvent;

/** The built-in feeds of feeds.md, each read from its generated Avro class. */
public final class Feeds {

    public static final FeedSchema APC_ADMISSIONS = FeedSchema.of(ApcAdmission.getClassSchema());
    public static final FeedSchema APC_DISCHARGES = FeedSchema.of(ApcDischarge.getClassSchema());
    public static final FeedSchema SOCIAL_CARE_EVENTS = FeedSchema.of(SocialCareEvent.getClassSchema());
    public static final FeedSchema POPULATION = FeedSchema.of(PopulationEstimate.getClassSchema());
    public static final FeedSchema GEOGRAPHY = FeedSchema.of(GeographyLookup.getClassSchema());
    public static final FeedSchema OPT_OUTS = FeedSchema.of(OptOut.getClassSchema());

    private static final List<FeedSchema> ALL = List.of(
            APC_ADMISSIONS, APC_DISCHARGES, SOCIAL_CARE_EVENTS, POPULATION, GEOGRAPHY, OPT_OUTS);

    private Feeds() {
    }

    /** In processing order: opt-outs and lookups are read alongside; discharges need admissions. */
    public static List<FeedSchema> all() {
        return ALL;
    }

    public static Optional<FeedSchema> byName(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
