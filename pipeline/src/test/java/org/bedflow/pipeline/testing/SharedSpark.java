package org.bedflow.pipeline.testing;

import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.spark.SparkSessions;

/**
 * One SparkSession per test JVM (Spark allows one SparkContext per JVM): two local
 * threads, two shuffle partitions, no UI. Tests use tiny in-memory frames.
 */
public final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSessions.create("local[2]", Map.of(
                    "spark.sql.shuffle.partitions", "2",
                    "spark.default.parallelism", "2",
                    "spark.ui.enabled", "false",
                    "spark.driver.host", "127.0.0.1"));
        }
        return session;
    }
}
