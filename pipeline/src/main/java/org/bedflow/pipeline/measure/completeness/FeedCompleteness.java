package org.bedflow.pipeline.measure.completeness;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.columns.LinkedSpellsColumns;
import org.bedflow.pipeline.schema.columns.SocialCareEventsColumns;

/**
 * Which months are provisional because their data is not complete yet: bedflow's own rule, not a national
 * definition (there is none). It looks at each supplier's accepted data month by month:
 * <ul>
 *   <li><b>discharges lag</b> ({@code apc_discharges}, per {@code provider_code}, by admission month M): the share of
 *       M's admissions with no discharge yet, against the share expected still in hospital at the provider's usual
 *       lengths of stay; M is incomplete when it is more than {@link CompletenessSettings#maxOpenExcess()} (5 points)
 *       above the expected share. The usual lengths of stay are the provider's <em>baseline</em>: its spells admitted
 *       at least {@value CompletenessSettings#BASELINE_DAYS} days before the latest data date, whose stays are known.
 *       S(t), the share of baseline spells whose stay lasted more than t days (t = 0..365; a spell still open counts
 *       as longer than any t), gives the expected open admissions of M: the sum over M's admission days d of
 *       admissions(d) x S(latest data date - d) (t capped at 365). With fewer than
 *       {@value CompletenessSettings#MIN_BASELINE_SPELLS} baseline spells there is no baseline year and the expected
 *       share is 0. So a timely provider's last month, with patients genuinely still in, is complete; a lagging
 *       month is far above.</li>
 *   <li><b>volume</b> (per provider for admissions by admission month and for discharges by discharge month; per
 *       council {@code la_code} for social care events by start month): M is incomplete when its count is below
 *       {@link CompletenessSettings#minVolumeRatio()} (0.75) of the median of the same supplier's previous
 *       {@value CompletenessSettings#LOOKBACK_MONTHS} months; with fewer than
 *       {@value CompletenessSettings#MIN_PREVIOUS_MONTHS} previous months there is no volume judgement.</li>
 *   <li><b>coding</b> ({@code apc_admissions}, per provider): M is incomplete when its share of spells with a coded
 *       primary diagnosis is below {@link CompletenessSettings#minCodingRatio()} (0.9) of the median share of the
 *       previous months (same look-back and minimum).</li>
 * </ul>
 * A supplier's <b>last complete month</b> is the latest month that passes every check; every later month is
 * provisional for it. An older month that fails (a genuine dip) but is followed by passing months makes nothing
 * provisional. A supplier's months run from its first month to the last month of the run's data, so a feed that
 * stopped has empty, failing months at the end.
 *
 * <p>Per configured unitary area, a month is provisional when it is on or after the first provisional month of a
 * hospital provider supplying at least {@link CompletenessSettings#minAreaShare()} (5 %) of the area's spells, or of
 * the area's council social care feed; or when the calendar says so (the month is not over at the run date). Smaller
 * providers' lags are reported but do not shade.
 *
 * <p>Two run-date warnings: a run date more than {@link CompletenessSettings#maxDaysAfterData()} days after the latest
 * admission or discharge date (the inpatient snapshot then counts every spell still open years later), and rows
 * dated after the run date (quarantined by validation as {@code FUTURE_DATE}).
 */
public final class FeedCompleteness {

    public static final String ADMISSIONS = "apc_admissions";
    public static final String DISCHARGES = "apc_discharges";
    public static final String SOCIAL_CARE = "social_care_events";

    private FeedCompleteness() {
    }

    /**
     * One supplier's month.
     *
     * @param rows     the month's volume: admissions (admission month), discharges (discharge month) or care events
     * @param admitted discharges feed: the month's admissions (the denominator of the lag check); otherwise 0
     * @param open     discharges feed: of those, with no discharge yet; otherwise 0
     * @param coded    admissions feed: of the month's admissions, with a coded primary diagnosis; otherwise 0
     */
    public record MonthCounts(String month, long rows, long admitted, long open, long coded) {
    }

    /**
     * @param area for a council feed, the configured unitary area it covers (null when none, and for hospital feeds)
     */
    public record SupplierCounts(String feed, String supplier, String area, List<MonthCounts> months) {
    }

