package org.bedflow.jobs.cli;

import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Option;

/** Options shared by the commands that start a job. */
public class CommonOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file overriding the built-in configuration")
    Path config;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default local[*]; spark://host:7077 for a cluster)")
    String master;

    List<String> springArgs() {
        if (config != null && !config.toFile().isFile()) {
            throw new IllegalArgumentException("configuration file " + config + " does not exist");
        }
        return JobLaunch.springArgs(config, master);
    }

    static Path localDir(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
