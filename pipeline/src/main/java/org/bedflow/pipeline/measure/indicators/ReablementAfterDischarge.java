package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_METHOD;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.AGE_ON_ADMISSION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CIPS_ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CIPS_DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CIPS_ID;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DESTINATION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_METHOD;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_EMERGENCY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.MAIN_SPECIALTY_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PERSON_KEY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PROVIDER_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.SPELL_ID;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.TREATMENT_FUNCTION_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.UNITARY_AREA;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.DATE_OF_DEATH;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_END_DATE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_ID;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_START_DATE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.EVENT_TYPE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.LA_CODE;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.SERVICE_COMPONENT;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.SERVICE_TYPE;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.bedflow.pipeline.link.CareLinkage;
import org.bedflow.pipeline.measure.ReportingGrid;
import org.bedflow.pipeline.reference.ReferenceFiles;

/**
 * ASCOF 2D (2024-25 onwards, CLD linked to hospital data): people aged 65 and over discharged
 * from hospital into reablement, as DHSC computes it in repository
 * {@code DataS-DHSC/ASC-CLD-LA-Dashboard}, file {@code ASCOF_measures/Create_ASCOF_2D.sql}
 * (read; the national code). Two percentages with Wilson limits, by month and financial year
 * of the discharge date, age band all:
 * <ul>
 * <li>{@code reablement_remained_in_community_12wk} (part 1): of the reablement episodes
 *     linked to a discharge, those that remained in the community for 12 weeks;</li>
 * <li>{@code reablement_after_discharge} (part 2): of the eligible discharges, those linked to
 *     a reablement episode.</li>
 * </ul>
 *
 * <p><b>Eligible discharges</b> ({@link #eligibleDischarges}; part 2 denominator), from
 * linked_spells: the last provider spell of a continuous inpatient spell, discharged; aged 65+
 * on admission; the CIPS lasted one night or more ({@code cips_discharge_date >
 * cips_admission_date}); discharge method not 4, 5; destination not 49, 50, 51, 52, 79, 87,
 * 88; the CIPS's admission method (its first spell's) not 31, 32, 82, 83; the discharging
 * spell's treatment function not in {@code reference/ascof_2d_treatment_functions.csv}
 * (main specialty when the treatment function is null); with a person key; and the person
 * not in long-term residential, nursing or prison care at admission (a service user's care
 * event of that type, same person key, start on or before the CIPS admission, end null or on
 * or after it). Residents of any area: the grid keeps the configured ones. Area: the
 * discharge's {@code unitary_area}.
 *
 * <p><b>Reablement episodes</b> ({@link #episodes}): {@code Service} events of service users,
 * type {@value #ST_MAX} and component {@value #REABLEMENT}, end on or after start or null,
 * with a person key; the events of one person and council merged while they overlap or the
 * next starts at most 7 days after the latest end so far ({@code start - max previous end <=
 * 7}; a null end keeps the episode open). Episode start = earliest start; area = the
 * {@code unitary_area} of its first event.
 *
 * <p><b>Link</b> ({@link #linkedEpisodes}): an episode goes with the person's latest eligible
 * discharge with {@code discharge_date} in [episode start - 7, episode start + 3] and CIPS
 * admission on or before the episode start.
 *
 * <p><b>Failure</b> within {@value #FOLLOW_UP_DAYS} days of the linked discharge D (D to D +
 * 84, both included) ({@link #outcomes}): death (the person's latest non-null
 * {@code date_of_death} over their care events, or a hospital spell of the person with
 * discharge method 4 discharged in the window); an emergency readmission (a CIPS whose first
 * spell is an emergency, admitted after D and after the episode start, on or before D + 84,
 * lasting one night or more, or still open and admitted before the run date); or the start
 * of a long-term residential or nursing service of the person (a service user, any component).
 *
 * <p><b>Part 1</b>: numerator linked episodes with no failure, denominator linked episodes
 * whose discharge is on or before run date - 84 ({@link #lastCompleteDischarge}), area the
 * episode's. <b>Part 2</b>: numerator eligible discharges linked to at least one episode
 * (each discharge once), denominator eligible discharges.
 *
 * <p><b>Where bedflow departs from DHSC's code</b> (docs/indicators.md states each):
 * <ul>
 * <li>every month and financial year of discharge, not a year lagged one quarter;</li>
 * <li>age on admission as recorded, not from birth month and year at discharge;</li>
 * <li>length of stay of the CIPS, not of the spell; the treatment function is the admission
 *     extract's (the spell's first episode), with the main specialty when it is null;</li>
 * <li>part 2 counts discharges, each once: DHSC counts discharge-episode pairs, so one
 *     discharge linked to two episodes counts twice there; bedflow keeps part 2 a proportion
 *     of discharges, at most 100 %;</li>
 * <li>a death in hospital (discharge method 4) also counts as a death; a readmission still
 *     open counts (DHSC needs its discharge); readmissions are emergency admissions
 *     ({@code is_emergency}), DHSC takes management types EM and NE;</li>
 * <li>an episode with two latest discharges on the same day keeps one (then the greatest
 *     provider code and spell id), where DHSC keeps both rows and counts the episode once;</li>
 * <li>DHSC leaves out admissions before 1 April 2023 (the start of the CLD); bedflow does not;</li>
 * <li>only the providers in the feeds are seen, and the lookback of long-term care at
 *     admission sees only the feed's events.</li>
 * </ul>
 */
