package org.bedflow.pipeline.testing;

import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.run.RunConfig;
import org.bedflow.pipeline.run.RunContext;
import org.bedflow.pipeline.run.WorkArea;

/** The real work area of a run writing to a test's temporary output folder. */
public final class WorkAreas {

    private WorkAreas() {
    }

    public static WorkArea in(SparkSession spark, Path output) {
        return new RunContext("test-run", LocalDate.of(2022, 4, 1), output.toString(), output.toString(),
                RunConfig.defaults()).workArea(spark);
    }
}
