package org.bedflow.pipeline.ingest.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ICD-10 normalisation (docs/validation.md): dots and spaces removed, a trailing {@code X} or
 * {@code -} filler dropped, upper case ({@code J44.0 -> J440}, {@code I10X -> I10}).
 * Lists are separated by {@code ;} or {@code |} and stored {@code ;}-separated.
 */
public final class Icd10 {

    private static final Pattern SEPARATORS = Pattern.compile("[;|]");

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

    public static String normaliseList(String codes) {
        if (codes == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String part : SEPARATORS.split(codes)) {
            String n = normalise(part);
            if (n != null) {
                out.add(n);
            }
        }
        return out.isEmpty() ? null : String.join(";", out);
    }
}
