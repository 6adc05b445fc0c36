package org.bedflow.pipeline.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.schema.FeedInputException;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feed descriptors (docs/adding-a-feed.md): the built-in ones reproduce the input folder of docs/validation.md; a data
 * engineer's folder adds or replaces sources; and every mistake in a descriptor stops the
 * run at load time with a message that starts with the descriptor file (and line) and says
 * what is wrong.
 */
class FeedDescriptorsTest {

    static final DelayReasons DTOC = DelayReasons.load("dtoc");

    @TempDir
    Path dir;

    Path write(String name, String yaml) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml, StandardCharsets.UTF_8);
        return p;
    }

    FeedDescriptors load() {
        return FeedDescriptors.load(dir, DTOC);
    }

    /** the message of the load failure, checked to start with the descriptor file */
    String error(String file) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(this::load);
        assertThat(t).isInstanceOf(FeedDescriptorException.class).isInstanceOf(FeedInputException.class);
        assertThat(t.getMessage()).startsWith(dir.resolve(file).toAbsolutePath().toString());
        return t.getMessage();
    }

    @Test
    void the_built_in_descriptors_read_every_role_as_feeds_md_says() {
        FeedDescriptors builtIn = FeedDescriptors.builtIn();
        assertThat(builtIn.all()).extracting(FeedDescriptor::source).containsExactly("apc_admissions", "apc_discharges",
                "social_care_events", "population", "geography", "opt_outs", "community_contacts");
        for (FeedSchema role : Feeds.all()) {
            FeedDescriptor d = builtIn.claim(role, "any/sub/folder/file.csv", role.name() + "/any/sub/folder/file.csv");
            assertThat(d.source()).isEqualTo(role.name());
            assertThat(d.builtIn()).isTrue();
            assertThat(d.catchAll()).isTrue();
            // nothing mapped, dates yyyy-MM-dd, ISO timestamps, the four formats
            assertThat(d.isPlain()).isTrue();
            assertThat(d.formats()).containsExactly("csv", "csv.gz", "avro", "parquet");
            assertThat(d.rejectThreshold()).as("the configuration's threshold").isNull();
            assertThat(d.origin()).isEqualTo("bedflow.jar!/feeds/" + role.name() + ".yaml");
        }
        assertThat(FeedDescriptors.load(null, DTOC).all()).extracting(FeedDescriptor::source)
                .containsExactlyElementsOf(builtIn.all().stream().map(FeedDescriptor::source).toList());
    }

    @Test
    void a_descriptor_maps_columns_formats_and_values_and_yaml_values_stay_text() throws Exception {
        write("rwe.yaml", """
                source: rwe_discharges
                role: apc_discharges
                format: [CSV, csv.gz]
                pattern: "rwe/*.csv"
                columns:
                  Hospital Spell No: spell_id
                  Reason for Delay: delay_reason
                date_format: dd/MM/yyyy
                timestamp_format: dd/MM/yyyy HH:mm
                values:
                  discharge_pathway: {P1: 1, NO: ~}
                  discharge_method: {01: 1}
                  delay_reason:
                    PKG-HOME: awaiting_home_care_package   # a category
                    RES-HOME: Di                           # a DToC code
                    "  wait   for  NHS ": awaiting_nhs_non_acute_care
                reject_threshold: 0.02
                """);
        FeedDescriptor d = load().bySource("rwe_discharges").orElseThrow();

        assertThat(d.role()).isSameAs(Feeds.APC_DISCHARGES);
        assertThat(d.formats()).containsExactly("csv", "csv.gz");
        assertThat(d.columns()).containsExactly(Map.entry("spell_id", "Hospital Spell No"),
                Map.entry("delay_reason", "Reason for Delay"));
        assertThat(d.rejectThreshold()).isEqualTo(0.02);
        // source values are matched like codes: trimmed, repeated spaces as one, any case
        assertThat(d.values().get("delay_reason")).containsExactly(Map.entry("pkg-home", "E"), Map.entry("res-home", "Di"),
                Map.entry("wait for nhs", "C"));
        // YAML 1.1 would make 01 the number 1 and NO the boolean false: descriptors read text
        assertThat(d.values().get("discharge_method")).containsExactly(Map.entry("01", "1"));
        assertThat(d.values().get("discharge_pathway")).containsEntry("p1", "1").containsEntry("no", null);
        assertThat(d.dateFormat().parseDate("05/01/2022")).isEqualTo(LocalDate.of(2022, 1, 5));
        assertThat(d.dateFormat().parseDate("31/02/2022")).as("strict: no 31 February").isNull();
        assertThat(d.dateFormat().parseDate("2022-01-05")).isNull();
        assertThat(d.timestampFormat().parseTimestamp("05/01/2022 03:10")).isEqualTo(LocalDateTime.of(2022, 1, 5, 3, 10));
    }

    @Test
    void temporal_formats_offsets_month_names_and_midnight() {
        assertThat(TemporalFormat.timestamp("yyyy-MM-dd HH:mmXXX").parseTimestamp("2022-01-05 03:10+01:00"))
                .as("converted to UTC").isEqualTo(LocalDateTime.of(2022, 1, 5, 2, 10));
        assertThat(TemporalFormat.timestamp("dd/MM/yyyy").parseTimestamp("05/01/2022"))
                .as("a timestamp without a time of day is midnight").isEqualTo(LocalDateTime.of(2022, 1, 5, 0, 0));
        assertThat(TemporalFormat.date("dd-MMM-yyyy").parseDate("05-jan-2022")).isEqualTo(LocalDate.of(2022, 1, 5));
        assertThat(TemporalFormat.defaultTimestamp().parseTimestamp("2022-01-05 03:10:00"))
                .as("iso: a space for the T").isEqualTo(LocalDateTime.of(2022, 1, 5, 3, 10));
    }

    @Test
    void a_descriptor_with_a_built_in_source_id_replaces_the_built_in_one() throws Exception {
        write("admissions.yaml", """
                source: apc_admissions
                role: apc_admissions
                pattern: "RNS_*.csv"
                reject_threshold: 0.01
                """);
        FeedDescriptors all = load();
        assertThat(all.forRole(Feeds.APC_ADMISSIONS)).singleElement()
                .satisfies(d -> assertThat(d.builtIn()).isFalse());
        assertThat(all.claim(Feeds.APC_ADMISSIONS, "RNS_2021.csv", "apc_admissions/RNS_2021.csv").rejectThreshold())
                .isEqualTo(0.01);
        // with the catch-all replaced by a narrower pattern, a file it does not match belongs to no one
        assertThatThrownBy(() -> all.claim(Feeds.APC_ADMISSIONS, "RNQ_2021.csv", "apc_admissions/RNQ_2021.csv"))
                .isInstanceOf(FeedDescriptorException.class)
                .hasMessageStartingWith("apc_admissions/RNQ_2021.csv is claimed by no descriptor of role apc_admissions")
                .hasMessageContaining("descriptor apc_admissions (" + dir.resolve("admissions.yaml").toAbsolutePath()
                        + ") with pattern RNS_*.csv");
    }

    @Test
    void a_file_claimed_by_two_descriptors_names_the_file_and_both_descriptors() throws Exception {
        write("a.yaml", "source: rwe_admissions\nrole: apc_admissions\npattern: \"rwe/**\"\n");
        write("b.yaml", "source: rwe_admissions_2022\nrole: apc_admissions\npattern: \"**/*2022*.csv\"\n");
        FeedDescriptors all = load();

        assertThat(all.claim(Feeds.APC_ADMISSIONS, "rwe/RWE_2021.csv", "f").source()).isEqualTo("rwe_admissions");
        assertThat(all.claim(Feeds.APC_ADMISSIONS, "RNS_2022.csv", "f").source()).isEqualTo("rwe_admissions_2022");
        assertThat(all.claim(Feeds.APC_ADMISSIONS, "RNS_2021.csv", "f").source()).as("the catch-all")
                .isEqualTo("apc_admissions");
        assertThatThrownBy(() -> all.claim(Feeds.APC_ADMISSIONS, "rwe/RWE_2022.csv", "apc_admissions/rwe/RWE_2022.csv"))
                .isInstanceOf(FeedDescriptorException.class)
                .hasMessageStartingWith("apc_admissions/rwe/RWE_2022.csv is claimed by 2 descriptors: descriptor "
                        + "rwe_admissions (" + dir.resolve("a.yaml").toAbsolutePath() + ") with pattern rwe/**; descriptor "
                        + "rwe_admissions_2022 (" + dir.resolve("b.yaml").toAbsolutePath() + ") with pattern **/*2022*.csv")
                .hasMessageEndingWith("make their patterns disjoint");
    }

    @Test
    void an_unknown_role() throws Exception {
        write("x.yaml", "source: kgh\nrole: apc_admission\n");
        assertThat(error("x.yaml")).isEqualTo(dir.resolve("x.yaml").toAbsolutePath() + " line 2: unknown role "
                + "'apc_admission'; the roles are apc_admissions, apc_discharges, social_care_events, population, "
                + "geography, opt_outs, community_contacts");
    }

    @Test
    void a_column_mapped_onto_a_field_the_role_does_not_have() throws Exception {
        write("x.yaml", "source: kgh\nrole: apc_admissions\ncolumns:\n  Adm Date: admision_date\n");
        assertThat(error("x.yaml")).contains(" line 4: columns: 'Adm Date' maps onto 'admision_date', which is not a "
                + "field of apc_admissions; its fields are provider_code, spell_id, nhs_number");
    }

    @Test
    void bad_date_and_timestamp_patterns() throws Exception {
        write("x.yaml", "source: kgh\nrole: apc_admissions\ndate_format: yyyy-mm-dd\n");
        assertThat(error("x.yaml")).contains(" line 3: date_format 'yyyy-mm-dd' cannot write a date")
                .endsWith("mm is minutes, MM is months");

        write("x.yaml", "source: kgh\nrole: apc_admissions\ndate_format: dd/MM\n");
        assertThat(error("x.yaml")).contains(" line 3: date_format 'dd/MM' does not read back the date it writes")
                .contains("it needs a day, a month and a year");

        write("x.yaml", "source: kgh\nrole: apc_admissions\ndate_format: dd/MM/yyyy bb\n");
        assertThat(error("x.yaml")).contains(" line 3: date_format 'dd/MM/yyyy bb' is not a java.time pattern");

        write("x.yaml", "source: kgh\nrole: apc_admissions\ndate_format: YYYY-MM-dd\n");
        assertThat(error("x.yaml")).endsWith(" line 3: date_format 'YYYY-MM-dd': Y is the week-based year; the year is y");

        write("x.yaml", "source: kgh\nrole: apc_admissions\ntimestamp_format: dd/MM/yyyy HH:MM\n");
        assertThat(error("x.yaml")).endsWith(" line 3: timestamp_format 'dd/MM/yyyy HH:MM' has hours but no minutes "
                + "(mm is minutes, MM months)");
    }

    @Test
    void a_value_mapped_onto_a_code_that_is_not_canonical() throws Exception {
        write("x.yaml", "source: kgh\nrole: apc_admissions\nvalues:\n  sex:\n    M: male\n");
        assertThat(error("x.yaml")).endsWith(" line 5: values: sex: 'M' maps onto 'male', which is not a code of the "
                + "sex list (1, 2, 9, 0, X)");

        write("x.yaml", "source: kgh\nrole: apc_discharges\nvalues:\n  delay_reason:\n    WAIT: awaiting_godot\n");
        assertThat(error("x.yaml")).contains(" line 5: values: delay_reason: 'WAIT' maps onto 'awaiting_godot', which is "
                + "neither a code nor a category of the delay reason mapping (codes A, B, C, D");

        write("x.yaml", "source: nnc\nrole: social_care_events\nvalues:\n  service_type:\n    Reablement: ST-Max\n");
        assertThat(error("x.yaml")).contains(" line 5: values: service_type: 'Reablement' maps onto 'ST-Max', which is "
                + "not a code of the service_type list");

        write("x.yaml", "source: kgh\nrole: apc_admissions\nvalues:\n  admission_date:\n    today: 2022-01-01\n");
        assertThat(error("x.yaml")).endsWith(" line 4: values: admission_date is a date; describe how it is written "
                + "with date_format instead");
    }

    @Test
    void values_of_a_coded_field_match_ignoring_punctuation_others_only_case_and_spaces() throws Exception {
        // a coded field: the source's spellings are compared as codes are (docs/code-lists.md), so two spellings
        // that differ only in punctuation are one value
        write("x.yaml", "source: nnc\nrole: social_care_events\nvalues:\n  service_component:\n"
                + "    Dom-Care: Home Care\n    dom care: Home Care\n");
        assertThat(error("x.yaml")).contains("values: service_component: 'Dom-Care' and 'dom care' are the same value "
                + "(values match case-insensitively, ignoring repeated spaces and punctuation)");
        write("x.yaml", "source: nnc\nrole: social_care_events\npattern: nnc/*\nvalues:\n  service_component:\n"
                + "    Dom-Care: Home Care\n");
        assertThat(load().bySource("nnc").orElseThrow().values().get("service_component"))
                .containsExactly(Map.entry("dom care", "Home Care"));
        // without a list punctuation may be all that tells two source codes apart
        write("x.yaml", "source: kgh\nrole: apc_discharges\npattern: kgh/*\nvalues:\n  delay_reason:\n"
                + "    \"A.1\": A\n    A1: B\n");
        assertThat(load().bySource("kgh").orElseThrow().values().get("delay_reason"))
                .containsExactly(Map.entry("a.1", "A"), Map.entry("a1", "B"));
    }

    @Test
    void a_postcode_cannot_be_mapped() throws Exception {
        // a mapping would write postcodes in clear in the descriptor and in its error messages
        write("x.yaml", "source: nnc\nrole: social_care_events\nvalues:\n  postcode:\n    X: NN1 1AA\n");
        assertThat(error("x.yaml")).endsWith(" line 4: values: postcode is a postcode and cannot be mapped");
    }

    @Test
    void a_value_mapping_file_next_to_the_descriptor() throws Exception {
        write("kgh_delays.csv", "# source: the trust's delay codes\nsource_value,canonical_value\nD1,A\nD2,awaiting_funding\n");
        write("x.yaml", "source: kgh\nrole: apc_discharges\npattern: kgh/*\nvalues:\n  delay_reason: kgh_delays.csv\n");
        assertThat(load().bySource("kgh").orElseThrow().values().get("delay_reason"))
                .containsExactly(Map.entry("d1", "A"), Map.entry("d2", "B"));

        write("kgh_delays.csv", "source_value,canonical_value\nD1,A\nD9,awaiting_bus\n");
        assertThat(error("x.yaml")).contains(" line 5: values: delay_reason: " + dir.resolve("kgh_delays.csv")
                + " data row 2: 'D9' maps onto 'awaiting_bus', which is neither a code nor a category");
    }

    @Test
    void the_other_mistakes_each_named_with_file_and_line() throws Exception {
        write("x.yaml", "source: kgh\nrole: apc_admissions\ncolums:\n  A: spell_id\n");
        assertThat(error("x.yaml")).endsWith(" line 3: unknown key 'colums'; a descriptor has source, role, description, "
                + "format, pattern, columns, date_format, timestamp_format, values, reject_threshold, profile, derive, never_show, "
                + "nhs_number, also, split, submitted_at");

        write("x.yaml", "role: apc_admissions\n");
        assertThat(error("x.yaml")).endsWith(" line 1: source: is missing");

        // two columns onto one field are alternative spellings now (ProfilesTest); a file with both is refused there

        write("x.yaml", "source: kgh\nrole: apc_admissions\nformat: xlsx\n");
        assertThat(error("x.yaml")).endsWith(" line 3: format 'xlsx' is not one of csv, csv.gz, avro, parquet");

        write("x.yaml", "source: kgh\nrole: apc_admissions\nreject_threshold: 5\n");
        assertThat(error("x.yaml")).endsWith(" line 3: reject_threshold '5' must be a share between 0 and 1 (0.05 is 5 %)");

        write("x.yaml", "source: kgh\nrole: apc_admissions\npattern: \"rwe/{a,b\"\n");
        assertThat(error("x.yaml")).endsWith(" line 3: the pattern 'rwe/{a,b' has a '{' without its '}'");

        write("x.yaml", "source: kgh\nrole: apc_admissions\ncolumns:\n  A: spell_id\n   B: x\n");
        assertThat(error("x.yaml")).contains(" line 5: not valid YAML");

        write("x.yaml", "source: KGH Admissions\nrole: apc_admissions\n");
        assertThat(error("x.yaml")).contains(" line 1: source 'KGH Admissions' must be lower case letters, digits and _");
    }

    @Test
    void two_descriptors_with_one_source_id_or_both_claiming_every_file() throws Exception {
        write("a.yaml", "source: kgh\nrole: apc_admissions\npattern: \"kgh/**\"\n");
        write("b.yaml", "source: kgh\nrole: apc_discharges\npattern: \"kgh/**\"\n");
        assertThat(error("b.yaml")).endsWith(": source 'kgh' is already described by " + dir.resolve("a.yaml")
                + "; every source needs its own id");
        Files.delete(dir.resolve("b.yaml"));

        write("a.yaml", "source: kgh\nrole: apc_admissions\n");
        assertThat(error("a.yaml")).contains("descriptor kgh (" + dir.resolve("a.yaml") + ") and built-in descriptor "
                + "apc_admissions (bedflow.jar!/feeds/apc_admissions.yaml) both claim every file of apc_admissions/");

        write("a.yaml", "source: apc_admissions\nrole: apc_discharges\n");
        assertThat(error("a.yaml")).endsWith(": source 'apc_admissions' is the id of the built-in descriptor of role "
                + "apc_admissions; a descriptor replacing it must keep role apc_admissions (or use another source id)");
    }

    @Test
    void a_missing_descriptor_folder() {
        assertThatThrownBy(() -> FeedDescriptors.load(dir.resolve("nope"), DTOC))
                .isInstanceOf(FeedDescriptorException.class)
                .hasMessageContaining("nope (bedflow.feeds-dir) does not exist");
    }

    @Test
    void globs() {
        assertThat(Glob.of("rwe/*.csv").matches("rwe/RWE_2022.CSV")).as("case-insensitive").isTrue();
        assertThat(Glob.of("rwe/*.csv").matches("rwe/old/RWE_2021.csv")).as("* stays in its folder").isFalse();
        assertThat(Glob.of("rwe/**").matches("rwe/old/RWE_2021.csv")).isTrue();
        assertThat(Glob.of("**/*.avro").matches("x.avro")).as("**/ also matches the top").isTrue();
        assertThat(Glob.of("RWE_{APC,DIS}_?.csv").matches("RWE_DIS_1.csv")).isTrue();
        assertThat(Glob.of("[!x]*.csv").matches("x1.csv")).isFalse();
        assertThatThrownBy(() -> Glob.of("../x.csv")).hasMessageContaining("relative to the role's folder");
    }
}
