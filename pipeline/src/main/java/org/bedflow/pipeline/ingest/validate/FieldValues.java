package org.bedflow.pipeline.ingest.validate;

import static org.bedflow.pipeline.ingest.validate.Issues.issue;
import static org.bedflow.pipeline.ingest.validate.Issues.nulled;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.spark.sql.Row;
import org.bedflow.pipeline.descriptor.TemporalFormat;
import org.bedflow.pipeline.ingest.Classified;
import org.bedflow.pipeline.reference.CodeLists;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.FieldSpec;
import org.bedflow.pipeline.schema.FieldType;
import org.bedflow.pipeline.schema.columns.ApcDischargesColumns;

/**
 * One field's value, typed by the field's type and checked against its own rules: whole
 * numbers and their range (age), dates and timestamps in the source's formats, NHS
 * numbers, postcodes, ICD-10 codes, OPCS-4 procedure lists, code lists, patterns, delay reasons. A value that fails is left
 * out with an issue of the given severity. Serializable: it runs on executors inside
 * {@link RowValidator}.
 */
final class FieldValues implements Serializable {

    /** characters a value may have (docs/validation.md): more is not a value of any feed field, and would be published */
    static final int MAX_LENGTH = 255;
    /** characters a list of codes may have (secondary diagnoses, procedures): a long spell has many codes */
    static final int MAX_LIST_LENGTH = 2000;

    static int maxLength(FieldSpec f) {
        return f.icd10List() || f.opcs4List() ? MAX_LIST_LENGTH : MAX_LENGTH;
    }

