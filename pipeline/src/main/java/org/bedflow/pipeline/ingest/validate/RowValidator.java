package org.bedflow.pipeline.ingest.validate;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.bedflow.pipeline.descriptor.FeedDescriptor;
import org.bedflow.pipeline.descriptor.TemporalFormat;
import org.bedflow.pipeline.ingest.Classified;
import org.bedflow.pipeline.reference.CodeLists;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.FieldSpec;
import org.bedflow.pipeline.schema.FieldType;

/**
 * Checks one raw record of a feed against the feed's Avro schema and the rules of
 * feeds.md, field by field, and gives its typed, normalised values with every issue found.
 * A problem with a required field is an ERROR (the row will be quarantined); with an
 * optional field a WARNING, and the field is nulled (NHS numbers: the row is kept,
 * unlinkable). Runs on executors: everything it holds is serializable.
 *
 * <p>Input: a row of {@link org.bedflow.pipeline.schema.RawColumns#rawType}. Output: a row
 * of {@link Classified#validatedType}.
 */
public final class RowValidator implements MapFunction<Row, Row>, Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** the field whose values are mapped by the delay reason mapping (reference.md) */
    static final String DELAY_REASON = "delay_reason";
    /** the field a field's {@code bedflow.required_when_event_type} refers to */
    static final String EVENT_TYPE = "event_type";

    private final FeedSchema feed;
    private final Map<String, CodeLists> codeLists;
    private final LocalDate runDate;
    private final Set<String> mappedDelayReasons;
    /** source file -> how its source writes dates and codes; files not listed follow the built-in rules */
    private final Map<String, SourceRules> rulesByFile;
    private final SourceRules builtIn;
    /** position of event_type (for required_when_event_type), -1 when the feed has none */
    private final int eventTypeAt;
    /** for each field with bedflow.not_before, the position of the field it may not precede; else -1 */
    private final int[] notBeforeAt;
    /** compiled bedflow.pattern of each field that has one */
    private final Map<String, Pattern> patterns;

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
     *                           apply to its rows. Files not listed follow the built-in rules of feeds.md.
     */
    public RowValidator(FeedSchema feed, LocalDate runDate, Set<String> mappedDelayReasons,
                        Map<String, SourceFile> descriptorOfFile) {
        this.feed = feed;
        this.runDate = runDate;
        this.mappedDelayReasons = mappedDelayReasons == null ? null : Set.copyOf(mappedDelayReasons);
        Map<String, CodeLists> lists = new LinkedHashMap<>();
        for (FieldSpec f : feed.fields()) {
            if (f.codeList() != null) {
                lists.put(f.codeList(), CodeLists.bundled(f.codeList()));
            }
        }
        this.codeLists = lists;
        this.builtIn = SourceRules.builtIn(feed);
        Map<String, SourceRules> shared = new LinkedHashMap<>();
        Map<String, SourceRules> byFile = new java.util.HashMap<>();
        descriptorOfFile.forEach((file, sf) -> byFile.put(file, shared.computeIfAbsent(
                sf.descriptor().source() + "|" + sf.typed(), k -> SourceRules.of(feed, sf.descriptor(), sf.typed()))));
        this.rulesByFile = byFile;
        Map<String, Pattern> compiled = new LinkedHashMap<>();
        for (FieldSpec f : feed.fields()) {
            if (f.pattern() != null) {
                compiled.put(f.name(), Pattern.compile(f.pattern()));
            }
        }
        this.patterns = compiled;
        List<String> names = feed.fieldNames();
        this.eventTypeAt = names.indexOf(EVENT_TYPE);
        this.notBeforeAt = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String other = feed.fields().get(i).notBefore();
            notBeforeAt[i] = other == null ? -1 : names.indexOf(other);
        }
    }

    /**
     * A source file as validation needs it: its descriptor, and whether its dates may be
     * typed values (Avro, Parquet: rendered {@code yyyy-MM-dd} / ISO by the reader) rather
     * than text written in the descriptor's format (CSV).
     */
    public record SourceFile(FeedDescriptor descriptor, boolean typed) implements Serializable {
    }

    /** One source's rules, per field of the feed (schema order). */
    private record SourceRules(String source, TemporalFormat date, TemporalFormat timestamp,
                               List<Map<String, String>> values, boolean typed) implements Serializable {

        static SourceRules builtIn(FeedSchema feed) {
            List<Map<String, String>> none = new ArrayList<>();
            feed.fields().forEach(f -> none.add(null));
            return new SourceRules(feed.name(), TemporalFormat.defaultDate(), TemporalFormat.defaultTimestamp(), none, false);
        }

        static SourceRules of(FeedSchema feed, FeedDescriptor d, boolean typed) {
            List<Map<String, String>> values = new ArrayList<>();
            feed.fields().forEach(f -> values.add(d.values().containsKey(f.name())
                    ? new java.util.HashMap<>(d.values().get(f.name())) : null));
            return new SourceRules(d.source(), d.dateFormat(), d.timestampFormat(), values, typed);
        }
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
                    + n + " fields: " + malformed));
            out[n + 2] = json(Map.of("_raw_line", rawLine == null ? "" : NhsNumber.maskInText(rawLine)));
            out[n + 3] = hash(new String[] {rawLine});
            out[n + 4] = seq(issues);
            return RowFactory.create(out);
        }

        SourceRules rules = rulesByFile.getOrDefault(sourceFile, builtIn);
        for (int i = 0; i < n; i++) {
            out[i] = check(fields.get(i), rawValues[i], rules, rules.values().get(i), out, issues);
        }
        checkDateOrder(fields, out, issues);
        out[n + 2] = issues.isEmpty() ? null : rawJson(fields, rawValues);
        out[n + 3] = hash(rawValues);
        out[n + 4] = seq(sortErrorsFirst(issues));
        return RowFactory.create(out);
    }

    private Object check(FieldSpec f, String rawValue, SourceRules rules, Map<String, String> values,
                         Object[] typedSoFar, List<Row> issues) {
        String v = rawValue == null ? null : rawValue.trim();
        if (v != null && v.isEmpty()) {
            v = null;
        }
        if (v != null && values != null) {
            // the source's own value for a canonical one (its descriptor's values:), before any check
            String key = CodeLists.normalise(v);
            if (values.containsKey(key)) {
                v = values.get(key);
            }
        }
        boolean required = isRequired(f, typedSoFar);
        String severity = required ? Classified.ERROR : Classified.WARNING;
        if (v == null) {
            if (required) {
                issues.add(issue(Classified.ERROR, ReasonCode.MISSING_REQUIRED, f.requiredWhenEventType() != null
                        ? "a " + f.requiredWhenEventType() + " needs " + f.name()
                        : f.name() + " is empty but required"));
            }
            return null;
        }
        switch (f.type()) {
            case INT, LONG -> {
                return number(f, v, severity, issues);
            }
            case DATE -> {
                return date(f, v, rules, severity, issues);
            }
            case TIMESTAMP -> {
                return timestamp(f, v, rules, severity, issues);
            }
            default -> {
                return string(f, v, severity, issues);
            }
        }
    }

    private boolean isRequired(FieldSpec f, Object[] typedSoFar) {
        if (f.required()) {
            return true;
        }
        if (f.requiredWhenEventType() == null) {
            return false;
        }
        return eventTypeAt >= 0 && f.requiredWhenEventType().equals(typedSoFar[eventTypeAt]);
    }

    private Object string(FieldSpec f, String v, String severity, List<Row> issues) {
        if (f.nhsNumber()) {
            String nhs = NhsNumber.normalise(v);
            if (nhs == null) {
                issues.add(issue(severity, ReasonCode.INVALID_NHS_NUMBER, f.name() + " " + NhsNumber.mask(v)
                        + " is not a valid NHS number (10 digits, Modulus 11 check)"
                        + (severity.equals(Classified.WARNING) ? "; the row is kept but cannot be linked" : "")));
            }
            return nhs;
        }
        if (f.icd10()) {
            return Icd10.normalise(v);
        }
        if (f.icd10List()) {
            return Icd10.normaliseList(v);
        }
        if (f.codeList() != null) {
            String canonical = codeLists.get(f.codeList()).canonical(v);
            if (canonical == null) {
                issues.add(issue(severity, ReasonCode.UNKNOWN_CODE, f.name() + " '" + v + "' is not a code of the "
                        + f.codeList() + " list" + nulled(severity)));
            }
            return canonical;
        }
        if (f.pattern() != null) {
            String upper = v.toUpperCase(java.util.Locale.ROOT);
            if (!patterns.get(f.name()).matcher(upper).matches()) {
                issues.add(issue(severity, ReasonCode.BAD_FORMAT, f.name() + " '" + v + "' does not have the form "
                        + f.pattern() + nulled(severity)));
                return null;
            }
            return upper;
        }
        if (f.name().equals(DELAY_REASON) && mappedDelayReasons != null && !mappedDelayReasons.contains(v)) {
            issues.add(issue(Classified.WARNING, ReasonCode.UNMAPPED_CODE, f.name() + " '" + v
                    + "' is not in the delay reason mapping; it is reported as other / Unknown"));
        }
        return v;
    }

    private Object number(FieldSpec f, String v, String severity, List<Row> issues) {
        long value;
        try {
            value = Long.parseLong(v);
        } catch (NumberFormatException e) {
            issues.add(issue(severity, ReasonCode.BAD_NUMBER, f.name() + " '" + v + "' is not a whole number" + nulled(severity)));
            return null;
        }
        if ((f.min() != null && value < f.min()) || (f.max() != null && value > f.max())
                || (f.type() == FieldType.INT && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE))) {
            boolean age = f.name().equals("age") || f.name().startsWith("age_");
            String range = (f.min() == null ? "" : f.min()) + (f.max() == null ? " or more" : "-" + f.max());
            issues.add(issue(severity, age ? ReasonCode.AGE_OUT_OF_RANGE : ReasonCode.BAD_NUMBER,
                    f.name() + " " + v + " is outside " + range + nulled(severity)));
            return null;
        }
        return f.type() == FieldType.INT ? (Object) (int) value : (Object) value;
    }

    private Object date(FieldSpec f, String v, SourceRules rules, String severity, List<Row> issues) {
        LocalDate d = rules.date().parseDate(v);
        if (d == null && rules.typed() && !rules.date().isDefault()) {
            // Avro / Parquet DATE values reach validation as yyyy-MM-dd text
            d = TemporalFormat.defaultDate().parseDate(v);
        }
        if (d == null) {
            String form = rules.date().isDefault() ? "yyyy-MM-dd"
                    : rules.date().pattern() + ", the date_format of source " + rules.source();
            issues.add(issue(severity, ReasonCode.BAD_DATE, f.name() + " '" + v + "' is not a date (" + form + ")"
                    + nulled(severity)));
            return null;
        }
        if (f.notAfterRunDate() && d.isAfter(runDate)) {
            issues.add(issue(Classified.ERROR, ReasonCode.FUTURE_DATE, f.name() + " " + d + " is after the run date " + runDate));
        }
        return Date.valueOf(d);
    }

    private Object timestamp(FieldSpec f, String v, SourceRules rules, String severity, List<Row> issues) {
        LocalDateTime utc = rules.timestamp().parseTimestamp(v);
        if (utc == null && rules.typed() && !rules.timestamp().isDefault()) {
            // Avro / Parquet TIMESTAMP values reach validation as ISO text
            utc = TemporalFormat.parseIso(v);
        }
        if (utc == null) {
            issues.add(issue(severity, ReasonCode.BAD_DATE, f.name() + " '" + v + "' is not "
                    + (rules.timestamp().isDefault() ? "an ISO-8601 timestamp (e.g. 2024-05-01T02:00:00)"
                    : "a timestamp (" + rules.timestamp().pattern() + ", the timestamp_format of source " + rules.source() + ")")
                    + nulled(severity)));
            return null;
        }
        return Timestamp.from(utc.toInstant(ZoneOffset.UTC));
    }

    /** yyyy-MM-dd, strictly (2021-02-30 fails); null when not a date */
    static LocalDate parseDate(String v) {
        return TemporalFormat.defaultDate().parseDate(v);
    }

    /** ISO-8601 local date-time (taken as UTC) or with an offset (converted to UTC); a space may stand for the T. */
    static LocalDateTime parseTimestamp(String v) {
        return TemporalFormat.parseIso(v);
    }

    private void checkDateOrder(List<FieldSpec> fields, Object[] typed, List<Row> issues) {
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            int other = notBeforeAt[i];
            if (other < 0 || typed[i] == null) {
                continue;
            }
            if (typed[other] != null && ((Date) typed[i]).before((Date) typed[other])) {
                issues.add(issue(Classified.ERROR, ReasonCode.DATE_ORDER, f.name() + " " + typed[i] + " is before "
                        + f.notBefore() + " " + typed[other]));
            }
        }
    }

    private static String nulled(String severity) {
        return severity.equals(Classified.WARNING) ? "; the value is left out" : "";
    }

    /** errors before warnings, each in the order found (field order): the first error names the row's reason code */
    private static List<Row> sortErrorsFirst(List<Row> issues) {
        if (issues.size() < 2) {
            return issues;
        }
        List<Row> out = new ArrayList<>(issues.size());
        issues.stream().filter(i -> i.getString(0).equals(Classified.ERROR)).forEach(out::add);
        issues.stream().filter(i -> !i.getString(0).equals(Classified.ERROR)).forEach(out::add);
        return out;
    }

    private static final scala.collection.immutable.Seq<Row> NONE =
            scala.jdk.javaapi.CollectionConverters.asScala(List.<Row>of()).toList();

    private static scala.collection.immutable.Seq<Row> seq(List<Row> rows) {
        return rows.isEmpty() ? NONE : scala.jdk.javaapi.CollectionConverters.asScala(rows).toList();
    }

    public static Row issue(String severity, ReasonCode code, String message) {
        return RowFactory.create(severity, code.name(), message);
    }

    /** The raw values for people to read: NHS numbers masked, council person ids left out. */
    private String rawJson(List<FieldSpec> fields, String[] rawValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            if (f.secret()) {
                continue;
            }
            m.put(f.name(), f.nhsNumber() ? NhsNumber.mask(rawValues[i]) : rawValues[i]);
        }
        return json(m);
    }

    private static String json(Map<String, String> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
