package org.bedflow.jobs.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bedflow.pipeline.spark.PosixLocalFileSystem;

/**
 * Fault injection for the crash-recovery test, on the test classpath only: the local file
 * system of a bedflow process started with
 * {@code -Dspark.hadoop.fs.file.impl=org.bedflow.jobs.testing.PauseInPublish} and
 * {@code -Dbedflow.test.pause-after-tables=N}. Once publish has moved N staged tables into
 * the run's set ({@code .staging/<run_id>/<table>} renamed to {@code .sets/<run_id>/<table>}),
 * it announces it (file {@code <output>/.paused-publish} holding its pid) and waits, inside
 * publish, with some tables of the set in and the rest still staged, until it is killed.
 * Every other rename, and every process without the property, is left alone.
 */
public class PauseInPublish extends PosixLocalFileSystem {

    public static final String PROPERTY = "bedflow.test.pause-after-tables";

    private int moved;

    @Override
    public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
        boolean renamed = super.rename(src, dst);
        String to = dst.toUri().getPath();
        int sets = to.indexOf("/.sets/");
        if (renamed && sets > 0 && src.toUri().getPath().contains("/.staging/") && System.getProperty(PROPERTY) != null
                && ++moved == Integer.parseInt(System.getProperty(PROPERTY))) {
            Files.writeString(Path.of(to.substring(0, sets), ".paused-publish"),
                    String.valueOf(ProcessHandle.current().pid()));
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return renamed;
    }
}