    /** the first control character of a value (U+0000-U+001F, tab included, or U+007F-U+009F), -1 for none */
    static int firstControl(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
                return c;
            }
        }
        return -1;
    }

    /** the field whose values are mapped by the delay reason mapping (docs/code-lists.md) */
    static final String DELAY_REASON = ApcDischargesColumns.DELAY_REASON;

    private final Map<String, CodeLists> codeLists;
    private final LocalDate runDate;
    private final Set<String> mappedDelayReasons;
    /** compiled bedflow.pattern of each field that has one */
    private final Map<String, Pattern> patterns;

    /**
     * @param mappedDelayReasons codes the delay reason mapping knows; others give an
     *                           UNMAPPED_CODE warning. Null: no such check.
     */
    FieldValues(FeedSchema feed, LocalDate runDate, Set<String> mappedDelayReasons) {
        this.runDate = runDate;
        this.mappedDelayReasons = mappedDelayReasons == null ? null : Set.copyOf(mappedDelayReasons);
        Map<String, CodeLists> lists = new LinkedHashMap<>();
        for (FieldSpec f : feed.fields()) {
            if (f.codeList() != null) {
                lists.put(f.codeList(), CodeLists.bundled(f.codeList()));
            }
        }
        this.codeLists = lists;
        Map<String, Pattern> compiled = new LinkedHashMap<>();
        for (FieldSpec f : feed.fields()) {
            if (f.pattern() != null) {
                compiled.put(f.name(), Pattern.compile(f.pattern()));
            }
        }
        this.patterns = compiled;
    }

    /**
     * @param v        the trimmed, non-empty value, after the source's value mapping
     * @param severity ERROR for a required field, WARNING for an optional one
     * @return the typed value, or null when it is left out
     */
    Object typed(FieldSpec f, String v, SourceRules rules, String severity, List<Row> issues) {
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
        if (f.postcode()) {
            String postcode = Postcode.normalise(v);
            if (postcode == null) {
                // the message shows the masked value only: a postcode is never in clear in rejects
                issues.add(issue(severity, ReasonCode.BAD_POSTCODE, f.name() + " " + Postcode.mask(v)
                        + " does not have the shape of a UK postcode" + nulled(severity)));
            }
            return postcode;
        }
        if (f.icd10() || f.icd10List() || f.opcs4List()) {
            // a value that is no code (an NHS number typed into the diagnosis column) must never reach linked_spells
            String codes = f.icd10() ? Icd10.normalise(v) : f.icd10List() ? Icd10.normaliseList(v)
                    : Icd10.normaliseList(v, Icd10.PROCEDURE_SEPARATORS);
            String bad = Icd10.firstMisshapen(codes, f.opcs4List());
            if (bad != null) {
                issues.add(issue(severity, ReasonCode.BAD_FORMAT, f.name() + " " + Issues.shown(bad, true)
                        + " does not have the shape of " + (f.opcs4List() ? Icd10.OPCS4_SHAPE : Icd10.ICD10_SHAPE)
                        + nulled(severity)));
                return null;
            }
            return codes;
        }
        if (f.codeList() != null) {
            String canonical = codeLists.get(f.codeList()).canonical(v);
            if (canonical == null) {
                issues.add(issue(severity, ReasonCode.UNKNOWN_CODE, f.name() + " " + Issues.shown(v, true) + " is not a code of the "
                        + f.codeList() + " list" + nulled(severity)));
            }
            return canonical;
        }
        if (f.pattern() != null) {
            String upper = v.toUpperCase(Locale.ROOT);
            if (!patterns.get(f.name()).matcher(upper).matches()) {
                issues.add(issue(severity, ReasonCode.BAD_FORMAT, f.name() + " " + Issues.shown(v, true) + " does not have the form "
                        + f.pattern() + nulled(severity)));
                return null;
            }
            return upper;
        }
        if (f.name().equals(DELAY_REASON) && mappedDelayReasons != null && !mappedDelayReasons.contains(v)) {
            issues.add(issue(Classified.WARNING, ReasonCode.UNMAPPED_CODE, f.name() + " " + Issues.shown(v, true)
                    + " is not in the delay reason mapping; it is reported as other / unknown"));
        }
        return v;
    }

    private Object number(FieldSpec f, String v, String severity, List<Row> issues) {
        long value;
        try {
            value = Long.parseLong(v);
        } catch (NumberFormatException e) {
            issues.add(issue(severity, ReasonCode.BAD_NUMBER, f.name() + " " + Issues.shown(v, true) + " is not a whole number" + nulled(severity)));
            return null;
        }
        if ((f.min() != null && value < f.min()) || (f.max() != null && value > f.max())
                || (f.type() == FieldType.INT && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE))) {
            boolean age = f.name().equals("age") || f.name().startsWith("age_");
            String range = (f.min() == null ? "" : f.min()) + (f.max() == null ? " or more" : "-" + f.max());
            issues.add(issue(severity, age ? ReasonCode.AGE_OUT_OF_RANGE : ReasonCode.BAD_NUMBER,
                    f.name() + " " + Issues.shown(v, false) + " is outside " + range + nulled(severity)));
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
            issues.add(issue(severity, ReasonCode.BAD_DATE, f.name() + " " + Issues.shownDate(v) + " is not a date (" + form + ")"
                    + nulled(severity)));
            return null;
        }
        if (f.notAfterRunDate() && d.isAfter(runDate)) {
            if (!f.required()) {
                // an optional date (a date of death) cannot be right, but the event it rides on still is: keep the row
                issues.add(issue(Classified.WARNING, ReasonCode.FUTURE_DATE, f.name() + " " + d
                        + " is after the run date " + runDate + "; the date is dropped, the row kept"));
                return null;
            }
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
            issues.add(issue(severity, ReasonCode.BAD_DATE, f.name() + " " + Issues.shownDate(v) + " is not "
                    + (rules.timestamp().isDefault() ? "an ISO-8601 timestamp (e.g. 2024-05-01T02:00:00)"
                    : "a timestamp (" + rules.timestamp().pattern() + ", the timestamp_format of source " + rules.source() + ")")
                    + nulled(severity)));
            return null;
        }
        return Timestamp.from(utc.toInstant(ZoneOffset.UTC));
    }
}
