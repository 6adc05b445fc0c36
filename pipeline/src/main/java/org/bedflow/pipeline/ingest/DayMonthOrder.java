package org.bedflow.pipeline.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.bedflow.pipeline.descriptor.FeedDescriptor;
import org.bedflow.pipeline.descriptor.TemporalFormat;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.FieldSpec;
import org.bedflow.pipeline.schema.FieldType;

/**
 * Day and month the wrong way round, judged on the whole file (docs/validation.md, "Day and
 * month order"): a descriptor's {@code date_format dd/MM/yyyy} applied to a file written
 * {@code MM/dd/yyyy} reads every date whose day is 12 or less as another date, silently. While
 * validation reads each row (the same pass, wrapped around the row validator), every text date
 * of a file of a descriptor with a numeric day and month is tried both ways:
 * <ul>
 *   <li><b>swapped</b>: not a date in the declared order, a date with day and month exchanged
 *       ({@code 03/25/2022} against {@code dd/MM/yyyy});</li>
 *   <li><b>declared</b>: a date in the declared order only ({@code 25/03/2022}): proof that the
 *       file follows its descriptor;</li>
 *   <li>both or neither: ambiguous, or not a date at all (BAD_DATE as before).</li>
 * </ul>
 * A file with a swapped value and no declared-only value is refused (exit code 3). What is
 * found travels back in an accumulator, at most one entry per task, file, field and kind,
 * with one example value (a date: never an identifier).
 */
public final class DayMonthOrder implements MapFunction<Row, Row>, Serializable {

    static final String SWAPPED = "S";
    static final String DECLARED = "D";

    private final MapFunction<Row, Row> validator;
    private final int fieldCount;
    /** index of each date field of the feed */
    private final int[] dateFields;
    private final String[] dateNames;
    /** source file -> [declared, swapped] formats; files not listed are not checked */
    private final Map<String, TemporalFormat[]> formats;
    private final CollectionAccumulator<String> found;
    private transient Set<String> sent;
    /** files of this task with a date only in the declared order: nothing more to learn from their rows */
    private transient Set<String> proven;

    private DayMonthOrder(MapFunction<Row, Row> validator, FeedSchema feed, Map<String, TemporalFormat[]> formats,
                          CollectionAccumulator<String> found) {
        this.validator = validator;
        this.fieldCount = feed.fields().size();
        List<Integer> idx = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fieldCount; i++) {
            FieldSpec f = feed.fields().get(i);
            if (f.type() == FieldType.DATE) {
                idx.add(i);
                names.add(f.name());
            }
        }
        this.dateFields = idx.stream().mapToInt(Integer::intValue).toArray();
        this.dateNames = names.toArray(String[]::new);
        this.formats = formats;
        this.found = found;
    }

    /**
     * The validator wrapped with the check for the text files (CSV) of descriptors whose date
     * format has a numeric day and month; the validator itself when there are none.
     *
     * @param descriptorOfTextFile source file -> its descriptor, for the files whose dates are text
     * @param found                collects what was found; read it with {@link #refusals}
     */
    static MapFunction<Row, Row> around(MapFunction<Row, Row> validator, FeedSchema feed,
                                        Map<String, FeedDescriptor> descriptorOfTextFile,
                                        CollectionAccumulator<String> found) {
        Map<String, TemporalFormat[]> formats = new HashMap<>();
        descriptorOfTextFile.forEach((file, d) -> {
            TemporalFormat declared = d.dateFormat();
            String swapped = swapped(declared.pattern());
            if (swapped != null) {
                try {
                    formats.put(file, new TemporalFormat[] {declared, TemporalFormat.date(swapped)});
                } catch (IllegalArgumentException e) {
                    // a pattern whose swap is no date pattern is not checked
                }
            }
        });
        if (formats.isEmpty() || feed.fields().stream().noneMatch(f -> f.type() == FieldType.DATE)) {
            return validator;
        }
        return new DayMonthOrder(validator, feed, formats, found);
    }

    static CollectionAccumulator<String> accumulator(SparkSession spark, String feed) {
        return spark.sparkContext().collectionAccumulator("day-month-order-" + feed);
    }

    /**
     * The pattern with day and month exchanged ({@code dd/MM/yyyy} gives {@code MM/dd/yyyy}),
     * or null when it has no numeric day and month (month names: nothing to confuse).
     */
    static String swapped(String pattern) {
        if (pattern == null || pattern.contains("MMM") || pattern.contains("LLL") || pattern.indexOf('d') < 0
                || pattern.indexOf('M') < 0 || pattern.indexOf('\'') >= 0) {
            return null;
        }
        StringBuilder b = new StringBuilder(pattern.length());
        for (char c : pattern.toCharArray()) {
            b.append(c == 'd' ? 'M' : c == 'M' ? 'd' : c);
        }
        return b.toString();
    }

    @Override
    public Row call(Row raw) throws Exception {
        String file = raw.isNullAt(fieldCount) ? null : raw.getString(fieldCount);
        TemporalFormat[] f = file == null ? null : formats.get(file);
        if (f != null && raw.isNullAt(fieldCount + 2) && (proven == null || !proven.contains(file))) {
            for (int k = 0; k < dateFields.length; k++) {
                int i = dateFields[k];
                if (raw.isNullAt(i)) {
                    continue;
                }
                String v = raw.getString(i).trim();
                if (v.isEmpty()) {
                    continue;
                }
                boolean declared = f[0].parseDate(v) != null;
                boolean swapped = f[1].parseDate(v) != null;
                if (declared != swapped) {
                    send((declared ? DECLARED : SWAPPED), file, dateNames[k], v);
                    if (declared) {
                        // the file follows its descriptor: the rest of its rows need no second parse
                        if (proven == null) {
                            proven = new HashSet<>();
                        }
                        proven.add(file);
                        break;
                    }
                }
            }
        }
        return validator.call(raw);
    }

    private void send(String kind, String file, String field, String example) {
        if (sent == null) {
            sent = new HashSet<>();
        }
        if (sent.add(kind + '\t' + file + '\t' + field)) {
            found.add(kind + '\t' + file + '\t' + field + '\t' + example);
        }
    }

    /**
     * One line per refused file: a file with a value that is a date only with day and month
     * exchanged and none that is a date only in the declared order.
     *
     * @param sourceOf source file -> its descriptor
     */
    static List<String> refusals(List<String> found, String feed, Map<String, FeedDescriptor> sourceOf) {
        Map<String, String> swappedExample = new LinkedHashMap<>();
        Set<String> declaredFiles = new HashSet<>();
        for (String e : found.stream().sorted().toList()) {
            String[] p = e.split("\t", 4);
            if (p[0].equals(DECLARED)) {
                declaredFiles.add(p[1]);
            } else {
                swappedExample.putIfAbsent(p[1], p[2] + '\t' + p[3]);
            }
        }
        List<String> out = new ArrayList<>();
        swappedExample.forEach((file, fieldAndValue) -> {
            if (declaredFiles.contains(file)) {
                return;
            }
            String[] fv = fieldAndValue.split("\t", 2);
            FeedDescriptor d = sourceOf.get(file);
            String declared = d.dateFormat().pattern();
            String other = swapped(declared);
            String column = d.columns().getOrDefault(fv[0], fv[0]);
            out.add(String.format("%s: column '%s' (%s) has '%s', a date only as %s, and no date of the file is one "
                            + "only as %s, the date_format of source %s: the file writes month and day the other way "
                            + "round; set date_format: %s in %s (or give these files a descriptor of their own)",
                    file, column, fv[0], fv[1], other, declared, d.source(), other, d.origin()));
        });
        return out;
    }
}