    /**
     * One hospital provider's usual lengths of stay and its recent admissions day by day: what the discharges lag
     * check's expected open admissions are computed from.
     *
     * @param stayDays      the provider's baseline spells (admitted at least {@value CompletenessSettings#BASELINE_DAYS}
     *                      days before the latest data date) by length of stay in days, index 0..366; index 366 holds
     *                      stays of 366 days or more and spells still open
     * @param admittedByDay admission date -> admissions, for the dates less than
     *                      {@value CompletenessSettings#BASELINE_DAYS} days before the latest data date (older
     *                      admissions all have t capped at 365 and are taken from the months' counts)
     */
    public record Stays(long[] stayDays, Map<LocalDate, Long> admittedByDay) {

        public static final int CAP = CompletenessSettings.BASELINE_DAYS + 1;

        public Stays {
            if (stayDays.length != CAP + 1) {
                throw new IllegalArgumentException("stayDays must have " + (CAP + 1) + " entries, not "
                        + stayDays.length);
            }
        }

        /** How many baseline spells. */
        public long baseline() {
            return java.util.Arrays.stream(stayDays).sum();
        }
    }

    /**
     * What the rule is computed from: small, collected counts only.
     *
     * @param suppliers   per feed and supplier, month by month
     * @param areaSpells  configured area -> provider_code -> spells of the area's residents
     * @param latestData  the latest admission or discharge date in the linked spells, or null
     * @param stays       provider_code -> its usual lengths of stay and recent admissions by day (the discharges lag
     *                    check's expected share); a provider without an entry has no baseline year
     */
    public record Counts(List<SupplierCounts> suppliers, Map<String, Map<String, Long>> areaSpells,
                         LocalDate latestData, Map<String, Stays> stays) {

        /** Without lengths of stay: every provider has no baseline year (expected open share 0). */
        public Counts(List<SupplierCounts> suppliers, Map<String, Map<String, Long>> areaSpells,
                      LocalDate latestData) {
            this(suppliers, areaSpells, latestData, Map.of());
        }
    }

