package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DELAY_DAYS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_MONTH;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_READY_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DRD_RECORDED;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.LOS_DAYS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PROVIDER_CODE;

import java.sql.Date;
import java.time.format.DateTimeFormatter;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The discharge delay of a spell from its Discharge Ready Date (docs/measures.md,
 * "Discharge Ready Date"): {@code delay_days}.
 *
 * <p>Definition. For a discharged spell of one night or more ({@code los_days ≥ 1}):
 * <ul>
 *   <li>a recorded DRD gives {@code delay_days = discharge_date − DRD} (calendar days);</li>
 *   <li>a blank DRD gives {@code delay_days = 0} (no delay) when the discharge date is on or
 *       after the collection start ({@link DrdSettings#collectionStart()}, default 2023-04-01)
 *       <em>and</em> the provider-month records DRDs;</li>
 *   <li>otherwise {@code delay_days} is null: unknown.</li>
 * </ul>
 * Zero-night stays and open spells are null whatever was recorded: NHS England records the
 * DRD for stays of one night or more only, so a zero-night stay is outside every DRD measure.
 *
 * <p>A provider-month (provider_code × discharge month) does <em>not</em> record DRDs when it
 * has at least {@link DrdSettings#minOvernightDischarges()} (default 50) overnight discharges
 * and fewer than {@link DrdSettings#minRecordedShare()} (default 5 %) of them carry a DRD. The
 * count is over every overnight discharged spell of that provider in the feeds, whatever the
 * patient's area, age or destination: recording is a property of the hospital's system, and
 * counting only the configured areas' residents would make the same provider-month recording
 * for one council and not for another. A smaller provider-month is always treated as recording
 * (with few discharges, a provider that does not record cannot be told from one with no delays).
 *
 * <p>Rationale. NHS England's DRD guidance lets providers leave the DRD blank when the patient
 * left on the day they became ready (no delay), so a blank DRD on an overnight stay is a 0-day
 * delay — never a missing value to drop (dropping it would show a trust that follows the
 * guidance with nearly every discharge delayed). But a provider that does not record DRDs at
 * all would then show every discharge on time; NHS England likewise publishes only the
 * "providers submitting acceptable data". Hence the collection start and the recording test.
 * The threshold figures are bedflow's (NHS England's acceptance rule was not found), which is
 * why they are settings.
 *
 * <p>Decision: a DRD that <em>was</em> recorded counts in every provider-month, also one treated
 * as not recording and also before the collection start, because a recorded date is a
 * positive statement of when the patient was ready; only the meaning of a blank depends on
 * the provider. Caveat: in a month treated as not recording, the few DRDs recorded are likely
 * the delayed ones, so that month's measured discharges lean towards delays; the run report
 * names those provider-months ({@link #notRecording}).
 *
 * <p>National sources: NHS England, "Discharge ready date: guidance, examples and frequently
 * asked questions",
 * https://www.england.nhs.uk/long-read/discharge-ready-date-guidance-examples-and-frequently-asked-questions/
 * (blank when discharged on the DRD; one night or longer) and "Discharge ready date submission
 * and adult social care discharge fund" (PRN00312, collection from 1 April 2023).
 */
public final class DischargeReadyDates {

    /** the columns of {@link #notRecording} */
    public static final String MONTH = "month";
    public static final String OVERNIGHT_DISCHARGES = "overnight_discharges";
    public static final String DISCHARGES_WITH_DRD = "discharges_with_drd";

    private static final DateTimeFormatter YYYY_MM = DateTimeFormatter.ofPattern("yyyy-MM");

    private DischargeReadyDates() {
    }

    /** a discharged spell of one night or more: NHS England's DRD population */
    public static Column overnightDischarge() {
        return coalesce(col(DISCHARGE_DATE).isNotNull().and(col(LOS_DAYS).geq(1)), lit(false));
    }

    private static Column recorded() {
        return col(DISCHARGE_READY_DATE).isNotNull();
    }

    /** the provider-month does not record DRDs, given its overnight discharges and how many carry a DRD */
    static Column notRecordingTest(Column overnight, Column withDrd, DrdSettings s) {
        return overnight.geq(s.minOvernightDischarges())
                .and(withDrd.cast("double").lt(overnight.cast("double").multiply(s.minRecordedShare())));
    }

    /**
     * {@code spells} with {@code delay_days} (replaced if present).
     *
     * @param spells one row per provider spell with provider_code, discharge_date, discharge_month, los_days
     *               and discharge_ready_date (already validated: a DRD outside the stay was nulled)
     */
    public static Dataset<Row> derive(Dataset<Row> spells, DrdSettings s) {
        // a window rather than an aggregate joined back: the spells are not materialised yet, and a join
        // with their own aggregate would assemble, key and place every spell twice
        WindowSpec providerMonth = Window.partitionBy(col(PROVIDER_CODE), col(DISCHARGE_MONTH));
        Column overnight = sum(when(overnightDischarge(), 1).otherwise(0)).over(providerMonth);
        Column withDrd = sum(when(overnightDischarge().and(recorded()), 1).otherwise(0)).over(providerMonth);
        Column blankMeansNoDelay = col(DISCHARGE_DATE).geq(lit(Date.valueOf(s.collectionStart())))
                .and(not(notRecordingTest(overnight, withDrd, s)));
        Column delay = when(not(overnightDischarge()), lit(null).cast("int"))
                .when(recorded(), datediff(col(DISCHARGE_DATE), col(DISCHARGE_READY_DATE)))
                .when(blankMeansNoDelay, lit(0))
                .otherwise(lit(null).cast("int"));
        return spells.withColumn(DELAY_DAYS, delay);
    }

    /**
     * The provider-months treated as not recording DRDs, from the collection start's month on
     * (before it every blank DRD is unknown anyway): provider_code, month (yyyy-MM of the
     * discharge), overnight_discharges, discharges_with_drd; ordered by provider and month. Works
     * on linked_spells (provider_code, discharge_date, discharge_month, los_days, drd_recorded)
     * and gives the same months {@link #derive} treated so. No person-level column is output.
     */
    public static Dataset<Row> notRecording(Dataset<Row> linkedSpells, DrdSettings s) {
        Column withDrd = sum(when(col(DRD_RECORDED), 1)
                .otherwise(0)).cast("long");
        return linkedSpells.filter(overnightDischarge())
                .groupBy(col(PROVIDER_CODE), col(DISCHARGE_MONTH).as(MONTH))
                .agg(count(lit(1)).as(OVERNIGHT_DISCHARGES), withDrd.as(DISCHARGES_WITH_DRD))
                .filter(col(MONTH).geq(lit(s.collectionStart().format(YYYY_MM))))
                .filter(notRecordingTest(col(OVERNIGHT_DISCHARGES), col(DISCHARGES_WITH_DRD), s))
                .orderBy(col(PROVIDER_CODE), col(MONTH));
    }
}
