package org.bedflow.pipeline.link;

import static org.bedflow.pipeline.testing.TableLiteral.assertFrame;
import static org.bedflow.pipeline.testing.TableLiteral.parse;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.reference.DelayReasons;
import org.junit.jupiter.api.Test;

/**
 * {@link SpellFields#derive} on table literals, with the historic DToC delay reasons and the default
 * DRD settings. Definitions: docs/data-dictionary.md, linked_spells (age_band, is_emergency, los_days,
 * is_alive_discharge, delay_days, is_delayed, delay_reason_category, delay_responsible_sector) and
 * docs/measures.md "Spell-level fields". The admission flags are in AdmissionFlagsStageTest, the
 * blank DRD rules in DischargeReadyDatesStageTest. Day differences are calendar days. Columns a table leaves out are null. The whole
 * link is in SpellFieldsTest.
 */
class SpellFieldsStageTest {

    static final StructType SPELLS = StructType.fromDDL("provider_code STRING, spell_id STRING, age_on_admission INT, "
            + "admission_date DATE, admission_method STRING, primary_diagnosis STRING, secondary_diagnoses STRING, "
            + "discharge_date DATE, discharge_method STRING, discharge_destination STRING, discharge_ready_date DATE, "
            + "delay_reason STRING, delay_responsible_sector STRING");

