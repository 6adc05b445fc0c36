package org.bedflow.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.jobs.ExitCodes;
import org.bedflow.pipeline.query.DuckDbQuery;
import org.bedflow.pipeline.query.OutputQuery;
import org.bedflow.pipeline.query.QueryFormat;
import org.bedflow.pipeline.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bedflow query --output DIR "SQL"}: SQL over the output tables, on DuckDB (embedded,
 * answers in about a second) or, with {@code --engine spark}, Spark SQL (for output folders on a
 * cluster file system); printed as an aligned table, CSV or JSON.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run SQL over the output tables (DuckDB's SQL; Spark SQL with --engine spark). Each table folder is a view under its folder name; "
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

    @Option(names = "--engine", defaultValue = "duckdb", paramLabel = "duckdb|spark",
            description = "duckdb (default: embedded, fast, local folders) or spark (Spark SQL; any Hadoop file system)")
    Engine engine;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json",
            description = "table (default; decimals rounded to 2 places), csv or json (full precision)")
    QueryFormat format;

    @Parameters(index = "0", paramLabel = "SQL", description = "the query")
    String sql;

    enum Engine { DUCKDB, SPARK }

    @Override
    public Integer call() {
        if (engine == Engine.DUCKDB) {
            try (DuckDbQuery q = DuckDbQuery.open(output.toAbsolutePath().normalize(), run)) {
                System.out.print(format.render(q.run(sql, limit)));
                return ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                System.err.println("bedflow: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }
        return spark();
    }

    private int spark() {
        // stop the session afterwards only if this command started it (not one its caller shares)
        boolean ownSession = SparkSession.getDefaultSession().isEmpty();
        SparkSession spark = SparkSessions.create("local[*]", Map.of("spark.ui.enabled", "false"));
        try {
            List<String> views = OutputQuery.registerViews(spark, output.toAbsolutePath().normalize().toString(), run);
            Dataset<Row> result = OutputQuery.run(spark, sql, views);
            System.out.print(format.render(OutputQuery.result(result, limit)));
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
