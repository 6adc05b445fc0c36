package org.bedflow.jobs.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.spark.SparkSessions;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Scope;

/**
 * The Spring side of bedflow: Spring Batch with its job repository (embedded H2 file by
 * default, PostgreSQL through BEDFLOW_DB_URL) and one SparkSession shared by all steps.
 */
@SpringBootApplication(scanBasePackages = "org.bedflow.jobs")
@EnableConfigurationProperties(BedflowProperties.class)
public class BedflowApplication {

    /**
     * The process's SparkSession (getOrCreate): prototype-scoped so that every use asks for
     * the active session. Spark allows one context per JVM and stops it with its own shutdown
     * hook; a Spring context closing (tests start several) must not stop it under another.
     */
    @Bean
    @Scope("prototype")
    public SparkSession sparkSession(BedflowProperties properties, ScratchOutput scratch) {
        String master = master(properties.getSpark().getMaster(), System.getProperty("spark.master"));
        Map<String, String> conf = new LinkedHashMap<>(properties.getSpark().getConf());
        if (master != null && !master.startsWith("local") && !conf.containsKey("spark.jars")
                && System.getProperty("spark.jars") == null) {
            // a cluster's executors need bedflow's own classes; the user may name them instead (spark.jars)
            conf.put("spark.jars", ApplicationJars.forExecutors(Path.of(System.getProperty("java.io.tmpdir"),
                    "bedflow-jars-" + ProcessHandle.current().pid())));
        }
        // Spark's scratch folder: in the run's output folder, or private when no job has started (query)
        return SparkSessions.create(master, conf, scratch.get());
    }

    /**
     * The master to run on: bedflow's own ({@code --master}, the configuration), unless that
     * is the default and spark-submit launched the process with its {@code --master}
     * ({@code submitted}, the {@code spark.master} it passes to the driver).
     */
    static String master(String configured, String submitted) {
        boolean unset = configured == null || configured.isBlank() || SparkSessions.DEFAULT_MASTER.equals(configured);
        return submitted != null && !submitted.isBlank() && unset ? submitted : configured;
    }
}
