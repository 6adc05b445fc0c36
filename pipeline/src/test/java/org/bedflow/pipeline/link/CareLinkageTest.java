package org.bedflow.pipeline.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.link.LinkFixtures.NHS_B;
import static org.bedflow.pipeline.link.LinkFixtures.admission;
import static org.bedflow.pipeline.link.LinkFixtures.discharge;
import static org.bedflow.pipeline.link.LinkFixtures.service;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * docs/measures.md "Care linkage": a Service of the same person starting in
 * [discharge - 1, discharge + 3]; earliest start, then smallest event_id. Discharge 2021-05-10.
 */
class CareLinkageTest {

    private static Row linked(List<Map<String, Object>> events) {
        return LinkFixtures.link(List.of(admission("S")),
                List.of(discharge("S", "discharge_ready_date", "2021-05-07")), events).get("S");
    }

    @Test
    void a_service_starting_the_day_before_discharge_is_linked() {
        Row r = linked(List.of(service("E1", "event_start_date", "2021-05-09")));
        assertThat((String) r.getAs("care_event_id")).isEqualTo("E1");
        // care start 2021-05-09 - DRD 2021-05-07 = 2 days
        assertThat((Integer) r.getAs("drd_to_care_start_days")).isEqualTo(2);
        assertThat((String) r.getAs("care_service_component")).isEqualTo("Home Care");
    }

    @Test
    void three_days_after_is_linked_and_four_days_after_is_not() {
        assertThat((String) linked(List.of(service("E3", "event_start_date", "2021-05-13"))).getAs("care_event_id"))
                .isEqualTo("E3");
        assertThat((Object) linked(List.of(service("E4", "event_start_date", "2021-05-14"))).getAs("care_event_id"))
                .isNull();
        assertThat((Object) linked(List.of(service("E0", "event_start_date", "2021-05-08"))).getAs("care_event_id"))
                .as("two days before").isNull();
    }

    @Test
    void of_two_candidates_the_earliest_wins_then_the_smallest_id() {
        assertThat((String) linked(List.of(service("E9", "event_start_date", "2021-05-10"),
                service("E5", "event_start_date", "2021-05-11"))).getAs("care_event_id")).isEqualTo("E9");
        assertThat((String) linked(List.of(service("E9", "event_start_date", "2021-05-10"),
                service("E5", "event_start_date", "2021-05-10"))).getAs("care_event_id")).isEqualTo("E5");
    }

    @Test
    void only_services_of_the_same_person_count() {
        assertThat((Object) linked(List.of(service("E1", "nhs_number", NHS_B))).getAs("care_event_id")).isNull();
        assertThat((Object) linked(List.of(service("E1", "event_type", "Assessment"))).getAs("care_event_id")).isNull();
        assertThat((Object) linked(List.of(service("E1", "nhs_number", null))).getAs("care_event_id"))
                .as("no person key on the event").isNull();
    }

    @Test
    void link_quality_is_exact_on_the_discharge_day_and_the_next_window_elsewhere_none_without_a_link() {
        // discharge 2021-05-10: start - discharge = -1 window, 0 exact, 1 exact, 2 window, 3 window; 4 no link
        Map<String, String> expected = Map.of("2021-05-09", "window", "2021-05-10", "exact", "2021-05-11", "exact",
                "2021-05-12", "window", "2021-05-13", "window", "2021-05-14", "none");
        expected.forEach((start, quality) -> assertThat((String) linked(List.of(service("E1", "event_start_date", start)))
                .getAs("link_quality")).as("care start " + start).isEqualTo(quality));
    }
}
