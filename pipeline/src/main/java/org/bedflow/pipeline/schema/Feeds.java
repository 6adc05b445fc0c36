package org.bedflow.pipeline.schema;

import java.util.List;
import java.util.Optional;

import org.bedflow.schemas.feed.ApcAdmission;
import org.bedflow.schemas.feed.ApcDischarge;
import org.bedflow.schemas.feed.CommunityContact;
import org.bedflow.schemas.feed.GeographyLookup;
import org.bedflow.schemas.feed.OptOut;
import org.bedflow.schemas.feed.PopulationEstimate;
import org.bedflow.schemas.feed.SocialCareEvent;

/**
 * The built-in feeds (feed roles) of docs/validation.md, each read from its generated Avro class, plus
 * the roles added since (community_contacts). How the files of a role are read is described
 * by feed descriptors ({@code org.bedflow.pipeline.descriptor}): one built-in descriptor per
 * role, and any number of a data engineer's own.
 */
public final class Feeds {

    public static final FeedSchema APC_ADMISSIONS = FeedSchema.of(ApcAdmission.getClassSchema());
    public static final FeedSchema APC_DISCHARGES = FeedSchema.of(ApcDischarge.getClassSchema());
    public static final FeedSchema SOCIAL_CARE_EVENTS = FeedSchema.of(SocialCareEvent.getClassSchema());
    public static final FeedSchema POPULATION = FeedSchema.of(PopulationEstimate.getClassSchema());
    public static final FeedSchema GEOGRAPHY = FeedSchema.of(GeographyLookup.getClassSchema());
    public static final FeedSchema OPT_OUTS = FeedSchema.of(OptOut.getClassSchema());
    /** Community health services contacts: the first feed added through docs/adding-a-feed.md (worked example 3). */
    public static final FeedSchema COMMUNITY_CONTACTS = FeedSchema.of(CommunityContact.getClassSchema());

    private static final List<FeedSchema> ALL = List.of(
            APC_ADMISSIONS, APC_DISCHARGES, SOCIAL_CARE_EVENTS, POPULATION, GEOGRAPHY, OPT_OUTS, COMMUNITY_CONTACTS);

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
