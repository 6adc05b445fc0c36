package org.bedflow.pipeline.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.schema.Feeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The descriptor keys for national extracts (docs/adding-a-feed.md): value extraction by
 * regular expression, one column for several fields, alternative column spellings, SUS
 * episode lists, pseudonymised NHS numbers, a second role, submitted_at from the file name;
 * and the sus-apcs profile, which uses all of them, loaded as an ordinary descriptor.
 */
class NationalExtractKeysTest {

    static final DelayReasons REASONS = DelayReasons.load(DelayReasons.DEFAULT);

    @TempDir
    Path dir;

    Path write(String name, String yaml) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, yaml, StandardCharsets.UTF_8);
        return p;
    }

    static String profile() throws Exception {
        try (InputStream in = NationalExtractKeysTest.class.getClassLoader()
                .getResourceAsStream("feeds/profiles/sus-apcs.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    String loadFailure(String yaml) throws Exception {
        Path p = write("d.yaml", yaml);
        try {
            FeedDescriptors.load(dir, REASONS);
        } catch (FeedDescriptorException e) {
            assertThat(e.getMessage()).startsWith(p.toAbsolutePath().normalize().toString());
            return e.getMessage();
        }
        throw new AssertionError("loaded");
    }

    @Test
    void a_pattern_takes_the_code_out_of_a_labelled_value_and_leaves_other_values_alone() throws Exception {
        write("d.yaml", """
                source: trust
                role: apc_admissions
                pattern: "t/**"
                values:
                  admission_method: {Accident and Emergency: "21", pattern: '^\\s*([0-9A-Z]{2})\\b'}
                """);
        FeedDescriptor d = FeedDescriptors.load(dir, REASONS).bySource("trust").orElseThrow();
        DescriptorExtras x = d.extras();
        assertThat(x.extract("admission_method", "21 - Emergency via A&E")).isEqualTo("21");
        assertThat(x.extract("admission_method", "  2A Emergency, other provider")).isEqualTo("2A");
        // no match: unchanged, validated as usual (then UNKNOWN_CODE)
        assertThat(x.extract("admission_method", "Emergency")).isEqualTo("Emergency");
        // other fields have no expression
        assertThat(x.extract("sex", "21 - x")).isEqualTo("21 - x");
        // the listed value is kept as a listed value, the pattern is not one
        assertThat(d.values().get("admission_method")).containsOnlyKeys("accident and emergency");
        assertThat(d.isPlain()).isFalse();
    }

    @Test
    void a_bad_regular_expression_or_one_without_a_group_is_refused_with_file_and_line() throws Exception {
        String bad = loadFailure("""
                source: trust
                role: apc_admissions
                pattern: "t/**"
                values:
                  admission_method:
                    pattern: "^([0-9]{2}"
                """);
        assertThat(bad).contains("line 6: values: admission_method: pattern '^([0-9]{2}' is not a valid regular expression");
        String noGroup = loadFailure("""
                source: trust
                role: apc_admissions
                pattern: "t/**"
                values:
                  admission_method: {pattern: "^[0-9]{2}"}
                """);
        assertThat(noGroup).contains("line 5: values: admission_method: pattern '^[0-9]{2}' has no group");
    }

    @Test
    void sus_episode_lists_give_the_first_episodes_primary_other_and_all_codes() {
        String all = "||J441 ,I10X ,E119||R05X";
        assertThat(DescriptorExtras.splitEpisodes(all, "first")).isEqualTo("J441");
        assertThat(DescriptorExtras.splitEpisodes(all, "rest")).isEqualTo("I10X;E119");
        assertThat(DescriptorExtras.splitEpisodes(all, "all")).isEqualTo("J441;I10X;E119");
        // spaces anywhere, no leading ||, a single code
        assertThat(DescriptorExtras.splitEpisodes("  J18.9,  I10X ", "rest")).isEqualTo("I10X");
        assertThat(DescriptorExtras.splitEpisodes("||R55X", "rest")).isNull();
        assertThat(DescriptorExtras.splitEpisodes("||R55X", "first")).isEqualTo("R55X");
        assertThat(DescriptorExtras.splitEpisodes("|| ||", "first")).isNull();
        // procedures: the first episode's, primary first
        assertThat(DescriptorExtras.splitEpisodes("||W3811 ,Z942||X292", "all")).isEqualTo("W3811;Z942");
    }

    @Test
    void pseudonymised_identifiers_have_no_check_digit_but_broken_values_are_refused() {
        // 9434765918 fails Modulus 11 as an NHS number; as a token it is fine
        assertThat(PseudonymisedId.normalise("9434765918")).isEqualTo("9434765918");
        assertThat(PseudonymisedId.normalise(" PSEUDO-B5B5CB68FFDC ")).isEqualTo("PSEUDO-B5B5CB68FFDC");
        assertThat(PseudonymisedId.normalise("a3F+/9x=")).isEqualTo("a3F+/9x=");
        assertThat(PseudonymisedId.normalise("0000000000")).isNull();
        assertThat(PseudonymisedId.normalise("NULL")).isNull();
        assertThat(PseudonymisedId.normalise("abc")).isNull();
        assertThat(PseudonymisedId.normalise("PSEUDO 123")).isNull();
        assertThat(PseudonymisedId.normalise("")).isNull();
    }

    @Test
    void the_sus_apcs_profile_loads_as_an_ordinary_descriptor() throws Exception {
        write("sus.yaml", profile());
        FeedDescriptors all = FeedDescriptors.load(dir, REASONS);
        FeedDescriptor d = all.bySource("sus_apcs").orElseThrow();
        assertThat(d.role()).isEqualTo(Feeds.APC_ADMISSIONS);
        assertThat(d.extras().alsoRole()).isEqualTo("apc_discharges");
        assertThat(d.extras().alsoRowsWith()).isEqualTo("discharge_date");
        assertThat(d.extras().pseudonymised()).isTrue();
        assertThat(d.extras().submittedAtFromFileName()).isTrue();
        assertThat(d.columns()).containsEntry("primary_diagnosis", "Der_Diagnosis_All ?")
                .containsEntry("secondary_diagnoses", "Der_Diagnosis_All ?")
                .containsEntry("spell_id", "APCS_Ident | Der_Spell_ID");
        assertThat(FeedDescriptor.alternatives("Discharge_Ready_Date | Hospital_Provider_Spell_Discharge_Ready_Date ?"))
                .containsExactly("Discharge_Ready_Date", "Hospital_Provider_Spell_Discharge_Ready_Date");
        // infants: 7001-7007 are ages in days or months, age 0
        assertThat(d.values().get("age_on_admission")).containsEntry("7001", "0").containsEntry("7007", "0");
        // SQL Server dates with and without a time of day
        assertThat(d.dateFormat().parseDate("2024-05-01")).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(d.dateFormat().parseDate("2024-05-01 00:00:00.000")).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(d.dateFormat().parseDate("2024-02-30")).isNull();

        // the file's own spellings: the first alternative the header has; unknown columns are the unmapped ones;
        // columns marked ? (LSOA, GP practice, procedures, ...) may be absent, as in DHSC's cut of SUS
        List<String> header = List.of("Der_Spell_ID", "Der_Pseudo_NHS_Number", "Der_Provider_Code",
                "Age_At_CDS_Activity_Date", "Sex", "Admission_Date", "Admission_Method", "Der_Diagnosis_All",
                "Discharge_Date", "Discharge_Method", "Discharge_Destination", "Discharge_Ready_Date", "Ethnic_Group");
        FeedDescriptor.Columns adm = d.resolve(header, "apc_admissions/sus/x_2025-04-01.csv");
        int primary = Feeds.APC_ADMISSIONS.fieldNames().indexOf("primary_diagnosis");
        int secondary = Feeds.APC_ADMISSIONS.fieldNames().indexOf("secondary_diagnoses");
        assertThat(adm.columnOf()[primary]).isEqualTo(7).isEqualTo(adm.columnOf()[secondary]);
        assertThat(adm.columnOf()[Feeds.APC_ADMISSIONS.fieldNames().indexOf("spell_id")]).isZero();
        assertThat(adm.columnOf()[Feeds.APC_ADMISSIONS.fieldNames().indexOf("age_on_admission")]).isEqualTo(3);
        assertThat(adm.columnOf()[Feeds.APC_ADMISSIONS.fieldNames().indexOf("lsoa_code")]).isEqualTo(-1);
        // a column without ? must be there: Sex
        assertThatThrownBy(() -> d.resolve(header.subList(0, 4), "apc_admissions/sus/y.csv"))
                .hasMessageContaining("has no column 'Sex' (sex)");
        // the discharge columns are the other role's, not unknown
        assertThat(adm.unknown()).containsExactly("Ethnic_Group");
        FeedDescriptor.Columns dis = d.resolveAs(Feeds.APC_DISCHARGES, header, "apc_admissions/sus/x_2025-04-01.csv", true);
        assertThat(dis.columnOf()[Feeds.APC_DISCHARGES.fieldNames().indexOf("discharge_date")]).isEqualTo(8);
        // no submitted_at column: stamped from the file name, so not a missing required column
        assertThat(dis.columnOf()[Feeds.APC_DISCHARGES.fieldNames().indexOf("submitted_at")]).isEqualTo(-1);
    }

    @Test
    void a_field_of_neither_role_and_a_second_role_without_its_field_are_refused() throws Exception {
        assertThat(loadFailure("""
                source: sus
                role: apc_admissions
                pattern: "sus/**"
                also: {role: apc_discharges, rows_with: discharged}
                """)).contains("line 4: also: rows_with 'discharged' is not a field of apc_discharges");
        assertThat(loadFailure("""
                source: sus
                role: apc_admissions
                pattern: "sus/**"
                columns:
                  Der_Diagnosis_All: [primary_diagnosis, discharge_date]
                """)).contains("line 5: columns: 'Der_Diagnosis_All' maps onto 'discharge_date', which is not a field of "
                + "apc_admissions");
        assertThat(loadFailure("""
                source: sus
                role: apc_admissions
                pattern: "sus/**"
                nhs_number: tokens
                """)).contains("line 4: nhs_number 'tokens' must be nhs (real NHS numbers, the default) or pseudonymised");
        assertThat(loadFailure("""
                source: sus
                role: apc_admissions
                pattern: "sus/**"
                split: {primary_diagnosis: second}
                """)).contains("line 4: split: primary_diagnosis: 'second' must be one of first, rest, all");
    }

    @Test
    void the_date_in_a_file_name_is_the_last_valid_one_and_is_written_in_the_timestamp_format() {
        assertThat(org.bedflow.pipeline.descriptor.TemporalFormat.defaultTimestamp()
                .formatTimestamp(LocalDateTime.of(2025, 4, 1, 0, 0))).isEqualTo("2025-04-01T00:00:00");
        assertThat(TemporalFormat.timestamp("dd/MM/yyyy HH:mm").formatTimestamp(LocalDateTime.of(2025, 4, 1, 0, 0)))
                .isEqualTo("01/04/2025 00:00");
    }
}
