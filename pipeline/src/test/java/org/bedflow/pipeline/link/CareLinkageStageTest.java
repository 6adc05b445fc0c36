package org.bedflow.pipeline.link;

import static org.bedflow.pipeline.testing.TableLiteral.assertFrame;
import static org.bedflow.pipeline.testing.TableLiteral.parse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link CareLinkage#link} on table literals. docs/data-dictionary.md, linked_spells:
 * {@code care_event_id} is "the linked social care Service event: same person key, starting
 * within [discharge_date - 1, discharge_date + 3]; earliest start, then smallest event_id",
 * and {@code drd_to_care_start_days} is care_start_date - discharge_ready_date. Columns a
 * table leaves out are null. The whole link (ingest, keys, linkage) is in CareLinkageTest.
 */
class CareLinkageStageTest {

    static final StructType SPELLS = StructType.fromDDL(
            "provider_code STRING, spell_id STRING, person_key STRING, discharge_date DATE, discharge_ready_date DATE");
    static final StructType EVENTS = StructType.fromDDL(
            "person_key STRING, event_id STRING, event_type STRING, event_start_date DATE, service_type STRING, "
                    + "service_component STRING");

    private static Dataset<Row> link(String spells, String events) {
        return CareLinkage.link(parse(spells, SPELLS), parse(events, EVENTS));
    }

    @Test
    void a_service_starting_the_day_before_discharge_is_linked_and_two_days_before_is_not() {
        Dataset<Row> out = link("""
                | provider_code | spell_id | person_key | discharge_date |
                | RNS           | S1       | P1         | 2021-05-10     |
                | RNS           | S2       | P2         | 2021-05-10     |
                """, """
                | person_key | event_id | event_type | event_start_date |
                | P1         | E1       | Service    | 2021-05-09       |
                | P2         | E2       | Service    | 2021-05-08       |
                """);
        // S1: start 2021-05-09 - discharge 2021-05-10 = -1 day: inside [-1, +3]
        // S2: start 2021-05-08 - discharge 2021-05-10 = -2 days: outside
        assertFrame(out, """
                | spell_id | care_event_id | care_start_date |
                | S1       | E1            | 2021-05-09      |
                | S2       |               |                 |
                """);
    }

    @Test
    void a_service_starting_three_days_after_discharge_is_linked_and_four_days_after_is_not() {
        Dataset<Row> out = link("""
                | provider_code | spell_id | person_key | discharge_date |
                | RNS           | S1       | P1         | 2021-05-10     |
                | RNS           | S2       | P2         | 2021-05-10     |
                | RNS           | S3       | P3         | 2021-05-10     |
                | RNS           | S4       | P4         | 2021-05-30     |
                | RNS           | S5       | P5         | 2021-05-30     |
                """, """
                | person_key | event_id | event_type | event_start_date |
                | P1         | E1       | Service    | 2021-05-10       |
                | P2         | E2       | Service    | 2021-05-13       |
                | P3         | E3       | Service    | 2021-05-14       |
                | P4         | E4       | Service    | 2021-06-02       |
                | P5         | E5       | Service    | 2021-06-03       |
                """);
        // S1: 2021-05-10 - 2021-05-10 = 0 days: inside
        // S2: 2021-05-13 - 2021-05-10 = +3 days: inside
        // S3: 2021-05-14 - 2021-05-10 = +4 days: outside
        // S4: 2021-06-02 - 2021-05-30 = +3 days (31-day May): inside
        // S5: 2021-06-03 - 2021-05-30 = +4 days: outside
        assertFrame(out, """
                | spell_id | care_event_id |
                | S1       | E1            |
                | S2       | E2            |
                | S3       |               |
                | S4       | E4            |
                | S5       |               |
                """);
    }

    @Test
    void the_linked_event_brings_its_start_type_and_component_and_the_days_from_the_drd() {
        Dataset<Row> out = link("""
                | provider_code | spell_id | person_key | discharge_date | discharge_ready_date |
                | RNS           | S1       | P1         | 2021-05-10     | 2021-05-07           |
                | RNS           | S2       | P2         | 2021-05-10     | 2021-05-10           |
                | RNS           | S3       | P3         | 2021-05-10     |                      |
                | RNS           | S4       | P4         | 2021-05-10     | 2021-05-07           |
                """, """
                | person_key | event_id | event_type | event_start_date | service_type                      | service_component |
                | P1         | E1       | Service    | 2021-05-09       | Long Term Support: Community      | Home Care         |
                | P2         | E2       | Service    | 2021-05-09       | Short Term Support: ST-Max        | Reablement        |
                | P3         | E3       | Service    | 2021-05-11       | Long Term Support: Nursing Care   | Nursing Care      |
                """);
        // S1: care start 2021-05-09 - DRD 2021-05-07 = 2 days
        // S2: care start 2021-05-09 - DRD 2021-05-10 = -1 day (care began before the DRD)
        // S3: no DRD: null
        // S4: a DRD but no care event: null
        assertFrame(out, """
                | spell_id | care_event_id | care_start_date | care_service_type               | care_service_component | drd_to_care_start_days |
                | S1       | E1            | 2021-05-09      | Long Term Support: Community    | Home Care              | 2                      |
                | S2       | E2            | 2021-05-09      | Short Term Support: ST-Max      | Reablement             | -1                     |
                | S3       | E3            | 2021-05-11      | Long Term Support: Nursing Care | Nursing Care           |                        |
                | S4       |               |                 |                                 |                        |                        |
                """);
    }

