package org.bedflow.pipeline.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's scratch folder ({@code spark.local.dir}: shuffle and spill files, blockmgr-*,
 * spark-*), which holds whatever a job shuffles, NHS numbers and the opt-out list included.
 * A process that runs against an output folder keeps it in
 * {@code <output>/.scratch/<pid>-<start>}, readable by owner and group only; any other process
 * (query) in a private folder of the system temp folder. Either is removed when the process
 * ends; one left by a process that was killed is removed by the next run on the output folder
 * ({@link #removeLeftovers}).
 */
public final class SparkScratch {

    /** Below the output folder: one folder per process that ran Spark against it. */
    public static final String FOLDER = ".scratch";

    private static final Logger log = LoggerFactory.getLogger(SparkScratch.class);
    /** after Spark's own shutdown hooks (priority 50 and below, run first), before Hadoop closes its file systems (10) */
    private static final int REMOVE_AT_EXIT_PRIORITY = 20;

    private SparkScratch() {
    }

    /** {@code <output>/.scratch} */
    public static Path parent(Path output) {
        return output.resolve(FOLDER);
    }

    /**
     * This process among the scratch folders: its pid and start time, so that a later process
     * given the same pid is not taken for the one that left a folder behind.
     */
    public static String processKey() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + "-" + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** This process's scratch folder under {@code output}, created owner-and-group only and removed at exit. */
    public static Path underOutput(Path output) {
        Path folder = parent(output).resolve(processKey());
        PrivateFolders.create(folder, PrivateFolders.OWNER_AND_GROUP);
        try {
            // bedflow's own folders, whoever created them
            PrivateFolders.set(parent(output), PrivateFolders.OWNER_AND_GROUP);
            PrivateFolders.set(folder, PrivateFolders.OWNER_AND_GROUP);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make Spark's scratch folder " + folder + " private", e);
        }
        removeAtExit(folder);
        return folder;
    }

    /** A private folder (owner only) in the system temp folder, removed at exit: for a process with no output folder. */
    public static Path privateTemp() {
        try {
            Path folder = Files.createTempDirectory("bedflow-spark-",
                    PosixFilePermissions.asFileAttribute(PrivateFolders.OWNER_ONLY));
            PrivateFolders.set(folder, PrivateFolders.OWNER_ONLY);
            removeAtExit(folder);
            return folder;
        } catch (UnsupportedOperationException notPosix) {
            return null; // Windows: Spark's default, the folder's ACL applies
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for Spark", e);
        }
    }

    /**
     * Removes the scratch folders under {@code output} whose process has ended (killed, or
     * stopped before Spark removed its files). Call while holding the output folder's lock.
     *
     * @return the names of the folders removed
     */
    public static List<String> removeLeftovers(Path output) {
        Path parent = parent(output);
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return removed;
        }
        try (Stream<Path> folders = Files.list(parent)) {
            for (Path folder : folders.toList()) {
                String name = folder.getFileName().toString();
                if (!alive(name)) {
                    delete(folder);
                    removed.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tidy Spark's scratch folders in " + parent, e);
        }
        if (!removed.isEmpty()) {
            log.info("removed Spark scratch folders left by processes that ended: {}", removed);
        }
        return removed;
    }

    /** Whether the process a scratch folder is named after still runs (same pid, same start time). */
    static boolean alive(String key) {
        if (key.equals(processKey())) {
            return true;
        }
        int dash = key.indexOf('-');
        long pid;
        long started;
        try {
            pid = Long.parseLong(key.substring(0, dash));
            started = Long.parseLong(key.substring(dash + 1));
        } catch (RuntimeException notOurs) {
            return false; // not a process's folder: nothing runs in it
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        // a start time read twice can differ by a clock tick
        return p.get().info().startInstant().map(s -> Math.abs(s.toEpochMilli() - started) < 1000).orElse(true);
    }

    private static void removeAtExit(Path folder) {
        // Hadoop's hook manager runs hooks in order, so this comes after Spark has stopped and removed its own files
        org.apache.hadoop.util.ShutdownHookManager.get().addShutdownHook(() -> {
            try {
                delete(folder);
            } catch (UncheckedIOException e) {
                log.warn("could not remove Spark's scratch folder {}", folder, e);
            }
        }, REMOVE_AT_EXIT_PRIORITY);
    }

    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + folder, e);
        }
    }
}