public final class ReablementAfterDischarge {

    /** the follow-up of part 1: 12 weeks; day 84 = discharge + 84 is the last day of it */
    public static final int FOLLOW_UP_DAYS = 84;
    /** reablement events starting at most this many days after the episode's latest end are one episode */
    public static final int MERGE_DAYS = 7;
    /** the discharge is at most this many days before the episode start ... */
    public static final int DISCHARGE_DAYS_BEFORE_START = 7;
    /** ... and at most this many days after it */
    public static final int DISCHARGE_DAYS_AFTER_START = 3;
    public static final int MIN_AGE = 65;
    public static final String ST_MAX = "Short Term Support: ST-Max";
    public static final String REABLEMENT = "Reablement";
    public static final String PRISON = "Long Term Support: Prison";
    public static final List<String> LONG_TERM_SETTINGS = List.of(ResidentialAdmissions.RESIDENTIAL_CARE,
            ResidentialAdmissions.NURSING_CARE, PRISON);
    public static final List<String> EXCLUDED_DISCHARGE_METHODS = List.of("4", "5");
    public static final List<String> EXCLUDED_DESTINATIONS = List.of("49", "50", "51", "52", "79", "87", "88");
    public static final List<String> EXCLUDED_ADMISSION_METHODS = List.of("31", "32", "82", "83");
    /** the discharge method of a death in hospital */
    public static final String DIED_IN_HOSPITAL = "4";
    /** the bundled list of excluded treatment functions: ranges from..to */
    public static final String TREATMENT_FUNCTIONS_FILE = "ascof_2d_treatment_functions.csv";
    static final List<Map<String, String>> EXCLUDED_TREATMENT_FUNCTIONS = ReferenceFiles.bundled(TREATMENT_FUNCTIONS_FILE);

    /** of {@link #episodes} and {@link #linkedEpisodes}: the episode (council, person key, start) */
    public static final String EPISODE_ID = "episode_id";
    public static final String EPISODE_START = "episode_start";
    /** of {@link #linkedEpisodes}: the linked discharge's provider and spell */
    public static final String DISCHARGE_PROVIDER = "discharge_provider_code";
    public static final String DISCHARGE_SPELL = "discharge_spell_id";
    /** of {@link #outcomes}: the three failures and their absence */
    public static final String DIED = "died";
    public static final String READMITTED = "readmitted";
    public static final String ENTERED_CARE_HOME = "entered_care_home";
    public static final String REMAINED_IN_COMMUNITY = "remained_in_community";
    /** of {@link #linkQualityByMonth}: yyyy-MM of the linked discharge, the linked episodes, the exact ones */
    public static final String DISCHARGE_MONTH = "discharge_month";
    public static final String LINKED_EPISODES = "linked_episodes";
    public static final String EXACT_EPISODES = "exact_episodes";

