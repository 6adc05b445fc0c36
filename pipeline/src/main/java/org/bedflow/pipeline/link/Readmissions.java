package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.bedflow.pipeline.schema.columns.ApcAdmissionsColumns.SECONDARY_DIAGNOSES;
import static org.bedflow.pipeline.schema.columns.ApcAdmissionsColumns.TREATMENT_FUNCTION_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_METHOD;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CIPS_DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CIPS_ID;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DESTINATION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.FOLLOWED_BY_READMISSION_30D;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ALIVE_DISCHARGE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_EMERGENCY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_READMISSION_30D;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_READMISSION_INDEX;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.MAIN_SPECIALTY_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PATIENT_CLASSIFICATION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PERSON_KEY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PRIMARY_DIAGNOSIS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PROVIDER_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.SPELL_ID;

import java.sql.Date;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.bedflow.pipeline.reference.ReferenceFiles;

/**
 * 30-day emergency readmissions (docs/measures.md, "Readmissions"), after the NHS Outcomes
 * Framework 3b / CCG Outcomes Indicator Set 3.2 rules, crude (not indirectly standardised),
 * counted on continuous inpatient spells (CIPS, {@link ContinuousInpatientSpells}).
 *
 * <p><b>Index stay</b>: a CIPS of a person with a person key whose last spell ended in an alive
 * discharge ({@code is_alive_discharge}) not to another hospital (destination not in the
 * transfer-out list of {@code reference/transfers.csv}: 49-53, 84, 87 — also when the next
 * hospital is not in the feeds, the stay did not end at home), excluding
 * <ul>
 *   <li>day cases and regular day or night attenders: {@code patient_classification} 2, 3 or 4
 *       on the first spell (planned, recurring care, not a discharge to recover from);</li>
 *   <li>maternity: admission method 31, 32, 82, 83, or main specialty or treatment function 501
 *       or 560, on any spell of the CIPS ({@code reference/maternity.csv});</li>
 *   <li>cancer: any diagnosis, primary or secondary, C00-C97 or Z51.1 on any spell of the CIPS
 *       ({@code reference/icd10/cancer.csv}), or on any spell of the same person admitted in the
 *       365 days before the CIPS's admission date: admission_date in
 *       [CIPS admission − 365 days, CIPS admission − 1 day] (a spell admitted exactly 365 days
 *       before counts, 366 days before does not; a spell admitted the same day is not "before").</li>
 * </ul>
 * Cancer and maternity readmissions are often planned parts of care, which is why the
 * national indicators exclude them.
 *
 * <p><b>Readmission</b>: the person's next CIPS in admission order (the same order as
 * {@link ContinuousInpatientSpells}: admission date, then the first spell's provider_code and
 * spell_id) when its first spell is an emergency admission, it was admitted 0-29 days after the
 * index CIPS's discharge date, and it is not itself maternity or cancer by its own spells. Only
 * the next CIPS: an elective CIPS between the index and a later emergency means no readmission.
 * Decision: the 365-day cancer look-back is not applied to the readmission ("not itself cancer"):
 * the 365 days before the readmission fall within the index's own look-back or on the index's
 * spells (nothing else lies between them: the readmission is the next CIPS), which have already
 * been found free of cancer, so it could change nothing (but for another stay admitted on the
 * index's own admission date, which the index's look-back does not see).
 * A transfer-in is never a readmission (it is not the first spell of its CIPS).
 *
 * <p><b>Flags</b>: {@code is_readmission_index} and {@code followed_by_readmission_30d} on the
 * index CIPS's last spell; {@code is_readmission_30d} on the readmission's first spell.
 * Spells without a person key are never linked. When a provider's extract lacks a field an
 * exclusion needs, the exclusion simply does not apply ({@link RuleCoverage} lists them).
 *
 * <p>National sources: NHS Digital, CCG Outcomes Indicator Set 3.2 "Emergency readmissions within
 * 30 days of discharge from hospital" and NHS Outcomes Framework 3b (specifications not read
 * here: see docs/measures.md for what was and was not verified); NHS Digital's Compendium
 * indicator I02040 (same subject) states that cancer and obstetrics admissions are excluded
 * as they may be part of the patient's care plan.
 */
public final class Readmissions {

    public static final int WINDOW_DAYS = 30;
    /** the cancer look-back before the index CIPS's admission, in days */
    public static final int CANCER_LOOKBACK_DAYS = 365;
    /** patient_classification of the first spell that excludes an index: day case, regular day / night attender */
    static final List<String> EXCLUDED_CLASSIFICATIONS = List.of("2", "3", "4");

