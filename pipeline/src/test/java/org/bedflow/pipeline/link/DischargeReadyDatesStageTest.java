package org.bedflow.pipeline.link;

import static org.bedflow.pipeline.testing.Frames.row;
import static org.bedflow.pipeline.testing.TableLiteral.assertFrame;
import static org.bedflow.pipeline.testing.TableLiteral.parse;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.testing.Frames;
import org.junit.jupiter.api.Test;

/**
 * {@link DischargeReadyDates} on table literals. docs/measures.md, "Discharge Ready Date": for a
 * discharged stay of one night or more, delay_days = discharge_date − DRD when a DRD was
 * recorded; 0 when the DRD is blank, the discharge is on or after the collection start
 * (default 2023-04-01) and the provider-month records DRDs; null otherwise and on zero-night
 * stays and open spells. A provider-month does not record DRDs when it has at least 50
 * overnight discharges and fewer than 5 % of them carry a DRD. Tables give los_days and
 * discharge_month as SpellFields derives them. Columns a table leaves out are null.
 */
class DischargeReadyDatesStageTest {

    static final StructType SPELLS = StructType.fromDDL("provider_code STRING, spell_id STRING, discharge_date DATE, "
            + "discharge_month STRING, los_days INT, discharge_ready_date DATE, drd_recorded BOOLEAN");

    private static Dataset<Row> derive(Dataset<Row> spells) {
        return DischargeReadyDates.derive(spells, DrdSettings.defaults());
    }

