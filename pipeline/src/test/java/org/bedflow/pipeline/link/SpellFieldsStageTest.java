package org.bedflow.pipeline.link;

import static org.bedflow.pipeline.testing.TableLiteral.assertFrame;
import static org.bedflow.pipeline.testing.TableLiteral.parse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.reference.DelayReasons;
import org.junit.jupiter.api.Test;

/**
 * {@link SpellFields#derive} on table literals, with the default (historic DToC) delay reasons.
 * Definitions: docs/data-dictionary.md, linked_spells (age_band, is_emergency, is_chronic_acsc,
 * is_acute_acsc, is_fall_65plus, los_days, is_alive_discharge, delay_days, is_delayed,
 * delay_reason_category, delay_responsible_sector) and docs/indicators.md (the indicators built
 * on them). Day differences are calendar days. Columns a table leaves out are null. The whole
 * link is in SpellFieldsTest.
 */
class SpellFieldsStageTest {

    static final StructType SPELLS = StructType.fromDDL("spell_id STRING, age_on_admission INT, admission_date DATE, "
            + "admission_method STRING, primary_diagnosis STRING, secondary_diagnoses STRING, discharge_date DATE, "
            + "discharge_method STRING, discharge_destination STRING, discharge_ready_date DATE, delay_reason STRING");

    private static Dataset<Row> derive(String spells) {
        return SpellFields.derive(parse(spells, SPELLS), DelayReasons.load("dtoc"));
    }

    @Test
    void age_bands_are_esp2013_five_year_bands_up_to_90_plus() {
        Dataset<Row> out = derive("""
                | age_on_admission |
                | 0                |
                | 4                |
                | 5                |
                | 17               |
                | 64               |
                | 65               |
                | 84               |
                | 85               |
                | 89               |
                | 90               |
                | 104              |
                |                  |
                """);
        // floor(age / 5) * 5 to that + 4: 4 -> 0-4, 5 -> 5-9, 64 -> 60-64, 65 -> 65-69, 89 -> 85-89; 90 and over: 90+
        assertFrame(out, """
                | age_on_admission | age_band |
                | 0                | 0-4      |
                | 4                | 0-4      |
                | 5                | 5-9      |
                | 17               | 15-19    |
                | 64               | 60-64    |
                | 65               | 65-69    |
                | 84               | 80-84    |
                | 85               | 85-89    |
                | 89               | 85-89    |
                | 90               | 90+      |
                | 104              | 90+      |
                |                  |          |
                """);
    }

    @Test
    void length_of_stay_is_calendar_days_and_months_are_yyyy_mm() {
        Dataset<Row> out = derive("""
                | spell_id | admission_date | discharge_date |
                | S1       | 2021-05-10     | 2021-05-10     |
                | S2       | 2021-05-31     | 2021-06-01     |
                | S3       | 2020-02-28     | 2020-03-01     |
                | S4       | 2021-12-31     | 2022-01-01     |
                | S5       | 2021-05-01     |                |
                """);
        // S1: 2021-05-10 - 2021-05-10 = 0 days (same day)
        // S2: 2021-06-01 - 2021-05-31 = 1 day, across a month
        // S3: 2020-03-01 - 2020-02-28 = 2 days (2020-02-29)
        // S4: 2022-01-01 - 2021-12-31 = 1 day, across a year
        // S5: open: no length of stay, no discharge month
        assertFrame(out, """
                | spell_id | los_days | admission_month | discharge_month |
                | S1       | 0        | 2021-05         | 2021-05         |
                | S2       | 1        | 2021-05         | 2021-06         |
                | S3       | 2        | 2020-02         | 2020-03         |
                | S4       | 1        | 2021-12         | 2022-01         |
                | S5       |          | 2021-05         |                 |
                """);
    }

