package org.bedflow.pipeline.link;

import static org.bedflow.pipeline.testing.Frames.row;
import static org.bedflow.pipeline.testing.Frames.with;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.testing.Frames;
import org.bedflow.pipeline.testing.SharedSpark;

/** Validated feed rows with sensible defaults, so each test names only what it is about. */
final class LinkFixtures {

    static final String NHS_A = "9434765919";
    static final String NHS_B = "9434765870";
    static final PseudonymKey KEY = PseudonymKey.of("a-test-key-of-sixteen-bytes-or-more", "test");
    static final ReorganisationMapping NORTHANTS = ReorganisationMapping.load("northamptonshire");

    private LinkFixtures() {
    }

    /** an emergency (21) admission of a 70-year-old Northampton (E07000154) resident on 2021-05-01 */
    static Map<String, Object> admission(String spellId, Object... kv) {
        return with(row("provider_code", "RNS", "spell_id", spellId, "nhs_number", NHS_A, "age_on_admission", 70,
                "sex", "1", "residence_lad_code", "E07000154", "admission_date", "2021-05-01",
                "admission_method", "21", "submitted_at", "2021-06-01T00:00:00"), kv);
    }

    /** discharged home (method 1, destination 19) on 2021-05-10 */
    static Map<String, Object> discharge(String spellId, Object... kv) {
        return with(row("provider_code", "RNS", "spell_id", spellId, "discharge_date", "2021-05-10",
                "discharge_method", "1", "discharge_destination", "19", "submitted_at", "2021-06-01T00:00:00"), kv);
    }

    /** a Home Care service (Long Term Support: Community) of person NHS_A starting 2021-05-10 */
    static Map<String, Object> service(String eventId, Object... kv) {
        return with(row("la_code", "E06000062", "event_id", eventId, "person_id", "WNC-1", "nhs_number", NHS_A,
                "age", 70, "residence_lad_code", "E06000062", "event_type", "Service", "event_start_date", "2021-05-10",
                "service_type", "Long Term Support: Community", "service_component", "Home Care",
                "submitted_at", "2021-06-01T00:00:00"), kv);
    }

    static Dataset<Row> admissions(List<Map<String, Object>> rows) {
        return Frames.feed(Feeds.APC_ADMISSIONS, rows);
    }

    static Dataset<Row> discharges(List<Map<String, Object>> rows) {
        return Frames.feed(Feeds.APC_DISCHARGES, rows);
    }

    static Dataset<Row> events(List<Map<String, Object>> rows) {
        return Frames.feed(Feeds.SOCIAL_CARE_EVENTS, rows);
    }

    static Dataset<Row> noGeography() {
        return Frames.feed(Feeds.GEOGRAPHY, List.of());
    }

    static LinkedSpells.Settings settings() {
        return new LinkedSpells.Settings(KEY, NORTHANTS, DelayReasons.load("dtoc"), DrdSettings.defaults(), "test-run");
    }

    /** linked_spells for the given rows, collected, keyed by spell_id */
    static Map<String, Row> link(List<Map<String, Object>> adm, List<Map<String, Object>> dis,
                                 List<Map<String, Object>> care) {
        var spark = SharedSpark.session();
        Dataset<Row> events = LinkedSpells.careEvents(spark, events(care), settings());
        Dataset<Row> out = LinkedSpells.build(spark, admissions(adm), discharges(dis), events, noGeography(), settings());
        Map<String, Row> bySpell = new java.util.TreeMap<>();
        out.collectAsList().forEach(r -> bySpell.put(r.getAs("spell_id"), r));
        return bySpell;
    }
}
