package org.bedflow.pipeline.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.link.LinkFixtures.admission;
import static org.bedflow.pipeline.link.LinkFixtures.discharge;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** docs/measures.md "Spell fields". Admission 2021-05-01, discharge 2021-05-10 unless stated. */
class SpellFieldsTest {

    private static Row only(Map<String, Object> adm, Map<String, Object> dis) {
        return LinkFixtures.link(List.of(adm), dis == null ? List.of() : List.of(dis), List.of()).values().iterator().next();
    }

    @Test
    void los_is_calendar_days_and_months_are_yyyy_mm() {
        Row r = only(admission("S"), discharge("S"));
        // 2021-05-10 - 2021-05-01 = 9 days
        assertThat((Integer) r.getAs("los_days")).isEqualTo(9);
        assertThat((String) r.getAs("admission_month")).isEqualTo("2021-05");
        assertThat((String) r.getAs("discharge_month")).isEqualTo("2021-05");
        assertThat((Boolean) r.getAs("is_alive_discharge")).isTrue();
    }

    @Test
    void an_open_spell_has_null_discharge_fields() {
        Row r = only(admission("S"), null);
        assertThat((Object) r.getAs("discharge_date")).isNull();
        assertThat((Object) r.getAs("los_days")).isNull();
        assertThat((Object) r.getAs("is_alive_discharge")).isNull();
    }

    @Test
    void drd_equal_to_discharge_is_on_time_and_one_day_before_is_a_delay_of_one() {
        Row onTime = only(admission("S"), discharge("S", "discharge_ready_date", "2021-05-10", "delay_reason", "E"));
        assertThat((Integer) onTime.getAs("delay_days")).isZero();
        assertThat((Boolean) onTime.getAs("is_delayed")).isFalse();
        assertThat((Object) onTime.getAs("delay_reason_category")).as("only delayed spells get a category").isNull();

        Row late = only(admission("S"), discharge("S", "discharge_ready_date", "2021-05-09", "delay_reason", "E"));
        // 2021-05-10 - 2021-05-09 = 1 day
        assertThat((Integer) late.getAs("delay_days")).isEqualTo(1);
        assertThat((Boolean) late.getAs("is_delayed")).isTrue();
        assertThat((String) late.getAs("delay_reason_category")).isEqualTo("awaiting_home_care_package");
        assertThat((String) late.getAs("delay_responsible_sector")).isEqualTo("Social care");

        Row unmapped = only(admission("S"), discharge("S", "discharge_ready_date", "2021-05-01", "delay_reason", "ZZ"));
        assertThat((Integer) unmapped.getAs("delay_days")).isEqualTo(9);
        assertThat((String) unmapped.getAs("delay_reason_category")).isEqualTo("other");
        assertThat((String) unmapped.getAs("delay_responsible_sector")).isEqualTo("unknown");

        Row noDrd = only(admission("S"), discharge("S"));
        assertThat((Object) noDrd.getAs("delay_days")).isNull();
    }

    @Test
    void died_by_method_4_or_destination_79_is_not_an_alive_discharge() {
        assertThat((Boolean) only(admission("S"), discharge("S", "discharge_method", "4", "discharge_destination", "79"))
                .getAs("is_alive_discharge")).isFalse();
        assertThat((Boolean) only(admission("S"), discharge("S", "discharge_method", "1", "discharge_destination", "79"))
                .getAs("is_alive_discharge")).isFalse();
        assertThat((Boolean) only(admission("S"), discharge("S", "discharge_method", "5", "discharge_destination", "19"))
                .getAs("is_alive_discharge")).isFalse();
    }

    @Test
    void age_bands_follow_esp2013() {
        assertThat((String) only(admission("S", "age_on_admission", 17), null).getAs("age_band")).isEqualTo("15-19");
        assertThat((String) only(admission("S", "age_on_admission", 0), null).getAs("age_band")).isEqualTo("0-4");
        assertThat((String) only(admission("S", "age_on_admission", 89), null).getAs("age_band")).isEqualTo("85-89");
        assertThat((String) only(admission("S", "age_on_admission", 104), null).getAs("age_band")).isEqualTo("90+");
    }

