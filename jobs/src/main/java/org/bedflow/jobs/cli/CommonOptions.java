package org.bedflow.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options shared by the commands that start a job or open the job repository. */
public class CommonOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file overriding the built-in configuration")
    Path config;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default local[*]; spark://host:7077 for a cluster)")
    String master;

    /** The Spring arguments for these options; a --config file that does not exist is a usage error (exit code 2). */
    List<String> springArgs() {
        return springArgs(config, master);
    }

    List<String> springArgs(Path configFile, String sparkMaster) {
        if (configFile != null && !Files.isRegularFile(configFile)) {
            if (command != null) {
                throw new ParameterException(command.commandLine(), "--config: the file " + configFile + " does not exist");
            }
            throw new IllegalArgumentException("configuration file " + configFile + " does not exist");
        }
        return JobLaunch.springArgs(configFile, sparkMaster);
    }

    /** The configuration file as an absolute path, for the job parameters (a restart reuses it), or null. */
    String configPath() {
        return config == null ? null : config.toAbsolutePath().normalize().toString();
    }

    static Path localDir(Path p) {
        return p.toAbsolutePath().normalize();
    }
}
