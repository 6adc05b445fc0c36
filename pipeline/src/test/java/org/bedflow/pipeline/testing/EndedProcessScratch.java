package org.bedflow.pipeline.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What a killed bedflow process leaves: its Spark scratch folder under {@code <output>/.scratch/<pid>-<start ms>/},
 * with a shuffle file holding an NHS number, for a process that has really ended (a {@code sleep} started and killed
 * here, so its pid and start time are those of a gone process).
 */
public final class EndedProcessScratch {

    private EndedProcessScratch() {
    }

    /** Creates the folder and returns it. */
    public static Path leftIn(Path output) throws IOException, InterruptedException {
        Process ended = new ProcessBuilder("sleep", "60").start();
        long endedStart = ended.info().startInstant().map(Instant::toEpochMilli).orElseThrow();
        ended.destroyForcibly().waitFor();
        Path left = output.resolve(".scratch/" + ended.pid() + "-" + endedStart);
        Files.createDirectories(left.resolve("blockmgr-1/0c"));
        Files.writeString(left.resolve("blockmgr-1/0c/shuffle_0_0_0.data"), "9434765919");
        return left;
    }
}
