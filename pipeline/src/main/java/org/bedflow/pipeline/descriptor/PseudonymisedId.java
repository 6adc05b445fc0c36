package org.bedflow.pipeline.descriptor;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The check of a pseudonymised NHS number ({@code nhs_number: pseudonymised}, docs/validation.md):
 * a token of a pseudonymisation service has no check digit, so there is no Modulus 11 check;
 * only values that cannot be a token are refused: empty, a placeholder word, characters no
 * token service writes, fewer than 4 or more than 128 characters, or one character repeated
 * ({@code 0000000000}, {@code XXXX}). The token is kept as sent (case included: base64
 * tokens are case-sensitive), spaces around it trimmed.
 */
public final class PseudonymisedId {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-+/=.:]{4,128}");
    private static final Set<String> PLACEHOLDERS = Set.of("NULL", "NONE", "UNKNOWN", "NOT KNOWN", "N/A", "NA",
            "MISSING", "INVALID");

    private PseudonymisedId() {
    }

    /** The token, or null when {@code raw} cannot be one. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        String t = raw.trim();
        if (!TOKEN.matcher(t).matches() || PLACEHOLDERS.contains(t.toUpperCase(Locale.ROOT))) {
            return null;
        }
        boolean allSame = true;
        for (int i = 1; i < t.length(); i++) {
            allSame &= t.charAt(i) == t.charAt(0);
        }
        return allSame ? null : t;
    }
}