    private static Dataset<Row> derive(String spells) {
        return SpellFields.derive(parse(spells, SPELLS), DelayReasons.load("dtoc"), DrdSettings.defaults());
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
                | spell_id | admission_date | discharge_date | discharge_ready_date | delay_reason |
                | S1       | 2021-05-01     | 2021-05-10     | 2021-05-10           | E            |
                | S2       | 2021-05-01     | 2021-05-10     | 2021-05-09           | E            |
                | S3       | 2021-04-20     | 2021-05-10     | 2021-04-30           | Dii          |
                | S4       | 2021-05-01     | 2021-05-10     |                      | E            |
                """);
        // S1: 2021-05-10 - DRD 2021-05-10 = 0 days: discharged on the DRD, not delayed
        // S2: 2021-05-10 - DRD 2021-05-09 = 1 day: delayed
        // S3: 2021-05-10 - DRD 2021-04-30 = 10 days (30-day April)
        // S4: no DRD in 2021, before the collection start (2023-04-01): unknown, is_delayed null
        assertFrame(out, """
                | spell_id | drd_recorded | delay_days | delay_band | is_delayed |
                | S1       | true         | 0          | none       | false      |
                | S2       | true         | 1          | 1          | true       |
                | S3       | true         | 10         | 7-13       | true       |
                | S4       | false        |            |            |            |
                """);
    }

    @Test
    void only_delayed_spells_get_a_reason_category_and_sector() {
        Dataset<Row> out = derive("""
                | spell_id | admission_date | discharge_date | discharge_ready_date | delay_reason |
                | S1       | 2021-05-01     | 2021-05-10     | 2021-05-10           | E            |
                | S2       | 2021-05-01     | 2021-05-10     | 2021-05-09           | E            |
                | S3       | 2021-04-20     | 2021-05-10     | 2021-04-30           | Dii          |
                | S4       | 2021-05-01     | 2021-05-10     | 2021-05-03           | DI           |
                | S5       | 2021-05-01     | 2021-05-10     | 2021-05-03           | ZZ           |
                | S6       | 2021-05-01     | 2021-05-10     | 2021-05-09           |              |
                """);
        // S1: 0 days, not delayed: no category although a reason is given
        // S2: 1 day, E (dtoc.csv): awaiting care package in own home, Social care
        // S3: 10 days, Dii: awaiting nursing home placement, Both
        // S4: 7 days, DI: codes match case-sensitively, DI is not Di: unmapped
        // S5: 7 days, ZZ: unmapped
        // S6: 1 day, no reason given and no sector recorded: null, not "other" (the breakdown's "unknown")
        assertFrame(out, """
                | spell_id | is_delayed | delay_reason_category      | delay_responsible_sector |
                | S1       | false      |                            |                          |
                | S2       | true       | awaiting_home_care_package | Social care              |
                | S3       | true       | awaiting_nursing_home      | Both                     |
                | S4       | true       | other                      | unknown                  |
                | S5       | true       | other                      | unknown                  |
                | S6       | true       |                            |                          |
                """);
    }

    @Test
    void a_recorded_responsible_sector_wins_over_the_mapping_and_only_on_delayed_spells() {
        Dataset<Row> out = derive("""
                | spell_id | admission_date | discharge_date | discharge_ready_date | delay_reason | delay_responsible_sector |
                | S1       | 2021-05-01     | 2021-05-10     | 2021-05-09           | E            | NHS                      |
                | S2       | 2021-05-01     | 2021-05-10     | 2021-05-09           | E            |                          |
                | S3       | 2021-05-01     | 2021-05-10     | 2021-05-09           |              | Social care              |
                | S4       | 2021-05-01     | 2021-05-10     | 2021-05-09           | ZZ           | Other                    |
                | S5       | 2021-05-01     | 2021-05-10     | 2021-05-10           | E            | Both                     |
                """);
        // all but S5 delayed 1 day (2021-05-10 - 2021-05-09)
        // S1: the provider recorded NHS: it wins over E's mapped Social care; the category is still the mapping's
        // S2: nothing recorded: the mapping's sector for E, Social care
        // S3: no reason, a recorded sector: the sector, no category
        // S4: unmapped reason ZZ (category other), recorded Other wins over the mapping's unknown
        // S5: 0 days, not delayed: neither, although both were recorded
        assertFrame(out, """
                | spell_id | is_delayed | delay_reason_category      | delay_responsible_sector |
                | S1       | true       | awaiting_home_care_package | NHS                      |
                | S2       | true       | awaiting_home_care_package | Social care              |
                | S3       | true       |                            | Social care              |
                | S4       | true       | other                      | Other                    |
                | S5       | false      |                            |                          |
                """);
    }

    @Test
    void delay_bands_are_nhs_englands_and_each_edge_falls_on_its_side() {
        Dataset<Row> out = derive("""
                | spell_id | admission_date | discharge_date | discharge_ready_date |
                | D0       | 2023-05-01     | 2023-05-31     | 2023-05-31           |
                | D1       | 2023-05-01     | 2023-05-31     | 2023-05-30           |
                | D2       | 2023-05-01     | 2023-05-31     | 2023-05-29           |
                | D3       | 2023-05-01     | 2023-05-31     | 2023-05-28           |
                | D4       | 2023-05-01     | 2023-05-31     | 2023-05-27           |
                | D6       | 2023-05-01     | 2023-05-31     | 2023-05-25           |
                | D7       | 2023-05-01     | 2023-05-31     | 2023-05-24           |
                | D13      | 2023-05-01     | 2023-05-31     | 2023-05-18           |
                | D14      | 2023-05-01     | 2023-05-31     | 2023-05-17           |
                | D20      | 2023-05-01     | 2023-05-31     | 2023-05-11           |
                | D21      | 2023-05-01     | 2023-05-31     | 2023-05-10           |
                | BLANK    | 2023-05-01     | 2023-05-31     |                      |
                """);
        // delay = 31 - DRD day of May; bands none (0), 1, 2-3, 4-6, 7-13, 14-20, 21+;
        // BLANK: May 2023, after the collection start, 12 overnight discharges (too few to judge): no delay, none
        assertFrame(out, """
                | spell_id | delay_days | delay_band | is_delayed |
                | D0       | 0          | none       | false      |
                | D1       | 1          | 1          | true       |
                | D2       | 2          | 2-3        | true       |
                | D3       | 3          | 2-3        | true       |
                | D4       | 4          | 4-6        | true       |
                | D6       | 6          | 4-6        | true       |
                | D7       | 7          | 7-13       | true       |
                | D13      | 13         | 7-13       | true       |
                | D14      | 14         | 14-20      | true       |
                | D20      | 20         | 14-20      | true       |
                | D21      | 21         | 21+        | true       |
                | BLANK    | 0          | none       | false      |
                """);
    }
}
