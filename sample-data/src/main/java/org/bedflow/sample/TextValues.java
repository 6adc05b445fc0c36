package org.bedflow.sample;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How field values are printed in CSV extracts: dates yyyy-MM-dd, timestamps yyyy-MM-ddTHH:mm:ss (UTC). */
final class TextValues {

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private TextValues() {
    }

    static String render(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof Instant i) {
            return TIMESTAMP.format(i);
        }
        return value.toString();
    }
}
