package org.bedflow.pipeline.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.link.LinkFixtures.NHS_B;
import static org.bedflow.pipeline.link.LinkFixtures.admission;
import static org.bedflow.pipeline.link.LinkFixtures.discharge;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** docs/measures.md "Readmissions": an emergency admission 0-29 days after an alive discharge of the same person. */
class ReadmissionsTest {

    /** first spell discharged alive 2021-05-10; second spell admitted {@code secondAdmission} */
    private static Map<String, Row> pair(String secondAdmission, Object... secondKv) {
        var second = admission("B", "admission_date", secondAdmission);
        for (int i = 0; i < secondKv.length; i += 2) {
            second.put((String) secondKv[i], secondKv[i + 1]);
        }
        return LinkFixtures.link(List.of(admission("A"), second), List.of(discharge("A")), List.of());
    }

    @Test
    void readmission_29_days_after_counts_and_30_days_does_not() {
        // 2021-06-08 - 2021-05-10 = 29 days
        Map<String, Row> in29 = pair("2021-06-08");
        assertThat((Boolean) in29.get("A").getAs("followed_by_readmission_30d")).isTrue();
        assertThat((Boolean) in29.get("B").getAs("is_readmission_30d")).isTrue();
        assertThat((Boolean) in29.get("A").getAs("is_readmission_30d")).isFalse();
        // 2021-06-09 - 2021-05-10 = 30 days
        Map<String, Row> in30 = pair("2021-06-09");
        assertThat((Boolean) in30.get("A").getAs("followed_by_readmission_30d")).isFalse();
        assertThat((Boolean) in30.get("B").getAs("is_readmission_30d")).isFalse();
    }

    @Test
    void same_day_readmission_counts() {
        assertThat((Boolean) pair("2021-05-10").get("B").getAs("is_readmission_30d")).isTrue();
    }

    @Test
    void elective_readmissions_other_people_and_unkeyed_spells_do_not_count() {
        assertThat((Boolean) pair("2021-05-20", "admission_method", "11").get("A").getAs("followed_by_readmission_30d"))
                .isFalse();
        assertThat((Boolean) pair("2021-05-20", "nhs_number", NHS_B).get("A").getAs("followed_by_readmission_30d"))
                .isFalse();
        assertThat((Boolean) pair("2021-05-20", "nhs_number", null).get("A").getAs("followed_by_readmission_30d"))
                .isFalse();
    }

    @Test
    void a_death_is_not_followed_by_a_readmission() {
        var out = LinkFixtures.link(List.of(admission("A"), admission("B", "admission_date", "2021-05-20")),
                List.of(discharge("A", "discharge_method", "4", "discharge_destination", "79")), List.of());
        assertThat((Boolean) out.get("B").getAs("is_readmission_30d")).isFalse();
    }

    @Test
    void a_transfer_in_recorded_as_an_emergency_2b_is_never_a_readmission_and_the_stay_ends_at_its_last_spell() {
        // A: emergency 2021-05-01, discharged 2021-05-10 to another NHS hospital (51); B: admitted there by transfer
        // (2B) the same day, discharged home 2021-05-14; C: an emergency 2021-05-20 at the first hospital
        var out = LinkFixtures.link(
                List.of(admission("A"), admission("B", "provider_code", "RWE", "admission_date", "2021-05-10",
                        "admission_method", "2B"), admission("C", "admission_date", "2021-05-20")),
                List.of(discharge("A", "discharge_destination", "51"),
                        discharge("B", "provider_code", "RWE", "discharge_date", "2021-05-14")),
                List.of());
        // A -> B is one continuous inpatient spell: B (0 days after A) is not a readmission, A is not an index
        assertThat((Boolean) out.get("B").getAs("is_readmission_30d")).isFalse();
        assertThat((Boolean) out.get("A").getAs("is_readmission_index")).isFalse();
        // the stay ends at B's discharge home: B is the index, C (2021-05-20 - 2021-05-14 = 6 days) its readmission
        assertThat((Boolean) out.get("B").getAs("is_readmission_index")).isTrue();
        assertThat((Boolean) out.get("B").getAs("followed_by_readmission_30d")).isTrue();
        assertThat((Boolean) out.get("C").getAs("is_readmission_30d")).isTrue();
        // admission flags count the stay once: the transfer-in is no second emergency ACSC admission
        assertThat((String) out.get("B").getAs("cips_id")).isEqualTo(out.get("A").getAs("cips_id"));
    }

    @Test
    void a_day_case_index_and_a_maternity_readmission_do_not_count() {
        // the control: an ordinary admission (no classification given) discharged 2021-05-10 is an index
        var ordinary = pair("2021-05-20");
        assertThat((Boolean) ordinary.get("A").getAs("is_readmission_index")).isTrue();
        // a day case (patient classification 2): no index, so the emergency 10 days later is no readmission
        var excluded = LinkFixtures.link(List.of(admission("A", "patient_classification", "2"),
                admission("B", "admission_date", "2021-05-20")), List.of(discharge("A")), List.of());
        assertThat((Boolean) excluded.get("A").getAs("is_readmission_index")).isFalse();
        assertThat((Boolean) excluded.get("B").getAs("is_readmission_30d")).isFalse();
        // an emergency readmission under obstetrics (main specialty 501) is not a readmission
        var maternity = pair("2021-05-20", "main_specialty_code", "501");
        assertThat((Boolean) maternity.get("A").getAs("followed_by_readmission_30d")).isFalse();
        assertThat((Boolean) maternity.get("B").getAs("is_readmission_30d")).isFalse();
    }
}
