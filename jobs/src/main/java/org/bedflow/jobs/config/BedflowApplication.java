package org.bedflow.jobs.config;

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
    public SparkSession sparkSession(BedflowProperties properties) {
        String master = properties.getSpark().getMaster();
        Map<String, String> conf = new java.util.LinkedHashMap<>(properties.getSpark().getConf());
        if (master != null && !master.startsWith("local") && !conf.containsKey("spark.jars")) {
            // a cluster's executors need bedflow's own classes; the user may name them instead (spark.jars)
            conf.put("spark.jars", ApplicationJars.forExecutors(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                    "bedflow-jars-" + ProcessHandle.current().pid())));
        }
        return SparkSessions.create(master, conf);
    }
}
