package org.bedflow.pipeline.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.link.LinkFixtures.admission;
import static org.bedflow.pipeline.link.LinkFixtures.service;
import static org.bedflow.pipeline.testing.Frames.row;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.testing.Frames;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/** docs/measures.md "Residence and area": district -> successor unitary; LSOA fallback; OTHER; UNKNOWN. */
class GeographyTest {

    private static Map<String, String[]> areas(List<Map<String, Object>> adm, List<Map<String, Object>> geo,
                                               ReorganisationMapping mapping) {
        var out = ResidenceAreas.forSpells(LinkFixtures.admissions(adm), Frames.feed(Feeds.GEOGRAPHY, geo), mapping);
        Map<String, String[]> bySpell = new TreeMap<>();
        for (Row r : out.collectAsList()) {
            bySpell.put(r.getAs("spell_id"), new String[] {r.getAs("unitary_area"), r.getAs("unitary_area_name"),
                    r.getAs("residence_lad_code")});
        }
        return bySpell;
    }

    @Test
    void every_former_district_maps_to_its_successor_and_successors_map_to_themselves() {
        // spell id = the district code; expected successor from the table of docs/code-lists.md
        Map<String, String> expected = Map.of(
                "E07000150", "E06000061", "E07000152", "E06000061", "E07000153", "E06000061", "E07000156", "E06000061",
                "E07000151", "E06000062", "E07000154", "E06000062", "E07000155", "E06000062",
                "E06000061", "E06000061", "E06000062", "E06000062");
        var adm = expected.keySet().stream().map(code -> admission(code, "residence_lad_code", code)).toList();
        var out = areas(adm, List.of(), LinkFixtures.NORTHANTS);
        expected.forEach((district, unitary) -> assertThat(out.get(district)[0]).as(district).isEqualTo(unitary));
        assertThat(out.get("E07000154")[1]).isEqualTo("West Northamptonshire");
        assertThat(out.get("E07000150")[1]).isEqualTo("North Northamptonshire");
    }

    @Test
    void lsoa_only_residence_goes_through_the_lookup_and_the_rest_is_other_or_unknown() {
        var adm = List.of(
                admission("LSOA", "residence_lad_code", null, "lsoa_code", "E01027001"),   // -> Corby -> North
                admission("MK", "residence_lad_code", "E06000042"),                         // Milton Keynes: outside
                admission("NONE", "residence_lad_code", null, "lsoa_code", null),           // nothing known
                admission("LSOA?", "residence_lad_code", null, "lsoa_code", "E01999999"),   // LSOA not in lookup
                admission("BOTH", "residence_lad_code", "E07000151", "lsoa_code", "E01027001")); // district wins
        var geo = List.of(row("lsoa_code", "E01027001", "lad_code", "E07000150"));
        var out = areas(adm, geo, LinkFixtures.NORTHANTS);
        assertThat(out.get("LSOA")).containsExactly("E06000061", "North Northamptonshire", "E07000150");
        assertThat(out.get("MK")[0]).isEqualTo("OTHER");
        assertThat(out.get("NONE")[0]).isEqualTo("UNKNOWN");
        assertThat(out.get("LSOA?")[0]).isEqualTo("UNKNOWN");
        assertThat(out.get("BOTH")[0]).isEqualTo("E06000062");
    }

    @Test
    void another_reorganisation_is_selected_by_name() {
        var cumbria = ReorganisationMapping.load("cumbria");
        assertThat(cumbria.areas()).containsOnlyKeys("E06000063", "E06000064");
        var out = areas(List.of(admission("A", "residence_lad_code", "E07000027"),
                admission("B", "residence_lad_code", "E07000154")), List.of(), cumbria);
        assertThat(out.get("A")).containsExactly("E06000064", "Westmorland and Furness", "E07000027");
        assertThat(out.get("B")[0]).as("Northampton is outside Cumbria").isEqualTo("OTHER");
    }

    /** event id -> unitary_area and residence_lad_code of the care events placed with {@code geo} */
    private static Map<String, String> eventAreas(List<Map<String, Object>> events, List<Map<String, Object>> geo) {
        var out = ResidenceAreas.forCareEvents(LinkFixtures.events(events), Frames.feed(Feeds.GEOGRAPHY, geo),
                LinkFixtures.NORTHANTS);
        assertThat(out.columns()).as("the postcode goes at link").doesNotContain("postcode");
        Map<String, String> byEvent = new TreeMap<>();
        out.collectAsList().forEach(r -> byEvent.put(r.getAs("event_id"),
                r.getAs("unitary_area") + " " + r.getAs("residence_lad_code")));
        return byEvent;
    }

    @Test
    void care_events_use_residence_then_the_council_if_unitary_else_unknown() {
        var out = eventAreas(List.of(
                service("RES", "la_code", "E10000021", "residence_lad_code", "E07000153"),   // county era, Kettering
                service("UNI", "la_code", "E06000061", "residence_lad_code", null),          // unitary council
                service("CTY", "la_code", "E10000021", "residence_lad_code", null)),         // county, no residence
                List.of());
        assertThat(out).containsEntry("RES", "E06000061 E07000153").containsEntry("UNI", "E06000061 null")
                .containsEntry("CTY", "UNKNOWN null");
        assertThat(SharedSpark.session()).isNotNull();
    }

