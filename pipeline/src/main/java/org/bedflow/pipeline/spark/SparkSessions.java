package org.bedflow.pipeline.spark;

import java.util.Map;

import org.apache.spark.sql.SparkSession;

/**
 * Creates the one SparkSession a process uses. Local mode by default; the same code runs
 * against a cluster master. Times are UTC so dates never shift with the machine's zone.
 */
public final class SparkSessions {

    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
    }

    public static SparkSession create(String master, Map<String, String> extraConf) {
        SparkSession.Builder b = SparkSession.builder()
                .appName("bedflow")
                .master(master == null || master.isBlank() ? DEFAULT_MASTER : master)
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.adaptive.enabled", "true")
                .config("spark.sql.sources.partitionOverwriteMode", "static")
                .config("spark.sql.parquet.compression.codec", "snappy")
                .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
                // outputs readable by owner and group only (operations.md, Security)
                .config("spark.hadoop.fs.permissions.umask-mode", "007")
                // permissions through Java, not a chmod / ls process per file (PosixLocalFileSystem)
                .config("spark.hadoop.fs.file.impl", PosixLocalFileSystem.class.getName());
        if (extraConf != null) {
            extraConf.forEach(b::config);
        }
        return b.getOrCreate();
    }
}
