package org.bedflow.pipeline.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bedflow.pipeline.testing.Frames.row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.testing.Frames;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/architecture.md "Publishing": a run replaces its tables as one set (local file system)
 * or each table whole (a file system without symlinks), so readers of {@code <table>} see the
 * previous run's complete tables or the new ones, never a mix or a half-written folder, and a
 * crash at any point leaves the previous complete outputs readable; docs/operations.md:
 * output folders and files are readable by the owner and group only.
 */
class TableStoreTest {

    private static final String TABLE = "delayed_discharge_monthly";
    /** a second table of the set, one folder down as the commissioners' copies are */
    private static final String COPY = "published/" + TABLE;
    private static final List<String> BY_AREA = List.of("unitary_area");
    private static final StructType T = new StructType().add("unitary_area", DataTypes.StringType)
            .add("month", DataTypes.StringType).add("discharges", DataTypes.LongType).add("run_id", DataTypes.StringType);

    @TempDir
    Path tmp;

    /** the output folder, made by TableStore */
    Path out;

    @BeforeEach
    void outputFolder() {
        out = tmp.resolve("out");
    }

    /** run A's table: 3 rows over both areas */
    private static Dataset<Row> versionA() {
        return Frames.of(T, List.of(
                row("unitary_area", "E06000061", "month", "2021-04", "discharges", 120L, "run_id", "A"),
                row("unitary_area", "E06000061", "month", "2021-05", "discharges", 131L, "run_id", "A"),
                row("unitary_area", "E06000062", "month", "2021-04", "discharges", 98L, "run_id", "A")));
    }

    /** run B's table: 4 rows, a month more */
    private static Dataset<Row> versionB() {
        return Frames.of(T, List.of(
                row("unitary_area", "E06000061", "month", "2021-04", "discharges", 121L, "run_id", "B"),
                row("unitary_area", "E06000061", "month", "2021-05", "discharges", 131L, "run_id", "B"),
                row("unitary_area", "E06000062", "month", "2021-04", "discharges", 98L, "run_id", "B"),
                row("unitary_area", "E06000062", "month", "2021-06", "discharges", 77L, "run_id", "B")));
    }

    private static final List<String> ROWS_A = List.of("E06000061 2021-04 120 A", "E06000061 2021-05 131 A",
            "E06000062 2021-04 98 A");
    private static final List<String> ROWS_B = List.of("E06000061 2021-04 121 B", "E06000061 2021-05 131 B",
            "E06000062 2021-04 98 B", "E06000062 2021-06 77 B");

    private SparkSession spark() {
        return SharedSpark.session();
    }

    private TableStore store() {
        return new TableStore(spark(), out.toString());
    }

    /** the output folder as on a file system without symlinks (HDFS, S3): table by table */
    private TableStore perTable() {
        return new TableStore(spark(), out.toString(), localFs(), false);
    }

