package org.bedflow.jobs.config;

import java.nio.file.Path;

import org.springframework.stereotype.Component;

/**
 * The output folder the process's job runs against, set when the job starts, before its first
 * step asks for Spark: the SparkSession keeps its scratch folder in it
 * (docs/operations.md, "Working files").
 */
@Component
public class ScratchOutput {

    private volatile Path output;

    public Path get() {
        return output;
    }

    public void set(Path output) {
        this.output = output;
    }
}
