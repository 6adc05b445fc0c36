package org.bedflow.pipeline.reference;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A code list of {@code reference/codes/<name>.csv} (column {@code code}, one row per
 * canonical value). Matching is case-insensitive and ignores surrounding and repeated
 * spaces (docs/code-lists.md), and answers with the canonical spelling: {@code "home  care"} is
 * {@code Home Care}, {@code "x"} is {@code X}.
 */
public final class CodeLists implements Serializable {

    private final String name;
    /** normalised spelling -> canonical value, in file order */
    private final Map<String, String> canonical;

    private CodeLists(String name, Map<String, String> canonical) {
        this.name = name;
        this.canonical = canonical;
    }

    public static CodeLists bundled(String name) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map<String, String> row : ReferenceFiles.bundled("codes/" + name + ".csv")) {
            String code = row.get("code");
            m.put(normalise(code), code);
        }
        return new CodeLists(name, Collections.unmodifiableMap(m));
    }

    /** Trimmed, inner runs of white space made one space, lower case: the form values are compared in. */
    public static String normalise(String value) {
        // by hand rather than a regular expression: this runs for every coded value of every row
        StringBuilder b = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    public String name() {
        return name;
    }

    /** The canonical value for {@code value}, or null when it is not on the list. */
    public String canonical(String value) {
        return value == null ? null : canonical.get(normalise(value));
    }

    public List<String> codes() {
        return List.copyOf(canonical.values());
    }
}