    private FileSystem localFs() {
        try {
            return new org.apache.hadoop.fs.Path(out.toString()).getFileSystem(spark().sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A store (table by table) whose process "dies" inside publish between its two renames: the
     * live table is already parked in .trash, and moving the staged table in throws (no
     * clean-up follows, as after a kill -9).
     */
    private TableStore dyingBetweenRenames(String why) {
        return dyingOnRenameFromStaging(why, false);
    }

    /** A store whose process "dies" on its first rename out of .staging (no clean-up follows, as after a kill -9). */
    private TableStore dyingOnRenameFromStaging(String why, boolean sets) {
        try {
            FileSystem local = new org.apache.hadoop.fs.Path(out.toString())
                    .getFileSystem(spark().sparkContext().hadoopConfiguration());
            FileSystem dying = new FilterFileSystem(local) {
                @Override
                public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
                    if (src.toString().contains("/.staging/")) {
                        throw new IllegalStateException(why);
                    }
                    return super.rename(src, dst);
                }
            };
            return new TableStore(spark(), out.toString(), dying, sets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> liveRows() {
        return liveRows(TABLE);
    }

    /** What a reader of {@code table} sees now, through its public path: its rows, sorted (fresh listing every time). */
    private List<String> liveRows(String table) {
        return spark().read().parquet(out.resolve(table).toString())
                .selectExpr("concat_ws(' ', unitary_area, month, cast(discharges as string), run_id)")
                .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
    }

    /** run A publishes its set of two tables: TABLE and COPY */
    private void publishA() {
        publish(store(), "A", versionA(), TABLE, COPY);
    }

    private static void publish(TableStore store, String run, Dataset<Row> rows, String... tables) {
        for (String table : tables) {
            store.stage(rows, run, table, BY_AREA);
        }
        for (String table : tables) {
            store.publish(run, table);
        }
        store.switchTo(run);
    }

    /** what the public paths lead to: the symlink's target, and the pointer's */
    private String pointer() throws IOException {
        return Files.readSymbolicLink(out.resolve(".sets/current")).toString();
    }

    @Test
    void staged_tables_are_invisible_until_the_whole_set_is_switched_in() throws IOException {
        publishA();
        TableStore store = store();
        store.stage(versionB(), "B", TABLE, BY_AREA);
        store.stage(versionB(), "B", COPY, BY_AREA);
        assertThat(store.isStaged("B", TABLE)).isTrue();
        assertThat(liveRows()).as("readers still see run A's table").isEqualTo(ROWS_A);

        // every table moved into B's set: readers still see all of A
        store.publish("B", TABLE);
        store.publish("B", COPY);
        assertThat(store.isPublishedBy("B", TABLE)).isTrue();
        assertThat(store.readPublished("B", COPY).count()).isEqualTo(4);
        assertThat(liveRows(TABLE)).isEqualTo(ROWS_A);
        assertThat(liveRows(COPY)).isEqualTo(ROWS_A);

        // one switch: readers see all of B
        store.switchTo("B");
        assertThat(liveRows(TABLE)).isEqualTo(ROWS_B);
        assertThat(liveRows(COPY)).isEqualTo(ROWS_B);
        assertThat(pointer()).isEqualTo("B");
        assertThat(Files.readSymbolicLink(out.resolve(TABLE))).hasToString(".sets/current/" + TABLE);
        assertThat(Files.readSymbolicLink(out.resolve(COPY))).hasToString("../.sets/current/" + COPY);
        assertThat(out.resolve(".staging/B/" + TABLE)).doesNotExist();
        assertThat(out.resolve(".sets/A/" + TABLE)).as("the replaced set stays for readers still in it").exists();

        // the next switch removes A's set, keeps B's
        publish(store(), "C", versionA(), TABLE, COPY);
        assertThat(out.resolve(".sets/A")).doesNotExist();
        assertThat(out.resolve(".sets/B/" + COPY + "/_SUCCESS")).exists();
        assertThat(liveRows(COPY)).as("C published the rows of version A").isEqualTo(ROWS_A);
    }

    @Test
    void a_crash_after_some_tables_of_the_set_are_in_leaves_the_previous_set_whole_and_the_restart_finishes_it() {
        publishA();
        TableStore dying = dyingOnRenameFromStaging("kill -9 while publishing " + COPY, true);
        dying.stage(versionB(), "B", TABLE, BY_AREA);
        dying.stage(versionB(), "B", COPY, BY_AREA);
        // TABLE is moved in by a store that does not die, then the process dies on COPY
        store().publish("B", TABLE);
        assertThatThrownBy(() -> dying.publish("B", COPY)).hasMessageContaining("kill -9");

        // at the moment of the crash readers see run A's set, both tables
        assertThat(liveRows(TABLE)).isEqualTo(ROWS_A);
        assertThat(liveRows(COPY)).isEqualTo(ROWS_A);

        // restart of run B: TABLE is already in its set, COPY is moved, the set switched in
        TableStore restarted = store();
        assertThat(restarted.isPublishedBy("B", TABLE)).isTrue();
        assertThat(restarted.isPublishedBy("B", COPY)).isFalse();
        restarted.publish("B", TABLE);
        restarted.publish("B", COPY);
        restarted.switchTo("B");
        assertThat(liveRows(TABLE)).isEqualTo(ROWS_B);
        assertThat(liveRows(COPY)).isEqualTo(ROWS_B);
        // and a switch made again (a restart after a crash just after it) changes nothing
        restarted.switchTo("B");
        assertThat(liveRows(COPY)).isEqualTo(ROWS_B);
        assertThat(out.resolve(".sets/A")).as("A is still the previous set").exists();
    }

    @Test
    void a_set_that_never_switched_in_is_removed_by_the_next_run() {
        publishA();
        TableStore crashed = store();
        crashed.stage(versionB(), "B", TABLE, BY_AREA);
        crashed.publish("B", TABLE);

        store().recover("C");
        assertThat(out.resolve(".sets/B")).doesNotExist();
        assertThat(out.resolve(".sets/A")).exists();
        assertThat(liveRows(TABLE)).isEqualTo(ROWS_A);
    }

    @Test
    void tables_a_run_does_not_publish_are_carried_into_its_set() {
        publishA();
        // a validate-only run publishes one table
        publish(store(), "V", versionB(), TABLE);
        assertThat(liveRows(TABLE)).isEqualTo(ROWS_B);
        assertThat(liveRows(COPY)).as("carried over from A's set").isEqualTo(ROWS_A);

        // and still there when A's set is gone
        publish(store(), "W", versionB(), TABLE);
        assertThat(out.resolve(".sets/A")).doesNotExist();
        assertThat(liveRows(COPY)).isEqualTo(ROWS_A);
    }

    @Test
    void an_output_folder_of_the_layout_before_sets_is_switched_table_by_table_on_the_first_publish() {
        // run A published the old way: real folders at <table>
        perTablePublish("A", TABLE, COPY);
        assertThat(Files.isSymbolicLink(out.resolve(TABLE))).isFalse();

        // run B publishes TABLE only: TABLE becomes a symlink, COPY stays A's folder
        publish(store(), "B", versionB(), TABLE);
        assertThat(Files.isSymbolicLink(out.resolve(TABLE))).isTrue();
        assertThat(liveRows(TABLE)).isEqualTo(ROWS_B);
        assertThat(Files.isSymbolicLink(out.resolve(COPY))).isFalse();
        assertThat(liveRows(COPY)).isEqualTo(ROWS_A);
        assertThat(out.resolve(".trash")).isEmptyDirectory();

        // run C publishes both: both are the set's now
        publish(store(), "C", versionB(), TABLE, COPY);
        assertThat(Files.isSymbolicLink(out.resolve(COPY))).isTrue();
        assertThat(liveRows(COPY)).isEqualTo(ROWS_B);
    }

    private void perTablePublish(String run, String... tables) {
        TableStore store = perTable();
        for (String table : tables) {
            store.stage(versionA(), run, table, BY_AREA);
            store.publish(run, table);
        }
    }

    @Test
    void a_crash_between_writing_and_swapping_leaves_the_old_table_whole_and_the_next_run_removes_the_staging() {
        publishA();
        // run B stages its table and the process dies before publish() is called
        store().stage(versionB(), "B", TABLE, BY_AREA);

        // a reader, or the next process, sees run A's table exactly: no row of B, nothing missing
        assertThat(liveRows()).isEqualTo(ROWS_A);

        // the next run (C) tidies up: B's staging folder goes, A's table stays
        store().recover("C");
        assertThat(out.resolve(".staging/B")).doesNotExist();
        assertThat(liveRows()).isEqualTo(ROWS_A);
    }

    @Test
    void without_symlinks_a_crash_between_the_two_renames_parks_the_old_table_whole_and_the_next_run_puts_it_back() {
        perTablePublish("A", TABLE);
        TableStore dying = dyingBetweenRenames("kill -9 while swapping " + TABLE);
        dying.stage(versionB(), "B", TABLE, BY_AREA);
        assertThatThrownBy(() -> dying.publish("B", TABLE)).hasMessageContaining("kill -9");

        // at the moment of the crash: no live folder (never a mix), run A's table complete in .trash
        assertThat(out.resolve(TABLE)).doesNotExist();
        Path parked = out.resolve(".trash").resolve(TableStore.parkedName(TABLE, "B"));
        assertThat(parked.resolve("_SUCCESS")).exists();
        assertThat(spark().read().parquet(parked.toString()).count()).isEqualTo(3);

        // the next run (C) starts with recover(): A's table is back, readable and complete
        perTable().recover("C");
        assertThat(liveRows()).isEqualTo(ROWS_A);
        assertThat(out.resolve(".trash")).isEmptyDirectory();
        assertThat(out.resolve(".staging/B")).doesNotExist();
    }

    @Test
    void without_symlinks_a_restart_of_the_crashed_run_finishes_the_swap() {
        perTablePublish("A", TABLE);
        TableStore dying = dyingBetweenRenames("kill -9");
        dying.stage(versionB(), "B", TABLE, BY_AREA);
        assertThatThrownBy(() -> dying.publish("B", TABLE)).isInstanceOf(IllegalStateException.class);

        // restart of run B in a new process: its publish step stages again and swaps
        TableStore restarted = perTable();
        restarted.stage(versionB(), "B", TABLE, BY_AREA);
        restarted.publish("B", TABLE);
        assertThat(liveRows()).isEqualTo(ROWS_B);
        assertThat(out.resolve(".trash")).isEmptyDirectory();
    }

    @Test
    void without_symlinks_a_crash_after_the_swap_but_before_the_old_table_is_deleted_keeps_the_new_table() {
        perTablePublish("A", TABLE);
        TableStore store = perTable();
        store.stage(versionB(), "B", TABLE, BY_AREA);
        store.publish("B", TABLE);
        // as if the process died just before deleting the parked copy: put a stale copy of A back in .trash
        publishAInto(out.resolve(".trash").resolve(TableStore.parkedName(TABLE, "B")));

        // publishing again (a restart) is a no-op, and recover() drops the stale copy, not the live table
        perTable().publish("B", TABLE);
        perTable().recover("C");
        assertThat(liveRows()).isEqualTo(ROWS_B);
        assertThat(out.resolve(".trash")).isEmptyDirectory();
    }

    private void publishAInto(Path folder) {
        versionA().write().partitionBy("unitary_area").parquet(folder.toString());
    }

    @Test
    void a_table_never_staged_cannot_be_published() {
        assertThatThrownBy(() -> store().publish("B", TABLE)).hasMessageContaining("never staged");
        assertThatThrownBy(() -> perTable().publish("B", TABLE)).hasMessageContaining("never staged");
    }

    @Test
    void tables_and_the_manifest_are_readable_by_owner_and_group_only() throws IOException {
        // the test JVM runs with the usual umask 022: without the session's umask 007 the
        // folders would be drwxr-xr-x and the files -rw-r--r--
        publishA();
        // B publishes only the copy: TABLE is carried over into its set
        TableStore store = store();
        publish(store, "B", versionB(), COPY);
        ManifestFiles.write(store.fileSystem(), store.root(), new RunManifest("B", "2022-04-01", "COMPLETED", null,
                null, null, null, null, null, null, true, null, List.of(), List.of(),
                List.of(new RunManifest.Output(TABLE, 4))));

        List<String> open = worldAccessible(tmp);
        assertThat(open).as("paths that others can read, write or enter").isEmpty();
        // and there is something to check: tables, partitions, parquet files, the manifest
        try (Stream<Path> all = Files.walk(out)) {
            assertThat(all.map(p -> out.relativize(p).toString().replace('\\', '/')).toList())
                    .contains(".sets/B/" + TABLE + "/unitary_area=E06000061", ".sets/B/" + COPY + "/_SUCCESS",
                            ".sets/A/" + COPY + "/_SUCCESS", "runs/B/manifest.json", ".staging", ".sets/current",
                            TABLE, COPY)
                    .anyMatch(p -> p.startsWith(".sets/B/" + TABLE + "/unitary_area=E06000062/part-")
                            && p.endsWith(".parquet"));
        }
        assertThat(Files.getPosixFilePermissions(out.resolve("runs/B/manifest.json")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE);
    }

    /** Every path under {@code root} (root excluded: JUnit made it) with any permission for others. */
    static List<String> worldAccessible(Path root) throws IOException {
        Set<PosixFilePermission> others = Set.of(PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                var perms = Files.getPosixFilePermissions(p);
                if (perms.stream().anyMatch(others::contains)) {
                    open.add(root.relativize(p) + " " + java.nio.file.attribute.PosixFilePermissions.toString(perms));
                }
            }
        }
        return open;
    }
}