    /**
     * Counts per supplier and month from the run's linked spells and, when the run has a social care feed, its
     * accepted social care events ({@code careEvents} null otherwise).
     */
    public static Counts collect(Dataset<Row> linkedSpells, Dataset<Row> careEvents, ReorganisationMapping mapping) {
        Row latest = linkedSpells.select(max(greatest(col(LinkedSpellsColumns.ADMISSION_DATE),
                coalesce(col(LinkedSpellsColumns.DISCHARGE_DATE), col(LinkedSpellsColumns.ADMISSION_DATE))))).first();
        LocalDate latestData = latest.isNullAt(0) ? null : latest.getDate(0).toLocalDate();
        Map<String, TreeMap<String, long[]>> admissions = new TreeMap<>();
        for (Row r : linkedSpells.groupBy(LinkedSpellsColumns.PROVIDER_CODE, LinkedSpellsColumns.ADMISSION_MONTH)
                .agg(count(lit(1)), count(when(col(LinkedSpellsColumns.DISCHARGE_DATE).isNull(), lit(1))),
                        count(when(col(LinkedSpellsColumns.PRIMARY_DIAGNOSIS).isNotNull(), lit(1))))
                .collectAsList()) {
            if (r.isNullAt(0) || r.isNullAt(1)) {
                continue;
            }
            admissions.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
                    .put(r.getString(1), new long[] {r.getLong(2), r.getLong(3), r.getLong(4)});
        }
        Map<String, TreeMap<String, Long>> discharges = new TreeMap<>();
        for (Row r : linkedSpells.where(col(LinkedSpellsColumns.DISCHARGE_DATE).isNotNull())
                .groupBy(LinkedSpellsColumns.PROVIDER_CODE, LinkedSpellsColumns.DISCHARGE_MONTH).agg(count(lit(1)))
                .collectAsList()) {
            if (r.isNullAt(0) || r.isNullAt(1)) {
                continue;
            }
            discharges.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
        }
        List<SupplierCounts> suppliers = new ArrayList<>();
        admissions.forEach((p, months) -> {
            List<MonthCounts> list = new ArrayList<>();
            months.forEach((m, c) -> list.add(new MonthCounts(m, c[0], 0, 0, c[2])));
            suppliers.add(new SupplierCounts(ADMISSIONS, p, null, list));
        });
        java.util.TreeSet<String> providers = new java.util.TreeSet<>(admissions.keySet());
        providers.addAll(discharges.keySet());
        for (String p : providers) {
            TreeMap<String, long[]> adm = admissions.getOrDefault(p, new TreeMap<>());
            TreeMap<String, Long> dis = discharges.getOrDefault(p, new TreeMap<>());
            java.util.TreeSet<String> months = new java.util.TreeSet<>(adm.keySet());
            months.addAll(dis.keySet());
            List<MonthCounts> list = new ArrayList<>();
            for (String m : months) {
                long[] a = adm.get(m);
                list.add(new MonthCounts(m, dis.getOrDefault(m, 0L), a == null ? 0 : a[0], a == null ? 0 : a[1], 0));
            }
            suppliers.add(new SupplierCounts(DISCHARGES, p, null, list));
        }
        if (careEvents != null) {
            Map<String, TreeMap<String, Long>> care = new TreeMap<>();
            for (Row r : careEvents.groupBy(col(SocialCareEventsColumns.LA_CODE),
                    date_format(col(SocialCareEventsColumns.EVENT_START_DATE), "yyyy-MM")).agg(count(lit(1)))
                    .collectAsList()) {
                if (r.isNullAt(0) || r.isNullAt(1)) {
                    continue;
                }
                care.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
            }
            care.forEach((la, months) -> {
                List<MonthCounts> list = new ArrayList<>();
                months.forEach((m, n) -> list.add(new MonthCounts(m, n, 0, 0, 0)));
                String area = mapping.areas().containsKey(la) ? la : mapping.successorOf(la);
                suppliers.add(new SupplierCounts(SOCIAL_CARE, la,
                        area != null && mapping.areas().containsKey(area) ? area : null, list));
            });
        }
        Map<String, Map<String, Long>> areaSpells = new TreeMap<>();
        for (Row r : linkedSpells.where(col(LinkedSpellsColumns.UNITARY_AREA)
                        .isin(mapping.areas().keySet().toArray()))
                .groupBy(LinkedSpellsColumns.UNITARY_AREA, LinkedSpellsColumns.PROVIDER_CODE).agg(count(lit(1)))
                .collectAsList()) {
            if (!r.isNullAt(1)) {
                areaSpells.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
            }
        }
        return new Counts(suppliers, areaSpells, latestData, stays(linkedSpells, latestData));
    }

    /**
     * Per provider: the lengths of stay of its baseline spells (admitted at least a year before the latest data date)
     * and its admissions per day in the year before the latest data date. Two groupBy's; at most 367 + 365 rows per
     * provider are collected.
     */
    static Map<String, Stays> stays(Dataset<Row> linkedSpells, LocalDate latestData) {
        Map<String, Stays> out = new TreeMap<>();
        if (latestData == null) {
            return out;
        }
        org.apache.spark.sql.Column cutoff =
                to_date(lit(latestData.minusDays(CompletenessSettings.BASELINE_DAYS).toString()));
        org.apache.spark.sql.Column admission = col(LinkedSpellsColumns.ADMISSION_DATE);
        org.apache.spark.sql.Column stay = least(lit(Stays.CAP), greatest(lit(0),
                coalesce(datediff(col(LinkedSpellsColumns.DISCHARGE_DATE), admission), lit(Stays.CAP))));
        for (Row r : linkedSpells.where(admission.leq(cutoff))
                .groupBy(col(LinkedSpellsColumns.PROVIDER_CODE), stay.as("stay_days")).agg(count(lit(1)))
                .collectAsList()) {
            if (r.isNullAt(0)) {
                continue;
            }
            out.computeIfAbsent(r.getString(0), k -> new Stays(new long[Stays.CAP + 1], new TreeMap<>()))
                    .stayDays()[r.getInt(1)] += r.getLong(2);
        }
        for (Row r : linkedSpells.where(admission.gt(cutoff))
                .groupBy(LinkedSpellsColumns.PROVIDER_CODE, LinkedSpellsColumns.ADMISSION_DATE).agg(count(lit(1)))
                .collectAsList()) {
            if (r.isNullAt(0) || r.isNullAt(1)) {
                continue;
            }
            out.computeIfAbsent(r.getString(0), k -> new Stays(new long[Stays.CAP + 1], new TreeMap<>()))
                    .admittedByDay().put(r.getDate(1).toLocalDate(), r.getLong(2));
        }
        return out;
    }

