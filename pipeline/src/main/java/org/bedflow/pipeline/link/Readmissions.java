package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.FOLLOWED_BY_READMISSION_30D;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_ALIVE_DISCHARGE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_EMERGENCY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_READMISSION_30D;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_READMISSION_INDEX;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PERSON_KEY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PROVIDER_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.SPELL_ID;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * 30-day emergency readmissions (docs/measures.md, "Readmissions"): an alive discharge is
 * {@code followed_by_readmission_30d} when the same person has another spell that is an
 * emergency admission 0-29 days after the discharge date; that spell is
 * {@code is_readmission_30d}. Spells without a person key are never linked.
 */
public final class Readmissions {

    public static final int WINDOW_DAYS = 30;

    /** the columns of {@link #flags}: a spell of a readmission pair, and its two flags */
    static final String FLAG_PROVIDER = "_x_provider";
    static final String FLAG_SPELL = "_x_spell";
    static final String FOLLOWED = "_followed";
    static final String READMITTED = "_readmitted";

    private Readmissions() {
    }

    public static Dataset<Row> flag(Dataset<Row> spells) {
        return withFlags(spells, flags(spells));
    }

    /**
     * One row per spell in a readmission pair: {@code _x_provider}, {@code _x_spell},
     * {@code _followed}, {@code _readmitted}. Narrow, so that it can be computed from the
     * spells before care linkage and joined on afterwards: the pairs are found once, not once
     * per flag and per use of a wide frame.
     */
    public static Dataset<Row> flags(Dataset<Row> spells) {
        Dataset<Row> discharges = spells
                .filter(col(PERSON_KEY).isNotNull().and(col(IS_ALIVE_DISCHARGE).equalTo(true)))
                .select(col(PERSON_KEY).as("_a_person"), col(PROVIDER_CODE).as("_a_provider"),
                        col(SPELL_ID).as("_a_spell"), col(DISCHARGE_DATE).as("_a_discharge"));
        Dataset<Row> emergencies = spells
                .filter(col(PERSON_KEY).isNotNull().and(col(IS_EMERGENCY)))
                .select(col(PERSON_KEY).as("_b_person"), col(PROVIDER_CODE).as("_b_provider"),
                        col(SPELL_ID).as("_b_spell"), col(ADMISSION_DATE).as("_b_admission"));
        Dataset<Row> gap = discharges.join(emergencies, col("_a_person").equalTo(col("_b_person"))
                .and(col("_a_provider").notEqual(col("_b_provider")).or(col("_a_spell").notEqual(col("_b_spell")))));
        Dataset<Row> pairs = gap.filter(datediff(col("_b_admission"), col("_a_discharge")).between(0, WINDOW_DAYS - 1));
        // each pair marks its discharge as followed and its admission as a readmission
        Column followed = struct(col("_a_provider").as("p"), col("_a_spell").as("s"), lit(true).as("f"), lit(false).as("r"));
        Column readmitted = struct(col("_b_provider").as("p"), col("_b_spell").as("s"), lit(false).as("f"), lit(true).as("r"));
        return pairs.select(explode(array(followed, readmitted)).as("m"))
                .groupBy(col("m.p").as(FLAG_PROVIDER), col("m.s").as(FLAG_SPELL))
                .agg(max(col("m.f")).as(FOLLOWED), max(col("m.r")).as(READMITTED));
    }

    /** {@code spells} with followed_by_readmission_30d and is_readmission_30d from {@link #flags}. */
    public static Dataset<Row> withFlags(Dataset<Row> spells, Dataset<Row> flags) {
        return spells
                .join(flags, col(PROVIDER_CODE).equalTo(col(FLAG_PROVIDER)).and(col(SPELL_ID).equalTo(col(FLAG_SPELL))),
                        "left")
                .withColumn(IS_READMISSION_INDEX, col(PERSON_KEY).isNotNull().and(coalesce(col(IS_ALIVE_DISCHARGE), lit(false))))
                .withColumn(FOLLOWED_BY_READMISSION_30D, coalesce(col(FOLLOWED), lit(false)))
                .withColumn(IS_READMISSION_30D, coalesce(col(READMITTED), lit(false)))
                .drop(FLAG_PROVIDER, FLAG_SPELL, FOLLOWED, READMITTED);
    }
}
