package org.bedflow.pipeline.measure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.link.PersonKeys;
import org.bedflow.pipeline.link.PseudonymKey;
import org.bedflow.pipeline.link.ResidenceAreas;
import org.bedflow.pipeline.measure.indicators.Indicator;
import org.bedflow.pipeline.measure.indicators.IndicatorCounts;
import org.bedflow.pipeline.measure.indicators.Periods;
import org.bedflow.pipeline.measure.stats.Estimate;
import org.bedflow.pipeline.measure.stats.PublicHealthStatistics;
import org.bedflow.pipeline.reference.ReorganisationMapping;

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
 * <p>{@link #counts} gives the indicators table its counts ({@code Indicators.compute});
 * {@link #indicator} gives the indicator's rows alone, in the table's columns ({@link #COLUMNS}).
 */
public final class UrgentCommunityResponse {

    public static final String INDICATOR = Indicator.UCR_NO_EMERGENCY_ADMISSION_7D.id();
    /** the community_service code of an urgent community response contact */
    public static final String SERVICE = "Urgent Community Response";
    /** admission_date - contact_date in 0 ... WINDOW_DAYS - 1 is "within 7 days" */
    public static final int WINDOW_DAYS = 7;

    /** The columns of the indicators table (outputs.md), in its order. */
    public static final StructType COLUMNS = new StructType()
            .add("unitary_area", DataTypes.StringType, false)
            .add("unitary_area_name", DataTypes.StringType, false)
            .add("period_type", DataTypes.StringType, false)
            .add("period", DataTypes.StringType, false)
            .add("indicator", DataTypes.StringType, false)
            .add("numerator", DataTypes.LongType, false)
            .add("denominator", DataTypes.DoubleType, true)
            .add("value", DataTypes.DoubleType, true)
            .add("value_type", DataTypes.StringType, false)
            .add("lower_95", DataTypes.DoubleType, true)
            .add("upper_95", DataTypes.DoubleType, true)
            .add("run_id", DataTypes.StringType, false);

    private UrgentCommunityResponse() {
    }

    /**
     * Validated community contacts made linkable: {@code person_key} instead of the NHS
     * number (as for spells), residence filled from the LSOA lookup, {@code unitary_area}.
     *
     * @param geography the validated geography feed (lsoa_code, lad_code); may be empty
     */
    public static Dataset<Row> contacts(SparkSession spark, Dataset<Row> validatedContacts, Dataset<Row> geography,
                                        PseudonymKey key, ReorganisationMapping mapping) {
        Dataset<Row> keyed = PersonKeys.pseudonymise(spark, key, validatedContacts);
        return ResidenceAreas.forSpells(keyed, geography, mapping);
    }

    /**
     * The indicator's counts in the shape every indicator family gives {@code Indicators}
     * ({@link IndicatorCounts}): per area, month and financial year of the contact date,
     * numerator = contacts not followed, denominator = contacts.
     *
     * @param contacts     from {@link #contacts}: service_type, person_key, unitary_area, contact_date, provider_code, contact_id
     * @param linkedSpells the linked_spells table (person_key, is_emergency, admission_date)
     */
    public static Dataset<Row> counts(Dataset<Row> contacts, Dataset<Row> linkedSpells, ReportingGrid grid,
                                      LocalDate runDate) {
        Dataset<Row> eligible = contacts
                .filter(col("service_type").equalTo(SERVICE).and(col("person_key").isNotNull())
                        .and(col("contact_date").leq(lit(java.sql.Date.valueOf(runDate.minusDays(WINDOW_DAYS))))))
                .select(col("provider_code"), col("contact_id"), col("person_key"), col("unitary_area"),
                        col("contact_date"));
        Dataset<Row> emergencies = linkedSpells
                .filter(col("is_emergency").and(col("person_key").isNotNull()))
                .select(col("person_key").as("_pk"), col("admission_date").as("_admitted"));
        Column days = datediff(col("_admitted"), col("contact_date"));
        Dataset<Row> followed = eligible
                .join(emergencies, col("person_key").equalTo(col("_pk")).and(days.between(0, WINDOW_DAYS - 1)), "left_semi")
                .select(col("provider_code").as("_f_provider"), col("contact_id").as("_f_contact"))
                .withColumn("_followed", lit(true));
        Dataset<Row> marked = eligible.join(followed, col("provider_code").equalTo(col("_f_provider"))
                .and(col("contact_id").equalTo(col("_f_contact"))), "left");
        return IndicatorCounts.byPeriod(marked, Indicator.UCR_NO_EMERGENCY_ADMISSION_7D, col("contact_date"),
                lit(IndicatorCounts.ALL_AGES), when(col("_followed").isNull(), 1).otherwise(0), lit(1), grid);
    }

    /**
     * The indicator alone, as rows of the indicators table: every configured area x every
     * month of the grid and every financial year it touches (the sum of its months in the grid).
     */
    public static Dataset<Row> indicator(SparkSession spark, Dataset<Row> contacts, Dataset<Row> linkedSpells,
                                         ReportingGrid grid, LocalDate runDate, String runId) {
        Map<String, long[]> byCell = new HashMap<>();
        for (Row r : counts(contacts, linkedSpells, grid, runDate).collectAsList()) {
            byCell.put(r.<String>getAs("unitary_area") + "|" + r.getAs("period"),
                    new long[] {r.<Long>getAs("numerator"), r.<Long>getAs("denominator")});
        }
        List<Row> out = new ArrayList<>();
        for (var area : grid.areas().entrySet()) {
            for (String month : grid.months()) {
                out.add(row(area.getKey(), area.getValue(), Periods.Type.MONTH, month, byCell, runId));
            }
            for (String year : Periods.financialYears(grid.months())) {
                out.add(row(area.getKey(), area.getValue(), Periods.Type.FINANCIAL_YEAR, year, byCell, runId));
            }
        }
        return spark.createDataFrame(out, COLUMNS);
    }

    private static Row row(String area, String name, Periods.Type type, String period, Map<String, long[]> byCell,
                           String runId) {
        long[] c = byCell.getOrDefault(area + "|" + period, new long[2]);
        Estimate e = PublicHealthStatistics.percent(c[0], c[1]);
        return RowFactory.create(area, name, type.value(), period, INDICATOR, c[0], (double) c[1], e.value(),
                Indicator.PERCENT, e.lower(), e.upper(), runId);
    }
}