    private ReablementAfterDischarge() {
    }

    /** The last discharge date whose 84 days are over at {@code runDate}: part 1 counts discharges up to it. */
    public static LocalDate lastCompleteDischarge(LocalDate runDate) {
        return runDate.minusDays(FOLLOW_UP_DAYS);
    }

    private static Column in(Column c, List<String> codes) {
        return coalesce(trim(c).isin(codes.toArray()), lit(false));
    }

    /** the spell's treatment function (else main specialty) is one ASCOF 2D leaves out */
    static Column excludedTreatmentFunction() {
        Column code = trim(coalesce(col(TREATMENT_FUNCTION_CODE), col(MAIN_SPECIALTY_CODE)));
        Column excluded = lit(false);
        for (Map<String, String> r : EXCLUDED_TREATMENT_FUNCTIONS) {
            excluded = excluded.or(code.between(r.get("from"), r.get("to")));
        }
        return coalesce(excluded, lit(false));
    }

    /** the CIPS of a spell: cips_id, else the spell on its own */
    private static Column cips() {
        return coalesce(col(CIPS_ID), concat_ws("|", lit(""), col(PROVIDER_CODE), col(SPELL_ID)));
    }

    /**
     * linked_spells with {@code _cips}, {@code _is_first} / {@code _is_last} (the spell's place in
     * its CIPS, in the CIPS order admission_date, provider_code, spell_id) and the CIPS's
     * {@code _cips_method} and {@code _cips_emergency} (its first spell's).
     */
    static Dataset<Row> withCips(Dataset<Row> linkedSpells) {
        WindowSpec forward = Window.partitionBy("_cips").orderBy(col(ADMISSION_DATE), col(PROVIDER_CODE), col(SPELL_ID));
        WindowSpec backward = Window.partitionBy("_cips")
                .orderBy(col(ADMISSION_DATE).desc(), col(PROVIDER_CODE).desc(), col(SPELL_ID).desc());
        WindowSpec whole = forward.rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
        return linkedSpells.withColumn("_cips", cips())
                .withColumn("_is_first", row_number().over(forward).equalTo(1))
                .withColumn("_is_last", row_number().over(backward).equalTo(1))
                .withColumn("_cips_method", first(col(ADMISSION_METHOD)).over(whole))
                .withColumn("_cips_emergency", first(col(IS_EMERGENCY)).over(whole));
    }

    /** Service events of service users (CLD client type; null is a service user). */
    private static Dataset<Row> services(Dataset<Row> careEvents) {
        return careEvents.filter(col(EVENT_TYPE).equalTo("Service").and(ResidentialAdmissions.serviceUser()));
    }

    /**
     * The part 2 denominator: the eligible discharging spells, in the columns of linked_spells
     * (the CIPS helpers dropped).
     */
    public static Dataset<Row> eligibleDischarges(Dataset<Row> linkedSpells, Dataset<Row> careEvents) {
        Dataset<Row> spells = withCips(linkedSpells);
        Dataset<Row> candidates = spells.filter(col("_is_last")
                .and(col(DISCHARGE_DATE).isNotNull())
                .and(col(PERSON_KEY).isNotNull())
                .and(col(AGE_ON_ADMISSION).geq(MIN_AGE))
                .and(datediff(col(DISCHARGE_DATE), col(CIPS_ADMISSION_DATE)).geq(1))
                .and(not(in(col(DISCHARGE_METHOD), EXCLUDED_DISCHARGE_METHODS)))
                .and(not(in(col(DISCHARGE_DESTINATION), EXCLUDED_DESTINATIONS)))
                .and(not(in(col("_cips_method"), EXCLUDED_ADMISSION_METHODS)))
                .and(not(excludedTreatmentFunction())));
        // DHSC's long-term support table is service users' events of any event type
        Dataset<Row> longTerm = careEvents.filter(ResidentialAdmissions.serviceUser()
                        .and(col(SERVICE_TYPE).isin(LONG_TERM_SETTINGS.toArray())).and(col(PERSON_KEY).isNotNull()))
                .select(col(PERSON_KEY).as("_lt_person"), col(EVENT_START_DATE).as("_lt_start"),
                        col(EVENT_END_DATE).as("_lt_end"));
        Column inCareAtAdmission = col(PERSON_KEY).equalTo(col("_lt_person"))
                .and(col("_lt_start").leq(col(CIPS_ADMISSION_DATE)))
                .and(col("_lt_end").isNull().or(col("_lt_end").geq(col(CIPS_ADMISSION_DATE))));
        return candidates.join(longTerm, inCareAtAdmission, "left_anti")
                .drop("_cips", "_is_first", "_is_last", "_cips_method", "_cips_emergency");
    }

