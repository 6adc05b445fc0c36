package org.bedflow.pipeline.ingest.validate;

import static org.bedflow.pipeline.ingest.validate.Issues.json;
import static org.bedflow.pipeline.ingest.validate.Issues.rawJson;
import static org.bedflow.pipeline.ingest.validate.Issues.seq;
import static org.bedflow.pipeline.ingest.validate.Issues.sortErrorsFirst;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.bedflow.pipeline.descriptor.DescriptorExtras;
import org.bedflow.pipeline.descriptor.FeedDescriptor;
import org.bedflow.pipeline.descriptor.PseudonymisedId;
import org.bedflow.pipeline.descriptor.TemporalFormat;
import org.bedflow.pipeline.ingest.Classified;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.FieldSpec;

/**
 * Checks one raw record of a feed against the feed's Avro schema and the rules of
 * docs/validation.md, field by field, and gives its typed, normalised values with every issue found.
 * A problem with a required field (or a field of the business key) is an ERROR (the row will be
 * quarantined); with an optional field a WARNING, and the field is nulled (NHS numbers: the row is kept,
 * unlinkable). Runs on executors: everything it holds is serializable.
 *
 * <p>Input: a row of {@link org.bedflow.pipeline.schema.RawColumns#rawType}. Output: a row
 * of {@link Classified#validatedType}.
 *
 * <p>This class reads the record, applies its source's value mappings ({@link SourceRules})
 * and decides required or optional; a field's own checks are in {@link FieldValues}, the
 * checks across fields in {@link CrossFieldRules}, the issue rows in {@link Issues}.
 */
public final class RowValidator implements MapFunction<Row, Row>, Serializable {

    private final FeedSchema feed;
    /** source file -> how its source writes dates and codes; files not listed follow the built-in rules */
    private final Map<String, SourceRules> rulesByFile;
    private final SourceRules builtIn;
    private final FieldValues fieldValues;
    /** per source file, its descriptor's extraction, episode list and pseudonymised NHS number rules */
    private final Map<String, DescriptorExtras> extrasByFile;
    private final CrossFieldRules crossFieldRules;
    /** the feed's business key fields */
    private final Set<String> keyFields;

    /**
     * @param mappedDelayReasons codes the delay reason mapping knows; others give an
     *                           UNMAPPED_CODE warning. Null: no such check.
     */
    public RowValidator(FeedSchema feed, LocalDate runDate, Set<String> mappedDelayReasons) {
        this(feed, runDate, mappedDelayReasons, Map.of());
    }

    /**
     * @param descriptorOfFile   per source file ({@code _source_file}), the descriptor it was read with and
     *                           its format: the descriptor's date and timestamp formats and value mappings
     *                           apply to its rows. Files not listed follow the built-in rules of docs/validation.md.
     */
    public RowValidator(FeedSchema feed, LocalDate runDate, Set<String> mappedDelayReasons,
                        Map<String, SourceFile> descriptorOfFile) {
        this.feed = feed;
        this.fieldValues = new FieldValues(feed, runDate, mappedDelayReasons);
        this.builtIn = SourceRules.builtIn(feed);
        Map<String, SourceRules> shared = new LinkedHashMap<>();
        Map<String, SourceRules> byFile = new HashMap<>();
        descriptorOfFile.forEach((file, sf) -> byFile.put(file, shared.computeIfAbsent(
                sf.descriptor().source() + "|" + sf.typed(), k -> SourceRules.of(feed, sf.descriptor(), sf.typed()))));
        this.rulesByFile = byFile;
        Map<String, DescriptorExtras> extras = new HashMap<>();
        descriptorOfFile.forEach((file, sf) -> {
            if (!sf.descriptor().extras().isNone()) {
                extras.put(file, sf.descriptor().extras());
            }
        });
        this.extrasByFile = extras;
        this.crossFieldRules = new CrossFieldRules(feed);
        this.keyFields = Set.copyOf(feed.businessKey());
    }

    /**
     * A source file as validation needs it: its descriptor, and whether its dates may be
     * typed values (Avro, Parquet: rendered {@code yyyy-MM-dd} / ISO by the reader) rather
     * than text written in the descriptor's format (CSV).
     */
    public record SourceFile(FeedDescriptor descriptor, boolean typed) implements Serializable {
    }

    @Override
    public Row call(Row raw) {
        List<FieldSpec> fields = feed.fields();
        int n = fields.size();
        String[] rawValues = new String[n];
        for (int i = 0; i < n; i++) {
            rawValues[i] = raw.isNullAt(i) ? null : raw.getString(i);
        }
        String sourceFile = raw.getString(n);
        long recordNumber = raw.getLong(n + 1);
        String malformed = raw.isNullAt(n + 2) ? null : raw.getString(n + 2);
        String rawLine = raw.isNullAt(n + 3) ? null : raw.getString(n + 3);

        Object[] out = new Object[n + 5];
        out[n] = sourceFile;
        out[n + 1] = recordNumber;
        List<Row> issues = new ArrayList<>();
        if (malformed != null) {
            issues.add(issue(Classified.ERROR, ReasonCode.MALFORMED_ROW, "the record could not be read as "
                    + n + " fields: " + Issues.maskInText(malformed)));
            // the line as read: NHS numbers and postcodes in it masked (its fields cannot be told apart)
            out[n + 2] = json(Map.of("_raw_line", rawLine == null ? "" : Issues.maskInText(rawLine)));
            out[n + 3] = hash(new String[] {rawLine});
            out[n + 4] = seq(issues);
            return RowFactory.create(out);
        }

        SourceRules rules = rulesByFile.getOrDefault(sourceFile, builtIn);
        DescriptorExtras extras = extrasByFile.getOrDefault(sourceFile, DescriptorExtras.NONE);
        for (int i = 0; i < n; i++) {
            out[i] = check(fields.get(i), rawValues[i], rules, rules.values().get(i), extras, out, issues);
        }
        crossFieldRules.checkDateOrder(fields, out, issues);
        out[n + 2] = issues.isEmpty() ? null : rawJson(fields, rawValues);
        out[n + 3] = hash(rawValues);
        out[n + 4] = seq(sortErrorsFirst(issues));
        return RowFactory.create(out);
    }

