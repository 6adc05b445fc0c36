package org.bedflow.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.jobs.ExitCodes;
import org.bedflow.pipeline.query.OutputQuery;
import org.bedflow.pipeline.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bedflow query --output DIR "SQL"}: Spark SQL over the output tables, printed as an aligned table. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run Spark SQL over the output tables. Each table folder is a view under its folder name; "
                + "published/ tables are views named published_<table>; run_rejects is the rejects a run kept in "
                + "runs/<run_id>/rejects/ when a threshold stopped it (the latest such run, or --run), and rejects "
                + "falls back to it when no run published rejects.",
                "Example: ./bedflow query --output out \"select month, pct_discharged_on_drd from delayed_discharge_monthly "
                        + "where unitary_area = 'E06000062' order by month\""})
public class QueryCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder of a run")
    Path output;

    @Option(names = "--limit", defaultValue = "200", description = "most rows to print (default ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--run", paramLabel = "RUN_ID",
            description = "the run whose kept rejects (runs/RUN_ID/rejects/) the view run_rejects reads (default: the latest)")
    String run;

    @Parameters(index = "0", paramLabel = "SQL", description = "the query")
    String sql;

    @Override
    public Integer call() {
        // stop the session afterwards only if this command started it (not one its caller shares)
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSessions.create("local[*]", Map.of("spark.ui.enabled", "false"));
        try {
            List<String> views = OutputQuery.registerViews(spark, output.toAbsolutePath().normalize().toString(), run);
            Dataset<Row> result = OutputQuery.run(spark, sql, views);
            System.out.print(OutputQuery.format(result, limit));
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            System.err.println("bedflow: " + e.getMessage());
            return ExitCodes.FAILED;
        } finally {
            if (ownSession) {
                spark.stop();
            }
        }
    }
}