    @Test
    void a_postcode_places_a_care_event_without_a_residence_through_the_postcode_lookup() {
        // the geography folder holds an LSOA row and three postcode rows (one LSOA, many postcodes: no conflict)
        var geo = List.of(
                row("lsoa_code", "E01027001", "lad_code", "E07000150"),                          // LSOA lookup
                row("lsoa_code", "E01027400", "lad_code", "E07000154", "postcode", "NN1 1AA"),    // Northampton
                row("lsoa_code", "E01027400", "lad_code", "E07000154", "postcode", "NN1 1AB"),    // Northampton
                row("lsoa_code", "E01027100", "lad_code", "E07000153", "postcode", "NN16 0AA"),   // Kettering
                row("lsoa_code", "E01030000", "lad_code", "E06000042", "postcode", "MK9 1AA"));   // Milton Keynes
        var out = eventAreas(List.of(
                // county-era events (E10000021) without a district: the postcode decides, and fills the district
                service("WEST", "la_code", "E10000021", "residence_lad_code", null, "postcode", "NN1 1AA"),
                service("NORTH", "la_code", "E10000021", "residence_lad_code", null, "postcode", "NN16 0AA"),
                // the recorded residence wins over the postcode
                service("RES", "la_code", "E10000021", "residence_lad_code", "E07000153", "postcode", "NN1 1AB"),
                // the postcode wins over the submitting unitary council's own area
                service("PC>LA", "la_code", "E06000061", "residence_lad_code", null, "postcode", "NN1 1AB"),
                // a postcode outside the configured areas is OTHER, like a district outside them
                service("MK", "la_code", "E10000021", "residence_lad_code", null, "postcode", "MK9 1AA"),
                // a postcode the lookup lacks: the council's own area, else UNKNOWN
                service("UNI?", "la_code", "E06000062", "residence_lad_code", null, "postcode", "NN9 9ZZ"),
                service("CTY?", "la_code", "E10000021", "residence_lad_code", null, "postcode", "NN9 9ZZ")),
                geo);
        assertThat(out).containsEntry("WEST", "E06000062 E07000154")
                .containsEntry("NORTH", "E06000061 E07000153")
                .containsEntry("RES", "E06000061 E07000153")
                .containsEntry("PC>LA", "E06000062 E07000154")
                .containsEntry("MK", "OTHER E06000042")
                .containsEntry("UNI?", "E06000062 null")
                .containsEntry("CTY?", "UNKNOWN null")
                .hasSize(7);
    }

    @Test
    void a_postcode_the_lookup_gives_two_districts_is_not_guessed() {
        // one postcode under two LSOAs (two vintages of the directory) with different districts: ambiguous
        var geo = List.of(
                row("lsoa_code", "E01027400", "lad_code", "E07000154", "postcode", "NN1 1AA"),
                row("lsoa_code", "E01027999", "lad_code", "E07000155", "postcode", "NN1 1AA"),
                // under two LSOAs but one district: still one answer
                row("lsoa_code", "E01027400", "lad_code", "E07000154", "postcode", "NN1 1AB"),
                row("lsoa_code", "E01027401", "lad_code", "E07000154", "postcode", "NN1 1AB"));
        var out = eventAreas(List.of(
                service("AMB", "la_code", "E10000021", "residence_lad_code", null, "postcode", "NN1 1AA"),
                service("ONE", "la_code", "E10000021", "residence_lad_code", null, "postcode", "NN1 1AB")), geo);
        assertThat(out).containsExactly(Map.entry("AMB", "UNKNOWN null"), Map.entry("ONE", "E06000062 E07000154"));
    }

    @Test
    void postcode_rows_are_not_part_of_the_lsoa_lookup_of_spells() {
        // a spell of an LSOA that has postcode rows only: the LSOA lookup is the rows without a postcode, and a
        // spell of an LSOA with both is placed once (not once per postcode)
        var geo = List.of(
                row("lsoa_code", "E01027001", "lad_code", "E07000150"),
                row("lsoa_code", "E01027001", "lad_code", "E07000150", "postcode", "NN17 1AA"),
                row("lsoa_code", "E01027001", "lad_code", "E07000150", "postcode", "NN17 1AB"),
                row("lsoa_code", "E01027400", "lad_code", "E07000154", "postcode", "NN1 1AA"));
        var adm = List.of(
                admission("BOTH", "residence_lad_code", null, "lsoa_code", "E01027001"),
                admission("PC_ONLY", "residence_lad_code", null, "lsoa_code", "E01027400"));
        var out = ResidenceAreas.forSpells(LinkFixtures.admissions(adm), Frames.feed(Feeds.GEOGRAPHY, geo),
                LinkFixtures.NORTHANTS).collectAsList();
        assertThat(out).hasSize(2);
        var areas = areas(adm, geo, LinkFixtures.NORTHANTS);
        assertThat(areas.get("BOTH")[0]).isEqualTo("E06000061");
        assertThat(areas.get("PC_ONLY")[0]).isEqualTo("UNKNOWN");
    }
}