    private Object check(FieldSpec f, String rawValue, SourceRules rules, Map<String, String> values,
                         DescriptorExtras extras, Object[] typedSoFar, List<Row> issues) {
        String v = rawValue == null ? null : rawValue.trim();
        if (v != null && v.isEmpty()) {
            v = null;
        }
        // before anything else reads the value, and whether the field is required or not: a value that cannot be
        // a value of the field is never published, and the sentence never shows it
        if (v != null && v.length() > FieldValues.maxLength(f)) {
            issues.add(issue(Classified.ERROR, ReasonCode.VALUE_TOO_LONG, f.name() + " is "
                    + String.format(Locale.ROOT, "%,d", v.length()) + " characters long; at most "
                    + String.format(Locale.ROOT, "%,d", FieldValues.maxLength(f)) + " are allowed"));
            return null;
        }
        int control = rawValue == null ? -1 : FieldValues.firstControl(rawValue);
        if (control >= 0) {
            // the raw value, spaces around it included: trimming would take a control character at either end away
            // unseen; shown escaped, since printed raw it acts on the terminal or page that shows it
            issues.add(issue(Classified.ERROR, ReasonCode.BAD_FORMAT, f.name() + " holds a control character ("
                    + String.format(Locale.ROOT, "\\u%04x", control) + "), which no value of a feed may hold"));
            return null;
        }
        // an episode list (split:) gives the field its part first: ||J441 ,I10X||R05X -> J441 for a primary diagnosis
        v = blankToNull(extras.split(f.name(), v));
        boolean listed = false;
        if (v != null && values != null) {
            // the source's own value for a canonical one (its descriptor's values:), before any check
            String key = FeedDescriptor.valueKey(f, v);
            if (values.containsKey(key)) {
                v = values.get(key);
                listed = true;
            }
        }
        if (v != null && !listed) {
            // values: {field: {pattern: ...}}: the code taken out of a labelled value; no match leaves it as it is
            v = extras.extract(f.name(), v);
        }
        boolean required = crossFieldRules.isRequired(f, typedSoFar);
        // a bad value of a business key field that may be empty (geography's postcode) is an ERROR all the same:
        // left out, it would make the row another record (a postcode row an LSOA row)
        String severity = required || keyFields.contains(f.name()) ? Classified.ERROR : Classified.WARNING;
        if (v == null) {
            if (required) {
                issues.add(issue(Classified.ERROR, ReasonCode.MISSING_REQUIRED, f.requiredWhenEventType() != null
                        ? "a " + f.requiredWhenEventType() + " needs " + f.name()
                        : f.name() + " is empty but required"));
            }
            return null;
        }
        if (f.nhsNumber() && extras.pseudonymised()) {
            // nhs_number: pseudonymised: a token has no check digit; only what cannot be a token is refused
            String token = PseudonymisedId.normalise(v);
            if (token == null) {
                issues.add(issue(severity, ReasonCode.INVALID_NHS_NUMBER, f.name() + " " + NhsNumber.mask(v)
                        + " is not a pseudonymised NHS number (4-128 letters, digits or _-+/=.:, not one character repeated,"
                        + " not a placeholder)"
                        + (severity.equals(Classified.WARNING) ? "; the row is kept but cannot be linked" : "")));
            }
            return token;
        }
        return fieldValues.typed(f, v, rules, severity, issues);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** yyyy-MM-dd, strictly (2021-02-30 fails); null when not a date */
    static LocalDate parseDate(String v) {
        return TemporalFormat.defaultDate().parseDate(v);
    }

    /** ISO-8601 local date-time (taken as UTC) or with an offset (converted to UTC); a space may stand for the T. */
    static LocalDateTime parseTimestamp(String v) {
        return TemporalFormat.parseIso(v);
    }

    public static Row issue(String severity, ReasonCode code, String message) {
        return Issues.issue(severity, code, message);
    }

    /** FNV-1a 64 over the raw values, with a marker for null: equal for byte-identical records. */
    static long hash(String[] values) {
        long h = 0xcbf29ce484222325L;
        for (String v : values) {
            if (v == null) {
                h = (h ^ 0x1F) * 0x100000001b3L;
            } else {
                for (int i = 0; i < v.length(); i++) {
                    h = (h ^ v.charAt(i)) * 0x100000001b3L;
                }
            }
            h = (h ^ 0x1E) * 0x100000001b3L;
        }
        return h;
    }
}
