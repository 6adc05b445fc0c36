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

    private Icd10() {
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
