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
        SparkSession.Builder b = SparkSession.builder()
                .appName("bedflow")
                .master(master == null || master.isBlank() ? DEFAULT_MASTER : master);
        // bedflow's defaults yield to the same setting given to the JVM (-Dspark.x=..., or spark-submit's --conf)
        defaults().forEach((key, value) -> {
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

    /** The settings bedflow runs with unless told otherwise. */
    static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
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
