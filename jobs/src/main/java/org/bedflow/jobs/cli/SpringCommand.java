package org.bedflow.jobs.cli;

import java.util.List;

import org.bedflow.jobs.config.BedflowApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring side (job repository, jobs) for commands that read or drive executions. */
final class SpringCommand {

    private SpringCommand() {
    }

    static ConfigurableApplicationContext start(List<String> springArgs) {
        return new SpringApplicationBuilder(BedflowApplication.class).run(springArgs.toArray(String[]::new));
    }
}
