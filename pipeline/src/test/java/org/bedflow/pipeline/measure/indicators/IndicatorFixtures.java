package org.bedflow.pipeline.measure.indicators;

import static org.bedflow.pipeline.testing.Frames.row;
import static org.bedflow.pipeline.testing.Frames.with;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.link.DrdSettings;
import org.bedflow.pipeline.link.LinkedSpells;
import org.bedflow.pipeline.link.PseudonymKey;
import org.bedflow.pipeline.measure.ReportingGrid;
import org.bedflow.pipeline.measure.SpellDefaults;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.testing.Frames;
import org.bedflow.pipeline.testing.SharedSpark;

/**
 * Tiny inputs for the indicator tests: linked_spells rows (a 70-year-old West
 * Northamptonshire emergency spell admitted 2021-05-01, discharged home alive 2021-05-10,
 * with its own person key), pseudonymised care events, population rows, validated feed
 * rows for tests that go through the real link stage, and the indicators table keyed by
 * "area period indicator".
 */
final class IndicatorFixtures {

    static final String WEST = "E06000062";
    static final String NORTH = "E06000061";
    static final String NORTHAMPTON = "E07000154";
    static final String DAVENTRY = "E07000151";
    static final String CORBY = "E07000150";
    static final ReorganisationMapping NORTHANTS = ReorganisationMapping.load("northamptonshire");
    static final PseudonymKey KEY = PseudonymKey.of("a-test-key-of-sixteen-bytes-or-more", "test");
    static final LocalDate RUN_DATE = LocalDate.parse("2022-04-01");
    private static final AtomicInteger IDS = new AtomicInteger();

    private IndicatorFixtures() {
    }

    // ---- linked_spells rows

    static Map<String, Object> spell(Object... kv) {
        int id = IDS.incrementAndGet();
        return with(row("person_key", "K" + id, "provider_code", "RNS", "spell_id", "S" + id, "age_on_admission", 70,
                "age_band", "70-74", "sex", "1", "unitary_area", WEST, "unitary_area_name", "West Northamptonshire",
                "admission_date", "2021-05-01", "admission_month", "2021-05", "admission_method", "21",
                "is_emergency", true, "is_chronic_acsc", false, "is_acute_acsc", false, "is_fall_65plus", false,
                "discharge_date", "2021-05-10", "discharge_month", "2021-05", "los_days", 9, "discharge_method", "1",
                "discharge_destination", "19", "is_alive_discharge", true, "is_readmission_30d", false,
                "followed_by_readmission_30d", false, "link_quality", "none", "run_id", "r"), kv);
    }

    /** an emergency admission of someone {@code age} on {@code date}, discharged the day after */
    static Map<String, Object> admitted(String date, int age, Object... kv) {
        LocalDate d = LocalDate.parse(date);
        return with(spell("admission_date", date, "admission_month", date.substring(0, 7), "age_on_admission", age,
                "discharge_date", d.plusDays(1).toString(), "discharge_month", d.plusDays(1).toString().substring(0, 7),
                "los_days", 1), kv);
    }

    /** an alive adult discharge on {@code date} (admitted 5 days before) */
    static Map<String, Object> discharged(String date, Object... kv) {
        LocalDate d = LocalDate.parse(date);
        return with(spell("admission_date", d.minusDays(5).toString(), "admission_month",
                d.minusDays(5).toString().substring(0, 7), "discharge_date", date, "discharge_month", date.substring(0, 7),
                "los_days", 5), kv);
    }