    /**
     * Reablement episodes: {@code episode_id}, person_key, la_code, {@code episode_start},
     * unitary_area (of the first event).
     */
    public static Dataset<Row> episodes(Dataset<Row> careEvents) {
        Column end = coalesce(col(EVENT_END_DATE), lit(Date.valueOf("9999-01-01")));
        Dataset<Row> events = services(careEvents).filter(col(SERVICE_TYPE).equalTo(ST_MAX)
                        .and(col(SERVICE_COMPONENT).equalTo(REABLEMENT))
                        .and(col(PERSON_KEY).isNotNull())
                        .and(col(EVENT_END_DATE).isNull().or(col(EVENT_END_DATE).geq(col(EVENT_START_DATE)))))
                .withColumn("_end", end);
        WindowSpec order = Window.partitionBy(PERSON_KEY, LA_CODE)
                .orderBy(col(EVENT_START_DATE), col("_end"), col(EVENT_ID));
        // the latest end of the events before this one (an open event's end is far in the future)
        Column previousEnd = max(col("_end")).over(order.rowsBetween(Window.unboundedPreceding(), -1));
        Column starts = when(previousEnd.isNull().or(datediff(col(EVENT_START_DATE), previousEnd).gt(MERGE_DAYS)), 1)
                .otherwise(0);
        Dataset<Row> numbered = events.withColumn("_starts", starts)
                .withColumn("_episode", sum(col("_starts")).over(order.rowsBetween(Window.unboundedPreceding(),
                        Window.currentRow())));
        WindowSpec inEpisode = Window.partitionBy(PERSON_KEY, LA_CODE, "_episode")
                .orderBy(col(EVENT_START_DATE), col("_end"), col(EVENT_ID));
        return numbered.withColumn("_first_area", first(col(UNITARY_AREA)).over(inEpisode))
                .groupBy(PERSON_KEY, LA_CODE, "_episode")
                .agg(min(col(EVENT_START_DATE)).as(EPISODE_START), max(col("_first_area")).as(UNITARY_AREA))
                .withColumn(EPISODE_ID, concat_ws("|", col(LA_CODE), col(PERSON_KEY), col(EPISODE_START)))
                .select(EPISODE_ID, PERSON_KEY, LA_CODE, EPISODE_START, UNITARY_AREA);
    }

    /**
     * The episodes linked to a discharge: the episode's columns with the discharge's
     * {@code discharge_date}, {@code cips_admission_date}, {@code discharge_provider_code},
     * {@code discharge_spell_id}; one row per episode.
     */
    public static Dataset<Row> linkedEpisodes(Dataset<Row> episodes, Dataset<Row> eligible) {
        Dataset<Row> discharges = eligible.select(col(PERSON_KEY).as("_d_person"), col(PROVIDER_CODE).as(DISCHARGE_PROVIDER),
                col(SPELL_ID).as(DISCHARGE_SPELL), col(DISCHARGE_DATE), col(CIPS_ADMISSION_DATE));
        // discharge in [start - 7, start + 3]  <=>  start - discharge in [-3, 7]
        Column window = col(PERSON_KEY).equalTo(col("_d_person"))
                .and(datediff(col(EPISODE_START), col(DISCHARGE_DATE))
                        .between(-DISCHARGE_DAYS_AFTER_START, DISCHARGE_DAYS_BEFORE_START))
                .and(col(CIPS_ADMISSION_DATE).leq(col(EPISODE_START)));
        WindowSpec latest = Window.partitionBy(EPISODE_ID)
                .orderBy(col(DISCHARGE_DATE).desc(), col(DISCHARGE_PROVIDER).desc(), col(DISCHARGE_SPELL).desc());
        return episodes.join(discharges, window)
                .withColumn("_rank", row_number().over(latest))
                .filter(col("_rank").equalTo(1))
                .drop("_rank", "_d_person");
    }

