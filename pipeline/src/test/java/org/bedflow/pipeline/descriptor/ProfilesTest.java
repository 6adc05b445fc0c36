package org.bedflow.pipeline.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Built-in profiles (docs/adding-a-feed.md, "Your data is probably already in one of these shapes"): one line selects
 * one for a folder, in a descriptor or in the configuration; a descriptor's keys override the profile's; an unknown
 * profile stops the run naming the known ones.
 */
class ProfilesTest {

    static final DelayReasons REASONS = DelayReasons.load(DelayReasons.DEFAULT);
    static final FeedSchema EVENTS = Feeds.byName("social_care_events").orElseThrow();

    /** the one known header of a council's CLD table, LA Code first */
    static final List<String> CLD_HEADER = List.of(("LA Code,Reporting Period Start Date,Reporting Period End Date,"
            + "NHS Number,LA Person Unique Identifier,First Name,Last Name,GP Practice Name,GP Practice Code,Gender,"
            + "Ethnicity,Date of Birth,Date of Death,Client Type,Primary Support Reason,Postcode,Accommodation Status,"
            + "Employment Status,Has Unpaid Carer,Autism Spectrum Disorder (ASD),Visual Impairment,Hearing Impairment,"
            + "Dementia,Client Funding Status,Event Type,Event Reference,Event Start Date,Event End Date,"
            + "Event Description,Event Outcome,Request: Route of Access,Assessment Type,Eligible Needs Identified,"
            + "Method of Assessment,Total Hrs Caring per week,No. of adults being cared for,Adult 1 Linked Person_ID,"
            + "Adult 2 Linked Person_ID,Adult 3 Linked Person_ID,Service Type,Service Component,Delivery Mechanism,"
            + "Provider CQC Location Name,Provider CQC Location ID,Review Reason,Review Outcomes Achieved,"
            + "Method of Review,Unit Cost,Cost Frequency (Unit Type),Planned units per week").split(","));

    @TempDir
    Path dir;

    Path write(String name, String yaml) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void one_line_selects_a_profile_and_it_reads_the_cld_header() throws Exception {
        write("nnc.yaml", "source: nnc_cld\nprofile: cld-r2\npattern: \"nnc/**\"\n");
        FeedDescriptor d = FeedDescriptors.load(dir, REASONS).bySource("nnc_cld").orElseThrow();
        assertThat(d.role()).isEqualTo(EVENTS);
        assertThat(d.builtIn()).isFalse();
        assertThat(d.formats()).containsExactly("csv", "csv.gz");
        assertThat(d.claims("nnc/2024-Q1.csv")).isTrue();
        assertThat(d.claims("other/2024-Q1.csv")).isFalse();
        assertThat(d.derived()).extracting(FeedDescriptor.Derived::field).containsExactly("age");

        FeedDescriptor.Columns c = d.resolve(CLD_HEADER, "social_care_events/nnc/x.csv");
        List<String> fields = EVENTS.fieldNames();
        assertThat(CLD_HEADER.get(c.columnOf()[fields.indexOf("la_code")])).isEqualTo("LA Code");
        assertThat(CLD_HEADER.get(c.columnOf()[fields.indexOf("event_id")])).isEqualTo("Event Reference");
        assertThat(CLD_HEADER.get(c.columnOf()[fields.indexOf("person_id")])).isEqualTo("LA Person Unique Identifier");
        assertThat(CLD_HEADER.get(c.columnOf()[fields.indexOf("request_route")])).isEqualTo("Request: Route of Access");
        assertThat(CLD_HEADER.get(c.columnOf()[fields.indexOf("submitted_at")])).isEqualTo("Reporting Period End Date");
        assertThat(c.columnOf()[fields.indexOf("age")]).as("derived, not read").isEqualTo(-1);
        assertThat(c.columnOf()[fields.indexOf("residence_lad_code")]).as("from the postcode").isEqualTo(-1);
        // the date of birth is read (for the age), so not an unknown column; names are listed, never their values
        assertThat(c.unknown()).contains("First Name", "Last Name", "Gender", "Unit Cost").doesNotContain("Date of Birth");
        List<String> hidden = Arrays.stream(c.hiddenColumns()).mapToObj(CLD_HEADER::get).toList();
        assertThat(hidden).contains("Date of Birth", "First Name", "Last Name", "Postcode",
                "LA Person Unique Identifier", "GP Practice Name");
        assertThat(d.derivedColumns(CLD_HEADER, "x.csv")).singleElement().satisfies(x -> {
            assertThat(CLD_HEADER.get(x[1])).isEqualTo("Date of Birth");
            assertThat(CLD_HEADER.get(x[2])).isEqualTo("Event Start Date");
        });

        // the national field names (DataS-DHSC/ASC-CLD-LA-Dashboard) are the other accepted spelling
        List<String> db = CLD_HEADER.stream().map(h -> h.replace("Request: Route of Access", "Request_Route_of_Access")
                .replace(" ", "_")).toList();
        FeedDescriptor.Columns n = d.resolve(db, "social_care_events/nnc/y.csv");
        assertThat(db.get(n.columnOf()[fields.indexOf("la_code")])).isEqualTo("LA_Code");
        assertThat(db.get(n.columnOf()[fields.indexOf("event_start_date")])).isEqualTo("Event_Start_Date");
        assertThat(db.get(d.derivedColumns(db, "y.csv").get(0)[1])).isEqualTo("Date_of_Birth");

        // a file with both spellings of one column is refused rather than read from one of them silently
        List<String> both = new java.util.ArrayList<>(CLD_HEADER);
        both.add("LA_Code");
        assertThatThrownBy(() -> d.resolve(both, "social_care_events/nnc/z.csv"))
                .isInstanceOf(FeedDescriptorException.class)
                .hasMessageContaining("social_care_events/nnc/z.csv has both 'LA Code' and 'LA_Code'");
    }

