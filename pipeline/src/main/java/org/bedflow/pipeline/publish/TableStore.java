package org.bedflow.pipeline.publish;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.bedflow.pipeline.schema.columns.LinkedSpellsColumns;
import org.bedflow.pipeline.spark.ParquetWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output folder (docs/architecture.md, "Publishing"). Each table is written whole into
 * {@code .staging/<run_id>/<table>} and only then published, so a reader never sees a
 * half-written table.
 *
 * <p>On a local file system the tables of a run are published as one set: each is moved into
 * {@code .sets/<run_id>/<table>}, and once all are there one atomic rename points
 * {@code .sets/current} at the new set. {@code <table>} (and {@code published/<table>}) are
 * symlinks through that pointer, so a reader sees the previous run's complete set or the new
 * one, never a mix, whenever the process dies. Elsewhere (HDFS, object stores: no symlinks)
 * each table is swapped on its own: the live table is parked in {@code .trash/}, the staged one
 * renamed in; if a crash happens between the two renames, the next {@link #recover} puts it back.
 */
public final class TableStore {

    private static final Logger log = LoggerFactory.getLogger(TableStore.class);
    static final String STAGING = ".staging";
    static final String TRASH = ".trash";
    static final String SETS = ".sets";
    /** the pointer to the published set, and to the set it replaced (kept for readers still in it) */
    static final String CURRENT = "current";
    static final String PREVIOUS = "previous";

    private final SparkSession spark;
    private final FileSystem fs;
    private final Path root;
    /** whether tables are published as one set through symlinks (local file system) or one by one */
    private final boolean sets;

    public TableStore(SparkSession spark, String outputDir) {
        this(spark, outputDir, fileSystem(spark, outputDir));
    }

    /** The output folder on a given file system (tests give one that fails where a crash is to be shown). */
    public TableStore(SparkSession spark, String outputDir, FileSystem fs) {
        // symlinks only where java.nio reaches the same files: Hadoop's HDFS links are off by default, S3 has none
        this(spark, outputDir, fs, "file".equals(fs.getUri().getScheme()));
    }

    /** @param sets false: publish table by table, as on a file system without symlinks */
    TableStore(SparkSession spark, String outputDir, FileSystem fs, boolean sets) {
        this.spark = spark;
        this.root = new Path(outputDir);
        this.fs = fs;
        this.sets = sets;
        try {
            fs.mkdirs(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open output folder " + outputDir, e);
        }
    }

    private static FileSystem fileSystem(SparkSession spark, String outputDir) {
        try {
            return new Path(outputDir).getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open output folder " + outputDir, e);
        }
    }

    public Path root() {
        return root;
    }

    public FileSystem fileSystem() {
        return fs;
    }

    public Path tablePath(String table) {
        return new Path(root, table);
    }

    public Path stagingPath(String runId, String table) {
        return new Path(new Path(new Path(root, STAGING), runId), table);
    }

    /**
     * Writes {@code rows} to the staging area of this run; nothing visible changes yet. One
     * file per partition folder (one task per partition value), or one file in all for an
     * unpartitioned table, rather than many small ones.
     */
    public void stage(Dataset<Row> rows, String runId, String table, List<String> partitionBy) {
        Dataset<Row> ordered = partitionBy == null || partitionBy.isEmpty() ? rows.coalesce(1)
                : rows.repartition(partitionBy.stream().map(functions::col).toArray(Column[]::new));
        ParquetWrites.overwrite(ordered, stagingPath(runId, table).toString(), partitionBy);
    }

    /** The rows this run staged for {@code table}. */
    public Dataset<Row> readStaged(String runId, String table) {
        return spark.read().parquet(stagingPath(runId, table).toString());
    }

    /** The live table. */
    public Dataset<Row> read(String table) {
        return spark.read().parquet(tablePath(table).toString());
    }

    /**
     * Whether an earlier attempt of this run already published {@code table}: moved it into
     * the run's set (local), or swapped it in (elsewhere: every output row carries its run_id;
     * an empty table counts as the run's when it has no staged copy left).
     */
    public boolean isPublishedBy(String runId, String table) {
        try {
            if (sets) {
                return fs.exists(new Path(setPath(runId, table), "_SUCCESS"));
            }
            if (!fs.exists(new Path(tablePath(table), "_SUCCESS"))) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // run_id is a column of every output table
        List<Row> first = read(table).select(LinkedSpellsColumns.RUN_ID).limit(1).collectAsList();
        return first.isEmpty() || runId.equals(first.get(0).getString(0));
    }

    /** The rows this run published as {@code table}, before or after its set is switched in. */
    public Dataset<Row> readPublished(String runId, String table) {
        return sets ? spark.read().parquet(setPath(runId, table).toString()) : read(table);
    }

    /** Whether this run has staged {@code table} completely (Spark's _SUCCESS marker). */
    public boolean isStaged(String runId, String table) {
        try {
            return fs.exists(new Path(stagingPath(runId, table), "_SUCCESS"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code .sets/<run_id>/<table>}: where a run's table waits for its set to be switched in. */
    Path setPath(String runId, String table) {
        return new Path(new Path(new Path(root, SETS), runId), table);
    }

    /**
     * Publishes the staged table: into the run's set, where readers see it once
     * {@link #switchTo} points at the set (local), or swapped in place of the live table
     * (elsewhere). Idempotent: a table already published by this run is left alone.
     */
    public void publish(String runId, String table) {
        if (sets) {
            moveIntoSet(runId, table);
        } else {
            swap(runId, table);
        }
    }

    private void moveIntoSet(String runId, String table) {
        Path staged = stagingPath(runId, table);
        Path target = setPath(runId, table);
        try {
            if (fs.exists(target)) {
                return; // moved by an earlier attempt of this run
            }
            if (!fs.exists(staged)) {
                throw new IllegalStateException("table " + table + " was never staged by run " + runId);
            }
            fs.mkdirs(target.getParent());
            if (!fs.rename(staged, target)) {
                throw new IOException("could not move " + staged + " to " + target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("publishing table " + table + " failed", e);
        }
    }

    private void swap(String runId, String table) {
        Path staged = stagingPath(runId, table);
        Path live = tablePath(table);
        Path parked = new Path(new Path(root, TRASH), parkedName(table, runId));
        try {
            if (!fs.exists(staged)) {
                if (fs.exists(live)) {
                    return; // already published by an earlier attempt of this run
                }
                throw new IllegalStateException("table " + table + " was never staged by run " + runId);
            }
            fs.mkdirs(parked.getParent());
            if (fs.exists(parked)) {
                fs.delete(parked, true);
            }
            fs.mkdirs(live.getParent());
            if (fs.exists(live) && !fs.rename(live, parked)) {
                throw new IOException("could not move " + live + " aside");
            }
            if (!fs.rename(staged, live)) {
                fs.rename(parked, live);
                throw new IOException("could not move " + staged + " to " + live);
            }
            fs.delete(parked, true);
        } catch (IOException e) {
            throw new UncheckedIOException("publishing table " + table + " failed", e);
        }
    }

    /**
     * Switches readers to this run's set in one atomic rename of the {@code .sets/current}
     * pointer, once every table is in it (local; elsewhere each table was swapped as it was
     * published). Tables the run does not publish (a validate-only run publishes rejects only)
     * are carried over from the set it replaces, as hard links. The replaced set stays, as
     * {@code .sets/previous}, until the next switch, for readers still in it; older sets go.
     * A {@code <table>} folder of the layout before sets is turned into its symlink here, table
     * by table. Idempotent: a restart after a crash anywhere in it finishes the job.
     */
    public void switchTo(String runId) {
        if (!sets) {
            return;
        }
        try {
            java.nio.file.Path setsDir = local(new Path(root, SETS));
            java.nio.file.Path current = setsDir.resolve(CURRENT);
            String was = Files.isSymbolicLink(current) ? Files.readSymbolicLink(current).toString() : null;
            List<String> tables = tablesIn(setsDir.resolve(runId));
            if (tables.isEmpty() && was == null) {
                return; // nothing published, nothing to point at
            }
            if (!runId.equals(was)) {
                if (was != null) {
                    for (String table : tablesIn(setsDir.resolve(was))) {
                        if (!tables.contains(table)) {
                            hardLinkCopy(setsDir.resolve(was).resolve(table), setsDir.resolve(runId).resolve(table));
                        }
                    }
                    tables = tablesIn(setsDir.resolve(runId));
                    pointAt(setsDir.resolve(PREVIOUS), was);
                }
                pointAt(current, runId); // the switch
                log.info("published the tables of run {} as one set", runId);
            }
            for (String table : tables) {
                linkPublicPath(table);
            }
            java.nio.file.Path previous = setsDir.resolve(PREVIOUS);
            removeSetsBut(runId, Files.isSymbolicLink(previous) ? Files.readSymbolicLink(previous).toString() : null);
        } catch (IOException e) {
            throw new UncheckedIOException("publishing the tables of run " + runId + " failed", e);
        }
    }

    /** The tables in a set folder: the folders holding a _SUCCESS marker (published/x included). */
    private static List<String> tablesIn(java.nio.file.Path set) throws IOException {
        if (!Files.isDirectory(set)) {
            return List.of();
        }
        try (Stream<java.nio.file.Path> all = Files.walk(set)) {
            return all.filter(p -> p.getFileName().toString().equals("_SUCCESS"))
                    .map(p -> set.relativize(p.getParent()).toString().replace(File.separatorChar, '/'))
                    .filter(t -> !t.startsWith(".") && !t.contains("/.")) // a carried copy not finished
                    .sorted().toList();
        }
    }

    /** A copy of a table made of hard links: no data copied, and deleting either side leaves the other whole. */
    private static void hardLinkCopy(java.nio.file.Path from, java.nio.file.Path to) throws IOException {
        java.nio.file.Path tmp = to.resolveSibling("." + to.getFileName() + ".carried");
        deleteTree(tmp);
        if (!Files.isDirectory(to.getParent())) {
            Files.createDirectories(to.getParent());
            Files.getFileAttributeView(to.getParent(), PosixFileAttributeView.class)
                    .setPermissions(Files.getPosixFilePermissions(from.getParent()));
        }
        try (Stream<java.nio.file.Path> all = Files.walk(from)) {
            for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) all::iterator) {
                java.nio.file.Path q = tmp.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                    // the same owner-and-group-only mode as the folder copied
                    Files.getFileAttributeView(q, PosixFileAttributeView.class)
                            .setPermissions(Files.getPosixFilePermissions(p));
                } else {
                    Files.createLink(q, p);
                }
            }
        }
        Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Points symlink {@code link} at {@code target} in one atomic rename (rename(2) replaces a symlink whole). */
    private static void pointAt(java.nio.file.Path link, String target) throws IOException {
        java.nio.file.Path tmp = link.resolveSibling("." + link.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, java.nio.file.Path.of(target));
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Makes {@code <table>} the relative symlink {@code .sets/current/<table>}. A real folder
     * there (the layout before sets) is parked in .trash for the moment of the switch.
     */
    private void linkPublicPath(String table) throws IOException {
        java.nio.file.Path live = local(tablePath(table));
        java.nio.file.Path target = live.getParent()
                .relativize(local(new Path(new Path(new Path(root, SETS), CURRENT), table)));
        if (Files.isSymbolicLink(live) && Files.readSymbolicLink(live).equals(target)) {
            return;
        }
        if (Files.exists(live, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(live)) {
            Path parked = new Path(new Path(root, TRASH), parkedName(table, "sets"));
            fs.mkdirs(parked.getParent());
            if (fs.exists(parked)) {
                fs.delete(parked, true);
            }
            log.info("table {}: switching to the published set layout", table);
            if (!fs.rename(tablePath(table), parked)) {
                throw new IOException("could not move " + tablePath(table) + " aside");
            }
            pointAt(live, target.toString());
            fs.delete(parked, true);
            return;
        }
        fs.mkdirs(tablePath(table).getParent());
        pointAt(live, target.toString());
    }

    /** Removes every set folder but these (a run's set lives until the run after the next one switches in). */
    private void removeSetsBut(String... keep) throws IOException {
        Path setsDir = new Path(root, SETS);
        if (!fs.exists(setsDir)) {
            return;
        }
        Set<String> kept = new java.util.HashSet<>(java.util.Arrays.asList(keep));
        kept.addAll(List.of(CURRENT, PREVIOUS));
        for (java.nio.file.Path set : list(local(setsDir))) {
            String name = set.getFileName().toString();
            if (!kept.contains(name) && !Files.isSymbolicLink(set)) {
                log.info("removing the published set of an earlier run: {}", name);
                deleteTree(set);
            }
        }
    }

    private static List<java.nio.file.Path> list(java.nio.file.Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<java.nio.file.Path> children = Files.list(dir)) {
            return new ArrayList<>(children.toList());
        }
    }

    /** Deletes a folder tree without following symlinks. */
    private static void deleteTree(java.nio.file.Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<java.nio.file.Path> all = Files.walk(dir)) {
            for (java.nio.file.Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The java.nio path of a path of this (local) output folder. */
    private java.nio.file.Path local(Path p) {
        return new File(fs.makeQualified(p).toUri()).toPath();
    }

    /**
     * Repairs what a crash can leave: a table parked in .trash with no live table is put
     * back (or, in the set layout, linked to the current set); staging folders and sets of
     * other runs that never switched in are removed.
     */
    public void recover(String currentRunId) {
        try {
            Path trash = new Path(root, TRASH);
            if (fs.exists(trash)) {
                for (FileStatus parked : fs.listStatus(trash)) {
                    String name = parked.getPath().getName();
                    int at = name.indexOf('@');
                    String table = (at > 0 ? name.substring(0, at) : name).replace("__", "/");
                    Path live = tablePath(table);
                    if (sets && !fs.exists(live) && fs.exists(new Path(new Path(new Path(root, SETS), CURRENT), table))) {
                        // died while turning this table's folder into its symlink: the set has it
                        linkPublicPath(table);
                        fs.delete(parked.getPath(), true);
                    } else if (!fs.exists(live)) {
                        log.warn("restoring table {} left aside by an interrupted run", table);
                        fs.mkdirs(live.getParent());
                        if (!fs.rename(parked.getPath(), live)) {
                            throw new IOException("could not restore " + parked.getPath() + " to " + live);
                        }
                    } else {
                        fs.delete(parked.getPath(), true);
                    }
                }
            }
            Path staging = new Path(root, STAGING);
            if (fs.exists(staging)) {
                for (FileStatus run : fs.listStatus(staging)) {
                    if (!run.getPath().getName().equals(currentRunId)) {
                        log.info("removing staging folder of an earlier interrupted run: {}", run.getPath().getName());
                        fs.delete(run.getPath(), true);
                    }
                }
            }
            if (sets) {
                java.nio.file.Path setsDir = local(new Path(root, SETS));
                List<String> keep = new ArrayList<>(List.of(currentRunId));
                for (String pointer : List.of(CURRENT, PREVIOUS)) {
                    if (Files.isSymbolicLink(setsDir.resolve(pointer))) {
                        keep.add(Files.readSymbolicLink(setsDir.resolve(pointer)).toString());
                    }
                }
                removeSetsBut(keep.toArray(String[]::new));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tidy output folder " + root, e);
        }
    }

    /** flat name of a table parked during its swap: published/x -> published__x@run */
    static String parkedName(String table, String runId) {
        return table.replace("/", "__") + "@" + runId;
    }

    /**
     * Keeps {@code rows} in the run's own folder, {@code runs/<run_id>/<name>}, outside the
     * tables: the rejects of a run stopped by a breached threshold, for the analyst.
     */
    public void keepInRunFolder(String runId, String name, Dataset<Row> rows, List<String> partitionBy) {
        ParquetWrites.overwrite(rows, new Path(ManifestFiles.runDir(root, runId), name).toString(), partitionBy);
    }

    /** Removes this run's staging folder (work files included) once the run is over. */
    public void dropStaging(String runId) {
        try {
            fs.delete(new Path(new Path(root, STAGING), runId), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