    /**
     * How closely the ASCOF 2D episodes are linked to their discharge, per {@code unitary_area} (the episode's, as
     * part 1) and {@code discharge_month} (yyyy-MM of the linked discharge): {@code linked_episodes} and
     * {@code exact_episodes}. The link window is wide (start - discharge in [-3, 7]), so a 2D figure resting on many
     * window matches rests on looser links; the run report shows the share. Exact: the episode starts on the
     * discharge date or the day after (start - discharge in {0, 1}), the rule of care linkage's {@code link_quality}
     * ({@link CareLinkage#linkQuality}); window: anywhere else in the link window. All linked episodes count, the
     * 12-week follow-up over or not.
     */
    public static Dataset<Row> linkQualityByMonth(Dataset<Row> linkedSpells, Dataset<Row> careEvents) {
        Dataset<Row> linked = linkedEpisodes(episodes(careEvents), eligibleDischarges(linkedSpells, careEvents));
        Column exact = CareLinkage.linkQuality(col(EPISODE_ID), col(EPISODE_START), col(DISCHARGE_DATE)).equalTo("exact");
        return linked.groupBy(col(UNITARY_AREA), date_format(col(DISCHARGE_DATE), "yyyy-MM").as(DISCHARGE_MONTH))
                .agg(count(lit(1)).as(LINKED_EPISODES), sum(when(exact, 1L).otherwise(0L)).as(EXACT_EPISODES));
    }

    /** {@code name} = some row of {@code other} meets {@code condition} for the linked episode */
    private static Dataset<Row> flag(Dataset<Row> linked, Dataset<Row> other, Column condition, String name) {
        Dataset<Row> hit = linked.join(other, condition, "left_semi").select(col(EPISODE_ID).as("_hit")).distinct();
        return linked.join(hit, col(EPISODE_ID).equalTo(col("_hit")), "left")
                .withColumn(name, col("_hit").isNotNull()).drop("_hit");
    }