    /** the columns of {@link #flags}: a spell and its three flags */
    static final String FLAG_PROVIDER = "_x_provider";
    static final String FLAG_SPELL = "_x_spell";
    static final String INDEX = "_index";
    static final String FOLLOWED = "_followed";
    static final String READMITTED = "_readmitted";

    private static final String MATERNITY = "_maternity";
    private static final String CANCER = "_cancer";
    private static final String CANCER_BEFORE = "_cancer_before";
    private static final String DAY = "_day";
    private static final String FIRST = "_first";
    private static final String LAST = "_last";
    private static final String NEXT = "_next";
    private static final String IS_INDEX = "_is_index";
    private static final String IS_FOLLOWED = "_is_followed";

    private Readmissions() {
    }

    private static List<String> maternity(String field) {
        return ReferenceFiles.bundled("maternity.csv").stream().filter(r -> field.equals(r.get("field")))
                .map(r -> r.get("code")).toList();
    }

    private static Column in(Column c, List<String> codes) {
        return coalesce(trim(c).isin(codes.toArray()), lit(false));
    }

    /** a maternity spell: admission method 31, 32, 82, 83 or main specialty / treatment function 501, 560 */
    public static Column maternitySpell() {
        List<String> specialties = maternity("specialty");
        return in(col(ADMISSION_METHOD), maternity("admission_method"))
                .or(in(col(MAIN_SPECIALTY_CODE), specialties))
                .or(in(col(TREATMENT_FUNCTION_CODE), specialties));
    }

    /** a cancer spell: any diagnosis (primary or secondary) C00-C97 or Z51.1 */
    public static Column cancerSpell() {
        List<String> prefixes = DiagnosisLists.prefixes("cancer");
        Column all = concat_ws(";", coalesce(col(PRIMARY_DIAGNOSIS), lit("")), coalesce(col(SECONDARY_DIAGNOSES), lit("")));
        return all.rlike("(^|;)(" + String.join("|", prefixes) + ")");
    }

    public static Dataset<Row> flag(Dataset<Row> spells) {
        return withFlags(spells, flags(spells));
    }

