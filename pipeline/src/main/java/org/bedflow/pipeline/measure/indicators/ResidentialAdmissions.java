package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.bedflow.pipeline.link.LinkedSpells.CARE_PERSON_KEY;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.AGE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_END_DATE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_ID;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_START_DATE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_TYPE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.LA_CODE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.SERVICE_TYPE;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * Permanent admissions to residential and nursing care homes, in the manner of the SALT-era
 * Adult Social Care Outcomes Framework 2A(1)/2A(2) (long-term support needs met by admission
 * to residential and nursing care homes, per 100,000 population). The CLD-based ASCOF 2B/2C
 * (2024-25) exclude more (short-term components, self-funded outcomes, people who died
 * before the period): docs/indicators.md.
 * <ul>
 * <li>{@code residential_admissions_65plus}: people aged 65+ at the start, per 100,000
 *     population 65+;</li>
 * <li>{@code residential_admissions_18_64}: people aged 18-64, per 100,000 population 18-64.</li>
 * </ul>
 * A <em>new admission</em> is a social care {@code Service} event of type
 * {@code Long Term Support: Residential Care} or {@code Long Term Support: Nursing Care}
 * whose person had no such service in the 365 days before its start: no other placement of
 * the person that started earlier and either is still open or ended fewer than 365 days
 * before this start ({@code start - end < 365}). An end date is read like a discharge date,
 * the day the placement ended: a placement that ended 364 days before still covered a night
 * inside the 365 days, one that ended 365 days before did not. So a move from residential to
 * nursing care, or a new placement after a hospital stay, is not a new admission.
 *
 * <p>People are followed by {@code care_person_key} (the NHS-number key, else the keyed
 * council person id), across councils where there is an NHS number. The area is the care
 * event's {@code unitary_area} (residence district, else the submitting unitary council);
 * county-era events without a residence are UNKNOWN and not counted. Age is the event's
 * {@code age} at start. The count is of <em>persons</em> per area and period, as ASCOF
 * counts people: the 365-day rule allows at most one new admission of a person in a month,
 * and two in one financial year only when a placement of one day is followed by another a
 * year later, which then counts once. The lookback sees only the events in the feed: in the
 * first year of the data a person whose earlier placement is not in the extract counts as
 * new.
 */
public final class ResidentialAdmissions {

    public static final List<String> CARE_HOME_SERVICES = List.of("Long Term Support: Residential Care",
            "Long Term Support: Nursing Care");
    public static final int LOOKBACK_DAYS = 365;
    /** of {@link #careHomePlacements}: the person of a placement, by care_person_key, else the event itself */
    static final String PERSON = "_person";

    private ResidentialAdmissions() {
    }

    /** Long-term residential and nursing services of the care events, with {@code _person}. */
    static Dataset<Row> careHomePlacements(Dataset<Row> careEvents) {
        Column person = coalesce(col(CARE_PERSON_KEY), concat_ws(":", lit("event"), col(LA_CODE), col(EVENT_ID)));
        return careEvents.filter(col(EVENT_TYPE).equalTo("Service")
                        .and(col(SERVICE_TYPE).isin(CARE_HOME_SERVICES.toArray())))
                .withColumn(PERSON, person);
    }

    /** The placements that are new admissions (no placement of the person in the 365 days before). */
    public static Dataset<Row> newAdmissions(Dataset<Row> careEvents) {
        Dataset<Row> placements = careHomePlacements(careEvents);
        Dataset<Row> earlier = placements.select(col(PERSON).as("_e_person"),
                col(EVENT_START_DATE).as("_e_start"), col(EVENT_END_DATE).as("_e_end"));
        Column inLookback = col(PERSON).equalTo(col("_e_person"))
                .and(col("_e_start").lt(col(EVENT_START_DATE)))
                .and(col("_e_end").isNull().or(datediff(col(EVENT_START_DATE), col("_e_end")).lt(LOOKBACK_DAYS)));
        return placements.join(earlier, inLookback, "left_anti");
    }

    public static Dataset<Row> counts(Dataset<Row> careEvents, ReportingGrid grid) {
        Dataset<Row> admissions = newAdmissions(careEvents);
        return IndicatorCounts.personsByPeriod(admissions.filter(col(AGE).geq(65)),
                        Indicator.RESIDENTIAL_ADMISSIONS_65PLUS, col(EVENT_START_DATE), col(PERSON), grid)
                .unionByName(IndicatorCounts.personsByPeriod(admissions.filter(col(AGE).between(18, 64)),
                        Indicator.RESIDENTIAL_ADMISSIONS_18_64, col(EVENT_START_DATE), col(PERSON), grid));
    }
}