    @Test
    void emergency_is_admission_method_21_to_25_2a_to_2d_or_28() {
        Dataset<Row> out = derive("""
                | admission_method |
                | 21               |
                | 25               |
                | 2A               |
                | 2D               |
                | 28               |
                | 11               |
                | 13               |
                | 31               |
                | 81               |
                """);
        assertFrame(out, """
                | admission_method | is_emergency |
                | 21               | true         |
                | 25               | true         |
                | 2A               | true         |
                | 2D               | true         |
                | 28               | true         |
                | 11               | false        |
                | 13               | false        |
                | 31               | false        |
                | 81               | false        |
                """);
    }

    @Test
    void an_alive_discharge_has_a_discharge_method_not_4_or_5_and_a_destination_not_79() {
        Dataset<Row> out = derive("""
                | spell_id | discharge_date | discharge_method | discharge_destination |
                | S1       | 2021-05-10     | 1                | 19                    |
                | S2       | 2021-05-10     | 4                | 79                    |
                | S3       | 2021-05-10     | 4                | 19                    |
                | S4       | 2021-05-10     | 5                | 19                    |
                | S5       | 2021-05-10     | 1                | 79                    |
                | S6       | 2021-05-10     | 2                | 54                    |
                | S7       | 2021-05-10     |                  |                       |
                | S8       |                |                  |                       |
                """);
        // S1 home; S2 died; S3 method 4 alone; S4 stillbirth (5); S5 destination 79 alone;
        // S6 self-discharge to a care home is alive; S7 method and destination unknown: neither says died;
        // S8 open: null
        assertFrame(out, """
                | spell_id | is_alive_discharge |
                | S1       | true               |
                | S2       | false              |
                | S3       | false              |
                | S4       | false              |
                | S5       | false              |
                | S6       | true               |
                | S7       | true               |
                | S8       |                    |
                """);
    }

    @Test
    void delay_days_run_from_the_discharge_ready_date_and_one_day_is_a_delay() {
        Dataset<Row> out = derive("""
                | spell_id | discharge_date | discharge_ready_date | delay_reason |
                | S1       | 2021-05-10     | 2021-05-10           | E            |
                | S2       | 2021-05-10     | 2021-05-09           | E            |
                | S3       | 2021-05-10     | 2021-04-30           | Dii          |
                | S4       | 2021-05-10     |                      | E            |
                """);
        // S1: 2021-05-10 - DRD 2021-05-10 = 0 days: discharged on the DRD, not delayed
        // S2: 2021-05-10 - DRD 2021-05-09 = 1 day: delayed
        // S3: 2021-05-10 - DRD 2021-04-30 = 10 days (30-day April)
        // S4: no DRD: no delay days, is_delayed null
        assertFrame(out, """
                | spell_id | delay_days | is_delayed |
                | S1       | 0          | false      |
                | S2       | 1          | true       |
                | S3       | 10         | true       |
                | S4       |            |            |
                """);
    }

    @Test
    void only_delayed_spells_get_a_reason_category_and_sector() {
        Dataset<Row> out = derive("""
                | spell_id | discharge_date | discharge_ready_date | delay_reason |
                | S1       | 2021-05-10     | 2021-05-10           | E            |
                | S2       | 2021-05-10     | 2021-05-09           | E            |
                | S3       | 2021-05-10     | 2021-04-30           | Dii          |
                | S4       | 2021-05-10     | 2021-05-03           | DI           |
                | S5       | 2021-05-10     | 2021-05-03           | ZZ           |
                | S6       | 2021-05-10     | 2021-05-09           |              |
                """);
        // S1: 0 days, not delayed: no category although a reason is given
        // S2: 1 day, E (dtoc.csv): awaiting care package in own home, Social care
        // S3: 10 days, Dii: awaiting nursing home placement, Both
        // S4: 7 days, DI: codes match case-sensitively, DI is not Di: unmapped
        // S5: 7 days, ZZ: unmapped
        // S6: 1 day, no reason given: null, not "other"
        assertFrame(out, """
                | spell_id | is_delayed | delay_reason_category      | delay_responsible_sector |
                | S1       | false      |                            |                          |
                | S2       | true       | awaiting_home_care_package | Social care              |
                | S3       | true       | awaiting_nursing_home      | Both                     |
                | S4       | true       | other                      | Unknown                  |
                | S5       | true       | other                      | Unknown                  |
                | S6       | true       |                            |                          |
                """);
    }

