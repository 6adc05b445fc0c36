package org.bedflow.pipeline.publish.feedback;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.schema.columns.LinkedSpellsColumns;
import org.bedflow.pipeline.schema.columns.RejectsColumns;
import org.bedflow.pipeline.schema.columns.SocialCareEventsColumns;

/**
 * What goes back to each data supplier after a run (docs/operations.md, "Feedback files for suppliers"): the rows of
 * this run's {@code rejects} that came from it, and month by month how complete its accepted rows were. A supplier is
 * a hospital provider ({@code provider_code}) or a council ({@code la_code}), read from the reject's own raw values; a
 * reject without a readable code is {@value #UNATTRIBUTED}, never a supplier's. The reference feeds (population,
 * geography, opt-outs) have no supplier: their rejects stay in the {@code rejects} table only.
 *
 * <p>Only counts are collected here, and the reject rows as the {@code rejects} table holds them (NHS numbers masked,
 * postcodes cut to their outward code, council person ids left out).
 */
public final class SupplierFeedback {

    /** The folder of the rejects whose supplier cannot be told. */
    public static final String UNATTRIBUTED = "_unattributed";

    /** Feeds that have no supplier folder. */
    public static final Set<String> REFERENCE_FEEDS = Set.of("population", "geography", "opt_outs");

    /** bedflow.feedback.missing-discharge-days by default. */
    public static final int DEFAULT_MISSING_DISCHARGE_DAYS = 60;

    /** Hospital provider months (from linked_spells) and council months (from accepted social care events). */
    public static final String HOSPITAL = "hospital";
    public static final String COUNCIL = "council";

    /** An ODS or ONS code: letters and digits only, so it is a safe folder name. */
    private static final Pattern CODE = Pattern.compile("[A-Z0-9]{1,16}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private SupplierFeedback() {
    }

    /**
     * One row to fix: a row of {@code rejects}, with its supplier and the fields its reason names.
     *
     * @param fields the fields the reason names, comma separated (empty when it names none, e.g. a malformed line)
     */
    public record RowToFix(String supplier, String feed, String sourceFile, Long recordNumber, String severity,
                           String reasonCode, String reason, String fields, String rawRecord) {
    }

    /**
     * One supplier's month: counts of its accepted rows. For a hospital provider the month is the admission month of
     * its spells; for a council the start month of its events. Fields that do not apply to the kind are 0.
     *
     * @param rows            spells (hospital) or events (council)
     * @param validNhs        with a valid NHS number
     * @param residence       with a residence (district; for a council, a district or a postcode)
     * @param coded           spells with a coded primary diagnosis
     * @param overnight       discharged spells of one night or more
     * @param drdRecorded     of those, with a Discharge Ready Date recorded
     * @param delayed         delayed spells (discharged a day or more after the DRD)
     * @param delayReason     of those, with a delay reason
     * @param oldAdmissions   spells admitted more than the configured days before the run date
     * @param oldOpen         of those, still without a discharge
     */
    public record Month(String supplier, String kind, String month, long rows, long validNhs, long residence,
                        long coded, long overnight, long drdRecorded, long delayed, long delayReason,
                        long oldAdmissions, long oldOpen) {

        public boolean hospital() {
            return HOSPITAL.equals(kind);
        }
    }

    /** Everything the files are written from. */
    public record Contents(LocalDate runDate, int missingDischargeDays, List<RowToFix> rows, List<Month> months) {

        public Contents {
            rows = List.copyOf(rows);
            months = List.copyOf(months);
        }

        /** Every supplier with a row to fix or a month, {@value #UNATTRIBUTED} last. */
        public List<String> suppliers() {
            Set<String> all = new java.util.TreeSet<>();
            rows.forEach(r -> all.add(r.supplier()));
            months.forEach(m -> all.add(m.supplier()));
            List<String> out = new ArrayList<>(all.stream().filter(s -> !UNATTRIBUTED.equals(s)).toList());
            if (all.contains(UNATTRIBUTED)) {
                out.add(UNATTRIBUTED);
            }
            return out;
        }

        public List<RowToFix> rowsOf(String supplier) {
            return rows.stream().filter(r -> r.supplier().equals(supplier)).toList();
        }

        public List<Month> monthsOf(String supplier) {
            return months.stream().filter(m -> m.supplier().equals(supplier)).toList();
        }
    }

