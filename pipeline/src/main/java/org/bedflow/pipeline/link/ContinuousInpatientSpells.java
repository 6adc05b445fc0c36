package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.ApcAdmissionsColumns.ADMISSION_SOURCE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.ADMISSION_METHOD;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CIPS_ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CIPS_DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.CIPS_ID;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.DISCHARGE_DESTINATION;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.IS_TRANSFER_IN;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PERSON_KEY;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PROVIDER_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.SPELL_ID;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.bedflow.pipeline.reference.TransferCodes;

/**
 * Continuous inpatient spells (docs/measures.md, "Continuous inpatient spells"): provider
 * spells of one person joined across transfers between hospitals, so that a transfer is one
 * stay. Adds {@code cips_id}, {@code is_transfer_in}, {@code cips_admission_date} and
 * {@code cips_discharge_date}; every other column is passed through unchanged.
 *
 * <p>Definition. A person's spells (same non-null {@code person_key}) are ordered by
 * admission_date, then provider_code, then spell_id. A spell B continues the spell A just
 * before it in that order when A is discharged, {@code B.admission_date − A.discharge_date}
 * is 0, 1 or 2 days, and at least one transfer marker is present: A's discharge destination
 * is a transfer out, or B's admission source or admission method a transfer in (the code
 * lists are {@code reference/transfers.csv}). A continuous inpatient spell (CIPS) is a
 * maximal chain of such spells: it starts at its first spell's admission and ends at its
 * last spell's discharge (null while that one is open). Spells without a person key are a
 * CIPS on their own. {@code cips_id} is the hex SHA-256 of the first spell's
 * {@code provider_code|spell_id}: stable across runs and never made from a person
 * identifier. {@code is_transfer_in} is true for every spell of a CIPS but the first.
 *
 * <p>Tie rule: a spell can only continue the spell immediately before it in the person's
 * order. When two spells could both continue A, the first in the order (earliest admission,
 * then provider_code, then spell_id) does; the other is compared with that one, not with A.
 * Chains therefore stay linear and deterministic, and a window over each person's spells
 * finds chains of any length in one pass (no iteration). A spell overlapping or nested in
 * another (admitted before the previous spell's discharge) breaks the chain.
 *
 * <p>National source: NHS Digital (then HSCIC), "Methodology to create provider and CIP
 * spells from HES APC data" (2014), archived at
 * https://webarchive.nationalarchives.gov.uk/ukgwa/20180307232845tf_/http://content.digital.nhs.uk/media/11859/Provider-Spells-Methodology/pdf/Spells_Methodology.pdf
 * — the CIPS the NHS Outcomes Framework and CCG Outcomes Indicator Set count ("excluding
 * transfers"). The address was found cited by public implementations of that methodology;
 * the document itself could not be read here, so the gap and code lists follow
 * docs/measures.md and have not been checked against it.
 *
 * <p>Static and stateless: the code lists are constants read once from the bundled file ({@link TransferCodes}).
 */
public final class ContinuousInpatientSpells {

    /** the largest admission − discharge gap, in days, that still continues a spell */
    public static final int MAX_GAP_DAYS = 2;

    /** discharge destinations of a transfer out, admission sources and methods of a transfer in */
    static final List<String> DISCHARGE_DESTINATIONS = TransferCodes.dischargeDestinations();
    static final List<String> ADMISSION_SOURCES = TransferCodes.admissionSources();
    static final List<String> ADMISSION_METHODS = TransferCodes.admissionMethods();

    /** the person's spells are partitioned by this: the person key, else the spell itself */
    private static final String PERSON = "_cips_person";
    private static final String CHAIN = "_cips_chain";

    private ContinuousInpatientSpells() {
    }

    private static Column in(Column c, List<String> codes) {
        return coalesce(c.isin(codes.toArray()), lit(false));
    }

    /**
     * @param spells one row per spell with provider_code, spell_id, person_key, admission_date,
     *               admission_method, admission_source, discharge_date, discharge_destination
     */
    public static Dataset<Row> derive(Dataset<Row> spells) {
        // spells without a person key: a partition of their own (person keys are hex, never start with '|')
        Column person = when(col(PERSON_KEY).isNull(), concat_ws("|", lit(""), col(PROVIDER_CODE), col(SPELL_ID)))
                .otherwise(col(PERSON_KEY));
        WindowSpec order = Window.partitionBy(PERSON).orderBy(col(ADMISSION_DATE), col(PROVIDER_CODE), col(SPELL_ID));
        Column previousDischarge = lag(col(DISCHARGE_DATE), 1).over(order);
        Column marker = in(lag(col(DISCHARGE_DESTINATION), 1).over(order), DISCHARGE_DESTINATIONS)
                .or(in(col(ADMISSION_SOURCE), ADMISSION_SOURCES))
                .or(in(col(ADMISSION_METHOD), ADMISSION_METHODS));
        Column continues = col(PERSON_KEY).isNotNull()
                .and(previousDischarge.isNotNull())
                .and(datediff(col(ADMISSION_DATE), previousDischarge).between(0, MAX_GAP_DAYS))
                .and(marker);
        // the n-th chain of the person: the number of spells so far that start one
        Column chain = sum(when(col(IS_TRANSFER_IN), 0).otherwise(1))
                .over(order.rowsBetween(Window.unboundedPreceding(), Window.currentRow()));
        WindowSpec whole = Window.partitionBy(PERSON, CHAIN)
                .orderBy(col(ADMISSION_DATE), col(PROVIDER_CODE), col(SPELL_ID))
                .rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
        Column id = sha2(concat_ws("|", col(PROVIDER_CODE), col(SPELL_ID)), 256);
        return spells
                .withColumn(PERSON, person)
                .withColumn(IS_TRANSFER_IN, coalesce(continues, lit(false)))
                .withColumn(CHAIN, chain)
                .withColumn(CIPS_ID, first(id).over(whole))
                .withColumn(CIPS_ADMISSION_DATE, first(col(ADMISSION_DATE)).over(whole))
                .withColumn(CIPS_DISCHARGE_DATE, last(col(DISCHARGE_DATE), false).over(whole))
                .drop(PERSON, CHAIN);
    }
}
