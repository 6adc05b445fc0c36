package org.bedflow.pipeline.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.link.LinkFixtures.KEY;
import static org.bedflow.pipeline.link.LinkFixtures.NHS_A;
import static org.bedflow.pipeline.link.LinkFixtures.NORTHANTS;
import static org.bedflow.pipeline.testing.Frames.row;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.testing.Frames;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/** Community contacts made linkable as spells are: person key instead of the NHS number, unitary area of residence. */
class CommunityContactsTest {

    static Map<String, Object> contact(String id, Object... kv) {
        return Frames.with(row("provider_code", "RP1", "contact_id", id, "nhs_number", NHS_A, "age", 80,
                "service_type", "Urgent Community Response", "contact_date", "2022-03-01",
                "submitted_at", "2022-03-31T22:00:00"), kv);
    }

    @Test
    void contacts_get_the_person_key_of_spells_and_the_unitary_area_by_district_else_lsoa() {
        Dataset<Row> out = CommunityContacts.contacts(SharedSpark.session(),
                Frames.feed(Feeds.COMMUNITY_CONTACTS, List.of(
                        contact("DISTRICT", "residence_lad_code", "E07000154"),                 // Northampton -> West
                        contact("LSOA", "nhs_number", null, "lsoa_code", "E01027001"))),         // -> Corby -> North
                Frames.feed(Feeds.GEOGRAPHY, List.of(row("lsoa_code", "E01027001", "lad_code", "E07000150"))),
                KEY, NORTHANTS);

        assertThat(out.columns()).contains("person_key", "unitary_area", "unitary_area_name").doesNotContain("nhs_number");
        Map<String, Row> byId = new TreeMap<>();
        out.collectAsList().forEach(r -> byId.put(r.getAs("contact_id"), r));
        assertThat(byId.get("DISTRICT").<String>getAs("person_key")).isEqualTo(PersonKeys.personKey(KEY.bytes(), NHS_A));
        assertThat(byId.get("DISTRICT").<String>getAs("unitary_area")).isEqualTo("E06000062");
        assertThat(byId.get("LSOA").<String>getAs("person_key")).isNull();
        assertThat(byId.get("LSOA").<String>getAs("residence_lad_code")).isEqualTo("E07000150");
        assertThat(byId.get("LSOA").<String>getAs("unitary_area")).isEqualTo("E06000061");
    }
}
