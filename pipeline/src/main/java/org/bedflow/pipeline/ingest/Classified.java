package org.bedflow.pipeline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.RawColumns;

/**
 * The classified frame of one feed: every input row once, with its typed (validated,
 * normalised) values, its lineage, the issues found, and in the end its outcome. The
 * validated rows, the rejects and the per-file counts are all read off this one frame, so
 * they cannot disagree.
 */
public final class Classified {

    /** JSON of the raw values (NHS number masked, council person id left out); only for rows with an issue. */
    public static final String RAW_JSON = "_raw_json";
    /** 64-bit hash of the raw field values: equal for byte-identical resubmissions. */
    public static final String RAW_HASH = "_raw_hash";
    /** array of struct(severity, code, message), errors first-found first */
    public static final String ISSUES = "_issues";
    /** the person is on the opt-out list */
    public static final String OPT_OUT = "_opt_out";
    /** accepted | quarantined | superseded | opt_out */
    public static final String OUTCOME = "_outcome";

    public static final String ACCEPTED = "accepted";
    public static final String QUARANTINED = "quarantined";
    public static final String SUPERSEDED = "superseded";
    public static final String OPTED_OUT = "opt_out";

    public static final String ERROR = "ERROR";
    public static final String WARNING = "WARNING";

    /** the fields of an {@link #ISSUE} */
    public static final String ISSUE_SEVERITY = "severity";
    public static final String ISSUE_CODE = "code";
    public static final String ISSUE_MESSAGE = "message";

    public static final StructType ISSUE = new StructType()
            .add(ISSUE_SEVERITY, DataTypes.StringType, false)
            .add(ISSUE_CODE, DataTypes.StringType, false)
            .add(ISSUE_MESSAGE, DataTypes.StringType, false);

    private Classified() {
    }

    /** What the validator produces: typed fields, lineage, raw JSON and hash, issues. */
    public static StructType validatedType(FeedSchema feed) {
        // every typed field nullable: a required value that failed validation is null on its quarantined row
        StructType typed = new StructType();
        for (var f : feed.sparkType().fields()) {
            typed = typed.add(f.name(), f.dataType(), true);
        }
        return typed
                .add(RawColumns.SOURCE_FILE, DataTypes.StringType, false)
                .add(RawColumns.RECORD_NUMBER, DataTypes.LongType, false)
                .add(RAW_JSON, DataTypes.StringType, true)
                .add(RAW_HASH, DataTypes.LongType, false)
                .add(ISSUES, new ArrayType(ISSUE, false), false);
    }

    /** The feed's typed columns and the two lineage columns: the shape of {@code work/validated/<feed>}. */
    public static List<Column> acceptedColumns(FeedSchema feed) {
        List<Column> out = new ArrayList<>();
        feed.fieldNames().forEach(f -> out.add(col(f)));
        out.add(col(RawColumns.SOURCE_FILE));
        out.add(col(RawColumns.RECORD_NUMBER));
        return out;
    }

    public static Column hasError() {
        return expr("exists(" + ISSUES + ", i -> i." + ISSUE_SEVERITY + " = '" + ERROR + "')");
    }

    public static Column errors() {
        return expr("filter(" + ISSUES + ", i -> i." + ISSUE_SEVERITY + " = '" + ERROR + "')");
    }

    public static Column warnings() {
        return expr("filter(" + ISSUES + ", i -> i." + ISSUE_SEVERITY + " = '" + WARNING + "')");
    }
}