    @Test
    void the_release_is_the_profiles_and_council_codes_map_onto_ons_codes() throws Exception {
        write("a.yaml", "source: a_cld\nprofile: cld-r1\npattern: \"a/**\"\n");
        write("b.yaml", "source: b_cld\nprofile: cld-r2\npattern: \"b/**\"\n");
        FeedDescriptors all = FeedDescriptors.load(dir, REASONS);
        FeedDescriptor r1 = all.bySource("a_cld").orElseThrow();
        FeedDescriptor r2 = all.bySource("b_cld").orElseThrow();
        assertThat(r1.description()).contains("Release 1");
        assertThat(r2.description()).contains("Release 2");
        assertThat(r2.values().get("service_component"))
                .containsEntry(FeedDescriptor.valueKey(EVENTS.field("service_component"), "Home support or domiciliary care"),
                        "Home Care");
        assertThat(r1.values()).doesNotContainKey("service_component");
        for (FeedDescriptor d : List.of(r1, r2)) {
            assertThat(d.values().get("la_code")).containsEntry(FeedDescriptor.valueKey(EVENTS.field("la_code"), "941"),
                    "E06000062").containsEntry(FeedDescriptor.valueKey(EVENTS.field("la_code"), "928"), "E10000021");
        }
    }

    @Test
    void keys_the_descriptor_gives_override_the_profile_columns_and_values_per_entry() throws Exception {
        write("wnc.yaml", """
                source: wnc_cld
                profile: cld-r2
                pattern: "wnc/**"
                date_format: dd/MM/yyyy
                reject_threshold: 0.1
                columns:
                  Client Ref: person_id
                values:
                  service_component: {Care at home: Home Care}
                """);
        FeedDescriptor d = FeedDescriptors.load(dir, REASONS).bySource("wnc_cld").orElseThrow();
        assertThat(d.dateFormat().pattern()).isEqualTo("dd/MM/yyyy");
        assertThat(d.timestampFormat().pattern()).as("the profile's, not given").isEqualTo("yyyy-MM-dd");
        assertThat(d.rejectThreshold()).isEqualTo(0.1);
        // the profile's columns stay; the descriptor's is one more spelling of person_id
        assertThat(d.columns()).containsEntry("la_code", "LA Code").containsEntry("person_id", "LA Person Unique Identifier");
        assertThat(d.alternativeColumns().get("person_id")).contains("Client Ref");
        List<String> header = CLD_HEADER.stream().map(h -> h.equals("LA Person Unique Identifier") ? "Client Ref" : h).toList();
        assertThat(header.get(d.resolve(header, "x.csv").columnOf()[EVENTS.fieldNames().indexOf("person_id")]))
                .isEqualTo("Client Ref");
        // values per field: the descriptor's service_component mapping replaces the profile's; la_code's stays
        assertThat(d.values().get("service_component")).hasSize(1);
        assertThat(d.values()).containsKey("la_code");
    }

