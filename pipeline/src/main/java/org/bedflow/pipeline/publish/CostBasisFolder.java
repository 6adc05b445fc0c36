package org.bedflow.pipeline.publish;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.measure.cost.CostBasis;
import org.bedflow.pipeline.spark.ParquetWrites;

/**
 * {@code runs/<run_id>/cost_basis}: a run's cost basis (docs/cost.md), kept with the run for {@code bedflow whatif}
 * and never published (its cells are small).
 */
public final class CostBasisFolder {

    private CostBasisFolder() {
    }

    /** Writes the basis as one Parquet file and returns its folder. */
    public static Path write(Dataset<Row> basis, Path outputRoot, String runId) {
        Path path = new Path(ManifestFiles.runDir(outputRoot, runId), CostBasis.FOLDER);
        ParquetWrites.overwrite(basis.coalesce(1), path.toString());
        return path;
    }

    /** The folder relative to the output folder, as the report names it. */
    public static String relative(String runId) {
        return ManifestFiles.RUNS + "/" + runId + "/" + CostBasis.FOLDER;
    }
}
