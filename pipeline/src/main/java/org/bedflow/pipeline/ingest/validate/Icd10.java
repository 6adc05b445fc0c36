package org.bedflow.pipeline.ingest.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ICD-10 normalisation (docs/validation.md): dots and spaces removed, a trailing {@code X} or
 * {@code -} filler dropped, upper case ({@code J44.0 -> J440}, {@code I10X -> I10}).
 * Diagnosis lists are separated by {@code ;} or {@code |} and stored {@code ;}-separated.
 *
 * <p>OPCS-4 procedure codes (apc_admissions {@code procedures}) are normalised the same
 * way ({@code K40.1 -> K401}); their lists may also be separated by {@code ,}
 * ({@link #PROCEDURE_SEPARATORS}).
 */
public final class Icd10 {

    /** what separates the codes of a diagnosis list: {@code ;} or {@code |} */
    private static final Pattern SEPARATORS = Pattern.compile("[;|]");
    /** what separates the codes of a procedure list: {@code ;}, {@code |} or {@code ,} */
    public static final Pattern PROCEDURE_SEPARATORS = Pattern.compile("[;|,]");

    /** a normalised ICD-10 code: a letter, two digits, then up to four letters or digits (4th+ characters, dagger/asterisk marks) */
    private static final Pattern ICD10 = Pattern.compile("[A-Z][0-9]{2}[0-9A-Z]{0,4}[*+†]?");
    /** a normalised OPCS-4 code: a letter, two or three digits, then up to two letters or digits */
    private static final Pattern OPCS4 = Pattern.compile("[A-Z][0-9]{2,3}[0-9A-Z]{0,2}");
    static final String ICD10_SHAPE = "an ICD-10 code (a letter and two digits, e.g. J18 or J44.0)";
    static final String OPCS4_SHAPE = "an OPCS-4 code (a letter and three digits, e.g. K40.1)";

    private Icd10() {
    }

    /** The first code of a normalised code or {@code ;}-list that does not have the shape of its classification; null when all do. */
    static String firstMisshapen(String codes, boolean opcs4) {
        if (codes == null) {
            return null;
        }
        for (String c : codes.split(";")) {
            if (!(opcs4 ? OPCS4 : ICD10).matcher(c).matches()) {
                return c;
            }
        }
        return null;
    }

    public static String normalise(String code) {
        if (code == null) {
            return null;
        }
        String c = code.replace(".", "").replace(" ", "").toUpperCase(Locale.ROOT);
        while (c.length() > 3 && (c.endsWith("X") || c.endsWith("-"))) {
            c = c.substring(0, c.length() - 1);
        }
        return c.isEmpty() ? null : c;
    }

    /** A diagnosis list: codes separated by {@link #SEPARATORS}, each normalised; null when none is left. */
    public static String normaliseList(String codes) {
        return normaliseList(codes, SEPARATORS);
    }

    /** Codes separated by {@code separators}, each normalised, joined by {@code ;}; null when none is left. */
    public static String normaliseList(String codes, Pattern separators) {
        if (codes == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String part : separators.split(codes)) {
            String n = normalise(part);
            if (n != null) {
                out.add(n);
            }
        }
        return out.isEmpty() ? null : String.join(";", out);
    }
}
