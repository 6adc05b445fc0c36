package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.trim;
import static org.bedflow.pipeline.schema.columns.ApcAdmissionsColumns.PROCEDURES;
import static org.bedflow.pipeline.schema.columns.ApcAdmissionsColumns.PRIMARY_DIAGNOSIS;
import static org.bedflow.pipeline.schema.columns.ApcAdmissionsColumns.SECONDARY_DIAGNOSES;

import java.util.List;
import java.util.Map;
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
    /** the condition of chronic_acsc.csv whose admissions the angina procedure exclusion applies to */
    static final String ANGINA = "angina";
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

    /**
     * Primary diagnosis in the chronic ACSC list; J20 only with a secondary J41-J44 or J47;
     * angina (the list's {@code angina} rows: I20, I25) only when the primary procedure is not
     * in the angina procedure exclusion ({@link #anginaProcedureExcluded()}). Needs the columns
     * primary_diagnosis, secondary_diagnoses and procedures.
     */
    public static Column chronicAcsc() {
        List<Map<String, String>> rows = ReferenceFiles.bundled("icd10/chronic_acsc.csv");
        List<String> angina = rows.stream().filter(r -> ANGINA.equals(r.get("condition"))).map(r -> r.get("prefix")).toList();
        List<String> others = rows.stream().map(r -> r.get("prefix"))
                .filter(p -> !p.equals(J20) && !angina.contains(p)).toList();
        return primary().rlike(anchoredAlternation(others))
                .or(primary().startsWith(J20).and(secondaries().rlike(COPD_SECONDARY)))
                .or(primary().rlike(anchoredAlternation(angina)).and(not(anginaProcedureExcluded())));
    }

    /**
     * The spell's primary procedure (the first code of {@code procedures}) is in
     * {@code reference/opcs4/angina_procedure_exclusion.csv}: OPCS-4 chapters A-H, J-T, V, W
     * and X01, X02, X04, X05. False without procedures (null or blank): the exclusion cannot apply.
     */
    public static Column anginaProcedureExcluded() {
        List<String> excluded = ReferenceFiles.bundled("opcs4/angina_procedure_exclusion.csv").stream()
                .map(r -> r.get("prefix")).toList();
        return primaryProcedure().rlike(anchoredAlternation(excluded));
    }

    /** the first code of the normalised {@code ;}-separated procedures, "" when there is none */
    static Column primaryProcedure() {
        return trim(substring_index(coalesce(col(PROCEDURES), lit("")), ";", 1));
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