    @Test
    void one_line_selects_the_sus_apcs_profile_for_a_hospital_folder() {
        // the configuration way: apc_admissions/ics_sus/ holds SUS+ APCS spell extracts; the profile brings the two
        // roles (finished spells are discharges too) and the pseudonymised NHS numbers
        FeedDescriptors all = FeedDescriptors.load(null, REASONS, Map.of("apc_admissions/ics_sus", "sus-apcs"));
        FeedDescriptor d = all.claim(Feeds.APC_ADMISSIONS, "ics_sus/APCS_2025-04-01.csv",
                "apc_admissions/ics_sus/APCS_2025-04-01.csv");
        assertThat(d.source()).isEqualTo("ics_sus");
        assertThat(d.extras().alsoRole()).isEqualTo("apc_discharges");
        assertThat(d.extras().pseudonymised()).isTrue();
        assertThat(d.columns()).containsEntry("spell_id", "APCS_Ident | Der_Spell_ID");
    }

    @Test
    void an_unknown_profile_names_the_known_ones() throws Exception {
        Path f = write("x.yaml", "source: x_cld\nprofile: cld-r3\npattern: \"x/**\"\n");
        assertThatThrownBy(() -> FeedDescriptors.load(dir, REASONS))
                .isInstanceOf(FeedDescriptorException.class)
                .hasMessage(f.toAbsolutePath() + " line 2: unknown profile 'cld-r3'; the built-in profiles are cld-r1, cld-r2, sus-apcs");
        assertThatThrownBy(() -> FeedDescriptors.load(null, REASONS, Map.of("social_care_events/cld", "sus")))
                .isInstanceOf(FeedDescriptorException.class)
                .hasMessage("configuration bedflow.feed-profiles (social_care_events/cld: sus): unknown profile 'sus'; "
                        + "the built-in profiles are cld-r1, cld-r2, sus-apcs");
    }

    @Test
    void the_configuration_selects_a_profile_for_a_folder() {
        FeedDescriptors all = FeedDescriptors.load(null, REASONS, Map.of("social_care_events/NNC CLD", "cld-r2"));
        FeedDescriptor d = all.claim(EVENTS, "NNC CLD/2024/q1.csv", "social_care_events/NNC CLD/2024/q1.csv");
        assertThat(d.source()).isEqualTo("nnc_cld");
        assertThat(d.pattern().toString()).contains("NNC CLD/**");
        assertThat(d.derived()).isNotEmpty();
        assertThat(all.claim(EVENTS, "other.csv", "social_care_events/other.csv").source())
                .as("the rest of the folder stays the built-in descriptor's").isEqualTo("social_care_events");

        assertThatThrownBy(() -> FeedDescriptors.load(null, REASONS, Map.of("apc_admissions/cld", "cld-r2")))
                .hasMessageContaining("profile cld-r2 reads role social_care_events, but the folder is under apc_admissions/");
        assertThatThrownBy(() -> FeedDescriptors.load(null, REASONS, Map.of("cld", "cld-r2")))
                .hasMessageContaining("must be a folder below a role's folder of the input");
    }

    @Test
    void a_profile_copied_into_the_feeds_dir_is_an_ordinary_descriptor() throws Exception {
        // as docs/adding-a-feed.md says: copy, add source: and pattern:, edit (here: dd/MM/yyyy dates)
        String copy = Profiles.text("cld-r2").replace("date_format: yyyy-MM-dd", "date_format: dd/MM/yyyy");
        write("mine.yaml", "source: my_cld\npattern: \"mine/**\"\n" + copy);
        FeedDescriptor d = FeedDescriptors.load(dir, REASONS).bySource("my_cld").orElseThrow();
        assertThat(d.dateFormat().pattern()).isEqualTo("dd/MM/yyyy");
        assertThat(d.derived()).isNotEmpty();
        // its la_code mapping names the file shipped in bedflow (bedflow:...), found from anywhere
        assertThat(d.values().get("la_code")).containsValue("E06000061");
    }
}
