package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.CommunityContactsColumns.CONTACT_DATE;
import static org.bedflow.pipeline.schema.columns.CommunityContactsColumns.CONTACT_ID;
import static org.bedflow.pipeline.schema.columns.CommunityContactsColumns.PROVIDER_CODE;
import static org.bedflow.pipeline.schema.columns.CommunityContactsColumns.SERVICE_TYPE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_EMERGENCY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PERSON_KEY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.UNITARY_AREA;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.link.CommunityContacts;
import org.bedflow.pipeline.measure.ReportingGrid;
import org.bedflow.pipeline.measure.stats.PublicHealthStatistics;

/**
 * The indicator {@code ucr_no_emergency_admission_7d} (worked example 3 of
 * docs/adding-a-feed.md, from the community_contacts feed): of the urgent community
 * response contacts of residents, the share <em>not</em> followed by an emergency admission
 * of the same person within 7 days. A two-hour urgent community response exists to keep
 * people out of hospital; this is its admission-avoidance outcome.
 *
 * <ul>
 * <li>Denominator: contacts with {@code service_type} Urgent Community Response, with a person
 *     key (valid NHS number: without one nothing can be followed), of residents of a
 *     configured unitary area (residence as for spells: district, else LSOA through
 *     geography), whose 7 days are over by the run date: {@code contact_date <= run date - 7}.
 *     Every contact counts, also several of one person.</li>
 * <li>Followed: an emergency spell (linked_spells {@code is_emergency}) of the same person
 *     with {@code admission_date - contact_date} in 0...6: the contact day and the six days
 *     after it, seven calendar days, the convention of {@code emergency_readmissions_30d}
 *     (0...29). An admission on day 7 is not within 7 days.</li>
 * <li>Numerator: denominator contacts not followed. Value: percent with Wilson score limits
 *     ({@link PublicHealthStatistics#percent}); a zero denominator gives null value and limits.</li>
 * <li>Periods: the calendar month of the contact date, for every month of the reporting
 *     grid, and every financial year the grid touches (the sum of its months in the grid).</li>
 * </ul>
 *
 * <p>The contacts come linkable from {@link CommunityContacts#contacts} (the link step).
 * {@link #counts} gives the indicators table its counts ({@code Indicators.compute});
 * {@link #indicator} gives the indicator's rows alone, in the table's columns.
 */
public final class UrgentCommunityResponse {

    public static final String INDICATOR = Indicator.UCR_NO_EMERGENCY_ADMISSION_7D.id();
    /** the community_service code of an urgent community response contact */
    public static final String SERVICE = "Urgent Community Response";
    /** admission_date - contact_date in 0 ... WINDOW_DAYS - 1 is "within 7 days" */
    public static final int WINDOW_DAYS = 7;

    private UrgentCommunityResponse() {
    }

    /**
     * The indicator's counts in the shape every indicator family gives {@code Indicators}
     * ({@link IndicatorCounts}): per area, month and financial year of the contact date,
     * numerator = contacts not followed, denominator = contacts.
     *
     * @param contacts     from {@link CommunityContacts#contacts}: service_type, person_key, unitary_area,
     *                     contact_date, provider_code, contact_id
     * @param linkedSpells the linked_spells table (person_key, is_emergency, admission_date)
     */
    public static Dataset<Row> counts(Dataset<Row> contacts, Dataset<Row> linkedSpells, ReportingGrid grid,
                                      LocalDate runDate) {
        return IndicatorCounts.aggregate(rows(contacts, linkedSpells, grid, runDate));
    }

    /** The indicator's rows before they are summed ({@link IndicatorCounts#rows}). */
    static Dataset<Row> rows(Dataset<Row> contacts, Dataset<Row> linkedSpells, ReportingGrid grid,
                             LocalDate runDate) {
        Dataset<Row> eligible = contacts
                .filter(col(SERVICE_TYPE).equalTo(SERVICE).and(col(PERSON_KEY).isNotNull())
                        .and(col(CONTACT_DATE).leq(lit(Date.valueOf(runDate.minusDays(WINDOW_DAYS))))))
                .select(col(PROVIDER_CODE), col(CONTACT_ID), col(PERSON_KEY), col(UNITARY_AREA),
                        col(CONTACT_DATE));
        Dataset<Row> emergencies = linkedSpells
                .filter(col(IS_EMERGENCY).and(col(PERSON_KEY).isNotNull()))
                .select(col(PERSON_KEY).as("_pk"), col(ADMISSION_DATE).as("_admitted"));
        Column days = datediff(col("_admitted"), col(CONTACT_DATE));
        Dataset<Row> followed = eligible
                .join(emergencies, col(PERSON_KEY).equalTo(col("_pk")).and(days.between(0, WINDOW_DAYS - 1)), "left_semi")
                .select(col(PROVIDER_CODE).as("_f_provider"), col(CONTACT_ID).as("_f_contact"))
                .withColumn("_followed", lit(true));
        Dataset<Row> marked = eligible.join(followed, col(PROVIDER_CODE).equalTo(col("_f_provider"))
                .and(col(CONTACT_ID).equalTo(col("_f_contact"))), "left");
        return IndicatorCounts.rows(marked, Indicator.UCR_NO_EMERGENCY_ADMISSION_7D, col(CONTACT_DATE),
                lit(IndicatorCounts.ALL_AGES), when(col("_followed").isNull(), 1).otherwise(0), lit(1), grid);
    }

    /**
     * The indicator alone, as rows of the indicators table: every configured area x every
     * month of the grid and every financial year it touches (the sum of its months in the
     * grid), in the table's order, as {@link Indicators#compute} gives them.
     */
    public static Dataset<Row> indicator(SparkSession spark, Dataset<Row> contacts, Dataset<Row> linkedSpells,
                                         ReportingGrid grid, LocalDate runDate, String runId) {
        // a percent indicator divides by its own denominator: no population needed
        List<IndicatorRow> rows = Indicators.assemble(counts(contacts, linkedSpells, grid, runDate).collectAsList(),
                new Population.Table(Map.of()), grid, List.of(Indicator.UCR_NO_EMERGENCY_ADMISSION_7D));
        return Indicators.table(spark, rows, runId);
    }
}
