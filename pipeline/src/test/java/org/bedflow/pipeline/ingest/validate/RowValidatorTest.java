package org.bedflow.pipeline.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.bedflow.pipeline.reference.CodeLists;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.junit.jupiter.api.Test;

/**
 * docs/validation.md "Field by field", one raw record at a time: the typed values a row
 * gets and every issue with its severity. A problem with a required field is an ERROR; with
 * an optional field a WARNING and the value is left out.
 */
class RowValidatorTest {

    static final LocalDate RUN_DATE = LocalDate.of(2022, 4, 1);

    /** A valid admission in the raw text of a CSV extract. */
    static Map<String, String> admission() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("provider_code", "RNS");
        m.put("spell_id", "S1");
        m.put("nhs_number", "943 476 5919");
        m.put("age_on_admission", "70");
        m.put("sex", "1");
        m.put("residence_lad_code", "E07000154");
        m.put("admission_date", "2021-05-01");
        m.put("admission_method", "21");
        m.put("primary_diagnosis", "J44.0");
        m.put("secondary_diagnoses", "I10X|e11.9 ; W19-");
        m.put("submitted_at", "2021-05-02T02:00:00");
        return m;
    }

    static Map<String, String> event() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("la_code", "E06000062");
        m.put("event_id", "EV1");
        m.put("person_id", "WNC-0000001");
        m.put("nhs_number", "9434765919");
        m.put("age", "80");
        m.put("event_type", "service");
        m.put("event_start_date", "2021-05-10");
        m.put("service_type", "long term support:  COMMUNITY");
        m.put("service_component", "home care");
        m.put("submitted_at", "2022-04-01T01:00:00");
        return m;
    }

    static Map<String, String> with(Map<String, String> base, String... kv) {
        Map<String, String> m = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The validated row as field -> value, plus "issues" -> list of "SEVERITY CODE: message". */
    static Map<String, Object> validate(FeedSchema feed, Map<String, String> raw) {
        List<Object> values = new ArrayList<>();
        feed.fieldNames().forEach(f -> values.add(raw.get(f)));
        values.add(feed.name() + "/test.csv");
        values.add(2L);
        values.add(null);
        values.add(null);
        Row out = new RowValidator(feed, RUN_DATE, Set.of("A", "B", "E")).call(RowFactory.create(values.toArray()));
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < feed.fields().size(); i++) {
            m.put(feed.fieldNames().get(i), out.get(i));
        }
        int n = feed.fields().size();
        m.put("raw_json", out.get(n + 2));
        List<String> issues = new ArrayList<>();
        scala.jdk.javaapi.CollectionConverters.asJava(out.<Row>getSeq(n + 4))
                .forEach(i -> issues.add(i.getString(0) + " " + i.getString(1) + ": " + i.getString(2)));
        m.put("issues", issues);
        return m;
    }

    @Test
    void a_valid_admission_is_typed_and_normalised() {
        var out = validate(Feeds.APC_ADMISSIONS, admission());
        assertThat(out.get("issues")).asList().isEmpty();
        assertThat(out.get("nhs_number")).isEqualTo("9434765919");
        assertThat(out.get("age_on_admission")).isEqualTo(70);
        assertThat(out.get("admission_date")).isEqualTo(Date.valueOf("2021-05-01"));
        // J44.0 -> J440; I10X -> I10; e11.9 -> E119; W19- -> W19; '|' and ';' both separate
        assertThat(out.get("primary_diagnosis")).isEqualTo("J440");
        assertThat(out.get("secondary_diagnoses")).isEqualTo("I10;E119;W19");
        assertThat(out.get("submitted_at")).isEqualTo(Timestamp.from(Instant.parse("2021-05-02T02:00:00Z")));
        assertThat(out.get("raw_json")).as("raw values are kept only for rows with an issue").isNull();
    }

    @Test
    void timestamps_with_an_offset_are_converted_to_utc_and_a_space_may_stand_for_the_t() {
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "submitted_at", "2021-05-02T03:00:00+01:00"))
                .get("submitted_at")).isEqualTo(Timestamp.from(Instant.parse("2021-05-02T02:00:00Z")));
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "submitted_at", "2021-05-02 02:00:00"))
                .get("submitted_at")).isEqualTo(Timestamp.from(Instant.parse("2021-05-02T02:00:00Z")));
    }

    @Test
    void enumerated_strings_match_case_insensitively_ignoring_repeated_spaces() {
        var out = validate(Feeds.SOCIAL_CARE_EVENTS, event());
        assertThat(out.get("issues")).asList().isEmpty();
        assertThat(out.get("event_type")).isEqualTo("Service");
        assertThat(out.get("service_type")).isEqualTo("Long Term Support: Community");
        assertThat(out.get("service_component")).isEqualTo("Home Care");
    }

    @Test
    void every_required_field_problem_is_an_error_the_first_in_field_order_named_first() {
        var out = validate(Feeds.APC_ADMISSIONS, with(admission(), "age_on_admission", "seventy-two",
                "admission_date", "", "admission_method", "27"));
        assertThat(out.get("issues")).asList().containsExactly(
                "ERROR BAD_NUMBER: age_on_admission 'seventy-two' is not a whole number",
                "ERROR MISSING_REQUIRED: admission_date is empty but required",
                "ERROR UNKNOWN_CODE: admission_method '27' is not a code of the admission_method list");
    }

    @Test
    void dates_must_exist_and_not_be_after_the_run_date() {
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "admission_date", "2021-02-30")).get("issues"))
                .asList().containsExactly("ERROR BAD_DATE: admission_date '2021-02-30' is not a date (yyyy-MM-dd)");
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "admission_date", "12/10/2021")).get("issues"))
                .asList().singleElement().asString().startsWith("ERROR BAD_DATE");
        // the run date itself is allowed, the day after is not
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "admission_date", "2022-04-01")).get("issues"))
                .asList().isEmpty();
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "admission_date", "2022-04-02")).get("issues"))
                .asList().containsExactly("ERROR FUTURE_DATE: admission_date 2022-04-02 is after the run date 2022-04-01");
    }

    @Test
    void ages_outside_0_to_120_are_out_of_range() {
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "age_on_admission", "120")).get("issues")).asList().isEmpty();
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "age_on_admission", "121")).get("issues"))
                .asList().containsExactly("ERROR AGE_OUT_OF_RANGE: age_on_admission 121 is outside 0-120");
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "age_on_admission", "-1")).get("issues"))
                .asList().singleElement().asString().startsWith("ERROR AGE_OUT_OF_RANGE");
    }

    @Test
    void an_invalid_nhs_number_is_a_warning_and_the_row_is_kept_unlinkable() {
        var out = validate(Feeds.APC_ADMISSIONS, with(admission(), "nhs_number", "9990000140"));
        assertThat(out.get("nhs_number")).isNull();
        assertThat(out.get("issues")).asList().containsExactly("WARNING INVALID_NHS_NUMBER: nhs_number ******0140 "
                + "is not a valid NHS number (10 digits, Modulus 11 check); the row is kept but cannot be linked");
        assertThat((String) out.get("raw_json")).contains("\"nhs_number\":\"******0140\"").doesNotContain("9990000140");
    }

    @Test
    void on_the_opt_out_list_an_invalid_number_is_an_error() {
        var out = validate(Feeds.OPT_OUTS, Map.of("nhs_number", "9990000140"));
        assertThat(out.get("issues")).asList().singleElement().asString().startsWith("ERROR INVALID_NHS_NUMBER");
    }

    @Test
    void optional_fields_with_unknown_codes_or_bad_forms_are_left_out_with_a_warning() {
        var out = validate(Feeds.APC_ADMISSIONS, with(admission(), "residence_lad_code", "Northampton"));
        assertThat(out.get("residence_lad_code")).isNull();
        assertThat(out.get("issues")).asList().containsExactly("WARNING BAD_FORMAT: residence_lad_code 'Northampton' "
                + "does not have the form ^E0[6-9][0-9]{6}$; the value is left out");
        var event = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "service_component", "Spa"));
        assertThat(event.get("service_component")).isNull();
        assertThat(event.get("issues")).asList().singleElement().asString().startsWith("WARNING UNKNOWN_CODE");
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "residence_lad_code", "e07000154"))
                .get("residence_lad_code")).as("codes are upper-cased").isEqualTo("E07000154");
    }

    @Test
    void a_required_code_that_is_unknown_is_an_error() {
        var out = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "service_type", "Long Term Support: Spa Break"));
        assertThat(out.get("issues")).asList().containsExactly("ERROR UNKNOWN_CODE: service_type "
                + "'Long Term Support: Spa Break' is not a code of the service_type list");
    }

    @Test
    void request_route_is_required_for_a_request_only() {
        var request = with(event(), "event_type", "Request", "service_type", "", "service_component", "");
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, request).get("issues"))
                .asList().containsExactly("ERROR MISSING_REQUIRED: a Request needs request_route");
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(request, "request_route", "discharge from hospital"))
                .get("issues")).asList().isEmpty();
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "event_type", "Assessment", "service_type", ""))
                .get("issues")).asList().isEmpty();
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "service_type", "")).get("issues"))
                .asList().containsExactly("ERROR MISSING_REQUIRED: a Service needs service_type");
    }

    @Test
    void an_end_before_the_start_is_date_order() {
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "event_end_date", "2021-05-10")).get("issues"))
                .as("ending on the start day is fine").asList().isEmpty();
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "event_end_date", "2021-05-09")).get("issues"))
                .asList().containsExactly("ERROR DATE_ORDER: event_end_date 2021-05-09 is before event_start_date 2021-05-10");
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "event_end_date", "2099-01-01")).get("issues"))
                .as("a planned end after the run date is normal for a care package").asList().isEmpty();
    }

    @Test
    void council_person_ids_never_reach_the_raw_record() {
        var out = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "age", "8O"));
        assertThat((String) out.get("raw_json")).contains("\"age\":\"8O\"").doesNotContain("person_id")
                .doesNotContain("WNC-0000001").contains("******5919");
        assertThat(out.get("person_id")).as("the typed value stays for pseudonymisation").isEqualTo("WNC-0000001");
    }

    @Test
    void a_delay_reason_outside_the_mapping_is_kept_with_a_warning() {
        Map<String, String> d = new LinkedHashMap<>(Map.of("provider_code", "RNS", "spell_id", "S1",
                "discharge_date", "2021-05-10", "discharge_method", "1", "discharge_destination", "19",
                "delay_reason", "Z9", "submitted_at", "2021-05-11T00:00:00"));
        var out = validate(Feeds.APC_DISCHARGES, d);
        assertThat(out.get("delay_reason")).isEqualTo("Z9");
        assertThat(out.get("issues")).asList().singleElement().asString().startsWith("WARNING UNMAPPED_CODE");
        assertThat(validate(Feeds.APC_DISCHARGES, with(d, "delay_reason", "E")).get("issues")).asList().isEmpty();
    }

    /** A valid discharge in the raw text of a CSV extract. */
    static Map<String, String> discharge() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("provider_code", "RNS");
        m.put("spell_id", "S1");
        m.put("discharge_date", "2021-05-10");
        m.put("discharge_method", "1");
        m.put("discharge_destination", "19");
        m.put("delay_reason", "E");
        m.put("submitted_at", "2021-05-11T00:00:00");
        return m;
    }

    @Test
    void the_new_optional_fields_may_be_missing_or_empty_without_an_issue() {
        var out = validate(Feeds.APC_ADMISSIONS, admission());
        assertThat(out.get("issues")).asList().isEmpty();
        for (String f : List.of("patient_classification", "main_specialty_code", "treatment_function_code", "procedures")) {
            assertThat(out.get(f)).as(f).isNull();
        }
        var empty = validate(Feeds.APC_ADMISSIONS, with(admission(), "patient_classification", " ",
                "main_specialty_code", "", "treatment_function_code", "", "procedures", ""));
        assertThat(empty.get("issues")).asList().isEmpty();
        assertThat(empty.get("procedures")).isNull();
        var dis = validate(Feeds.APC_DISCHARGES, discharge());
        assertThat(dis.get("issues")).asList().isEmpty();
        assertThat(dis.get("delay_responsible_sector")).isNull();
    }

    @Test
    void patient_classification_is_a_code_1_to_5_and_another_value_is_left_out_with_a_warning() {
        for (String code : List.of("1", "2", "3", "4", "5")) {
            var out = validate(Feeds.APC_ADMISSIONS, with(admission(), "patient_classification", " " + code + " "));
            assertThat(out.get("issues")).as(code).asList().isEmpty();
            assertThat(out.get("patient_classification")).isEqualTo(code);
        }
        for (String code : List.of("0", "6", "day case")) {
            var out = validate(Feeds.APC_ADMISSIONS, with(admission(), "patient_classification", code));
            assertThat(out.get("patient_classification")).as(code).isNull();
            assertThat(out.get("issues")).asList().containsExactly("WARNING UNKNOWN_CODE: patient_classification '" + code
                    + "' is not a code of the patient_classification list; the value is left out");
        }
    }

    @Test
    void specialty_and_treatment_function_are_3_characters_and_another_form_is_left_out_with_a_warning() {
        for (String f : List.of("main_specialty_code", "treatment_function_code")) {
            assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), f, "300")).get(f)).as(f).isEqualTo("300");
            var lower = validate(Feeds.APC_ADMISSIONS, with(admission(), f, " 50a "));
            assertThat(lower.get("issues")).asList().isEmpty();
            assertThat(lower.get(f)).as("trimmed and upper-cased as other codes").isEqualTo("50A");
            for (String bad : List.of("30", "3000", "30.", "3 0")) {
                var out = validate(Feeds.APC_ADMISSIONS, with(admission(), f, bad));
                assertThat(out.get(f)).as(f + " " + bad).isNull();
                assertThat(out.get("issues")).asList().containsExactly("WARNING BAD_FORMAT: " + f + " '" + bad
                        + "' does not have the form ^[A-Z0-9]{3}$; the value is left out");
            }
        }
    }

    @Test
    void procedures_are_normalised_like_diagnoses_and_may_be_separated_by_semicolon_bar_or_comma() {
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "procedures", "K40.1")).get("procedures"))
                .isEqualTo("K401");
        var out = validate(Feeds.APC_ADMISSIONS, with(admission(), "procedures", "k40.1; Y53.9|Z94 .1 ,x01X"));
        assertThat(out.get("issues")).asList().isEmpty();
        // the primary first, the order kept; each separator splits; stored ';'-separated
        assertThat(out.get("procedures")).isEqualTo("K401;Y539;Z941;X01");
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "procedures", "; |,")).get("procedures"))
                .as("nothing but separators is no procedure").isNull();
        // a comma still does not separate diagnoses: "I10,E11" is one value, and not a code (CodeShapeTest)
        var comma = validate(Feeds.APC_ADMISSIONS, with(admission(), "secondary_diagnoses", "I10,E11"));
        assertThat(comma.get("secondary_diagnoses")).isNull();
        assertThat(comma.get("issues")).asList().singleElement().asString().contains("BAD_FORMAT: secondary_diagnoses");
    }

    @Test
    void delay_responsible_sector_is_nhs_social_care_both_or_other_matched_ignoring_case() {
        for (String[] c : List.of(new String[] {"NHS", "NHS"}, new String[] {"nhs", "NHS"},
                new String[] {" social  CARE ", "Social care"}, new String[] {"both", "Both"}, new String[] {"Other", "Other"})) {
            var out = validate(Feeds.APC_DISCHARGES, with(discharge(), "delay_responsible_sector", c[0]));
            assertThat(out.get("issues")).as(c[0]).asList().isEmpty();
            assertThat(out.get("delay_responsible_sector")).isEqualTo(c[1]);
        }
        for (String bad : List.of("Unknown", "Council", "Social")) {
            var out = validate(Feeds.APC_DISCHARGES, with(discharge(), "delay_responsible_sector", bad));
            assertThat(out.get("delay_responsible_sector")).as(bad).isNull();
            assertThat(out.get("delay_reason")).as("the rest of the row is kept").isEqualTo("E");
            assertThat(out.get("issues")).asList().containsExactly("WARNING UNKNOWN_CODE: delay_responsible_sector '" + bad
                    + "' is not a code of the delay_responsible_sector list; the value is left out");
        }
    }

    @Test
    void the_recordable_sectors_are_those_of_the_delay_reason_mapping_but_unknown() {
        assertThat(CodeLists.bundled("delay_responsible_sector").codes())
                .containsExactlyElementsOf(DelayReasons.REPORTED_SECTORS);
    }

    @Test
    void byte_identical_records_hash_alike_and_any_difference_changes_the_hash() {
        String[] a = {"RNS", "S1", null, "70"};
        String[] b = {"RNS", "S1", null, "70"};
        String[] c = {"RNS", "S1", "", "70"};
        assertThat(RowValidator.hash(a)).isEqualTo(RowValidator.hash(b)).isNotEqualTo(RowValidator.hash(c));
        assertThat(RowValidator.hash(new String[] {"AB", "C"})).isNotEqualTo(RowValidator.hash(new String[] {"A", "BC"}));
    }

    // --- the CLD fields of social care events: event outcome, client type, date of death, postcode

    @Test
    void event_outcomes_of_either_release_are_stored_in_the_one_canonical_wording() {
        // Release 1, Release 2, Release 2 without care for case and spaces: one value
        for (String written : List.of("NFA - Self-funded client (inc. 12wk disregard)",
                "NFA: Self-funded client or under 12wk disregard", "nfa:self-funded client or under 12WK disregard")) {
            var out = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "event_outcome", written));
            assertThat(out.get("issues")).as(written).asList().isEmpty();
            assertThat(out.get("event_outcome")).isEqualTo("NFA: Self-funded client or under 12wk disregard");
        }
        // a Release 1 outcome Release 2 has no place for
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "event_outcome", "Progress to financial assessment"))
                .get("event_outcome")).isEqualTo("Release 1 specification only: Not mapped");
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "client_type", "unpaid carer"))
                .get("client_type")).isEqualTo("Unpaid carer");
    }

    @Test
    void an_unknown_event_outcome_or_client_type_is_left_out_with_a_warning_as_other_optional_codes() {
        var out = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "event_outcome", "Went on holiday", "client_type", "Visitor"));
        assertThat(out.get("event_outcome")).isNull();
        assertThat(out.get("client_type")).isNull();
        assertThat(out.get("service_type")).as("the row is kept").isEqualTo("Long Term Support: Community");
        assertThat(out.get("issues")).asList().containsExactly(
                "WARNING UNKNOWN_CODE: event_outcome 'Went on holiday' is not a code of the event_outcome list; the value is left out",
                "WARNING UNKNOWN_CODE: client_type 'Visitor' is not a code of the client_type list; the value is left out");
    }

    @Test
    void a_service_type_in_release_2_wording_is_the_canonical_code() {
        var out = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "service_type", "Unpaid carer support: Direct to unpaid carer"));
        assertThat(out.get("issues")).asList().isEmpty();
        assertThat(out.get("service_type")).isEqualTo("Carer Support: Direct to Carer");
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "service_type", "Long term support: Residential care"))
                .get("service_type")).isEqualTo("Long Term Support: Residential Care");
    }

    @Test
    void a_date_of_death_after_the_run_date_is_dropped_with_a_warning_and_the_event_kept() {
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "date_of_death", "2022-04-01")).get("date_of_death"))
                .isEqualTo(Date.valueOf("2022-04-01"));
        // a required date after the run date rejects the row; an optional one (a death after the run date cannot be
        // known yet) is a WARNING that drops the date and keeps the event, which is still good data
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "date_of_death", "2022-04-02")).get("issues"))
                .asList().containsExactly("WARNING FUTURE_DATE: date_of_death 2022-04-02 is after the run date 2022-04-01; "
                        + "the date is dropped, the row kept");
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "date_of_death", "2022-04-02")).get("date_of_death"))
                .isNull();
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "date_of_death", "last week")).get("issues"))
                .asList().singleElement().asString().startsWith("WARNING BAD_DATE");
    }

    @Test
    void postcodes_are_stored_upper_case_with_one_space_before_the_last_three_characters() {
        for (String[] c : List.of(new String[] {"nn11aa", "NN1 1AA"}, new String[] {" NN1  1AA ", "NN1 1AA"},
                new String[] {"nn16 0aa", "NN16 0AA"}, new String[] {"W1A1AA", "W1A 1AA"}, new String[] {"m11ae", "M1 1AE"})) {
            var out = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "postcode", c[0]));
            assertThat(out.get("issues")).as(c[0]).asList().isEmpty();
            assertThat(out.get("postcode")).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void a_value_that_is_not_a_uk_postcode_is_left_out_with_a_warning_and_never_shown_in_clear() {
        // not the shape: too short, letters where the inward code has its digit, a house number before it
        for (String bad : List.of("NN1 1A", "NN1 AAA", "12 NN1 1AA", "Northampton")) {
            var out = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "postcode", bad, "age", "8O"));
            assertThat(out.get("postcode")).as(bad).isNull();
            assertThat(out.get("issues")).as(bad).asList().contains(
                    "WARNING BAD_POSTCODE: postcode *** does not have the shape of a UK postcode; the value is left out");
            assertThat((String) out.get("raw_json")).contains("\"postcode\":\"***\"").doesNotContain(bad);
        }
        // a valid postcode in the raw values of a row with another problem: its outward code only
        var out = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "postcode", "nn1 1aa", "age", "8O"));
        assertThat((String) out.get("raw_json")).contains("\"postcode\":\"NN1 ***\"").doesNotContainIgnoringCase("nn1 1aa");
    }

    @Test
    void a_bad_postcode_of_the_geography_postcode_lookup_quarantines_the_row_as_it_is_part_of_the_key() {
        // left out, the postcode row would become an LSOA row of the same LSOA
        var out = validate(Feeds.GEOGRAPHY, Map.of("lsoa_code", "E01027400", "lad_code", "E07000154", "postcode", "NN1 1"));
        assertThat(out.get("issues")).asList().containsExactly(
                "ERROR BAD_POSTCODE: postcode *** does not have the shape of a UK postcode");
        var lsoaRow = validate(Feeds.GEOGRAPHY, Map.of("lsoa_code", "E01027400", "lad_code", "E07000154"));
        assertThat(lsoaRow.get("issues")).as("an LSOA row has no postcode").asList().isEmpty();
    }

    @Test
    void postcodes_and_nhs_numbers_in_a_malformed_line_are_masked() {
        FeedSchema feed = Feeds.SOCIAL_CARE_EVENTS;
        int n = feed.fields().size();
        Object[] raw = new Object[n + 4];
        raw[n] = "social_care_events/c.csv";
        raw[n + 1] = 7L;
        raw[n + 2] = "3 fields instead of 17";
        raw[n + 3] = "E06000062,EV1,943 476 5919,nn1 1ab,\"broken";
        Row out = new RowValidator(feed, RUN_DATE, null).call(RowFactory.create(raw));
        assertThat(out.getString(n + 2)).isEqualTo("{\"_raw_line\":\"E06000062,EV1,******5919,NN1 ***,\\\"broken\"}");
        assertThat(Postcode.maskInText("at NN16 0AA, nn160aa and W1A 1AA; not E01027400 or EV12345"))
                .isEqualTo("at NN16 ***, NN16 *** and W1A ***; not E01027400 or EV12345");
    }

    @Test
    void a_value_that_could_be_an_identifier_is_described_not_echoed_in_a_reason() {
        // a row shifted by a column puts an NHS number, a council person id or a postcode where a number or a code is
        var age = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "age", "9990000522"));
        assertThat(age.get("issues")).asList().containsExactly(
                "ERROR AGE_OUT_OF_RANGE: age (a 10-digit value) is outside 0-120");
        var spaced = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "age", "999 000 0522"));
        assertThat(spaced.get("issues").toString()).doesNotContain("0522").contains("age (a 10-digit value) is not a whole number");
        var service = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "service_type", "NNC-9200002"));
        assertThat(service.get("issues")).asList().containsExactly(
                "ERROR UNKNOWN_CODE: service_type (a value of 11 characters) is not a code of the service_type list");
        var postcode = validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "service_component", "NN1 1AA"));
        assertThat(postcode.get("issues").toString()).doesNotContain("NN1 1AA").contains("(a postcode-shaped value)");
        var shortPostcode = validate(Feeds.APC_ADMISSIONS, with(admission(), "age_on_admission", "nn11aa"));
        assertThat(shortPostcode.get("issues").toString()).doesNotContainIgnoringCase("nn11aa")
                .contains("age_on_admission (a postcode-shaped value) is not a whole number");
        var date = validate(Feeds.APC_ADMISSIONS, with(admission(), "admission_date", "9434765919"));
        assertThat(date.get("issues")).asList().containsExactly(
                "ERROR BAD_DATE: admission_date (a 10-digit value) is not a date (yyyy-MM-dd)");
        // short values and code wording without digits are still shown
        assertThat(validate(Feeds.APC_ADMISSIONS, with(admission(), "age_on_admission", "121")).get("issues").toString())
                .contains("age_on_admission 121 is outside 0-120");
        assertThat(validate(Feeds.SOCIAL_CARE_EVENTS, with(event(), "service_type", "Spa Break")).get("issues").toString())
                .contains("service_type 'Spa Break' is not a code");
    }
}