    /**
     * The admissions of each month expected still in hospital at the provider's usual lengths of stay: the sum over
     * the month's admission days d of admissions(d) x S(latestData - d), S(t) the share of baseline spells whose stay
     * lasted more than t days, t capped at 365. Admissions a year or more before {@code latestData} (not in
     * {@code admittedByDay}) are the month's {@code admitted} less its days counted, all at S(365). Null when there is
     * no baseline year (fewer than {@value CompletenessSettings#MIN_BASELINE_SPELLS} baseline spells).
     */
    static Map<String, Double> expectedOpen(Stays stays, LocalDate latestData, List<MonthCounts> months) {
        if (stays == null || latestData == null || stays.baseline() < CompletenessSettings.MIN_BASELINE_SPELLS) {
            return null;
        }
        int maxT = CompletenessSettings.BASELINE_DAYS;
        long[] longer = new long[maxT + 1];                  // longer[t]: baseline spells whose stay lasted more than t
        long[] days = stays.stayDays();
        longer[maxT] = days[maxT + 1];
        for (int t = maxT - 1; t >= 0; t--) {
            longer[t] = longer[t + 1] + days[t + 1];
        }
        Map<String, long[]> byMonth = new HashMap<>();       // month -> {sum admissions(d) x longer[t], admissions}
        stays.admittedByDay().forEach((d, n) -> {
            int t = (int) Math.max(0, Math.min(maxT, ChronoUnit.DAYS.between(d, latestData)));
            long[] a = byMonth.computeIfAbsent(YearMonth.from(d).toString(), k -> new long[2]);
            a[0] += n * longer[t];
            a[1] += n;
        });
        double baseline = stays.baseline();
        Map<String, Double> out = new HashMap<>();
        for (MonthCounts m : months) {
            long[] a = byMonth.getOrDefault(m.month(), new long[2]);
            long older = Math.max(0, m.admitted() - a[1]);
            out.put(m.month(), (a[0] + older * longer[maxT]) / baseline);
        }
        return out;
    }

