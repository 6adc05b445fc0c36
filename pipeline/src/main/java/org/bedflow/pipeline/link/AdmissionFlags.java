package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.AGE_ON_ADMISSION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ACUTE_ACSC;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_CHRONIC_ACSC;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_EMERGENCY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_FALL_65PLUS;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_TRANSFER_IN;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The admission flags of linked_spells (docs/measures.md, "Spell-level fields"):
 * {@code is_chronic_acsc}, {@code is_acute_acsc} and {@code is_fall_65plus}, set only on the
 * first spell of an emergency continuous inpatient spell ({@code is_emergency} and not
 * {@code is_transfer_in}), from that spell's own diagnoses (the first episode's, as coded).
 *
 * <p>Definitions: chronic ACSC — NHS Outcomes Framework 2.3.i (unplanned hospitalisation for
 * chronic ambulatory care sensitive conditions), including the exclusion of angina admissions
 * whose primary procedure is in the angina procedure exclusion list
 * ({@link DiagnosisLists#chronicAcsc()}; docs/code-lists.md says what was verified); acute
 * conditions that should not usually need admission — NHS Outcomes Framework 3a style;
 * falls 65+ — primary injury S00-T98 with a W00-W19 external cause. A spell without
 * procedures cannot be excluded for angina, so it counts.
 *
 * <p>Rationale: national admission indicators count continuous inpatient spells, so a patient
 * transferred between hospitals is one admission; flagging a transfer-in too would count the
 * same emergency twice. Hence this runs after {@link ContinuousInpatientSpells#derive}.
 */
public final class AdmissionFlags {

    private AdmissionFlags() {
    }

    /** the first spell of an emergency CIPS: emergency method and not a transfer in */
    public static Column emergencyCipsStart() {
        return coalesce(col(IS_EMERGENCY), lit(false)).and(not(coalesce(col(IS_TRANSFER_IN), lit(false))));
    }

    /**
     * @param spells spells with is_emergency, is_transfer_in, age_on_admission, primary_diagnosis,
     *               secondary_diagnoses and procedures
     */
    public static Dataset<Row> derive(Dataset<Row> spells) {
        Column start = emergencyCipsStart();
        return spells
                .withColumn(IS_CHRONIC_ACSC, start.and(DiagnosisLists.chronicAcsc()))
                .withColumn(IS_ACUTE_ACSC, start.and(DiagnosisLists.acuteAcsc()))
                .withColumn(IS_FALL_65PLUS, start.and(coalesce(col(AGE_ON_ADMISSION).geq(65), lit(false)))
                        .and(DiagnosisLists.fall()));
    }
}
