package org.bedflow.pipeline.descriptor;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A descriptor's {@code date_format} or {@code timestamp_format}: a java.time pattern
 * ({@code dd/MM/yyyy}, {@code dd/MM/yyyy HH:mm}), parsed strictly (31/02/2022 is not a
 * date), English month names ({@code 05-Jan-2022}), {@code yyyy} read as the year. Checked
 * when the descriptor is loaded: the pattern must be valid and must write and read back a
 * date (so {@code yyyy-mm-dd}, minutes instead of months, is refused there, not on the
 * first row). A timestamp pattern without an offset is local time taken as UTC (as the
 * built-in ISO timestamps are); one without a time of day is midnight.
 *
 * <p>The defaults are the built-in rules of docs/validation.md: dates {@code yyyy-MM-dd}, timestamps
 * ISO-8601 with or without offset ({@code iso}). Serializable: the formatter is rebuilt
 * on executors.
 */
public final class TemporalFormat implements Serializable {

    public static final String DEFAULT_DATE = "yyyy-MM-dd";
    /** docs/validation.md: ISO-8601 local date-time (taken as UTC) or with an offset; a space may stand for the T */
    public static final String ISO = "iso";

    private static final Pattern TIMESTAMP_SPACE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d)");
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final LocalDateTime PROBE = LocalDateTime.of(2021, 12, 31, 23, 59, 58);

    private final String pattern;
    private final boolean timestamp;
    private transient DateTimeFormatter formatter;

    private TemporalFormat(String pattern, boolean timestamp) {
        this.pattern = pattern;
        this.timestamp = timestamp;
    }

    public static TemporalFormat defaultDate() {
        return new TemporalFormat(DEFAULT_DATE, false);
    }

    public static TemporalFormat defaultTimestamp() {
        return new TemporalFormat(ISO, true);
    }

    /** @throws IllegalArgumentException naming what is wrong with the pattern */
    public static TemporalFormat date(String pattern) {
        TemporalFormat f = new TemporalFormat(pattern, false);
        if (!f.isDefault()) {
            f.check();
        }
        return f;
    }

    /** @throws IllegalArgumentException naming what is wrong with the pattern */
    public static TemporalFormat timestamp(String pattern) {
        TemporalFormat f = new TemporalFormat(pattern, true);
        if (!f.isDefault()) {
            f.check();
        }
        return f;
    }

    public String pattern() {
        return pattern;
    }

    /** the built-in rule of docs/validation.md */
    public boolean isDefault() {
        return timestamp ? pattern.equalsIgnoreCase(ISO) : pattern.equals(DEFAULT_DATE);
    }

    /** The date, or null when {@code text} is not a date in this format. */
    public LocalDate parseDate(String text) {
        try {
            if (isDefault()) {
                return parseIsoDate(text);
            }
            return LocalDate.from(formatter().parse(text));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The UTC date-time, or null when {@code text} is not a timestamp in this format. */
    public LocalDateTime parseTimestamp(String text) {
        if (isDefault()) {
            return parseIso(text);
        }
        try {
            return toUtc(formatter().parse(text));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A UTC date-time written as this timestamp format reads it back (for {@code submitted_at: file_name}):
     * ISO-8601 by default.
     */
    public String formatTimestamp(LocalDateTime utc) {
        if (isDefault()) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(utc);
        }
        return formatter().format(utc.atOffset(ZoneOffset.UTC));
    }

    /** yyyy-MM-dd, strictly (2021-02-30 fails); by hand for the common shape, it runs for every date of every row */
    private static LocalDate parseIsoDate(String v) {
        if (v.length() == 10 && v.charAt(4) == '-' && v.charAt(7) == '-') {
            int y = digits(v, 0, 4);
            int m = digits(v, 5, 7);
            int d = digits(v, 8, 10);
            if (y >= 0 && m >= 0 && d >= 0) {
                return LocalDate.of(y, m, d);
            }
        }
        return LocalDate.parse(v, ISO_DATE);
    }

    /** the non-negative number written by the digits in [from, to), or -1 if any is not a digit */
    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** ISO-8601 local date-time (taken as UTC) or with an offset (converted to UTC); a space may stand for the T. */
    public static LocalDateTime parseIso(String v) {
        if (v.length() == 19 && v.charAt(4) == '-' && v.charAt(7) == '-' && (v.charAt(10) == 'T' || v.charAt(10) == ' ')
                && v.charAt(13) == ':' && v.charAt(16) == ':') {
            // by hand for the common shape, it runs for every timestamp of every row
            int y = digits(v, 0, 4), mo = digits(v, 5, 7), d = digits(v, 8, 10);
            int h = digits(v, 11, 13), mi = digits(v, 14, 16), se = digits(v, 17, 19);
            if (y >= 0 && mo >= 0 && d >= 0 && h >= 0 && mi >= 0 && se >= 0) {
                try {
                    return LocalDateTime.of(y, mo, d, h, mi, se);
                } catch (DateTimeException e) {
                    return null;
                }
            }
        }
        String s = TIMESTAMP_SPACE.matcher(v).replaceFirst("$1T$2");
        try {
            return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static LocalDateTime toUtc(TemporalAccessor t) {
        LocalDate date = t.query(TemporalQueries.localDate());
        if (date == null) {
            throw new DateTimeException("no date");
        }
        LocalTime time = t.query(TemporalQueries.localTime());
        LocalDateTime local = date.atTime(time == null ? LocalTime.MIDNIGHT : time);
        ZoneOffset offset = t.query(TemporalQueries.offset());
        return offset == null ? local : local.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private DateTimeFormatter formatter() {
        if (formatter == null) {
            formatter = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                    .parseDefaulting(ChronoField.ERA, 1).toFormatter(Locale.UK).withResolverStyle(ResolverStyle.STRICT);
        }
        return formatter;
    }

    /** The pattern compiles, writes a date (and time) and reads it back. */
    private void check() {
        String what = timestamp ? "timestamp_format" : "date_format";
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        String letters = pattern.replaceAll("'[^']*'", "");
        if (letters.contains("D")) {
            throw new IllegalArgumentException(what + " '" + pattern + "': D is the day of the year; the day of the month is d");
        }
        if (letters.contains("Y")) {
            throw new IllegalArgumentException(what + " '" + pattern + "': Y is the week-based year; the year is y");
        }
        if (timestamp && letters.matches(".*[Hhk].*") && !letters.contains("m")) {
            throw new IllegalArgumentException(what + " '" + pattern + "' has hours but no minutes (mm is minutes, MM months)");
        }
        DateTimeFormatter f;
        try {
            f = formatter();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + pattern + "' is not a java.time pattern: " + e.getMessage());
        }
        String written;
        try {
            written = timestamp ? f.format(PROBE.atOffset(ZoneOffset.UTC)) : f.format(PROBE.toLocalDate());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(what + " '" + pattern + "' cannot write a " + (timestamp ? "timestamp" : "date")
                    + " (" + e.getMessage() + ")" + hint());
        }
        try {
            TemporalAccessor back = f.parse(written);
            if (timestamp) {
                LocalDateTime t = toUtc(back);
                if (!t.toLocalDate().equals(PROBE.toLocalDate())) {
                    throw new DateTimeException("read back " + t);
                }
            } else if (!LocalDate.from(back).equals(PROBE.toLocalDate())) {
                throw new DateTimeException("read back " + LocalDate.from(back));
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(what + " '" + pattern + "' does not read back the "
                    + (timestamp ? "timestamp" : "date") + " it writes ('" + written + "': " + e.getMessage()
                    + "); it needs a day, a month and a year" + hint());
        }
    }

    private String hint() {
        String p = pattern.replaceAll("'[^']*'", "");
        if (p.contains("mm") && !p.contains("MM")) {
            return "; mm is minutes, MM is months";
        }
        return "";
    }

    @Override
    public String toString() {
        return pattern;
    }
}
