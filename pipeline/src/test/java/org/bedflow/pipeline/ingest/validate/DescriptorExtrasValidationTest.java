package org.bedflow.pipeline.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.ingest.validate.RowValidatorTest.RUN_DATE;
import static org.bedflow.pipeline.ingest.validate.RowValidatorTest.admission;
import static org.bedflow.pipeline.ingest.validate.RowValidatorTest.with;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.bedflow.pipeline.descriptor.FeedDescriptor;
import org.bedflow.pipeline.descriptor.FeedDescriptors;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row validator with a descriptor's national-extract rules: listed values first, then the
 * pattern, then the usual checks; episode lists split before anything; a pseudonymised NHS
 * number without Modulus 11; rejects keep the source's own value.
 */
class DescriptorExtrasValidationTest {

    static final String FILE = "apc_admissions/t/test.csv";

    @TempDir
    Path dir;

    FeedDescriptor descriptor(String yaml) throws Exception {
        Files.writeString(dir.resolve("t.yaml"), yaml, StandardCharsets.UTF_8);
        return FeedDescriptors.load(dir, DelayReasons.load(DelayReasons.DEFAULT)).bySource("t").orElseThrow();
    }

    static Map<String, Object> validate(FeedSchema feed, FeedDescriptor d, Map<String, String> raw) {
        List<Object> values = new ArrayList<>();
        feed.fieldNames().forEach(f -> values.add(raw.get(f)));
        values.add(FILE);
        values.add(2L);
        values.add(null);
        values.add(null);
        Row out = new RowValidator(feed, RUN_DATE, null, Map.of(FILE, new RowValidator.SourceFile(d, false)))
                .call(RowFactory.create(values.toArray()));
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
    void listed_values_first_then_the_pattern_then_the_usual_check() throws Exception {
        FeedDescriptor d = descriptor("""
                source: t
                role: apc_admissions
                pattern: "t/**"
                values:
                  admission_method: {"21 - Emergency via A&E": "22", pattern: '^\\s*([0-9A-Z]{1,3})\\s+-\\s'}
                """);
        // listed: the listed target wins over what the pattern would take (21)
        assertThat(validate(Feeds.APC_ADMISSIONS, d, with(admission(), "admission_method", "21 - Emergency via A&E"))
                .get("admission_method")).isEqualTo("22");
        // not listed: the pattern takes the code
        assertThat(validate(Feeds.APC_ADMISSIONS, d, with(admission(), "admission_method", "2A - Emergency, other A&E"))
                .get("admission_method")).isEqualTo("2A");
        // the pattern takes 99, which is no admission method: UNKNOWN_CODE, the row quarantined, the label in raw_json
        var bad = validate(Feeds.APC_ADMISSIONS, d, with(admission(), "admission_method", "99 - Not a method"));
        assertThat(bad.get("issues")).asList().containsExactly("ERROR UNKNOWN_CODE: admission_method '99' is not a code "
                + "of the admission_method list");
        assertThat((String) bad.get("raw_json")).contains("\"admission_method\":\"99 - Not a method\"");
        // no match: unchanged and validated as usual
        assertThat(validate(Feeds.APC_ADMISSIONS, d, with(admission(), "admission_method", "Emergency")).get("issues"))
                .asList().containsExactly("ERROR UNKNOWN_CODE: admission_method 'Emergency' is not a code of the "
                        + "admission_method list");
    }

    @Test
    void episode_lists_and_pseudonymised_nhs_numbers() throws Exception {
        FeedDescriptor d = descriptor("""
                source: t
                role: apc_admissions
                pattern: "t/**"
                nhs_number: pseudonymised
                columns:
                  Der_Diagnosis_All: [primary_diagnosis, secondary_diagnoses]
                split: {primary_diagnosis: first, secondary_diagnoses: rest, procedures: all}
                """);
        var out = validate(Feeds.APC_ADMISSIONS, d, with(admission(), "nhs_number", "PSEUDO-00A1B2C3D4E5",
                "primary_diagnosis", "||J441 ,I10X ,E119||R05X", "secondary_diagnoses", "||J441 ,I10X ,E119||R05X",
                "procedures", "||W3811 ,Z942||X292"));
        assertThat(out.get("issues")).asList().isEmpty();
        assertThat(out.get("nhs_number")).isEqualTo("PSEUDO-00A1B2C3D4E5");
        assertThat(out.get("primary_diagnosis")).isEqualTo("J441");
        assertThat(out.get("secondary_diagnoses")).isEqualTo("I10;E119");
        assertThat(out.get("procedures")).isEqualTo("W3811;Z942");
        // 9434765918 fails Modulus 11 (the check digit of 943476591 is 9): as a token it is accepted
        assertThat(validate(Feeds.APC_ADMISSIONS, d, with(admission(), "nhs_number", "9434765918")).get("nhs_number"))
                .isEqualTo("9434765918");
        // a broken token: INVALID_NHS_NUMBER, a warning (nhs_number is optional on admissions), the row kept
        var broken = validate(Feeds.APC_ADMISSIONS, d, with(admission(), "nhs_number", "0000000000"));
        assertThat(broken.get("nhs_number")).isNull();
        assertThat(broken.get("issues")).asList().singleElement().asString()
                .startsWith("WARNING INVALID_NHS_NUMBER: nhs_number ******0000 is not a pseudonymised NHS number");
        // the same number through a descriptor without the declaration fails Modulus 11
        FeedDescriptor plain = descriptor("source: t\nrole: apc_admissions\npattern: \"t/**\"\ncolumns: {Adm: admission_date}\n");
        assertThat(validate(Feeds.APC_ADMISSIONS, plain, with(admission(), "nhs_number", "9434765918")).get("issues"))
                .asList().singleElement().asString().startsWith("WARNING INVALID_NHS_NUMBER");
    }
}