    /**
     * The rule, on collected counts.
     *
     * @param areas      the configured areas (code -> name)
     * @param months     the run's reporting months (yyyy-MM, oldest first): the grid's
     * @param runDate    the run date
     * @param futureRows rows validation found dated after the run date ({@code FUTURE_DATE})
     */
    public static Completeness assess(Counts counts, CompletenessSettings settings, Map<String, String> areas,
                                      List<String> months, LocalDate runDate, long futureRows) {
        String lastMonth = months.isEmpty() ? null : months.get(months.size() - 1);
        List<Completeness.Supplier> judged = new ArrayList<>();
        Map<String, String> providerFrom = new HashMap<>();   // provider -> its first provisional month
        Map<String, String> councilFrom = new HashMap<>();    // area -> first provisional month of its council feeds
        List<Judgement> judgements = new ArrayList<>();
        for (SupplierCounts s : counts.suppliers()) {
            Map<String, Double> expected = DISCHARGES.equals(s.feed())
                    ? expectedOpen(counts.stays().get(s.supplier()), counts.latestData(), s.months()) : null;
            Judgement j = judge(s, lastMonth, settings, expected);
            judgements.add(j);
            if (j.firstProvisional() == null) {
                continue;
            }
            if (SOCIAL_CARE.equals(s.feed())) {
                if (s.area() != null) {
                    councilFrom.merge(s.area(), j.firstProvisional(), FeedCompleteness::earlier);
                }
            } else {
                providerFrom.merge(s.supplier(), j.firstProvisional(), FeedCompleteness::earlier);
            }
        }
        Map<String, List<String>> byArea = new LinkedHashMap<>();
        java.util.Set<String> shading = new java.util.HashSet<>();
        for (String area : areas.keySet()) {
            String from = councilFrom.get(area);
            Map<String, Long> spells = counts.areaSpells().getOrDefault(area, Map.of());
            long total = spells.values().stream().mapToLong(Long::longValue).sum();
            for (Map.Entry<String, Long> p : spells.entrySet()) {
                String pFrom = providerFrom.get(p.getKey());
                if (pFrom != null && total > 0 && p.getValue() >= settings.minAreaShare() * total - 1e-9) {
                    from = earlier(from, pFrom);
                    shading.add(p.getKey());
                }
            }
            List<String> provisional = new ArrayList<>();
            for (String m : months) {
                if ((from != null && m.compareTo(from) >= 0) || !YearMonth.parse(m).atEndOfMonth().isBefore(runDate)) {
                    provisional.add(m);
                }
            }
            byArea.put(area, provisional);
        }
        for (int i = 0; i < judgements.size(); i++) {
            SupplierCounts s = counts.suppliers().get(i);
            Judgement j = judgements.get(i);
            boolean shades = j.firstProvisional() != null && (SOCIAL_CARE.equals(s.feed()) ? s.area() != null
                    : shading.contains(s.supplier()));
            judged.add(new Completeness.Supplier(s.feed(), s.supplier(), j.lastComplete(), j.firstProvisional(),
                    j.reason(), shades));
        }
        judged.sort(Comparator.comparing((Completeness.Supplier s) -> feedOrder(s.feed()))
                .thenComparing(Completeness.Supplier::supplier));
        LocalDate latest = counts.latestData();
        return new Completeness(judged, byArea, latest == null ? null : latest.toString(),
                warnings(runDate, latest, futureRows, settings));
    }

    private static int feedOrder(String feed) {
        return switch (feed) {
            case ADMISSIONS -> 0;
            case DISCHARGES -> 1;
            default -> 2;
        };
    }

    private static String earlier(String a, String b) {
        return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
    }

    /** One supplier's verdict. */
    record Judgement(String lastComplete, String firstProvisional, String reason) {
    }

    /**
     * The last complete month of one supplier, over its months from its first to {@code lastMonth}.
     *
     * @param expected discharges feed: month -> admissions expected still in hospital ({@link #expectedOpen}); null
     *                 when there is no baseline year (and for the other feeds)
     */
    static Judgement judge(SupplierCounts s, String lastMonth, CompletenessSettings settings,
                           Map<String, Double> expected) {
        Map<String, MonthCounts> byMonth = new HashMap<>();
        s.months().forEach(m -> byMonth.put(m.month(), m));
        String first = s.months().stream().map(MonthCounts::month).min(String::compareTo).orElse(null);
        if (first == null) {
            return new Judgement(null, null, null);
        }
        String last = lastMonth == null || lastMonth.compareTo(first) < 0
                ? s.months().stream().map(MonthCounts::month).max(String::compareTo).orElseThrow() : lastMonth;
        List<MonthCounts> series = new ArrayList<>();
        for (YearMonth m = YearMonth.parse(first); !m.isAfter(YearMonth.parse(last)); m = m.plusMonths(1)) {
            series.add(byMonth.getOrDefault(m.toString(), new MonthCounts(m.toString(), 0, 0, 0, 0)));
        }
        List<List<String>> failures = new ArrayList<>();
        int lastPass = -1;
        for (int i = 0; i < series.size(); i++) {
            List<String> f = failures(s.feed(), series, i, settings, expected);
            failures.add(f);
            if (f.isEmpty()) {
                lastPass = i;
            }
        }
        if (lastPass == series.size() - 1) {
            return new Judgement(series.get(lastPass).month(), null, null);
        }
        int firstBad = lastPass + 1;
        return new Judgement(lastPass < 0 ? null : series.get(lastPass).month(), series.get(firstBad).month(),
                series.get(firstBad).month() + ": " + String.join("; ", failures.get(firstBad)));
    }

