package org.bedflow.pipeline.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;

/**
 * Creates the one SparkSession a process uses. Local mode by default; the same code runs
 * against a cluster master. Times are UTC so dates never shift with the machine's zone.
 */
public final class SparkSessions {

    public static final String DEFAULT_MASTER = "local[*]";
    static final String LOCAL_DIR = "spark.local.dir";

    private SparkSessions() {
    }

    public static SparkSession create(String master, Map<String, String> extraConf) {
        return create(master, extraConf, null);
    }

    /**
     * @param output the output folder the process runs against: Spark's scratch folder goes in
     *               it ({@link SparkScratch#underOutput}); null for a private folder in the system
     *               temp folder. A {@code spark.local.dir} given to the JVM or in {@code extraConf}
     *               wins; so does a session this process already has (a context's scratch folder
     *               is fixed when it starts).
     */
    public static SparkSession create(String master, Map<String, String> extraConf, Path output) {
        String m = master == null || master.isBlank() ? DEFAULT_MASTER : master;
        SparkSession.Builder b = SparkSession.builder()
                .appName("bedflow")
                .master(m);
        // bedflow's defaults yield to the same setting given to the JVM (-Dspark.x=..., or spark-submit's --conf)
        defaults(m).forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                b.config(key, value);
            }
        });
        if (extraConf != null) {
            extraConf.forEach(b::config);
        }
        if (System.getProperty(LOCAL_DIR) == null && (extraConf == null || !extraConf.containsKey(LOCAL_DIR))
                && SparkSession.getDefaultSession().isEmpty()) {
            // Spark's default, the system temp folder, leaves shuffled identifiers world-readable
            Path scratch = output == null ? SparkScratch.privateTemp() : SparkScratch.underOutput(output);
            if (scratch != null) {
                b.config(LOCAL_DIR, scratch.toString());
            }
        }
        return b.getOrCreate();
    }

    /** The settings bedflow runs with unless told otherwise, on any master. */
    static Map<String, String> defaults() {
        return defaults("");
    }

    /** The settings bedflow runs with unless told otherwise, on this master. */
    static Map<String, String> defaults(String master) {
        Map<String, String> d = new LinkedHashMap<>();
        if (master.startsWith("local")) {
            // nobody watches a nightly run's web UI on one machine, and its listeners cost about 5 % of a
            // county-size run's CPU (docs/performance.md); -Dspark.ui.enabled=true brings it back
            d.put("spark.ui.enabled", "false");
        }
        d.put("spark.sql.session.timeZone", "UTC");
        d.put("spark.ui.showConsoleProgress", "false");
        d.put("spark.sql.shuffle.partitions", "8");
        d.put("spark.sql.adaptive.enabled", "true");
        d.put("spark.sql.sources.partitionOverwriteMode", "static");
        d.put("spark.sql.parquet.compression.codec", "snappy");
        d.put("spark.sql.legacy.timeParserPolicy", "CORRECTED");
        // outputs readable by owner and group only (docs/operations.md, "Logs and privacy")
        d.put("spark.hadoop.fs.permissions.umask-mode", "007");
        // permissions through Java, not a chmod / ls process per file (PosixLocalFileSystem)
        d.put("spark.hadoop.fs.file.impl", PosixLocalFileSystem.class.getName());
        return d;
    }
}