    @Test
    void of_several_candidates_the_earliest_start_wins_then_the_smallest_event_id() {
        Dataset<Row> out = link("""
                | provider_code | spell_id | person_key | discharge_date |
                | RNS           | S1       | P1         | 2021-05-10     |
                | RNS           | S2       | P2         | 2021-05-10     |
                | RNS           | S3       | P3         | 2021-05-10     |
                | RNS           | S4       | P4         | 2021-05-10     |
                """, """
                | person_key | event_id | event_type | event_start_date |
                | P1         | E9       | Service    | 2021-05-10       |
                | P1         | E5       | Service    | 2021-05-11       |
                | P2         | E9       | Service    | 2021-05-10       |
                | P2         | E5       | Service    | 2021-05-10       |
                | P3         | E1       | Service    | 2021-05-08       |
                | P3         | E2       | Service    | 2021-05-12       |
                | P4         | E9       | Service    | 2021-05-10       |
                | P4         | E10      | Service    | 2021-05-10       |
                """);
        // S1: 2021-05-10 before 2021-05-11: E9, although E5 is the smaller id
        // S2: same start 2021-05-10: the smaller id E5
        // S3: E1 starts earlier but at -2 days, outside the window: E2 (+2 days)
        // S4: same start: event_id is text, "E10" < "E9"
        assertFrame(out, """
                | spell_id | care_event_id |
                | S1       | E9            |
                | S2       | E5            |
                | S3       | E2            |
                | S4       | E10           |
                """);
    }

    @Test
    void only_services_of_the_same_keyed_person_are_linked() {
        Dataset<Row> out = link("""
                | provider_code | spell_id | person_key | discharge_date |
                | RNS           | S1       | P1         | 2021-05-10     |
                | RNS           | S2       |            | 2021-05-10     |
                | RNS           | S3       | P3         | 2021-05-10     |
                """, """
                | person_key | event_id | event_type | event_start_date |
                | P2         | E1       | Service    | 2021-05-10       |
                |            | E2       | Service    | 2021-05-10       |
                | P3         | E3       | Service    | 2021-05-10       |
                """);
        // S1: the only service in the window is P2's
        // S2 and E2 have no person key: never linked, not even to each other
        // S3: its own person's service on the discharge date (the control)
        assertFrame(out, """
                | spell_id | person_key | care_event_id |
                | S1       | P1         |               |
                | S2       |            |               |
                | S3       | P3         | E3            |
                """);
    }

    @Test
    void requests_assessments_and_reviews_are_not_linked() {
        Dataset<Row> out = link("""
                | provider_code | spell_id | person_key | discharge_date |
                | RNS           | S1       | P1         | 2021-05-10     |
                | RNS           | S2       | P2         | 2021-05-10     |
                """, """
                | person_key | event_id | event_type | event_start_date |
                | P1         | E1       | Request    | 2021-05-10       |
                | P1         | E2       | Assessment | 2021-05-10       |
                | P1         | E3       | Review     | 2021-05-10       |
                | P2         | E4       | Assessment | 2021-05-09       |
                | P2         | E5       | Service    | 2021-05-11       |
                """);
        // S1: no Service at all; S2: the earlier Assessment (-1 day) does not count, the Service (+1 day) does
        assertFrame(out, """
                | spell_id | care_event_id |
                | S1       |               |
                | S2       | E5            |
                """);
    }

    @Test
    void every_spell_is_kept_once_open_spells_are_not_linked_and_a_spell_is_its_provider_and_id() {
        Dataset<Row> out = link("""
                | provider_code | spell_id | person_key | discharge_date |
                | RNS           | S1       | P1         | 2021-05-10     |
                | RWE           | S1       | P2         | 2021-05-10     |
                | RNS           | S2       | P1         |                |
                | RNS           | S3       | P1         | 2021-05-11     |
                """, """
                | person_key | event_id | event_type | event_start_date |
                | P1         | E1       | Service    | 2021-05-10       |
                | P2         | E2       | Service    | 2021-05-11       |
                """);
        // RNS/S1 and RWE/S1 are two spells: each gets its own person's event
        // RNS/S2 is open (no discharge date): no window, no event
        // RNS/S3: E1 at 2021-05-10 - 2021-05-11 = -1 day is inside its window too: one event may serve two spells
        assertFrame(out, """
                | provider_code | spell_id | care_event_id |
                | RNS           | S1       | E1            |
                | RWE           | S1       | E2            |
                | RNS           | S2       |               |
                | RNS           | S3       | E1            |
                """);
    }
}
