package org.bedflow.pipeline.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.ApcAdmissionsColumns.ADMISSION_DATE;
import static org.bedflow.pipeline.schema.columns.ApcDischargesColumns.DISCHARGE_DATE;
import static org.bedflow.pipeline.schema.columns.ApcDischargesColumns.DISCHARGE_READY_DATE;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.ingest.validate.ReasonCode;
import org.bedflow.pipeline.schema.Feeds;

/**
 * The checks of a discharge against its admission, made on the surviving (latest, valid)
 * versions of both: a discharge before its admission is DATE_ORDER (ERROR); a Discharge
 * Ready Date outside [admission_date, discharge_date] is DRD_OUT_OF_RANGE (WARNING, the
 * DRD is nulled); a discharge with no accepted admission is ORPHAN_DISCHARGE (WARNING: it
 * stays in rejects and forms no spell).
 */
public final class DischargeChecks {

    private DischargeChecks() {
    }

    /**
     * @param discharges classified discharges (with {@link Classified#OUTCOME})
     * @param admissions classified admissions
     */
    public static Dataset<Row> apply(Dataset<Row> discharges, Dataset<Row> admissions) {
        var key = Feeds.APC_DISCHARGES.businessKey();
        Dataset<Row> accepted = admissions.filter(col(Classified.OUTCOME).equalTo(Classified.ACCEPTED))
                .select(col(key.get(0)).as("_adm_k0"), col(key.get(1)).as("_adm_k1"),
                        col(ADMISSION_DATE).as("_adm_date"));
        Dataset<Row> joined = discharges.join(accepted, col(key.get(0)).equalTo(col("_adm_k0"))
                .and(col(key.get(1)).equalTo(col("_adm_k1"))), "left");

        Column isAccepted = col(Classified.OUTCOME).equalTo(Classified.ACCEPTED);
        Column orphan = isAccepted.and(col("_adm_date").isNull());
        Column beforeAdmission = isAccepted.and(col(DISCHARGE_DATE).lt(col("_adm_date")));
        Column drd = col(DISCHARGE_READY_DATE);
        Column drdOutside = isAccepted.and(col("_adm_date").isNull().or(col(DISCHARGE_DATE).geq(col("_adm_date"))))
                .and(drd.gt(col(DISCHARGE_DATE)).or(drd.lt(col("_adm_date"))));

        Column orphanIssue = issue(Classified.WARNING, ReasonCode.ORPHAN_DISCHARGE,
                format_string("no accepted admission has provider_code %s and spell_id %s; the discharge forms no spell",
                        col(key.get(0)), col(key.get(1))));
        Column orderIssue = issue(Classified.ERROR, ReasonCode.DATE_ORDER,
                format_string("discharge_date %s is before the admission_date %s", text(col(DISCHARGE_DATE)), text(col("_adm_date"))));
        Column drdIssue = issue(Classified.WARNING, ReasonCode.DRD_OUT_OF_RANGE,
                format_string("discharge_ready_date %s is outside the spell (admitted %s, discharged %s); it is left out",
                        text(drd), text(col("_adm_date")), text(col(DISCHARGE_DATE))));
        Column issues = col(Classified.ISSUES);
        return joined
                .withColumn(Classified.ISSUES,
                        when(beforeAdmission, concat(array(orderIssue), issues))
                                .when(orphan.and(drdOutside), concat(issues, array(orphanIssue, drdIssue)))
                                .when(orphan, concat(issues, array(orphanIssue)))
                                .when(drdOutside, concat(issues, array(drdIssue)))
                                .otherwise(issues))
                .withColumn(DISCHARGE_READY_DATE, when(drdOutside, lit(null).cast("date")).otherwise(drd))
                .withColumn(Classified.OUTCOME, when(beforeAdmission, lit(Classified.QUARANTINED))
                        .otherwise(col(Classified.OUTCOME)))
                .drop("_adm_k0", "_adm_k1", "_adm_date");
    }

    private static Column text(Column date) {
        return date.cast("string");
    }

    static Column issue(String severity, ReasonCode code, Column message) {
        return struct(lit(severity).as(Classified.ISSUE_SEVERITY), lit(code.name()).as(Classified.ISSUE_CODE),
                message.as(Classified.ISSUE_MESSAGE));
    }
}
