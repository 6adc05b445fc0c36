package org.bedflow.pipeline.ingest.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.bedflow.pipeline.ingest.Classified;
import org.bedflow.pipeline.schema.FieldSpec;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The issues of a validated row as {@link Classified#validatedType} holds them: one issue
 * row (severity, reason code, message), the issues in the order reported, and the raw
 * values shown beside them. Static only: nothing of it is shipped to executors.
 */
final class Issues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Seq<Row> NONE = CollectionConverters.asScala(List.<Row>of()).toList();

    private Issues() {
    }

    static Row issue(String severity, ReasonCode code, String message) {
        return RowFactory.create(severity, code.name(), message);
    }

    /** The end of a warning's message about an optional field whose value is dropped. */
    static String nulled(String severity) {
        return severity.equals(Classified.WARNING) ? "; the value is left out" : "";
    }

    /** errors before warnings, each in the order found (field order): the first error names the row's reason code */
    static List<Row> sortErrorsFirst(List<Row> issues) {
        if (issues.size() < 2) {
            return issues;
        }
        List<Row> out = new ArrayList<>(issues.size());
        issues.stream().filter(i -> i.getString(0).equals(Classified.ERROR)).forEach(out::add);
        issues.stream().filter(i -> !i.getString(0).equals(Classified.ERROR)).forEach(out::add);
        return out;
    }

    static Seq<Row> seq(List<Row> rows) {
        return rows.isEmpty() ? NONE : CollectionConverters.asScala(rows).toList();
    }

    /**
     * The raw values for people to read: NHS numbers and postcodes masked, council person ids left out. A value
     * in another column is masked the same way where it holds an NHS number or a postcode (a value typed or
     * shifted into the wrong column), and, in a feed with a person id, where it holds a token shaped like one.
     */
    static String rawJson(List<FieldSpec> fields, String[] rawValues) {
        boolean secretFeed = fields.stream().anyMatch(FieldSpec::secret);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            if (f.secret()) {
                continue;
            }
            String v = rawValues[i];
            m.put(f.name(), cap(f.nhsNumber() ? NhsNumber.mask(v)
                    : f.postcode() ? Postcode.mask(v)
                    : secretFeed ? maskIdsInText(maskInText(v)) : maskInText(v)));
        }
        return json(m);
    }

    /** characters of one raw value a reject keeps, as of a malformed line: a 1 MB value is not copied whole */
    static final int MAX_RAW = 2000;

    /** Cut after masking, so that a cut never leaves part of an identifier unmasked. */
    static String cap(String s) {
        return s == null || s.length() <= MAX_RAW ? s : s.substring(0, MAX_RAW) + "…";
    }

    /** a token shaped like a council person id: up to 4 letters, maybe a separator, 5 or more digits */
    private static final Pattern ID_TOKEN = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{0,4}[-_/]?[0-9]{5,}(?![A-Za-z0-9])");

    /** an ONS area code (E06000062): public, not an identifier of a person */
    private static final Pattern ONS_CODE = Pattern.compile("[EWSN][0-9]{8}");

    static String maskIdsInText(String text) {
        if (text == null) {
            return null;
        }
        return ID_TOKEN.matcher(text).replaceAll(m -> ONS_CODE.matcher(m.group()).matches()
                ? java.util.regex.Matcher.quoteReplacement(m.group()) : "(hidden)");
    }

    /**
     * Free text that may hold identifiers (a malformed CSV line, a parser's message): NHS numbers
     * and postcode-shaped words masked.
     */
    static String maskInText(String text) {
        return Postcode.maskInText(NhsNumber.maskInText(text));
    }

    /** a run of ten digits, written together or 3-3-4 with spaces or hyphens (an NHS number's shape) */
    private static final Pattern TEN_DIGITS = Pattern.compile("[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}");

    /** what a date or timestamp is written with, letters aside */
    private static final Pattern DATE_TEXT = Pattern.compile("[0-9/.:+ TZ-]{1,35}");

    /**
     * A raw value for a reason sentence (a number out of range or not a number, a code not on its list,
     * a value without its form): the value itself, quoted when {@code quoted}, only when it cannot be an
     * identifier; otherwise a description of it ({@code (a 10-digit value)}, {@code (a value of 11
     * characters)}). A value in the wrong column may be an NHS number, a council person id or a postcode
     * (a row shifted by an unquoted comma). Shown: at most 6 characters, or text without a digit (code
     * wording such as {@code 'Went on holiday'}: NHS numbers, person ids, postcodes and dates of birth all
     * have digits); never a postcode-shaped value nor a run of ten digits.
     */
    static String shown(String v, boolean quoted) {
        if (v == null) {
            return "(no value)";
        }
        boolean identifierShaped = Postcode.normalise(v) != null || TEN_DIGITS.matcher(v).find();
        boolean digitFree = v.chars().noneMatch(c -> c >= '0' && c <= '9');
        if (!identifierShaped && (v.length() <= 6 || (digitFree && v.length() <= 60))) {
            return quoted ? "'" + v + "'" : v;
        }
        return "(" + describe(v) + ")";
    }

    /**
     * As {@link #shown} for a value that is not a date or timestamp: dates are also shown when written
     * with digits and date punctuation only (no letter but T and Z) and no run of nine or more digits.
     */
    static String shownDate(String v) {
        if (v != null && DATE_TEXT.matcher(v).matches() && !v.matches(".*[0-9]{9}.*")
                && !TEN_DIGITS.matcher(v).find()) {
            return "'" + v + "'";
        }
        return shown(v, true);
    }

    private static String describe(String v) {
        if (Postcode.normalise(v) != null) {
            return "a postcode-shaped value";
        }
        String compact = v.replaceAll("[\\s-]", "");
        if (!compact.isEmpty() && compact.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "a " + compact.length() + "-digit value";
        }
        return "a value of " + v.length() + " characters";
    }

    static String json(Map<String, String> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