    /**
     * The linked episodes with {@code died}, {@code readmitted}, {@code entered_care_home} and
     * {@code remained_in_community} (none of the three) within 84 days of the discharge.
     */
    public static Dataset<Row> outcomes(Dataset<Row> linked, Dataset<Row> linkedSpells, Dataset<Row> careEvents,
                                        LocalDate runDate) {
        Column day84 = date_add(col(DISCHARGE_DATE), FOLLOW_UP_DAYS);
        Dataset<Row> spells = withCips(linkedSpells).filter(col(PERSON_KEY).isNotNull());

        Dataset<Row> deaths = careEvents.filter(col(PERSON_KEY).isNotNull()).groupBy(col(PERSON_KEY).as("_dd_person"))
                .agg(max(col(DATE_OF_DEATH)).as("_dod"));
        Dataset<Row> hospitalDeaths = spells.filter(col(DISCHARGE_METHOD).equalTo(DIED_IN_HOSPITAL))
                .select(col(PERSON_KEY).as("_hd_person"), col(DISCHARGE_DATE).as("_hd_date"));
        Dataset<Row> out = flag(linked, hospitalDeaths, col(PERSON_KEY).equalTo(col("_hd_person"))
                .and(col("_hd_date").between(col(DISCHARGE_DATE), day84)), "_hospital_death");
        out = out.join(deaths, col(PERSON_KEY).equalTo(col("_dd_person")), "left")
                .withColumn(DIED, col("_hospital_death")
                        .or(coalesce(col("_dod").between(col(DISCHARGE_DATE), day84), lit(false))))
                .drop("_hospital_death", "_dd_person", "_dod");

        // a CIPS of one night or more; an open one admitted before the run date has had its night
        Dataset<Row> emergencies = spells.filter(col("_is_first").and(col("_cips_emergency").equalTo(true))
                        .and(datediff(col(CIPS_DISCHARGE_DATE), col(CIPS_ADMISSION_DATE)).geq(1)
                                .or(col(CIPS_DISCHARGE_DATE).isNull()
                                        .and(col(CIPS_ADMISSION_DATE).lt(lit(Date.valueOf(runDate)))))))
                .select(col(PERSON_KEY).as("_re_person"), col(CIPS_ADMISSION_DATE).as("_re_admission"));
        out = flag(out, emergencies, col(PERSON_KEY).equalTo(col("_re_person"))
                .and(col("_re_admission").gt(col(DISCHARGE_DATE)))
                .and(col("_re_admission").gt(col(EPISODE_START)))
                .and(col("_re_admission").leq(day84)), READMITTED);

        Dataset<Row> careHomes = services(careEvents).filter(col(PERSON_KEY).isNotNull()
                        .and(col(SERVICE_TYPE).isin(ResidentialAdmissions.CARE_HOME_SERVICES.toArray())))
                .select(col(PERSON_KEY).as("_ch_person"), col(EVENT_START_DATE).as("_ch_start"));
        out = flag(out, careHomes, col(PERSON_KEY).equalTo(col("_ch_person"))
                .and(col("_ch_start").between(col(DISCHARGE_DATE), day84)), ENTERED_CARE_HOME);

        return out.withColumn(REMAINED_IN_COMMUNITY, not(col(DIED).or(col(READMITTED)).or(col(ENTERED_CARE_HOME))));
    }

    public static Dataset<Row> counts(Dataset<Row> linkedSpells, Dataset<Row> careEvents, ReportingGrid grid,
                                      LocalDate runDate) {
        return IndicatorCounts.aggregate(rows(linkedSpells, careEvents, grid, runDate));
    }

    /** The family's rows before they are summed ({@link IndicatorCounts#rows}). */
    static Dataset<Row> rows(Dataset<Row> linkedSpells, Dataset<Row> careEvents, ReportingGrid grid,
                             LocalDate runDate) {
        Dataset<Row> eligible = eligibleDischarges(linkedSpells, careEvents);
        Dataset<Row> linked = linkedEpisodes(episodes(careEvents), eligible);

        Dataset<Row> followedUp = outcomes(linked, linkedSpells, careEvents, runDate)
                .filter(col(DISCHARGE_DATE).leq(lit(Date.valueOf(lastCompleteDischarge(runDate)))));
        Dataset<Row> part1 = IndicatorCounts.rows(followedUp, Indicator.REABLEMENT_REMAINED_IN_COMMUNITY_12WK,
                col(DISCHARGE_DATE), lit(IndicatorCounts.ALL_AGES),
                when(col(REMAINED_IN_COMMUNITY), 1).otherwise(0), lit(1), grid);

        // each discharge once, however many episodes it goes with
        Dataset<Row> intoReablement = linked.select(col(DISCHARGE_PROVIDER).as("_r_provider"),
                col(DISCHARGE_SPELL).as("_r_spell")).distinct();
        Dataset<Row> discharges = eligible.join(intoReablement, col(PROVIDER_CODE).equalTo(col("_r_provider"))
                .and(col(SPELL_ID).equalTo(col("_r_spell"))), "left");
        Dataset<Row> part2 = IndicatorCounts.rows(discharges, Indicator.REABLEMENT_AFTER_DISCHARGE,
                col(DISCHARGE_DATE), lit(IndicatorCounts.ALL_AGES),
                when(col("_r_provider").isNotNull(), 1).otherwise(0), lit(1), grid);
        return part1.unionByName(part2);
    }
}