    /**
     * One narrow row per spell that carries a flag: {@code _x_provider}, {@code _x_spell},
     * {@code _index}, {@code _followed}, {@code _readmitted}. Computed from the spells before
     * care linkage and joined on afterwards ({@link #withFlags}): the CIPS and their order are
     * found once on a few columns, not on the wide linked frame.
     *
     * @param spells spells after {@link ContinuousInpatientSpells#derive}, with provider_code, spell_id,
     *               person_key, cips_id, cips_discharge_date, admission_date, admission_method, is_emergency,
     *               is_alive_discharge, discharge_destination, patient_classification, main_specialty_code,
     *               treatment_function_code, primary_diagnosis and secondary_diagnoses
     */
    public static Dataset<Row> flags(Dataset<Row> spells) {
        Column day = datediff(col(ADMISSION_DATE), lit(Date.valueOf("1970-01-01")));
        // cancer spells of the person admitted 1-365 days before this spell (read on each CIPS's first spell)
        WindowSpec lookBack = Window.partitionBy(PERSON_KEY).orderBy(col(DAY))
                .rangeBetween(-CANCER_LOOKBACK_DAYS, -1);
        Dataset<Row> keyed = spells.filter(col(PERSON_KEY).isNotNull())
                .select(col(PERSON_KEY), col(CIPS_ID), col(PROVIDER_CODE), col(SPELL_ID), col(ADMISSION_DATE),
                        col(CIPS_DISCHARGE_DATE), coalesce(col(IS_EMERGENCY), lit(false)).as(IS_EMERGENCY),
                        col(PATIENT_CLASSIFICATION), coalesce(col(IS_ALIVE_DISCHARGE), lit(false)).as(IS_ALIVE_DISCHARGE),
                        col(DISCHARGE_DESTINATION), maternitySpell().as(MATERNITY), cancerSpell().as(CANCER), day.as(DAY))
                .withColumn(CANCER_BEFORE, coalesce(max(col(CANCER)).over(lookBack), lit(false)));

        // one row per CIPS: its first and last spell in the CIPS order (admission date, provider, spell id)
        Dataset<Row> cips = keyed.groupBy(col(PERSON_KEY), col(CIPS_ID)).agg(
                min(struct(col(ADMISSION_DATE), col(PROVIDER_CODE), col(SPELL_ID), col(IS_EMERGENCY),
                        col(PATIENT_CLASSIFICATION), col(CANCER_BEFORE))).as(FIRST),
                max(struct(col(ADMISSION_DATE), col(PROVIDER_CODE), col(SPELL_ID), col(IS_ALIVE_DISCHARGE),
                        col(DISCHARGE_DESTINATION))).as(LAST),
                max(col(CIPS_DISCHARGE_DATE)).as(CIPS_DISCHARGE_DATE),
                max(col(MATERNITY)).as(MATERNITY), max(col(CANCER)).as(CANCER));

        Column index = col(LAST + "." + IS_ALIVE_DISCHARGE)
                .and(not(in(col(LAST + "." + DISCHARGE_DESTINATION), ContinuousInpatientSpells.DISCHARGE_DESTINATIONS)))
                .and(not(in(col(FIRST + "." + PATIENT_CLASSIFICATION), EXCLUDED_CLASSIFICATIONS)))
                .and(not(col(MATERNITY))).and(not(col(CANCER))).and(not(col(FIRST + "." + CANCER_BEFORE)));
        WindowSpec personOrder = Window.partitionBy(PERSON_KEY).orderBy(col(FIRST + "." + ADMISSION_DATE),
                col(FIRST + "." + PROVIDER_CODE), col(FIRST + "." + SPELL_ID));
        Column next = lead(struct(col(FIRST).as(FIRST), col(MATERNITY).as(MATERNITY), col(CANCER).as(CANCER)), 1)
                .over(personOrder);
        Column gap = datediff(col(NEXT + "." + FIRST + "." + ADMISSION_DATE), col(CIPS_DISCHARGE_DATE));
        Column readmitted = col(IS_INDEX).and(col(NEXT).isNotNull())
                .and(coalesce(col(NEXT + "." + FIRST + "." + IS_EMERGENCY), lit(false)))
                .and(coalesce(gap.between(0, WINDOW_DAYS - 1), lit(false)))
                .and(not(col(NEXT + "." + MATERNITY))).and(not(col(NEXT + "." + CANCER)));
        Dataset<Row> ordered = cips.withColumn(NEXT, next)
                .withColumn(IS_INDEX, coalesce(index, lit(false)))
                .withColumn(IS_FOLLOWED, coalesce(readmitted, lit(false)))
                .filter(col(IS_INDEX));

        // the index's last spell carries index and followed; the readmission's first spell its flag
        Dataset<Row> indexes = ordered.select(col(LAST + "." + PROVIDER_CODE).as(FLAG_PROVIDER),
                col(LAST + "." + SPELL_ID).as(FLAG_SPELL), lit(true).as(INDEX), col(IS_FOLLOWED).as(FOLLOWED),
                lit(false).as(READMITTED));
        Dataset<Row> readmissions = ordered.filter(col(IS_FOLLOWED)).select(
                col(NEXT + "." + FIRST + "." + PROVIDER_CODE).as(FLAG_PROVIDER),
                col(NEXT + "." + FIRST + "." + SPELL_ID).as(FLAG_SPELL), lit(false).as(INDEX), lit(false).as(FOLLOWED),
                lit(true).as(READMITTED));
        return indexes.unionByName(readmissions)
                .groupBy(col(FLAG_PROVIDER), col(FLAG_SPELL))
                .agg(max(col(INDEX)).as(INDEX), max(col(FOLLOWED)).as(FOLLOWED), max(col(READMITTED)).as(READMITTED));
    }

    /** {@code spells} with is_readmission_index, followed_by_readmission_30d and is_readmission_30d from {@link #flags}. */
    public static Dataset<Row> withFlags(Dataset<Row> spells, Dataset<Row> flags) {
        return spells
                .join(flags, col(PROVIDER_CODE).equalTo(col(FLAG_PROVIDER)).and(col(SPELL_ID).equalTo(col(FLAG_SPELL))),
                        "left")
                .withColumn(IS_READMISSION_INDEX, coalesce(col(INDEX), lit(false)))
                .withColumn(FOLLOWED_BY_READMISSION_30D, coalesce(col(FOLLOWED), lit(false)))
                .withColumn(IS_READMISSION_30D, coalesce(col(READMITTED), lit(false)))
                .drop(FLAG_PROVIDER, FLAG_SPELL, INDEX, FOLLOWED, READMITTED);
    }
}
