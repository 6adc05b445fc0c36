package org.bedflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code delayed_discharge_monthly} (docs/measures.md, "delayed_discharge_monthly") as plain SQL in
 * DuckDB, on the same Parquet feed folders that bedflow reads, so that bench/run.sh can show the cost
 * of the Spark route on one machine, and a cross-check that both compute the same numbers: every
 * numeric column of the table ({@link #COLUMNS} says which are not compared).
 *
 * <p>What the SQL does, in bedflow's order:
 * <ol>
 *   <li>latest version per (provider_code, spell_id) by submitted_at for admissions and discharges
 *       (and per (la_code, event_id) for care events); people on the opt-out list removed before the
 *       versions are ranked; NHS numbers normalised and checked (Modulus 11): a valid number plays the
 *       part of bedflow's keyed person_key ("Person key");</li>
 *   <li>a Discharge Ready Date outside [admission, discharge] nulled; the recorded
 *       delay_responsible_sector matched to NHS, Social care, Both or Other (any other value left
 *       out);</li>
 *   <li>spells = admission ⋈ discharge ("Spells"); residence → unitary area through the reorganisation
 *       mapping, LSOA → district through geography when the district is missing ("Residence and
 *       area"); los_days = discharge − admission ("Spell fields");</li>
 *   <li>per provider-month (provider_code × discharge month), over <em>every</em> overnight discharged
 *       spell of the feeds whatever its area, age or destination: the provider-month does not record
 *       DRDs when it has ≥ 50 overnight discharges and &lt; 5 % of them carry a DRD ("Discharge Ready
 *       Date and delay days"; the figures and the collection start are options, bedflow's defaults);</li>
 *   <li>universe ("delayed_discharge_monthly"): alive discharges (method not 4 or 5, destination not
 *       79), aged 18+ on admission, resident in a configured area, and not discharged to another hospital
 *       (the discharge_destination codes of bedflow's reference/transfers.csv, {@code --transfers});
 *       month = discharge month;</li>
 *   <li>delay_days ("Discharge Ready Date and delay days"): null unless los_days ≥ 1; a recorded DRD
 *       gives discharge − DRD (in every provider-month, before the collection start too); a blank one
 *       gives 0 from the collection start (2023-04-01) where the provider-month records DRDs, else null
 *       (unknown); responsible sector of a delayed spell = the recorded sector, else the delay reason
 *       mapping's ({@code --delay-reasons}: the mapping bedflow ran with, by default acute_sitrep.csv),
 *       {@code unknown} for a reason the mapping lacks, null without reason or sector;</li>
 *   <li>the linked care event ("Care linkage") = the person's earliest Service starting in
 *       [discharge − 1, discharge + 3], then the smallest event_id; drd_to_care_start_days = its start −
 *       the recorded DRD;</li>
 *   <li>delayed bed days by the month they fell in: each delayed discharge's days DRD … discharge − 1
 *       split over calendar months ("Delayed bed days in the month they fell");</li>
 *   <li>per area × month: the three nested populations (discharges, overnight_discharges,
 *       drd_measured_discharges = overnight with a known delay), counts, bands and sums over the
 *       DRD-measured and delayed discharges, median and p90 (linear interpolation, as Spark's
 *       {@code percentile}: "Percentiles"), percentages over drd_measured_discharges (completeness over
 *       overnight_discharges, usual residence over discharges), computed in doubles; null where there is
 *       nothing to divide by.</li>
 * </ol>
 *
 * <p>It covers only what the generator produces: rows with validation errors (bad dates, unknown codes,
 * conflicting duplicates) are not quarantined here, so the cross-check is meaningful on generated feeds,
 * not on hand-made bad rows. bedflow's reporting grid is not rebuilt: an area-month bedflow has and
 * DuckDB has not must be the all-zero row of the grid.
 *
 * <p>Usage: {@code DuckDbMeasures --input DIR --lgr CSV --delay-reasons CSV [--transfers CSV]
 * [--bedflow-output DIR] [--drd-collection-start 2023-04-01] [--drd-min-overnight-discharges 50]
 * [--drd-min-recorded-share 0.05] [--threads N] [--memory-limit 8GB]}; {@code --transfers} defaults to
 * the transfers.csv of the reference folder that holds the {@code --lgr} file's folder. Prints
 * {@code key=value} lines for the script and the cross-check; exit code 0 when the cross-check found no
 * difference (or was not asked for), 3 otherwise.
 */
public final class DuckDbMeasures {

    /** Counts of the table (0 in an empty month), in the order of bedflow's table. */
    static final List<String> COUNT_COLUMNS = List.of("discharges", "overnight_discharges", "drd_measured_discharges",
            "discharges_with_drd", "discharged_on_drd", "delayed_discharges", "delayed_1_day", "delayed_2_3_days",
            "delayed_4_6_days", "delayed_7_13_days", "delayed_14_20_days", "delayed_21plus_days", "delay_days",
            "delayed_7plus_days", "delayed_bed_days_in_month", "delayed_in_month_discharges",
            "delayed_reported_social_care", "delayed_with_new_care_start", "delay_days_with_new_care_start",
            "discharges_with_drd_and_care_start", "long_stay_7plus", "long_stay_14plus", "long_stay_21plus",
            "discharged_to_usual_residence");

    /**
     * Columns compared with bedflow's table (doubles with a relative tolerance): every numeric column of
     * {@code delayed_discharge_monthly}, in the table's order. Not compared: unitary_area and month (the join
     * key), unitary_area_name, period_start and period_end (labels of the grid), provisional (bedflow's
     * completeness judgement of each supplier's months, docs/measures.md "When a month is provisional",
     * which is not a measure of the spells) and run_id.
     */
    static final List<String> COLUMNS = List.of("discharges", "overnight_discharges", "drd_measured_discharges",
            "discharges_with_drd", "pct_drd_recorded", "discharged_on_drd", "pct_discharged_on_drd",
            "delayed_discharges", "pct_delayed", "delayed_1_day", "delayed_2_3_days", "delayed_4_6_days",
            "delayed_7_13_days", "delayed_14_20_days", "delayed_21plus_days", "delay_days", "mean_delay_days",
            "mean_delay_days_all", "median_delay_days", "p90_delay_days", "delayed_7plus_days",
            "pct_delayed_7plus_days", "delayed_bed_days_in_month", "delayed_in_month_discharges",
            "delayed_reported_social_care", "delayed_with_new_care_start", "delay_days_with_new_care_start",
            "discharges_with_drd_and_care_start", "median_drd_to_care_start_days", "long_stay_7plus",
            "long_stay_14plus", "long_stay_21plus", "discharged_to_usual_residence",
            "pct_discharged_to_usual_residence");

    private DuckDbMeasures() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        Path input = Path.of(required(opt, "--input")).toAbsolutePath();
        List<String[]> lgr = csv(Path.of(required(opt, "--lgr")));
        List<String[]> reasons = csv(Path.of(required(opt, "--delay-reasons")));
        // the transfer list sits beside the reorganisation mappings' folder in bedflow's reference files
        Path lgrFile = Path.of(required(opt, "--lgr")).toAbsolutePath();
        List<String[]> transfers = csv(opt.containsKey("--transfers") ? Path.of(opt.get("--transfers"))
                : lgrFile.getParent().getParent().resolve("transfers.csv"));
        Drd drd = new Drd(LocalDate.parse(opt.getOrDefault("--drd-collection-start", "2023-04-01")),
                Long.parseLong(opt.getOrDefault("--drd-min-overnight-discharges", "50")),
                Double.parseDouble(opt.getOrDefault("--drd-min-recorded-share", "0.05")));
        String bedflowOutput = opt.get("--bedflow-output");

        long t0 = System.nanoTime();
        Class.forName("org.duckdb.DuckDBDriver");
        int differences = 0;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            if (opt.containsKey("--threads")) {
                st.execute("SET threads = " + Integer.parseInt(opt.get("--threads")));
            }
            if (opt.containsKey("--memory-limit")) {
                st.execute("SET memory_limit = '" + opt.get("--memory-limit").replace("'", "") + "'");
            }
            st.execute("SET preserve_insertion_order = false");
            long tOpen = System.nanoTime();

            reference(st, lgr, reasons, transfers);
            Timings timings = new Timings();
            for (String[] step : steps(input, drd)) {
                long s = System.nanoTime();
                st.execute(step[1]);
                timings.add(step[0], System.nanoTime() - s);
            }
            long rowsRead = scalar(st, "SELECT (SELECT count(*) FROM " + feed(input, "apc_admissions") + ") + (SELECT count(*) FROM "
                    + feed(input, "apc_discharges") + ") + (SELECT count(*) FROM " + feed(input, "social_care_events") + ")");
            long tEnd = System.nanoTime();

            System.out.printf(Locale.ROOT, "duckdb_version=%s%n", text(st, "SELECT version()"));
            System.out.printf(Locale.ROOT, "duckdb_threads=%s%n", text(st, "SELECT current_setting('threads')"));
            System.out.printf(Locale.ROOT, "duckdb_open_seconds=%.3f%n", (tOpen - t0) / 1e9);
            System.out.printf(Locale.ROOT, "duckdb_query_seconds=%.3f%n", (tEnd - tOpen) / 1e9);
            System.out.printf(Locale.ROOT, "duckdb_feed_rows=%d%n", rowsRead);
            System.out.printf(Locale.ROOT, "duckdb_spells=%d%n", scalar(st, "SELECT count(*) FROM spells"));
            System.out.printf(Locale.ROOT, "duckdb_universe=%d%n", scalar(st, "SELECT count(*) FROM universe"));
            System.out.printf(Locale.ROOT, "duckdb_result_rows=%d%n", scalar(st, "SELECT count(*) FROM ddm"));
            timings.print();

            if (bedflowOutput != null) {
                differences = crossCheck(st, Path.of(bedflowOutput).toAbsolutePath());
            }
        }
        System.out.printf(Locale.ROOT, "duckdb_total_seconds=%.3f%n", (System.nanoTime() - t0) / 1e9);
        System.exit(differences == 0 ? 0 : 3);
    }

    /**
     * Steps in order: name, SQL. Each materialises a temp table so the timings mean something.
     *
     * @param drd when a blank DRD means no delay (bedflow's {@code bedflow.drd.*} settings)
     */
    static List<String[]> steps(Path input, Drd drd) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"read_opt_outs", """
                CREATE TEMP TABLE opted_out AS
                SELECT DISTINCT nhs_key(nhs_number) AS nhs FROM %s WHERE nhs_key(nhs_number) IS NOT NULL
                """.formatted(optionalFeed(input, "opt_outs", "nhs_number VARCHAR"))});
        out.add(new String[] {"read_geography", """
                CREATE TEMP TABLE geo AS
                SELECT upper(trim(lsoa_code)) AS lsoa_code, min(upper(trim(lad_code))) AS lad_code
                FROM %s GROUP BY 1
                """.formatted(optionalFeed(input, "geography", "lsoa_code VARCHAR, lad_code VARCHAR"))});
        out.add(new String[] {"admissions_latest", """
                CREATE TEMP TABLE adm AS
                SELECT provider_code, spell_id, person, age_on_admission,
                       upper(trim(residence_lad_code)) AS residence_lad_code, upper(trim(lsoa_code)) AS lsoa_code,
                       admission_date
                FROM (SELECT *, nhs_key(nhs_number) AS person FROM %s)
                WHERE person IS NULL OR person NOT IN (SELECT nhs FROM opted_out)
                QUALIFY row_number() OVER (PARTITION BY provider_code, spell_id ORDER BY submitted_at DESC) = 1
                """.formatted(feed(input, "apc_admissions"))});
        out.add(new String[] {"discharges_latest", """
                CREATE TEMP TABLE dis AS
                SELECT provider_code, spell_id, discharge_date, trim(discharge_method) AS discharge_method,
                       trim(discharge_destination) AS discharge_destination, discharge_ready_date,
                       trim(delay_reason) AS delay_reason, sector_of(delay_responsible_sector) AS recorded_sector
                FROM %s
                QUALIFY row_number() OVER (PARTITION BY provider_code, spell_id ORDER BY submitted_at DESC) = 1
                """.formatted(feed(input, "apc_discharges"))});
        out.add(new String[] {"care_services", """
                CREATE TEMP TABLE services AS
                SELECT person, event_id, event_start_date FROM (
                    SELECT nhs_key(nhs_number) AS person, event_id, event_start_date, event_type
                    FROM %s
                    QUALIFY row_number() OVER (PARTITION BY la_code, event_id ORDER BY submitted_at DESC) = 1)
                WHERE lower(trim(event_type)) = 'service' AND person IS NOT NULL
                  AND person NOT IN (SELECT nhs FROM opted_out)
                """.formatted(feed(input, "social_care_events"))});
        out.add(new String[] {"spells", """
                CREATE TEMP TABLE spells AS
                SELECT a.provider_code, a.spell_id, a.person, a.age_on_admission, a.admission_date,
                       d.discharge_date, d.discharge_method, d.discharge_destination, d.delay_reason, d.recorded_sector,
                       CASE WHEN d.discharge_ready_date < a.admission_date OR d.discharge_ready_date > d.discharge_date
                            THEN NULL ELSE d.discharge_ready_date END AS drd,
                       strftime(d.discharge_date, '%Y-%m') AS month,
                       date_diff('day', a.admission_date, d.discharge_date) AS los_days,
                       CASE WHEN coalesce(a.residence_lad_code, g.lad_code) IS NULL THEN 'UNKNOWN'
                            ELSE coalesce(m.area, 'OTHER') END AS unitary_area
                FROM adm a
                LEFT JOIN dis d USING (provider_code, spell_id)
                LEFT JOIN geo g ON a.residence_lad_code IS NULL AND a.lsoa_code = g.lsoa_code
                LEFT JOIN area_map m ON m.code = coalesce(a.residence_lad_code, g.lad_code)
                """});
        // every overnight discharged spell of the provider counts, whatever its area, age or destination
        out.add(new String[] {"drd_provider_months", """
                CREATE TEMP TABLE drd_recording AS
                SELECT provider_code, month,
                       NOT (count(*) >= %d AND CAST(count(drd) AS DOUBLE) < CAST(count(*) AS DOUBLE) * CAST(%s AS DOUBLE))
                           AS records_drd
                FROM spells WHERE discharge_date IS NOT NULL AND los_days >= 1
                GROUP BY provider_code, month
                """.formatted(drd.minOvernightDischarges(), Double.toString(drd.minRecordedShare()))});
        out.add(new String[] {"universe", """
                CREATE TEMP TABLE universe AS
                WITH d AS (
                    SELECT s.*,
                           CASE WHEN los_days IS NULL OR los_days < 1 THEN NULL
                                WHEN drd IS NOT NULL THEN date_diff('day', drd, discharge_date)
                                WHEN discharge_date >= DATE '%s' AND p.records_drd THEN 0
                           END AS delay_days,
                           r.sector AS reason_sector
                    FROM spells s
                    LEFT JOIN drd_recording p USING (provider_code, month)
                    LEFT JOIN reasons r ON r.code = s.delay_reason
                    WHERE discharge_date IS NOT NULL
                      AND NOT coalesce(discharge_method IN ('4', '5') OR discharge_destination = '79', false)
                      AND age_on_admission >= 18
                      AND unitary_area IN (SELECT unitary_area FROM areas)
                      AND NOT coalesce(discharge_destination IN (SELECT code FROM transfer_destinations), false))
                SELECT * EXCLUDE (reason_sector),
                       CASE WHEN delay_days >= 1 THEN coalesce(recorded_sector,
                            CASE WHEN delay_reason IS NOT NULL THEN coalesce(reason_sector, 'unknown') END) END AS sector
                FROM d
                """.formatted(drd.collectionStart())});
        out.add(new String[] {"care_linkage", """
                CREATE TEMP TABLE care AS
                SELECT u.provider_code, u.spell_id, e.event_id, e.event_start_date AS care_start_date
                FROM universe u JOIN services e
                  ON u.person = e.person
                 AND e.event_start_date BETWEEN u.discharge_date - INTERVAL 1 DAY AND u.discharge_date + INTERVAL 3 DAY
                QUALIFY row_number() OVER (PARTITION BY u.provider_code, u.spell_id
                                           ORDER BY e.event_start_date, e.event_id) = 1
                """});
        out.add(new String[] {"delayed_days_by_month", """
                CREATE TEMP TABLE bed_days AS
                WITH spans AS (
                    SELECT unitary_area, discharge_date - CAST(delay_days AS INTEGER) AS first_day,
                           discharge_date - 1 AS last_day
                    FROM universe WHERE delay_days >= 1),
                months AS (
                    SELECT unitary_area, first_day, last_day,
                           CAST(unnest(generate_series(date_trunc('month', first_day), date_trunc('month', last_day),
                                                       INTERVAL 1 MONTH)) AS DATE) AS month_start
                    FROM spans)
                SELECT unitary_area, strftime(month_start, '%Y-%m') AS month,
                       sum(date_diff('day', greatest(month_start, first_day), least(last_day(month_start), last_day)) + 1)
                           AS delayed_bed_days_in_month,
                       count(*) AS delayed_in_month_discharges
                FROM months GROUP BY 1, 2
                """});
        out.add(new String[] {"aggregate", """
                CREATE TEMP TABLE ddm AS
                WITH x AS (
                    SELECT u.*, c.event_id AS care_event_id,
                           date_diff('day', u.drd, c.care_start_date) AS drd_to_care_start_days
                    FROM universe u LEFT JOIN care c USING (provider_code, spell_id)),
                agg AS (
                    SELECT unitary_area, month,
                        count(*) AS discharges,
                        count(*) FILTER (WHERE los_days >= 1) AS overnight_discharges,
                        count(delay_days) AS drd_measured_discharges,
                        count(*) FILTER (WHERE los_days >= 1 AND drd IS NOT NULL) AS discharges_with_drd,
                        count(*) FILTER (WHERE delay_days = 0) AS discharged_on_drd,
                        count(*) FILTER (WHERE delay_days >= 1) AS delayed_discharges,
                        count(*) FILTER (WHERE delay_days = 1) AS delayed_1_day,
                        count(*) FILTER (WHERE delay_days BETWEEN 2 AND 3) AS delayed_2_3_days,
                        count(*) FILTER (WHERE delay_days BETWEEN 4 AND 6) AS delayed_4_6_days,
                        count(*) FILTER (WHERE delay_days BETWEEN 7 AND 13) AS delayed_7_13_days,
                        count(*) FILTER (WHERE delay_days BETWEEN 14 AND 20) AS delayed_14_20_days,
                        count(*) FILTER (WHERE delay_days >= 21) AS delayed_21plus_days,
                        coalesce(sum(delay_days) FILTER (WHERE delay_days >= 1), 0) AS delay_days,
                        quantile_cont(delay_days, 0.5) FILTER (WHERE delay_days >= 1) AS median_delay_days,
                        quantile_cont(delay_days, 0.9) FILTER (WHERE delay_days >= 1) AS p90_delay_days,
                        count(*) FILTER (WHERE delay_days >= 7) AS delayed_7plus_days,
                        count(*) FILTER (WHERE delay_days >= 1 AND sector IN ('Social care', 'Both'))
                            AS delayed_reported_social_care,
                        count(*) FILTER (WHERE delay_days >= 1 AND care_event_id IS NOT NULL) AS delayed_with_new_care_start,
                        coalesce(sum(delay_days) FILTER (WHERE delay_days >= 1 AND care_event_id IS NOT NULL), 0)
                            AS delay_days_with_new_care_start,
                        count(drd_to_care_start_days) AS discharges_with_drd_and_care_start,
                        quantile_cont(drd_to_care_start_days, 0.5) AS median_drd_to_care_start_days,
                        count(*) FILTER (WHERE los_days >= 7) AS long_stay_7plus,
                        count(*) FILTER (WHERE los_days >= 14) AS long_stay_14plus,
                        count(*) FILTER (WHERE los_days >= 21) AS long_stay_21plus,
                        count(*) FILTER (WHERE discharge_destination = '19') AS discharged_to_usual_residence
                    FROM x GROUP BY unitary_area, month),
                full_rows AS (
                    SELECT coalesce(a.unitary_area, b.unitary_area) AS unitary_area, coalesce(a.month, b.month) AS month,
                           a.* EXCLUDE (unitary_area, month),
                           coalesce(b.delayed_bed_days_in_month, 0) AS delayed_bed_days_in_month,
                           coalesce(b.delayed_in_month_discharges, 0) AS delayed_in_month_discharges
                    FROM agg a FULL JOIN bed_days b USING (unitary_area, month))
                SELECT unitary_area, month,
                    %s,
                    median_delay_days, p90_delay_days, median_drd_to_care_start_days,
                    pct(discharges_with_drd, overnight_discharges) AS pct_drd_recorded,
                    pct(discharged_on_drd, drd_measured_discharges) AS pct_discharged_on_drd,
                    pct(delayed_discharges, drd_measured_discharges) AS pct_delayed,
                    ratio(delay_days, delayed_discharges) AS mean_delay_days,
                    ratio(delay_days, drd_measured_discharges) AS mean_delay_days_all,
                    pct(delayed_7plus_days, drd_measured_discharges) AS pct_delayed_7plus_days,
                    pct(discharged_to_usual_residence, discharges) AS pct_discharged_to_usual_residence
                FROM full_rows
                """.formatted(String.join(",\n    ", COUNT_COLUMNS.stream()
                        .map(c -> "coalesce(" + c + ", 0) AS " + c).toList()))});
        return out;
    }

    /** Macros and the small reference tables (from the CSVs bedflow ships). */
    static void reference(Statement st, List<String[]> lgr, List<String[]> reasons, List<String[]> transfers)
            throws SQLException {
        // NHS number (docs/code-lists.md): spaces/hyphens removed, 10 digits, Modulus 11 check digit,
        // not all one digit; else null. Arithmetic on the number, not substrings: it is the
        // costliest expression of the whole query.
        st.execute("CREATE MACRO nhs_digits(v) AS replace(replace(v, ' ', ''), '-', '')");
        StringBuilder sum = new StringBuilder();
        for (int i = 1; i <= 9; i++) {
            sum.append(i == 1 ? "" : " + ").append("((n // ").append((long) Math.pow(10, 10 - i)).append(") % 10) * ").append(11 - i);
        }
        st.execute("CREATE MACRO nhs_check(n) AS (11 - ((" + sum + ") % 11)) % 11");
        st.execute("""
                CREATE MACRO nhs_ok(n) AS nhs_check(n) <> 10 AND nhs_check(n) = n % 10 AND n % 1111111111 <> 0
                """);
        st.execute("""
                CREATE MACRO nhs_key_digits(d) AS
                    CASE WHEN regexp_full_match(d, '[0-9]{10}') AND nhs_ok(TRY_CAST(d AS BIGINT)) THEN d END
                """);
        st.execute("CREATE MACRO nhs_key(v) AS nhs_key_digits(nhs_digits(v))");
        int former = column(lgr, "former_code");
        int successor = column(lgr, "successor_code");
        int successorName = column(lgr, "successor_name");
        StringBuilder map = new StringBuilder();
        Map<String, String> areas = new LinkedHashMap<>();
        for (String[] r : lgr.subList(1, lgr.size())) {
            map.append(map.isEmpty() ? "" : ", ").append("(").append(q(r[former])).append(", ").append(q(r[successor])).append(")");
            areas.put(r[successor], r[successorName]);
        }
        for (String area : areas.keySet()) {
            map.append(", (").append(q(area)).append(", ").append(q(area)).append(")");
        }
        st.execute("CREATE TEMP TABLE area_map AS SELECT * FROM (VALUES " + map + ") t(code, area)");
        StringBuilder areaRows = new StringBuilder();
        areas.forEach((code, name) -> areaRows.append(areaRows.isEmpty() ? "" : ", ")
                .append("(").append(q(code)).append(", ").append(q(name)).append(")"));
        st.execute("CREATE TEMP TABLE areas AS SELECT * FROM (VALUES " + areaRows + ") t(unitary_area, unitary_area_name)");
        int code = column(reasons, "code");
        int sector = column(reasons, "sector");
        StringBuilder reasonRows = new StringBuilder();
        for (String[] r : reasons.subList(1, reasons.size())) {
            reasonRows.append(reasonRows.isEmpty() ? "" : ", ").append("(").append(q(r[code])).append(", ").append(q(r[sector])).append(")");
        }
        st.execute("CREATE TEMP TABLE reasons AS SELECT * FROM (VALUES " + reasonRows + ") t(code, sector)");
        // discharges to another hospital (reference/transfers.csv, marker discharge_destination)
        int marker = column(transfers, "marker");
        int transferCode = column(transfers, "code");
        StringBuilder destinations = new StringBuilder();
        for (String[] r : transfers.subList(1, transfers.size())) {
            if (r[marker].equals("discharge_destination")) {
                destinations.append(destinations.isEmpty() ? "" : ", ").append("(").append(q(r[transferCode])).append(")");
            }
        }
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("the transfers file has no discharge_destination codes");
        }
        st.execute("CREATE TEMP TABLE transfer_destinations AS SELECT * FROM (VALUES " + destinations + ") t(code)");
        // the recorded responsible sector (docs/code-lists.md): matched ignoring case, punctuation and repeated
        // spaces, answered with the list's spelling; another value is left out (bedflow warns and nulls it)
        st.execute("""
                CREATE MACRO sector_of(v) AS CASE trim(regexp_replace(lower(v), '[^a-z0-9]+', ' ', 'g'))
                    WHEN 'nhs' THEN 'NHS' WHEN 'social care' THEN 'Social care' WHEN 'both' THEN 'Both'
                    WHEN 'other' THEN 'Other' END
                """);
        // percentages and means as bedflow computes them: in doubles, null with nothing to divide by
        st.execute("CREATE MACRO pct(n, d) AS CASE WHEN d > 0 THEN CAST(n AS DOUBLE) * 100.0 / d END");
        st.execute("CREATE MACRO ratio(n, d) AS CASE WHEN d > 0 THEN CAST(n AS DOUBLE) / d END");
    }

    /**
     * Compares {@code ddm} with bedflow's {@code delayed_discharge_monthly} (Hive-partitioned by
     * unitary_area). A grid row that DuckDB has not produced must be all zeros in bedflow.
     */
    static int crossCheck(Statement st, Path bedflowOutput) throws SQLException {
        Path table = bedflowOutput.resolve("delayed_discharge_monthly");
        if (!Files.isDirectory(table)) {
            System.out.println("crosscheck=SKIPPED (no " + table + ")");
            return 0;
        }
        st.execute("CREATE TEMP TABLE bf AS SELECT * FROM read_parquet('" + table.toString().replace("'", "''")
                + "/**/*.parquet', hive_partitioning = true)");
        List<String> diffs = new ArrayList<>();
        long compared = 0;
        StringBuilder select = new StringBuilder("SELECT coalesce(b.unitary_area, d.unitary_area) AS area, coalesce(b.month, d.month) AS month, "
                + "b.unitary_area IS NULL AS only_duckdb, d.unitary_area IS NULL AS only_bedflow");
        for (String c : COLUMNS) {
            select.append(", b.").append(c).append(" AS b_").append(c).append(", d.").append(c).append(" AS d_").append(c);
        }
        select.append(" FROM bf b FULL JOIN ddm d ON b.unitary_area = d.unitary_area AND b.month = d.month ORDER BY 1, 2");
        try (ResultSet rs = st.executeQuery(select.toString())) {
            while (rs.next()) {
                compared++;
                String where = rs.getString("area") + " " + rs.getString("month");
                if (rs.getBoolean("only_duckdb")) {
                    diffs.add(where + ": in DuckDB's result, missing from bedflow's table");
                    continue;
                }
                boolean onlyBedflow = rs.getBoolean("only_bedflow");
                for (String c : COLUMNS) {
                    Object b = rs.getObject("b_" + c);
                    Object d = onlyBedflow ? zeroFor(c) : rs.getObject("d_" + c);
                    if (!same(b, d)) {
                        diffs.add(where + " " + c + ": bedflow " + b + ", duckdb " + d
                                + (onlyBedflow ? " (no DuckDB row: expected the empty grid row)" : ""));
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "crosscheck_rows=%d%n", compared);
        System.out.printf(Locale.ROOT, "crosscheck_differences=%d%n", diffs.size());
        diffs.stream().limit(40).forEach(d -> System.out.println("crosscheck_diff " + d));
        if (diffs.size() > 40) {
            System.out.println("crosscheck_diff ... and " + (diffs.size() - 40) + " more");
        }
        return diffs.size();
    }

    /** What bedflow's complete grid holds where nothing happened: zero counts, null ratios and percentiles. */
    static Object zeroFor(String column) {
        return column.startsWith("pct_") || column.startsWith("mean_") || column.startsWith("median_")
                || column.startsWith("p90_") ? null : 0L;
    }

    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == null && b == null;
        }
        double x = ((Number) a).doubleValue();
        double y = ((Number) b).doubleValue();
        return Math.abs(x - y) <= 1e-9 * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
    }

    static String feed(Path input, String name) {
        return "read_parquet('" + input.resolve(name).toString().replace("'", "''") + "/*.parquet', union_by_name = true)";
    }

    /** An optional feed folder, or an empty relation of the given columns when it has no Parquet file. */
    static String optionalFeed(Path input, String name, String columns) {
        Path dir = input.resolve(name);
        try (var files = Files.isDirectory(dir) ? Files.list(dir) : Stream.<Path>empty()) {
            if (files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"))) {
                return feed(input, name);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder nulls = new StringBuilder();
        for (String c : columns.split(",")) {
            String[] nameType = c.trim().split(" ");
            nulls.append(nulls.isEmpty() ? "" : ", ").append("CAST(NULL AS ").append(nameType[1]).append(") AS ").append(nameType[0]);
        }
        return "(SELECT " + nulls + " WHERE false)";
    }

    static long scalar(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String q(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A small CSV with a header, lines starting with # skipped, no quoted commas (bedflow's reference files). */
    static List<String[]> csv(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].trim();
            }
            out.add(cells);
        }
        return out;
    }

    static int column(List<String[]> csv, String name) {
        String[] header = csv.get(0);
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: DuckDbMeasures --input DIR --lgr CSV --delay-reasons CSV"
                        + " [--transfers CSV] [--bedflow-output DIR] [--drd-collection-start yyyy-MM-dd]"
                        + " [--drd-min-overnight-discharges N] [--drd-min-recorded-share 0-1] [--threads N] [--memory-limit SIZE]");
            }
            out.put(args[i], args[++i]);
        }
        return out;
    }

    static String required(Map<String, String> opt, String name) {
        String v = opt.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    /** bedflow's {@code bedflow.drd.*} settings (docs/measures.md, "Discharge Ready Date and delay days"). */
    record Drd(LocalDate collectionStart, long minOvernightDischarges, double minRecordedShare) {
    }

    /** Per-step wall times, printed as duckdb_step_NAME_seconds=... */
    static final class Timings {
        private final Map<String, Long> nanos = new LinkedHashMap<>();

        void add(String step, long n) {
            nanos.merge(step, n, Long::sum);
        }

        void print() {
            nanos.forEach((k, v) -> System.out.printf(Locale.ROOT, "duckdb_step_%s_seconds=%.3f%n", k, v / 1e9));
        }
    }
}