    static List<Map<String, Object>> times(int n, java.util.function.Supplier<Map<String, Object>> row) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(row.get());
        }
        return out;
    }

    static Dataset<Row> spells(List<Map<String, Object>> rows) {
        return Frames.of(OutputTables.LINKED_SPELLS.sparkType(), SpellDefaults.complete(rows));
    }

    // ---- pseudonymised care events (the columns of LinkedSpells.careEvents)

    static StructType careEventType() {
        StructType t = new StructType();
        for (var f : Feeds.SOCIAL_CARE_EVENTS.sparkType().fields()) {
            if (!f.name().equals("nhs_number") && !f.name().equals("person_id")) {
                t = t.add(f);
            }
        }
        return t.add("person_key", DataTypes.StringType, true).add("care_person_key", DataTypes.StringType, true)
                .add("unitary_area", DataTypes.StringType, true).add("unitary_area_name", DataTypes.StringType, true);
    }

    /** a long-term residential care service of person {@code key} (also its care_person_key), West, aged 80 */
    static Map<String, Object> placement(String key, String start, String end, Object... kv) {
        return with(row("la_code", WEST, "event_id", "E" + IDS.incrementAndGet(), "age", 80, "event_type", "Service",
                "event_start_date", start, "event_end_date", end, "service_type", "Long Term Support: Residential Care",
                "service_component", "Residential Care", "submitted_at", "2022-04-01T01:00:00", "person_key", key,
                "care_person_key", key, "unitary_area", WEST, "unitary_area_name", "West Northamptonshire"), kv);
    }

    static Dataset<Row> careEvents(List<Map<String, Object>> rows) {
        return Frames.of(careEventType(), rows);
    }

    static Dataset<Row> noCareEvents() {
        return careEvents(List.of());
    }

    // ---- population feed rows

    static Map<String, Object> people(String area, int year, int age, long count) {
        return row("area_code", area, "year", year, "sex", "1", "age", age, "population", count);
    }

    static Dataset<Row> population(List<Map<String, Object>> rows) {
        return Frames.feed(Feeds.POPULATION, rows);
    }

    // ---- validated feeds through the real link stage

    static LinkedSpells.Settings settings() {
        return new LinkedSpells.Settings(KEY, NORTHANTS, DelayReasons.load("dtoc"), DrdSettings.defaults(), "test-run");
    }

    /** a validated admission: emergency (21), Northampton resident aged 70, 2021-05-01 */
    static Map<String, Object> admission(Object... kv) {
        return with(row("provider_code", "RNS", "spell_id", "A" + IDS.incrementAndGet(), "age_on_admission", 70,
                "sex", "2", "residence_lad_code", NORTHAMPTON, "admission_date", "2021-05-01", "admission_method", "21",
                "submitted_at", "2021-06-01T00:00:00"), kv);
    }

    /** linked_spells of validated admissions (all still open) through {@link LinkedSpells#build} */
    static Dataset<Row> link(List<Map<String, Object>> admissions) {
        var spark = SharedSpark.session();
        Dataset<Row> events = LinkedSpells.careEvents(spark, Frames.feed(Feeds.SOCIAL_CARE_EVENTS, List.of()), settings());
        return LinkedSpells.build(spark, Frames.feed(Feeds.APC_ADMISSIONS, admissions),
                Frames.feed(Feeds.APC_DISCHARGES, List.of()), events, Frames.feed(Feeds.GEOGRAPHY, List.of()), settings());
    }

    /** validated social care events through {@link LinkedSpells#careEvents} (areas, person keys) */
    static Dataset<Row> linkCareEvents(List<Map<String, Object>> events) {
        return LinkedSpells.careEvents(SharedSpark.session(), Frames.feed(Feeds.SOCIAL_CARE_EVENTS, events), settings());
    }

    // ---- running

    static ReportingGrid grid(String first, String last) {
        return ReportingGrid.of(NORTHANTS, YearMonth.parse(first), YearMonth.parse(last));
    }

    /** the indicators table keyed by "area period indicator", e.g. "E06000062 2021-22 emergency_admissions" */
    static Map<String, Row> indicators(Dataset<Row> spells, Dataset<Row> care, Dataset<Row> population,
                                       ReportingGrid grid, LocalDate runDate) {
        Dataset<Row> out = Indicators.compute(SharedSpark.session(), spells, care, population, NORTHANTS, grid, runDate,
                "run-1");
        Map<String, Row> byKey = new TreeMap<>();
        for (Row r : out.collectAsList()) {
            Row previous = byKey.put(r.getAs("unitary_area") + " " + r.getAs("period") + " " + r.getAs("indicator"), r);
            if (previous != null) {
                throw new AssertionError("two rows for " + r);
            }
        }
        return byKey;
    }

    static Map<String, Row> indicators(Dataset<Row> spells, Dataset<Row> population, ReportingGrid grid) {
        return indicators(spells, noCareEvents(), population, grid, RUN_DATE);
    }
}
