package org.bedflow.pipeline.reference;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A code list of {@code reference/codes/<name>.csv} (column {@code code}, one row per
 * canonical value; optional column {@code aliases}, other spellings of the row's code separated
 * by {@code |}). Matching is case-insensitive and ignores surrounding and repeated spaces and
 * punctuation ({@link #normalise}, docs/code-lists.md), and answers with the canonical spelling:
 * {@code "home  care"} is {@code Home Care}, {@code "NFA - Deceased"} is {@code NFA: Deceased},
 * {@code "NFA - Self-funded client (inc. 12wk disregard)"} (an alias) is
 * {@code NFA: Self-funded client or under 12wk disregard}.
 */
public final class CodeLists implements Serializable {

    /** the optional column of other spellings, {@code |}-separated */
    public static final String ALIASES = "aliases";

    private final String name;
    /** normalised spelling (of a code or an alias) -> canonical value */
    private final Map<String, String> canonical;
    /** the canonical values, in file order */
    private final List<String> codes;

    private CodeLists(String name, Map<String, String> canonical, List<String> codes) {
        this.name = name;
        this.canonical = canonical;
        this.codes = codes;
    }

    /**
     * @throws IllegalArgumentException when two codes, or an alias and another row's code, are the same
     *                                  after {@link #normalise}: the list could not say which one a value is
     */
    public static CodeLists bundled(String name) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> codes = new ArrayList<>();
        for (Map<String, String> row : ReferenceFiles.bundled("codes/" + name + ".csv")) {
            String code = row.get("code");
            codes.add(code);
            LinkedHashSet<String> spellings = new LinkedHashSet<>();
            spellings.add(code);
            String aliases = row.get(ALIASES);
            if (aliases != null && !aliases.isBlank()) {
                for (String a : aliases.split("\\|")) {
                    if (!a.isBlank()) {
                        spellings.add(a.trim());
                    }
                }
            }
            for (String s : spellings) {
                String key = normalise(s);
                String before = m.putIfAbsent(key, code);
                if (key.isEmpty() || (before != null && !before.equals(code))) {
                    throw new IllegalArgumentException("code list " + name + ": '" + s + "' of " + code
                            + (key.isEmpty() ? " has no letter or digit" : " is the same value as " + before)
                            + " once case, spaces and punctuation are ignored");
                }
            }
        }
        return new CodeLists(name, Collections.unmodifiableMap(m), List.copyOf(codes));
    }

    /**
     * The form coded values are compared in: lower case, every character that is not a letter
     * or a digit a separator, runs of separators one space, trimmed. So the CLD releases'
     * punctuation differences vanish: {@code "Long Term Support: Residential Care"},
     * {@code "long term support - residential care"} and {@code "Long term support:Residential care"}
     * are all {@code "long term support residential care"}.
     */
    public static String normalise(String value) {
        // by hand rather than a regular expression: this runs for every coded value of every row
        StringBuilder b = new StringBuilder(value.length());
        boolean separator = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (separator && b.length() > 0) {
                    b.append(' ');
                }
                separator = false;
                b.append(Character.toLowerCase(c));
            } else {
                separator = true;
            }
        }
        return b.toString();
    }

    /**
     * Trimmed, inner runs of white space one space, lower case, punctuation kept: how a descriptor's
     * source values are compared for fields without a code list (a delay reason {@code A.1} is not
     * {@code A1}, and {@code -} is a value of its own).
     */
    public static String normaliseSpaces(String value) {
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

    /** The canonical value for {@code value} (a code or an alias, in any spelling), or null when it is not on the list. */
    public String canonical(String value) {
        return value == null ? null : canonical.get(normalise(value));
    }

    /** The canonical values, in file order (aliases are not codes). */
    public List<String> codes() {
        return codes;
    }
}
