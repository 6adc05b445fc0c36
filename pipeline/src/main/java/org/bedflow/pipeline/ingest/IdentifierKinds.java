package org.bedflow.pipeline.ingest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bedflow.pipeline.descriptor.DescriptorExtras;
import org.bedflow.pipeline.descriptor.FeedDescriptor;
import org.bedflow.pipeline.schema.FeedInputException;
import org.bedflow.pipeline.schema.Feeds;

/**
 * One kind of person identifier per linkage (docs/measures.md, "Person key"). A person key is
 * the keyed HMAC of what the source sends: of the real NHS number for most sources, of the
 * token for a source declared {@code nhs_number: pseudonymised} (SUS+ extracts as ICBs get
 * them). The two never give the same key for the same person, so hospital spells of one kind
 * linked with care events of the other would silently link nobody: a run whose linked feeds
 * (admissions, social care events, community contacts) have files of both kinds stops after
 * listing the files, before any row is read, with exit code 3.
 *
 * <p>The opt-out list is not a linked feed: its real NHS numbers are matched against rows with
 * real NHS numbers only (a pseudonymised extract has had the national data opt-out applied by
 * whoever pseudonymised it).
 */
public final class IdentifierKinds {

    /** the feeds whose NHS numbers become person keys that link to each other */
    static final List<String> LINKED = List.of(Feeds.APC_ADMISSIONS.name(), Feeds.SOCIAL_CARE_EVENTS.name(),
            Feeds.COMMUNITY_CONTACTS.name());

    private IdentifierKinds() {
    }

    /** @throws FeedInputException naming the sources of each kind and what to do */
    public static void check(Map<String, RawFeed> raw) {
        Set<String> pseudonymised = new LinkedHashSet<>();
        Set<String> real = new LinkedHashSet<>();
        for (String feed : LINKED) {
            RawFeed r = raw.get(feed);
            if (r == null) {
                continue;
            }
            for (InputFile f : r.files()) {
                FeedDescriptor d = r.descriptor(f.source());
                if (!f.feed().equals(d.role().name())) {
                    continue; // read as a second role (also:): the descriptor's own role names it
                }
                String name = d.source() + " (" + d.role().name() + ", " + d.origin() + ")";
                (d.extras().pseudonymised() ? pseudonymised : real).add(name);
            }
        }
        if (!pseudonymised.isEmpty() && !real.isEmpty()) {
            throw new FeedInputException("the linked feeds mix pseudonymised and real NHS numbers: pseudonymised "
                    + String.join(", ", new ArrayList<>(pseudonymised)) + "; real NHS numbers "
                    + String.join(", ", new ArrayList<>(real)) + ". A person key made from a pseudonymised token never "
                    + "equals one made from the real number, so these sources cannot be linked. Give every linked source "
                    + "the same kind: declare nhs_number: " + DescriptorExtras.PSEUDONYMISED + " in the descriptors of "
                    + "sources that send tokens of the same pseudonymisation (e.g. council events pseudonymised by the "
                    + "same service as the SUS extract), or run the two kinds separately (another input folder)");
        }
    }
}
