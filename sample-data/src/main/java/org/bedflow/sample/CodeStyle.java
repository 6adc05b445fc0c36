package org.bedflow.sample;

/**
 * How a provider's system prints ICD-10 codes. Real extracts differ: some print {@code J44.0},
 * others {@code J440}; three-character codes come bare ({@code I10}) or padded with an X or a
 * dash filler ({@code I10X}, {@code I10-}). The generator keeps codes canonical (no dot, no
 * filler) and writes them in the provider's style, so the pipeline's normalisation is exercised.
 */
enum CodeStyle {
    DOTTED(true, "", ";"),
    PLAIN_X(false, "X", ";"),
    DOTTED_X(true, "X", ";"),
    DOTTED_DASH_PIPE(true, "-", "|");

    private final boolean dot;
    private final String filler;
    private final String separator;

    CodeStyle(boolean dot, String filler, String separator) {
        this.dot = dot;
        this.filler = filler;
        this.separator = separator;
    }

    /** A canonical code ({@code J440}, {@code I10}) in this style. */
    String write(String canonical) {
        if (canonical.length() <= 3) {
            return canonical + filler;
        }
        return dot ? canonical.substring(0, 3) + '.' + canonical.substring(3) : canonical;
    }

    String separator() {
        return separator;
    }
}