    @Test
    void chronic_acsc_is_a_prefix_match_on_emergencies_and_j20_needs_a_copd_secondary() {
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "J440"), null).getAs("is_chronic_acsc")).isTrue();
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "J440", "admission_method", "11"), null)
                .getAs("is_chronic_acsc")).as("elective").isFalse();
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "E109"), null).getAs("is_chronic_acsc"))
                .as("E100-E108 only").isFalse();
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "E105"), null).getAs("is_chronic_acsc")).isTrue();
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "J209"), null).getAs("is_chronic_acsc"))
                .as("J20 alone").isFalse();
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "J209", "secondary_diagnoses", "I10;J440"), null)
                .getAs("is_chronic_acsc")).as("J20 with secondary J44").isTrue();
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "J209", "secondary_diagnoses", "J45"), null)
                .getAs("is_chronic_acsc")).as("J45 is not a COPD secondary").isFalse();
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "N390"), null).getAs("is_acute_acsc")).isTrue();
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "K253"), null).getAs("is_acute_acsc"))
                .as("K253 is not in K250-K252, K254-K256").isFalse();
    }

    @Test
    void a_fall_needs_emergency_65_plus_an_injury_primary_and_a_w00_w19_secondary() {
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "S720", "secondary_diagnoses", "W19"), null)
                .getAs("is_fall_65plus")).isTrue();
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "T983", "secondary_diagnoses", "X59;W01"), null)
                .getAs("is_fall_65plus")).isTrue();
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "T99", "secondary_diagnoses", "W19"), null)
                .getAs("is_fall_65plus")).as("T99 is outside S00-T98").isFalse();
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "I10", "secondary_diagnoses", "W19"), null)
                .getAs("is_fall_65plus")).as("primary outside S00-T98").isFalse();
        assertThat((Boolean) only(admission("S", "primary_diagnosis", "S720", "secondary_diagnoses", "W20"), null)
                .getAs("is_fall_65plus")).as("W20 is not a fall").isFalse();
        assertThat((Boolean) only(admission("S", "age_on_admission", 64, "primary_diagnosis", "S720",
                "secondary_diagnoses", "W19"), null).getAs("is_fall_65plus")).as("aged 64").isFalse();
    }

    @Test
    void a_blank_drd_on_an_overnight_stay_from_april_2023_is_no_delay_and_the_recorded_sector_wins() {
        // admitted 2023-05-01, discharged 2023-05-10 (9 nights), no DRD: no delay
        Row blank = only(admission("S", "admission_date", "2023-05-01"), discharge("S", "discharge_date", "2023-05-10"));
        assertThat((Boolean) blank.getAs("drd_recorded")).isFalse();
        assertThat((Integer) blank.getAs("delay_days")).isZero();
        assertThat((String) blank.getAs("delay_band")).isEqualTo("none");
        // the same stay discharged the day it was admitted (0 nights): outside the DRD population
        Row sameDay = only(admission("S", "admission_date", "2023-05-10"), discharge("S", "discharge_date", "2023-05-10"));
        assertThat((Object) sameDay.getAs("delay_days")).isNull();
        // DRD 2023-05-07: 3 days, band 2-3; reason E maps to Social care but the provider recorded NHS
        Row late = only(admission("S", "admission_date", "2023-05-01"), discharge("S", "discharge_date", "2023-05-10",
                "discharge_ready_date", "2023-05-07", "delay_reason", "E", "delay_responsible_sector", "NHS"));
        assertThat((Integer) late.getAs("delay_days")).isEqualTo(3);
        assertThat((String) late.getAs("delay_band")).isEqualTo("2-3");
        assertThat((String) late.getAs("delay_responsible_sector")).isEqualTo("NHS");
        assertThat((String) late.getAs("delay_reason_category")).isEqualTo("awaiting_home_care_package");
    }
}