    /**
     * {@code n} overnight discharges (2023-06-10, 2 nights) of {@code provider} named F1..Fn, the first
     * {@code withDrd} of them with a DRD on the discharge date (0 days): filler that makes a provider-month's size.
     */
    private static Dataset<Row> filler(String provider, int n, int withDrd) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(row("provider_code", provider, "spell_id", "F" + i, "discharge_date", "2023-06-10",
                    "discharge_month", "2023-06", "los_days", 2, "discharge_ready_date", i <= withDrd ? "2023-06-10" : null,
                    "drd_recorded", i <= withDrd));
        }
        return Frames.of(SPELLS, rows);
    }

    @Test
    void a_blank_drd_is_no_delay_on_an_overnight_stay_and_unknown_on_a_zero_night_stay_or_an_open_spell() {
        Dataset<Row> out = derive(parse("""
                | provider_code | spell_id | discharge_date | discharge_month | los_days | discharge_ready_date |
                | RNS           | N1       | 2023-06-10     | 2023-06         | 1        |                      |
                | RNS           | N0       | 2023-06-10     | 2023-06         | 0        |                      |
                | RNS           | R1       | 2023-06-10     | 2023-06         | 5        | 2023-06-07           |
                | RNS           | R0       | 2023-06-10     | 2023-06         | 0        | 2023-06-10           |
                | RNS           | O        |                |                 |          |                      |
                """, SPELLS));
        // N1: one night, blank DRD, June 2023 (after the collection start; 3 overnight discharges: too few to judge
        //     the provider-month, so it records): no delay, 0
        // N0: zero nights: outside the DRD population, null although blank
        // R1: recorded: 2023-06-10 - 2023-06-07 = 3 days
        // R0: zero nights with a DRD: still outside the population, null
        // O: open: null
        assertFrame(out, """
                | spell_id | delay_days |
                | N1       | 0          |
                | N0       |            |
                | R1       | 3          |
                | R0       |            |
                | O        |            |
                """);
    }

    @Test
    void a_blank_drd_counts_as_no_delay_from_the_collection_start_on_and_a_recorded_one_always() {
        Dataset<Row> in = parse("""
                | provider_code | spell_id | discharge_date | discharge_month | los_days | discharge_ready_date |
                | RNS           | B0331    | 2023-03-31     | 2023-03         | 2        |                      |
                | RNS           | B0401    | 2023-04-01     | 2023-04         | 2        |                      |
                | RNS           | R0331    | 2023-03-31     | 2023-03         | 4        | 2023-03-30           |
                """, SPELLS);
        // B0331: blank, discharged 2023-03-31, the day before the collection start: unknown
        // B0401: blank, discharged on the collection start 2023-04-01: no delay, 0
        // R0331: recorded before the collection start: 2023-03-31 - 2023-03-30 = 1 day, kept
        assertFrame(derive(in), """
                | spell_id | delay_days |
                | B0331    |            |
                | B0401    | 0          |
                | R0331    | 1          |
                """);
        // the collection start is a setting: from 2023-04-02 on, B0401 (2023-04-01) is before it and unknown
        Dataset<Row> later = DischargeReadyDates.derive(in, new DrdSettings(LocalDate.of(2023, 4, 2), 50, 0.05));
        assertFrame(later, """
                | spell_id | delay_days |
                | B0331    |            |
                | B0401    |            |
                | R0331    | 1          |
                """);
    }

    @Test
    void a_provider_month_of_50_or_more_overnight_discharges_with_under_5_percent_drds_does_not_record() {
        Dataset<Row> probes = parse("""
                | provider_code | spell_id | discharge_date | discharge_month | los_days | discharge_ready_date | drd_recorded |
                | R50X2         | BLANK    | 2023-06-20     | 2023-06         | 3        |                      | false        |
                | R50X2         | DRD      | 2023-06-20     | 2023-06         | 3        | 2023-06-18           | true         |
                | R50X2         | JULY     | 2023-07-02     | 2023-07         | 3        |                      | false        |
                | R50X3         | BLANK    | 2023-06-20     | 2023-06         | 3        |                      | false        |
                | R49X0         | BLANK    | 2023-06-20     | 2023-06         | 3        |                      | false        |
                | R49X0         | ZERO     | 2023-06-20     | 2023-06         | 0        |                      | false        |
                """, SPELLS);
        // R50X2 June: 48 filler with 1 DRD + BLANK + DRD = 50 overnight discharges, 2 with a DRD:
        //   2 / 50 = 4 % < 5 % and 50 >= 50: not recording. BLANK is unknown (null); DRD's recorded date still counts:
        //   2023-06-20 - 2023-06-18 = 2 days. JULY is another month of the same provider: 1 discharge, recording: 0
        // R50X3 June: 49 filler with 3 DRDs + BLANK = 50, 3 with a DRD: 3 / 50 = 6 % >= 5 %: recording, BLANK is 0
        // R49X0 June: 48 filler without DRDs + BLANK = 49 overnight (ZERO has no night and does not count):
        //   fewer than 50, too few to judge: recording, BLANK is 0; ZERO is a zero-night stay: null
        Dataset<Row> in = probes.unionByName(filler("R50X2", 48, 1)).unionByName(filler("R50X3", 49, 3))
                .unionByName(filler("R49X0", 48, 0));
        Dataset<Row> out = derive(in).filter("spell_id not like 'F%'");
        assertFrame(out, """
                | provider_code | spell_id | delay_days |
                | R50X2         | BLANK    |            |
                | R50X2         | DRD      | 2          |
                | R50X2         | JULY     | 0          |
                | R50X3         | BLANK    | 0          |
                | R49X0         | BLANK    | 0          |
                | R49X0         | ZERO     |            |
                """);
        // the report's list of those provider-months: only R50X2 June, with its two counts
        assertFrame(DischargeReadyDates.notRecording(in, DrdSettings.defaults()), """
                | provider_code | month   | overnight_discharges | discharges_with_drd |
                | R50X2         | 2023-06 | 50                   | 2                   |
                """);
    }

    @Test
    void exactly_5_percent_is_not_fewer_than_5_percent_so_the_provider_month_records() {
        Dataset<Row> probe = parse("""
                | provider_code | spell_id | discharge_date | discharge_month | los_days | discharge_ready_date | drd_recorded |
                | R100X5        | BLANK    | 2023-06-20     | 2023-06         | 3        |                      | false        |
                """, SPELLS);
        // 99 filler with 5 DRDs + BLANK = 100 overnight discharges, 5 with a DRD: 5 / 100 = 5 %, not fewer than 5 %
        Dataset<Row> in = probe.unionByName(filler("R100X5", 99, 5));
        assertFrame(derive(in).filter("spell_id = 'BLANK'"), """
                | spell_id | delay_days |
                | BLANK    | 0          |
                """);
        assertFrame(DischargeReadyDates.notRecording(in, DrdSettings.defaults()), """
                | provider_code | month | overnight_discharges | discharges_with_drd |
                """);
    }

    @Test
    void the_recording_thresholds_are_settings_and_months_before_the_collection_start_are_not_listed() {
        Dataset<Row> in = parse("""
                | provider_code | spell_id | discharge_date | discharge_month | los_days | discharge_ready_date | drd_recorded |
                | RNS           | A        | 2023-06-10     | 2023-06         | 1        | 2023-06-09           | true         |
                | RNS           | B        | 2023-06-10     | 2023-06         | 1        |                      | false        |
                | RNS           | C        | 2023-06-10     | 2023-06         | 1        |                      | false        |
                | RNS           | D        | 2023-06-10     | 2023-06         | 1        |                      | false        |
                | RNS           | E        | 2023-03-10     | 2023-03         | 1        |                      | false        |
                | RNS           | F        | 2023-03-10     | 2023-03         | 1        |                      | false        |
                | RNS           | G        | 2023-03-10     | 2023-03         | 1        |                      | false        |
                | RNS           | H        | 2023-03-10     | 2023-03         | 1        |                      | false        |
                """, SPELLS);
        // at least 4 overnight discharges, at least 30 % with a DRD:
        // June: 4 discharges, 1 with a DRD: 25 % < 30 %: not recording; B, C, D unknown, A's recorded 1 day kept
        // March: 4 discharges, none with a DRD, but before the collection start: blank is unknown anyway, and the
        //        month is not listed as not recording
        DrdSettings strict = new DrdSettings(LocalDate.of(2023, 4, 1), 4, 0.30);
        assertFrame(DischargeReadyDates.derive(in, strict), """
                | spell_id | delay_days |
                | A        | 1          |
                | B        |            |
                | C        |            |
                | D        |            |
                | E        |            |
                | F        |            |
                | G        |            |
                | H        |            |
                """);
        assertFrame(DischargeReadyDates.notRecording(in, strict), """
                | provider_code | month   | overnight_discharges | discharges_with_drd |
                | RNS           | 2023-06 | 4                    | 1                   |
                """);
    }
}
