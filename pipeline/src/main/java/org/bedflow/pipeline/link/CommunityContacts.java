package org.bedflow.pipeline.link;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.reference.ReorganisationMapping;

/**
 * Community contacts (the community_contacts feed, worked example 3 of
 * docs/adding-a-feed.md) made linkable as spells are, so that the indicator
 * {@code ucr_no_emergency_admission_7d} ({@code measure.indicators.UrgentCommunityResponse})
 * can follow a contact to the same person's emergency spells. Written by the link step to
 * {@code work/community_contacts}.
 */
public final class CommunityContacts {

    private CommunityContacts() {
    }

    /**
     * Validated community contacts made linkable: {@code person_key} instead of the NHS
     * number (as for spells), residence filled from the LSOA lookup, {@code unitary_area}.
     *
     * @param geography the validated geography feed (lsoa_code, lad_code); may be empty
     */
    public static Dataset<Row> contacts(SparkSession spark, Dataset<Row> validatedContacts, Dataset<Row> geography,
                                        PseudonymKey key, ReorganisationMapping mapping) {
        Dataset<Row> keyed = PersonKeys.pseudonymise(spark, key, validatedContacts);
        return ResidenceAreas.forSpells(keyed, geography, mapping);
    }
}
