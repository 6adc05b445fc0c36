package org.bedflow.pipeline.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.RejectsColumns.FEED;
import static org.bedflow.pipeline.schema.columns.RejectsColumns.RAW_RECORD;
import static org.bedflow.pipeline.schema.columns.RejectsColumns.REASON;
import static org.bedflow.pipeline.schema.columns.RejectsColumns.REASON_CODE;
import static org.bedflow.pipeline.schema.columns.RejectsColumns.RECORD_NUMBER;
import static org.bedflow.pipeline.schema.columns.RejectsColumns.RUN_ID;
import static org.bedflow.pipeline.schema.columns.RejectsColumns.SEVERITY;
import static org.bedflow.pipeline.schema.columns.RejectsColumns.SOURCE_FILE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.ingest.validate.Postcode;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.FieldSpec;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.schema.RawColumns;

/**
 * The {@code rejects} rows of one classified feed: one ERROR row per quarantined row (the
 * reason code of its first error, a sentence naming every error), and one WARNING row per
 * warning of an accepted row. Superseded and opted-out rows give none.
 */
public final class RejectRows {

    private RejectRows() {
    }

    public static Dataset<Row> of(Dataset<Row> classified, FeedSchema feed, String runId) {
        Column raw = coalesce(col(Classified.RAW_JSON), typedJson(feed));
        Dataset<Row> errors = classified.filter(col(Classified.OUTCOME).equalTo(Classified.QUARANTINED))
                .withColumn("_errors", Classified.errors())
                .select(col(RawColumns.SOURCE_FILE), col(RawColumns.RECORD_NUMBER), lit(Classified.ERROR).as(SEVERITY),
                        expr("get(_errors, 0).code").as(REASON_CODE),
                        expr("array_join(transform(_errors, e -> e.message), '; ')").as(REASON),
                        raw.as(RAW_RECORD));
        Dataset<Row> warnings = classified.filter(col(Classified.OUTCOME).equalTo(Classified.ACCEPTED)
                        .and(size(Classified.warnings()).gt(0)))
                .select(col(RawColumns.SOURCE_FILE), col(RawColumns.RECORD_NUMBER), raw.as(RAW_RECORD),
                        explode(Classified.warnings()).as("_w"))
                .select(col(RawColumns.SOURCE_FILE), col(RawColumns.RECORD_NUMBER), lit(Classified.WARNING).as(SEVERITY),
                        col("_w.code").as(REASON_CODE), col("_w.message").as(REASON), col(RAW_RECORD));
        Dataset<Row> all = errors.unionByName(warnings)
                .withColumn(FEED, lit(feed.name()))
                .withColumnRenamed(RawColumns.SOURCE_FILE, SOURCE_FILE)
                .withColumnRenamed(RawColumns.RECORD_NUMBER, RECORD_NUMBER)
                .withColumn(RUN_ID, lit(runId));
        return OutputTables.REJECTS.conform(all);
    }

    /**
     * For rows whose problem was found after validation (resubmission conflicts, discharge
     * checks), the raw JSON was not kept: the normalised values stand in, NHS number and postcode
     * masked, council person id left out.
     */
    static Column typedJson(FeedSchema feed) {
        List<Column> fields = new ArrayList<>();
        for (FieldSpec f : feed.fields()) {
            if (f.secret()) {
                continue;
            }
            Column c = col(f.name());
            if (f.nhsNumber()) {
                c = when(c.isNotNull(), concat(lit("******"), substring(c, 7, 4)));
            }
            if (f.postcode()) {
                // validated postcodes are in normal form (NN1 1AA): the outward code is what precedes the space
                c = when(c.isNotNull(), concat(substring_index(c, " ", 1), lit(" " + Postcode.HIDDEN)));
            }
            fields.add(c.cast("string").as(f.name()));
        }
        return to_json(struct(fields.toArray(Column[]::new)), Map.of("ignoreNullFields", "false",
                "timestampFormat", "yyyy-MM-dd'T'HH:mm:ss"));
    }
}
