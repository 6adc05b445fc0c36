package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.AGE_ON_ADMISSION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CARE_EVENT_ID;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CARE_SERVICE_COMPONENT;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CARE_SERVICE_TYPE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_METHOD;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ALIVE_DISCHARGE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PERSON_KEY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PROVIDER_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.SPELL_ID;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_END_DATE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_START_DATE;

import java.sql.Date;
import java.time.LocalDate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.ReportingGrid;

/**
 * {@code reablement_at_home_91d}, the retired Adult Social Care Outcomes Framework 2B(1)
 * (proportion of older people still at home 91 days after discharge from hospital into
 * reablement; superseded from 2024-25 by ASCOF 2D, docs/indicators.md):
 * <ul>
 * <li>denominator: alive discharges of residents aged 65+ (age on admission) whose linked
 *     care event (docs/measures.md, "Care linkage") is reablement, service type
 *     {@code Short Term Support: ST-Max} or component {@code Reablement}, discharged on or
 *     before run date - 91, so that day 91 has been observed;</li>
 * <li>numerator: those at home on day 91 = discharge_date + 91: not in hospital that day (no
 *     spell of the person admitted on or before day 91 and discharged on or after it, or
 *     still open), not died in hospital in between (no spell admitted on or after the
 *     discharge date with discharge method 4 and discharged on or before day 91), and no
 *     long-term residential or nursing service active that day (start on or before day 91,
 *     end null or on or after day 91).</li>
 * </ul>
 * By month and financial year of discharge; Wilson limits. ASCOF 2B takes discharges of
 * October to December only; bedflow gives every month, and the months within 91 days of the
 * run date have an empty denominator (null value). Deaths outside hospital are not in the
 * feeds, so a person who died at home counts as at home (ASCOF relies on the council's
 * records for that). Spells and care events are matched by the NHS-number person key.
 */
public final class ReablementAtHome {

    public static final int FOLLOW_UP_DAYS = 91;
    public static final String REABLEMENT_SERVICE_TYPE = "Short Term Support: ST-Max";
    public static final String REABLEMENT_COMPONENT = "Reablement";
    /** of {@link #followUp}: the person is at home on day 91 after the discharge */
    public static final String AT_HOME_DAY_91 = "at_home_day_91";

    private ReablementAtHome() {
    }

    /** The denominator's spells with {@code at_home_day_91}. */
    public static Dataset<Row> followUp(Dataset<Row> linkedSpells, Dataset<Row> careEvents, LocalDate runDate) {
        Column reablement = col(CARE_SERVICE_TYPE).equalTo(REABLEMENT_SERVICE_TYPE)
                .or(col(CARE_SERVICE_COMPONENT).equalTo(REABLEMENT_COMPONENT));
        Dataset<Row> index = linkedSpells.filter(col(IS_ALIVE_DISCHARGE).equalTo(true)
                        .and(col(AGE_ON_ADMISSION).geq(65))
                        .and(col(PERSON_KEY).isNotNull())
                        .and(col(CARE_EVENT_ID).isNotNull())
                        .and(reablement)
                        .and(col(DISCHARGE_DATE).leq(lit(Date.valueOf(runDate.minusDays(FOLLOW_UP_DAYS))))))
                .withColumn("_day91", date_add(col(DISCHARGE_DATE), FOLLOW_UP_DAYS));

        Dataset<Row> others = linkedSpells.filter(col(PERSON_KEY).isNotNull())
                .select(col(PERSON_KEY).as("_o_person"), col(PROVIDER_CODE).as("_o_provider"),
                        col(SPELL_ID).as("_o_spell"), col(ADMISSION_DATE).as("_o_admission"),
                        col(DISCHARGE_DATE).as("_o_discharge"), col(DISCHARGE_METHOD).as("_o_method"));
        Column samePerson = col(PERSON_KEY).equalTo(col("_o_person"))
                .and(col(PROVIDER_CODE).notEqual(col("_o_provider")).or(col(SPELL_ID).notEqual(col("_o_spell"))));
        Column inHospital = col("_o_admission").leq(col("_day91"))
                .and(col("_o_discharge").isNull().or(col("_o_discharge").geq(col("_day91"))));
        Column diedInHospital = col("_o_admission").geq(col(DISCHARGE_DATE))
                .and(col("_o_method").equalTo("4"))
                .and(col("_o_discharge").leq(col("_day91")));
        Dataset<Row> notHomeByHospital = index.join(others, samePerson.and(inHospital.or(diedInHospital)), "left_semi");

        Dataset<Row> careHomes = ResidentialAdmissions.careHomePlacements(careEvents)
                .filter(col(PERSON_KEY).isNotNull())
                .select(col(PERSON_KEY).as("_c_person"), col(EVENT_START_DATE).as("_c_start"),
                        col(EVENT_END_DATE).as("_c_end"));
        Dataset<Row> notHomeByCareHome = index.join(careHomes, col(PERSON_KEY).equalTo(col("_c_person"))
                .and(col("_c_start").leq(col("_day91")))
                .and(col("_c_end").isNull().or(col("_c_end").geq(col("_day91")))), "left_semi");

        Dataset<Row> notHome = notHomeByHospital.unionByName(notHomeByCareHome)
                .select(col(PROVIDER_CODE).as("_n_provider"), col(SPELL_ID).as("_n_spell")).distinct();
        return index.join(notHome, col(PROVIDER_CODE).equalTo(col("_n_provider"))
                        .and(col(SPELL_ID).equalTo(col("_n_spell"))), "left")
                .withColumn(AT_HOME_DAY_91, col("_n_provider").isNull())
                .drop("_n_provider", "_n_spell");
    }

    public static Dataset<Row> counts(Dataset<Row> linkedSpells, Dataset<Row> careEvents, ReportingGrid grid,
                                      LocalDate runDate) {
        return IndicatorCounts.byPeriod(followUp(linkedSpells, careEvents, runDate), Indicator.REABLEMENT_AT_HOME_91D,
                col(DISCHARGE_DATE), lit(IndicatorCounts.ALL_AGES),
                when(col(AT_HOME_DAY_91), 1).otherwise(0), lit(1), grid);
    }
}