    @Test
    void acsc_flags_are_prefix_matches_on_emergency_primaries_and_j20_needs_a_copd_secondary() {
        Dataset<Row> out = derive("""
                | admission_method | primary_diagnosis | secondary_diagnoses |
                | 21               | J440              |                     |
                | 11               | J440              |                     |
                | 21               | E105              |                     |
                | 21               | E109              |                     |
                | 21               | J209              |                     |
                | 21               | J209              | I10;J440            |
                | 21               | J209              | J41                 |
                | 21               | J209              | J47                 |
                | 21               | J209              | J40                 |
                | 21               | J209              | J45                 |
                | 21               | N390              |                     |
                | 11               | N390              |                     |
                | 21               | K254              |                     |
                | 21               | K253              |                     |
                | 21               |                   |                     |
                """);
        // chronic_acsc.csv: J44 (prefix of J440), E100-E108 (not E109); J20 only with a secondary J41-J44 or J47,
        // in any position of the ;-list (J40 and J45 are outside); acute_acsc.csv: N390, K250-K252 and K254-K256
        // (not K253); elective (11) never; no primary diagnosis: false, not null
        assertFrame(out, """
                | admission_method | primary_diagnosis | secondary_diagnoses | is_chronic_acsc | is_acute_acsc |
                | 21               | J440              |                     | true            | false         |
                | 11               | J440              |                     | false           | false         |
                | 21               | E105              |                     | true            | false         |
                | 21               | E109              |                     | false           | false         |
                | 21               | J209              |                     | false           | false         |
                | 21               | J209              | I10;J440            | true            | false         |
                | 21               | J209              | J41                 | true            | false         |
                | 21               | J209              | J47                 | true            | false         |
                | 21               | J209              | J40                 | false           | false         |
                | 21               | J209              | J45                 | false           | false         |
                | 21               | N390              |                     | false           | true          |
                | 11               | N390              |                     | false           | false         |
                | 21               | K254              |                     | false           | true          |
                | 21               | K253              |                     | false           | false         |
                | 21               |                   |                     | false           | false         |
                """);
    }

    @Test
    void a_fall_is_an_emergency_aged_65_plus_with_an_injury_primary_and_a_w00_w19_secondary() {
        Dataset<Row> out = derive("""
                | age_on_admission | admission_method | primary_diagnosis | secondary_diagnoses |
                | 65               | 21               | S720              | W19                 |
                | 64               | 21               | S720              | W19                 |
                | 65               | 11               | S720              | W19                 |
                | 80               | 21               | S000              | W00                 |
                | 80               | 21               | T983              | X59;W01             |
                | 80               | 21               | T99               | W19                 |
                | 80               | 21               | R296              | W19                 |
                | 80               | 21               | S720              | W20                 |
                | 80               | 21               | S720              |                     |
                """);
        // age 65 in, 64 out; elective out; primary S00-T98 (S000 and T983 in, T99 and R296 out);
        // a secondary W00-W19 in any position (W00, W01 after X59 and W19 in, W20 out, none out)
        assertFrame(out, """
                | age_on_admission | admission_method | primary_diagnosis | secondary_diagnoses | is_fall_65plus |
                | 65               | 21               | S720              | W19                 | true           |
                | 64               | 21               | S720              | W19                 | false          |
                | 65               | 11               | S720              | W19                 | false          |
                | 80               | 21               | S000              | W00                 | true           |
                | 80               | 21               | T983              | X59;W01             | true           |
                | 80               | 21               | T99               | W19                 | false          |
                | 80               | 21               | R296              | W19                 | false          |
                | 80               | 21               | S720              | W20                 | false          |
                | 80               | 21               | S720              |                     | false          |
                """);
    }
}
