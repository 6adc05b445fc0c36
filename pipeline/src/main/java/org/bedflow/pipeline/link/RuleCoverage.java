package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.trim;
import static org.bedflow.pipeline.schema.columns.ApcAdmissionsColumns.PROCEDURES;
import static org.bedflow.pipeline.schema.columns.ApcAdmissionsColumns.TREATMENT_FUNCTION_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.MAIN_SPECIALTY_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PATIENT_CLASSIFICATION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PROVIDER_CODE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which national exclusions could not apply to a provider's spells because the provider's
 * extract never fills a field the rule needs (docs/measures.md: "when the feeds lack the
 * fields for an exclusion, the exclusion cannot apply"). The optional apc fields are:
 * <ul>
 *   <li>{@code patient_classification}: day cases and regular attenders are not readmission
 *       index stays ({@link Readmissions});</li>
 *   <li>{@code main_specialty_code} or {@code treatment_function_code}: maternity by specialty
 *       is not a readmission index or readmission (either field is enough: the rule is
 *       reported only when every one of them the frame has is blank);</li>
 *   <li>{@code procedures}: an angina admission with an excluded primary procedure is not a
 *       chronic ACSC admission ({@link DiagnosisLists#chronicAcsc()}).</li>
 * </ul>
 * A field is missing for a provider when it is null or blank on every one of that provider's
 * spells. Only the fields the given frame has are judged: linked_spells carries
 * patient_classification, main_specialty_code and treatment_function_code but not
 * procedures, so the link step computes the full list on its spells frame (every feed column)
 * and hands it on in its result; on linked_spells alone the angina rule would not be judged
 * at all. Output names providers and
 * fields only, never a person.
 */
public final class RuleCoverage {

    /**
     * @param providerCode the provider whose spells never fill the field(s)
     * @param fields       the field, or the fields joined by " and " when any of them would do
     * @param rule         the exclusion that therefore did not apply, in a sentence
     */
    public record Gap(String providerCode, String fields, String rule) {
    }

    /** a rule and the fields any one of which lets it apply */
    private record Rule(List<String> fields, String sentence) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(List.of(PATIENT_CLASSIFICATION), "readmissions: day cases and regular attenders "
                    + "(patient classification 2, 3, 4) could not be excluded from the index stays"),
            new Rule(List.of(MAIN_SPECIALTY_CODE, TREATMENT_FUNCTION_CODE), "readmissions: maternity by main "
                    + "specialty or treatment function (501, 560) could not be excluded; maternity admission methods "
                    + "(31, 32, 82, 83) still are"),
            new Rule(List.of(PROCEDURES), "chronic ACSC: angina admissions with a primary procedure in the angina "
                    + "procedure exclusion could not be removed"));

    private RuleCoverage() {
    }

    private static String filled(String field) {
        return "_filled_" + field;
    }

    /** The gaps of every provider of {@code spells} (a frame with provider_code and any of the fields), sorted. */
    public static List<Gap> missingFields(Dataset<Row> spells) {
        List<String> have = List.of(spells.columns());
        List<String> fields = RULES.stream().flatMap(r -> r.fields().stream()).filter(have::contains).distinct().toList();
        if (fields.isEmpty()) {
            return List.of();
        }
        Column[] aggs = fields.stream()
                .map(f -> max(coalesce(trim(col(f)).notEqual(""), lit(false))).as(filled(f)))
                .toArray(Column[]::new);
        List<Row> perProvider = spells.groupBy(col(PROVIDER_CODE))
                .agg(aggs[0], Arrays.copyOfRange(aggs, 1, aggs.length)).collectAsList();
        List<Gap> out = new ArrayList<>();
        for (Row r : perProvider) {
            String provider = r.getAs(PROVIDER_CODE);
            for (Rule rule : RULES) {
                List<String> judged = rule.fields().stream().filter(have::contains).toList();
                if (!judged.isEmpty() && judged.stream().noneMatch(f -> Boolean.TRUE.equals(r.getAs(filled(f))))) {
                    out.add(new Gap(provider, String.join(" and ", judged), rule.sentence()));
                }
            }
        }
        out.sort(Comparator.comparing(Gap::providerCode, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Gap::fields));
        return List.copyOf(out);
    }
}