    /**
     * Why month {@code i} of a supplier's series is not complete, in words (without the month); empty when it is.
     *
     * @param expected as for {@link #judge}
     */
    static List<String> failures(String feed, List<MonthCounts> series, int i, CompletenessSettings st,
                                 Map<String, Double> expected) {
        MonthCounts m = series.get(i);
        List<String> out = new ArrayList<>();
        if (DISCHARGES.equals(feed) && m.admitted() > 0) {
            double exp = expected == null ? 0 : expected.getOrDefault(m.month(), 0.0);
            // observed share - expected share > limit, in admissions
            if (m.open() - exp > st.maxOpenExcess() * m.admitted() + 1e-9) {
                double share = (double) m.open() / m.admitted();
                out.add(expected == null
                        ? String.format(Locale.UK, "%,d of %,d admissions (%s) have no discharge yet; limit %s "
                                        + "(no baseline year of this provider's stays, so none expected still in "
                                        + "hospital)", m.open(), m.admitted(), pct(share), pct(st.maxOpenExcess()))
                        : String.format(Locale.UK, "%,d of %,d admissions (%s) have no discharge yet, where about "
                                        + "%,.0f (%s) would still be in hospital at this provider's usual lengths of "
                                        + "stay; limit %s points above that", m.open(), m.admitted(), pct(share),
                                exp, pct(exp / m.admitted()), number(Math.round(st.maxOpenExcess() * 10000) / 100.0)));
            }
        }
        List<MonthCounts> previous = series.subList(Math.max(0, i - CompletenessSettings.LOOKBACK_MONTHS), i);
        if (previous.size() >= CompletenessSettings.MIN_PREVIOUS_MONTHS) {
            double median = median(previous.stream().mapToDouble(MonthCounts::rows).toArray());
            if (m.rows() < st.minVolumeRatio() * median - 1e-9) {
                out.add(String.format(Locale.UK, "%,d %s, below %s of the median of the previous %d months (%s)",
                        m.rows(), noun(feed), number(st.minVolumeRatio()), previous.size(), number(median)));
            }
        }
        if (ADMISSIONS.equals(feed) && m.rows() > 0) {
            double[] shares = previous.stream().filter(p -> p.rows() > 0)
                    .mapToDouble(p -> (double) p.coded() / p.rows()).toArray();
            if (shares.length >= CompletenessSettings.MIN_PREVIOUS_MONTHS) {
                double median = median(shares);
                double share = (double) m.coded() / m.rows();
                if (share < st.minCodingRatio() * median - 1e-9) {
                    out.add(String.format(Locale.UK, "%,d of %,d admissions (%s) have a coded primary diagnosis, "
                                    + "below %s of the previous months' median (%s)", m.coded(), m.rows(),
                            pct(share), number(st.minCodingRatio()), pct(median)));
                }
            }
        }
        return out;
    }

    private static String noun(String feed) {
        return switch (feed) {
            case ADMISSIONS -> "admissions";
            case DISCHARGES -> "discharges";
            default -> "care events";
        };
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static String pct(double share) {
        return String.format(Locale.UK, "%.0f %%", 100 * share);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.UK, "%,.0f", v)
                : String.format(Locale.UK, "%,.2f", v).replaceAll("0+$", "");
    }

    /**
     * The run-date warnings: a run date more than the allowed days after the latest data, and rows dated after the
     * run date.
     */
    public static List<String> warnings(LocalDate runDate, LocalDate latestData, long futureRows,
                                        CompletenessSettings settings) {
        List<String> out = new ArrayList<>();
        if (latestData != null) {
            long days = ChronoUnit.DAYS.between(latestData, runDate);
            if (days > settings.maxDaysAfterData()) {
                out.add(String.format(Locale.UK, "run date %s is %,d days after the latest data (%s): the inpatient "
                                + "snapshot counts every spell still open on the run date, so every open spell is a "
                                + "long stay; re-run with --run-date %s (or the night the extracts were taken)",
                        runDate, days, latestData, latestData));
            }
        }
        if (futureRows > 0) {
            out.add(String.format(Locale.UK, "%,d %s dated after the run date %s (FUTURE_DATE: quarantined, or the "
                            + "date dropped); if the run date is wrong, re-run with --run-date set to the night the "
                            + "extracts were taken", futureRows, futureRows == 1 ? "row is" : "rows are", runDate));
        }
        return out;
    }
}
