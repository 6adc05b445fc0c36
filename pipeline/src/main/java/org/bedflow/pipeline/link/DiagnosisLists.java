package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.bedflow.pipeline.schema.columns.ApcAdmissionsColumns.PRIMARY_DIAGNOSIS;
import static org.bedflow.pipeline.schema.columns.ApcAdmissionsColumns.SECONDARY_DIAGNOSES;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.spark.sql.Column;
import org.bedflow.pipeline.reference.ReferenceFiles;

/**
 * The ICD-10 code lists of docs/code-lists.md as Column predicates on the normalised codes
 * (prefix match: {@code J44} matches {@code J440}; {@code E100} matches only E100...).
 * Lists live in {@code reference/icd10/*.csv} with their source line.
 */
public final class DiagnosisLists {

    /** chronic ACSC prefixes other than J20, which counts only with a COPD secondary */
    static final String J20 = "J20";
    private static final String COPD_SECONDARY = "(^|;)(J4[1-4]|J47)";
    /** falls: primary injury S00-T98, external cause W00-W19 in a secondary position */
    private static final String INJURY_PRIMARY = "^(S[0-9]{2}|T[0-8][0-9]|T9[0-8])";
    private static final String FALL_SECONDARY = "(^|;)W(0[0-9]|1[0-9])";

    private DiagnosisLists() {
    }

    public static List<String> prefixes(String list) {
        return ReferenceFiles.bundled("icd10/" + list + ".csv").stream().map(r -> r.get("prefix")).toList();
    }

    static String anchoredAlternation(List<String> prefixes) {
        return prefixes.stream().sorted().collect(Collectors.joining("|", "^(", ")"));
    }

    private static Column primary() {
        return coalesce(col(PRIMARY_DIAGNOSIS), lit(""));
    }

    private static Column secondaries() {
        return coalesce(col(SECONDARY_DIAGNOSES), lit(""));
    }

    /** primary diagnosis in the chronic ACSC list, J20 only with a secondary J41-J44 or J47 */
    public static Column chronicAcsc() {
        List<String> others = prefixes("chronic_acsc").stream().filter(p -> !p.equals(J20)).toList();
        return primary().rlike(anchoredAlternation(others))
                .or(primary().startsWith(J20).and(secondaries().rlike(COPD_SECONDARY)));
    }

    public static Column acuteAcsc() {
        return primary().rlike(anchoredAlternation(prefixes("acute_acsc")));
    }

    /** primary S00-T98 and any secondary W00-W19 (age and emergency are checked by the caller) */
    public static Column fall() {
        return primary().rlike(INJURY_PRIMARY).and(secondaries().rlike(FALL_SECONDARY));
    }

    /** codes of a group of {@code reference/codes/admission_method.csv}, e.g. emergency */
    public static List<String> admissionMethods(String group) {
        return ReferenceFiles.bundled("codes/admission_method.csv").stream()
                .filter(r -> r.get("group").equals(group)).map(r -> r.get("code")).toList();
    }

}