    /**
     * Collects the contents from this run's {@code rejects}, its {@code linked_spells} and, when the run had a social
     * care feed, its accepted care events (else null).
     */
    public static Contents collect(Dataset<Row> rejects, Dataset<Row> spells, Dataset<Row> careEvents,
                                   LocalDate runDate, int missingDischargeDays) {
        List<RowToFix> rows = new ArrayList<>();
        if (rejects != null) {
            for (Row r : rejects.where(col(RejectsColumns.FEED).isin(REFERENCE_FEEDS.toArray()).unary_$bang())
                    .select(RejectsColumns.FEED, RejectsColumns.SOURCE_FILE, RejectsColumns.RECORD_NUMBER,
                            RejectsColumns.SEVERITY, RejectsColumns.REASON_CODE, RejectsColumns.REASON,
                            RejectsColumns.RAW_RECORD).collectAsList()) {
                rows.add(rowToFix(r.getString(0), r.getString(1), r.isNullAt(2) ? null : r.getLong(2), r.getString(3),
                        r.getString(4), r.getString(5), r.getString(6)));
            }
        }
        rows.sort(Comparator.comparing(RowToFix::supplier).thenComparing(RowToFix::feed)
                .thenComparing(RowToFix::sourceFile, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(RowToFix::recordNumber, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(RowToFix::reasonCode, Comparator.nullsFirst(Comparator.naturalOrder())));
        List<Month> months = new ArrayList<>();
        if (spells != null) {
            months.addAll(hospitalMonths(spells, runDate, missingDischargeDays));
        }
        if (careEvents != null) {
            months.addAll(councilMonths(careEvents));
        }
        return new Contents(runDate, missingDischargeDays, rows, months);
    }

    /** A reject as a row to fix: its supplier from its raw values, the fields its reason names. */
    public static RowToFix rowToFix(String feed, String sourceFile, Long recordNumber, String severity,
                                    String reasonCode, String reason, String rawRecord) {
        JsonNode raw = parse(rawRecord);
        return new RowToFix(supplier(raw), feed, sourceFile, recordNumber, severity, reasonCode, reason,
                fields(raw, reason), rawRecord);
    }

    /** The supplier of a reject from its raw values: provider_code, else la_code; {@value #UNATTRIBUTED} when neither reads as a code. */
    static String supplier(JsonNode raw) {
        for (String key : List.of("provider_code", "la_code")) {
            String v = value(raw, key);
            if (v != null) {
                String code = v.trim().toUpperCase(Locale.ROOT);
                return CODE.matcher(code).matches() ? code : UNATTRIBUTED;
            }
        }
        return UNATTRIBUTED;
    }

    /** The fields named at the start of each sentence of the reason ("admission_date 31/02/2024 is not a date"). */
    static String fields(JsonNode raw, String reason) {
        if (raw == null || reason == null) {
            return "";
        }
        Set<String> keys = new LinkedHashSet<>();
        raw.fieldNames().forEachRemaining(keys::add);
        Set<String> named = new LinkedHashSet<>();
        for (String part : reason.split(";\\s*")) {
            String first = part.trim().split("[\\s:,]", 2)[0];
            if (keys.contains(first)) {
                named.add(first);
            }
        }
        return String.join(", ", named);
    }

    private static String value(JsonNode raw, String key) {
        if (raw == null) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = raw.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(key) && !e.getValue().isNull() && !e.getValue().asText().isBlank()) {
                return e.getValue().asText();
            }
        }
        return null;
    }

    /** The raw record as a JSON object, or null (a malformed line is kept as its text). */
    private static JsonNode parse(String rawRecord) {
        if (rawRecord == null || !rawRecord.trim().startsWith("{")) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(rawRecord);
            return n != null && n.isObject() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }

    static List<Month> hospitalMonths(Dataset<Row> spells, LocalDate runDate, int days) {
        Column overnight = col(LinkedSpellsColumns.DISCHARGE_DATE).isNotNull().and(col(LinkedSpellsColumns.LOS_DAYS).geq(1));
        Column delayed = col(LinkedSpellsColumns.IS_DELAYED).equalTo(true);
        // more than `days` days old at the run date: admitted on or before run date - (days + 1)
        Column old = datediff(lit(java.sql.Date.valueOf(runDate)), col(LinkedSpellsColumns.ADMISSION_DATE)).gt(days);
        List<Month> out = new ArrayList<>();
        for (Row r : spells.groupBy(LinkedSpellsColumns.PROVIDER_CODE, LinkedSpellsColumns.ADMISSION_MONTH)
                .agg(count(lit(1)), n(col(LinkedSpellsColumns.PERSON_KEY).isNotNull()),
                        n(col(LinkedSpellsColumns.RESIDENCE_LAD_CODE).isNotNull()),
                        n(col(LinkedSpellsColumns.PRIMARY_DIAGNOSIS).isNotNull()), n(overnight),
                        n(overnight.and(col(LinkedSpellsColumns.DRD_RECORDED).equalTo(true))), n(delayed),
                        n(delayed.and(col(LinkedSpellsColumns.DELAY_REASON_CATEGORY).isNotNull())), n(old),
                        n(old.and(col(LinkedSpellsColumns.DISCHARGE_DATE).isNull())))
                .collectAsList()) {
            if (r.isNullAt(0) || r.isNullAt(1)) {
                continue;
            }
            out.add(new Month(r.getString(0), HOSPITAL, r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4),
                    r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10),
                    r.getLong(11)));
        }
        out.sort(Comparator.comparing(Month::supplier).thenComparing(Month::month));
        return out;
    }

    static List<Month> councilMonths(Dataset<Row> events) {
        List<Month> out = new ArrayList<>();
        Column residence = col(SocialCareEventsColumns.RESIDENCE_LAD_CODE).isNotNull()
                .or(col(SocialCareEventsColumns.POSTCODE).isNotNull());
        for (Row r : events.groupBy(col(SocialCareEventsColumns.LA_CODE),
                        date_format(col(SocialCareEventsColumns.EVENT_START_DATE), "yyyy-MM"))
                .agg(count(lit(1)), n(col(SocialCareEventsColumns.NHS_NUMBER).isNotNull()), n(residence))
                .collectAsList()) {
            if (r.isNullAt(0) || r.isNullAt(1)) {
                continue;
            }
            out.add(new Month(r.getString(0), COUNCIL, r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4),
                    0, 0, 0, 0, 0, 0, 0));
        }
        out.sort(Comparator.comparing(Month::supplier).thenComparing(Month::month));
        return out;
    }

    private static Column n(Column condition) {
        return count(when(condition, lit(1)));
    }

    /** 100 x part / whole to one decimal place; null when whole is 0. */
    public static Double pct(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
    }
}
