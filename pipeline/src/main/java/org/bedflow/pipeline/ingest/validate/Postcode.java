package org.bedflow.pipeline.ingest.validate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UK postcodes (docs/validation.md): the one normal form, {@code NN1 1AA} (upper case, one
 * space before the last three characters), and the one masking rule for postcodes shown to
 * people: the outward code only, {@code NN1 ***}, or {@code ***} when the value is not a
 * postcode. A postcode of residence identifies a handful of households, so it is treated like
 * an NHS number: never in clear in rejects or a log.
 */
public final class Postcode {

    /** the shape of a UK postcode in normal form: outward code (area, district), a space, inward code */
    public static final String SHAPE = "^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$";
    /** what a value that is not a postcode is shown as */
    public static final String HIDDEN = "***";

    private static final Pattern VALID = Pattern.compile(SHAPE);
    /** a postcode written in free text, any case, with or without the space; not inside a longer word */
    private static final Pattern IN_TEXT = Pattern.compile(
            "(?<![A-Za-z0-9])([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)[ \\t]*([0-9][A-Za-z]{2})(?![A-Za-z0-9])");

    private Postcode() {
    }

    /**
     * The normal form of a UK postcode ({@code nn11aa} and {@code " nn1  1aa"} are {@code NN1 1AA}),
     * or null when {@code raw} does not have the shape of one.
     */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!Character.isWhitespace(c)) {
                b.append(c);
            }
        }
        if (b.length() < 5 || b.length() > 7) {
            return null;
        }
        String compact = b.toString().toUpperCase(Locale.ROOT);
        String out = compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
        return VALID.matcher(out).matches() ? out : null;
    }

    /** {@code NN1 ***}: the outward code of a postcode, or {@code ***} when {@code raw} is not one. */
    public static String mask(String raw) {
        if (raw == null) {
            return null;
        }
        String p = normalise(raw);
        return p == null ? HIDDEN : outward(p) + " " + HIDDEN;
    }

    /** Every postcode-shaped word of free text (a raw CSV line), masked to {@code NN1 ***}. */
    public static String maskInText(String text) {
        if (text == null) {
            return null;
        }
        return IN_TEXT.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1).toUpperCase(Locale.ROOT) + " " + HIDDEN));
    }

    private static String outward(String normalised) {
        return normalised.substring(0, normalised.indexOf(' '));
    }
}
