package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.link.LinkedSpells.CARE_PERSON_KEY;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.DENOMINATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.INDICATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.NUMERATOR;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.PERIOD;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.PERIOD_TYPE;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.UNITARY_AREA;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.AGE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.CLIENT_TYPE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.DATE_OF_DEATH;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_END_DATE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_ID;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_OUTCOME;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_START_DATE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_TYPE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.LA_CODE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.SERVICE_COMPONENT;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.SERVICE_TYPE;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * ASCOF 2B and 2C (2024-25 onwards, from the Client Level Data): adults whose long-term
 * support needs are met by admission to residential and nursing care homes, per 100,000
 * population, as DHSC computes them in repository {@code DataS-DHSC/ASC-CLD-LA-Dashboard},
 * file {@code ASCOF_measures/Create_ASCOF_2B2C_2425_Onwards.sql} (read; the national code):
 * <ul>
 * <li>{@code residential_admissions_18_64} (ASCOF 2B): people aged 18-64 at the start, per
 *     100,000 population 18-64;</li>
 * <li>{@code residential_admissions_65plus} (ASCOF 2C): people aged 65+, per 100,000
 *     population 65+.</li>
 * </ul>
 *
 * <p><b>Placements</b> ({@link #careHomePlacements}): {@code Service} events of service users
 * ({@code client_type} null or {@code Service user}) of type
 * {@code Long Term Support: Residential Care} or {@code Long Term Support: Nursing Care}
 * whose component is null or names residential or nursing care, and never a "short" one
 * ({@code Short Term Residential Care} never counts; compared without regard to case, as
 * T-SQL's default collation does).
 *
 * <p><b>Admissions</b>: placements starting in the period whose {@code event_outcome} is not
 * {@value #SELF_FUNDED} (a null outcome counts). An admission is <b>new</b> when no placement
 * of the same person (self-funded ones included: DHSC's build table includes them) started
 * earlier and is still open or ended fewer than 365 days before this start
 * ({@code start - end < 365}: ended 364 days before, not new; 365 days, new). So a move from
 * residential to nursing care is not a new admission.
 *
 * <p><b>Deaths</b>: a person whose date of death (the latest non-null {@code date_of_death}
 * over the person's care events) is before the first day of a period row (its month or its
 * financial year) is not counted in that row; DHSC excludes them per reporting year.
 *
 * <p><b>Counting</b>: one count per person per area and period; age is the event's
 * {@code age} at start; a person with new admissions in both age groups in one period counts
 * once, in 18-64 (DHSC takes the MIN of the band label); under 18 (and unknown age) is not
 * counted. The area is the care event's {@code unitary_area}.
 *
 * <p><b>Where bedflow departs from DHSC's code</b> (docs/indicators.md states each):
 * <ul>
 * <li>DHSC's filter {@code Service_Component_Cleaned NOT LIKE '%Short%'} also drops null
 *     components under T-SQL's three-valued logic, although the line before admits them
 *     ({@code IS NULL OR ...}); bedflow counts null components, as DHSC's comment intends;</li>
 * <li>age is the event's recorded {@code age} at start; DHSC derives it from the birth date;</li>
 * <li>people are followed by {@code care_person_key} (the NHS-number key, else the keyed
 *     council person id), across councils where there is an NHS number; DHSC matches person
 *     and LA code;</li>
 * <li>every month and financial year of the grid, not only DHSC's reporting year; the
 *     death rule applies per period row;</li>
 * <li>the lookback sees only the events in the feed: in its first year a person whose earlier
 *     placement is not in the extract counts as new (DHSC's caveat about the start of CLD);</li>
 * <li>as DHSC notes, temporary and permanent admissions cannot be told apart.</li>
 * </ul>
 */
public final class ResidentialAdmissions {

    public static final String RESIDENTIAL_CARE = "Long Term Support: Residential Care";
    public static final String NURSING_CARE = "Long Term Support: Nursing Care";
    public static final List<String> CARE_HOME_SERVICES = List.of(RESIDENTIAL_CARE, NURSING_CARE);
    /** the CLD event outcome (Release 2 wording) of an admission that is not counted */
    public static final String SELF_FUNDED = "NFA: Self-funded client or under 12wk disregard";
    /** the CLD client type counted; null is read as a service user */
    public static final String SERVICE_USER = "Service user";
    public static final int LOOKBACK_DAYS = 365;
    /** of {@link #careHomePlacements}: the person of a placement, by care_person_key, else the event itself */
    static final String PERSON = "_person";
    /** of {@link #newAdmissions}: the person's date of death (latest over their care events) */
    static final String DATE_OF_DEATH_OF_PERSON = "_date_of_death";

    private ResidentialAdmissions() {
    }

    /** Service users: client_type null or {@value #SERVICE_USER} (ASCOF counts no carers). */
    public static Column serviceUser() {
        return col(CLIENT_TYPE).isNull().or(col(CLIENT_TYPE).equalTo(SERVICE_USER));
    }

    private static Column person() {
        return coalesce(col(CARE_PERSON_KEY), concat_ws(":", lit("event"), col(LA_CODE), col(EVENT_ID)));
    }

    /** Long-term residential and nursing placements of service users (components as DHSC), with {@code _person}. */
    static Dataset<Row> careHomePlacements(Dataset<Row> careEvents) {
        Column component = lower(col(SERVICE_COMPONENT));
        Column careHomeComponent = col(SERVICE_COMPONENT).isNull()
                .or(component.contains("residential").or(component.contains("nursing"))
                        .and(not(component.contains("short"))));
        return careEvents.filter(col(EVENT_TYPE).equalTo("Service")
                        .and(serviceUser())
                        .and(col(SERVICE_TYPE).isin(CARE_HOME_SERVICES.toArray()))
                        .and(careHomeComponent))
                .withColumn(PERSON, person());
    }

    /**
     * The placements that are new admissions: not self-funded, no placement of the person in
     * the 365 days before; with {@code _person} and the person's date of death.
     */
    public static Dataset<Row> newAdmissions(Dataset<Row> careEvents) {
        Dataset<Row> placements = careHomePlacements(careEvents);
        Dataset<Row> earlier = placements.select(col(PERSON).as("_e_person"),
                col(EVENT_START_DATE).as("_e_start"), col(EVENT_END_DATE).as("_e_end"));
        Column inLookback = col(PERSON).equalTo(col("_e_person"))
                .and(col("_e_start").lt(col(EVENT_START_DATE)))
                .and(col("_e_end").isNull().or(datediff(col(EVENT_START_DATE), col("_e_end")).lt(LOOKBACK_DAYS)));
        // the date of death is the person's, from any of their events, not only the placements
        Dataset<Row> deaths = careEvents.withColumn(PERSON, person()).groupBy(col(PERSON).as("_d_person"))
                .agg(max(col(DATE_OF_DEATH)).as(DATE_OF_DEATH_OF_PERSON));
        Column counted = col(EVENT_OUTCOME).isNull().or(col(EVENT_OUTCOME).notEqual(SELF_FUNDED));
        return placements.filter(counted)
                .join(earlier, inLookback, "left_anti")
                .join(deaths, col(PERSON).equalTo(col("_d_person")), "left")
                .drop("_d_person");
    }

    public static Dataset<Row> counts(Dataset<Row> careEvents, ReportingGrid grid) {
        Column start = col(EVENT_START_DATE);
        Dataset<Row> admissions = newAdmissions(careEvents)
                .filter(IndicatorCounts.inGrid(start, grid).and(col(AGE).geq(18)))
                .select(col(UNITARY_AREA), col(PERSON), col(DATE_OF_DEATH_OF_PERSON),
                        // 0 sorts first: a person with both counts in 18-64, as DHSC's MIN of the band label
                        when(col(AGE).leq(64), 0).otherwise(1).as("_band"),
                        start.as(IndicatorCounts.DATE));
        Dataset<Row> rows = IndicatorCounts.periods(admissions);
        Column firstDay = when(col(PERIOD_TYPE).equalTo(Periods.Type.MONTH.value()), to_date(concat(col(PERIOD), lit("-01"))))
                .otherwise(to_date(concat(substring(col(PERIOD), 1, 4), lit("-04-01"))));
        return rows.filter(col(DATE_OF_DEATH_OF_PERSON).isNull().or(col(DATE_OF_DEATH_OF_PERSON).geq(firstDay)))
                .groupBy(UNITARY_AREA, PERIOD_TYPE, PERIOD, PERSON).agg(min("_band").as("_band"))
                .groupBy(UNITARY_AREA, PERIOD_TYPE, PERIOD, "_band").agg(countDistinct(PERSON).as(NUMERATOR))
                .withColumn(INDICATOR, when(col("_band").equalTo(0), lit(Indicator.RESIDENTIAL_ADMISSIONS_18_64.id()))
                        .otherwise(lit(Indicator.RESIDENTIAL_ADMISSIONS_65PLUS.id())))
                .withColumn(DENOMINATOR, lit(0L))
                .withColumn(IndicatorCounts.AGE_BAND, lit(IndicatorCounts.ALL_AGES))
                .selectExpr(IndicatorCounts.COLUMNS);
    }
}
