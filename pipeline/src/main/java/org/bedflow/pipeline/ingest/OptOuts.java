package org.bedflow.pipeline.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.bedflow.pipeline.schema.columns.OptOutsColumns.NHS_NUMBER;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The national data opt-out (docs/validation.md): people on the list are removed before anything
 * else happens to their rows, so they reach no output, not even {@code rejects}. Rows are
 * matched on the normalised NHS number; discharges, which carry none, through the key of
 * an opted-out person's admission.
 */
public final class OptOuts {

    private OptOuts() {
    }

    /** Marks rows whose {@code nhs_number} is in {@code optOutNumbers} (one column, nhs_number). */
    public static Dataset<Row> byNhsNumber(Dataset<Row> rows, Dataset<Row> optOutNumbers) {
        Dataset<Row> list = optOutNumbers.select(col(NHS_NUMBER).as("_optout_nhs")).distinct()
                .withColumn("_optout_hit", lit(true));
        return rows.join(list, col(NHS_NUMBER).equalTo(col("_optout_nhs")), "left")
                .withColumn(Classified.OPT_OUT, Resubmissions.orFalse(col("_optout_hit")))
                .drop("_optout_nhs", "_optout_hit");
    }

    /** Marks rows whose business key is among {@code optedOutKeys} (the key columns). */
    public static Dataset<Row> byKey(Dataset<Row> rows, Dataset<Row> optedOutKeys, List<String> key) {
        Dataset<Row> keys = optedOutKeys.select(key.stream().map(k -> col(k).as("_optout_" + k)).toArray(Column[]::new))
                .distinct().withColumn("_optout_hit", lit(true));
        Column match = lit(true);
        for (String k : key) {
            match = match.and(col(k).equalTo(col("_optout_" + k)));
        }
        Dataset<Row> out = rows.join(keys, match, "left")
                .withColumn(Classified.OPT_OUT, Resubmissions.orFalse(col("_optout_hit")))
                .drop("_optout_hit");
        for (String k : key) {
            out = out.drop("_optout_" + k);
        }
        return out;
    }
}
