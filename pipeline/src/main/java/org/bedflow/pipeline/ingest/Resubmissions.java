package org.bedflow.pipeline.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.bedflow.pipeline.ingest.validate.ReasonCode;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.RawColumns;

/**
 * Resubmissions (docs/validation.md, "Resubmissions and duplicates"): rows of a feed with the
 * same business key are versions of one record. Among the versions that passed validation
 * (and are not opted out), the latest {@code submitted_at} wins and older ones are
 * superseded; byte-identical copies of the winner collapse into it (the extra copies count
 * as superseded); two latest versions with different values are both quarantined as
 * CONFLICTING_DUPLICATE. A version that failed validation takes no part, so a bad
 * resubmission never hides a good earlier one. Feeds without {@code submitted_at}
 * (population, geography, opt-outs) treat all versions as equally recent.
 */
public final class Resubmissions {

    static final String SUBMITTED_AT = "submitted_at";

    private Resubmissions() {
    }

    /** Adds {@link Classified#OUTCOME}; needs {@link Classified#ISSUES}, {@link Classified#RAW_HASH}, {@link Classified#OPT_OUT}. */
    public static Dataset<Row> classify(Dataset<Row> rows, FeedSchema feed) {
        Column[] key = feed.businessKey().stream().map(k -> col(k)).toArray(Column[]::new);
        WindowSpec versions = Window.partitionBy(key);
        boolean timed = feed.hasField(SUBMITTED_AT);
        Column eligible = not(Classified.hasError()).and(not(col(Classified.OPT_OUT)));
        Dataset<Row> out = rows.withColumn("_eligible", eligible)
                .withColumn("_latest", timed ? max(when(col("_eligible"), col(SUBMITTED_AT))).over(versions) : lit(null));
        Column atLatest = col("_eligible").and(timed ? col(SUBMITTED_AT).eqNullSafe(col("_latest")) : lit(true));
        out = out.withColumn("_at_latest", atLatest)
                .withColumn("_min_hash", min(when(col("_at_latest"), col(Classified.RAW_HASH))).over(versions))
                .withColumn("_max_hash", max(when(col("_at_latest"), col(Classified.RAW_HASH))).over(versions))
                .withColumn("_version", row_number().over(versions.orderBy(col("_at_latest").desc(),
                        col(RawColumns.SOURCE_FILE), col(RawColumns.RECORD_NUMBER))));
        Column conflict = col("_at_latest").and(col("_min_hash").notEqual(col("_max_hash")));
        String keyNames = String.join(", ", feed.businessKey());
        Column conflictIssue = struct(lit(Classified.ERROR).as(Classified.ISSUE_SEVERITY),
                lit(ReasonCode.CONFLICTING_DUPLICATE.name()).as(Classified.ISSUE_CODE),
                lit("another record with the same " + keyNames + (timed ? " and submitted_at" : "")
                        + " has different values; both are quarantined").as(Classified.ISSUE_MESSAGE));
        return out
                .withColumn(Classified.OUTCOME,
                        when(col(Classified.OPT_OUT), lit(Classified.OPTED_OUT))
                                .when(Classified.hasError().or(conflict), lit(Classified.QUARANTINED))
                                .when(col("_version").equalTo(1), lit(Classified.ACCEPTED))
                                .otherwise(lit(Classified.SUPERSEDED)))
                .withColumn(Classified.ISSUES, when(conflict, concat(array(conflictIssue), col(Classified.ISSUES)))
                        .otherwise(col(Classified.ISSUES)))
                .drop("_eligible", "_latest", "_at_latest", "_min_hash", "_max_hash", "_version");
    }

    /** Marks nobody as opted out (feeds without people). */
    public static Dataset<Row> noOptOut(Dataset<Row> rows) {
        return rows.withColumn(Classified.OPT_OUT, lit(false));
    }

    static Column orFalse(Column c) {
        return coalesce(c, lit(false));
    }
}
