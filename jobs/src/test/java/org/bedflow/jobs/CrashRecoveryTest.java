package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.jobs.testing.OutputFingerprints;
import org.bedflow.jobs.testing.PauseInPublish;
import org.bedflow.jobs.testing.PauseInStep;
import org.bedflow.jobs.testing.SampleCopies;
import org.bedflow.jobs.testing.SampleIdentifiers;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * docs/operations.md "Restart and re-run", with real processes: a run of the sample in a
 * child JVM is killed with SIGKILL in the middle of a named step (measure). While it is
 * running, a second run, a restart and a scheduled launch on the same output folder all exit
 * with code 4. After the kill nothing half-done is published, {@code restart} finishes the
 * job without redoing the completed steps, and its outputs equal those of an uninterrupted
 * {@code run --rerun} of the same input. Every execution logged to its own file under
 * {@code runs/<run_id>/}, and no log, manifest or terminal line names a person or shows the key.
 * Then a run killed in the middle of publish, some of its tables in and some not: a reader
 * polling the public paths throughout sees one complete set of one run at every poll, and
 * the restart publishes the outputs of an uninterrupted run (docs/architecture.md, "Publishing").
 */
class CrashRecoveryTest {

    static final List<String> TABLES = List.of("rejects", "linked_spells", "delayed_discharge_monthly",
            "delayed_discharge_breakdown", "inpatient_snapshot", "indicators", "published/delayed_discharge_monthly",
            "published/indicators");

    static final String KEY = "crash-test-key-0123456789abcdef";

    @TempDir
    Path tmp;

    private final List<Path> terminals = new ArrayList<>();

    private Process bedflow(Path log, List<String> jvmProps, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the same module options the test JVM runs with (Spark's --add-opens list)
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized")
                        || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty"))
                .forEach(cmd::add);
        cmd.add("-Xmx1g");
        cmd.addAll(jvmProps);
        cmd.add("-cp");
        cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        cmd.add(BedflowCli.class.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("BEDFLOW_DB_URL", "jdbc:h2:file:" + tmp.resolve("repo/jobs") + ";AUTO_SERVER=TRUE");
        env.put("BEDFLOW_DB_USER", "sa");
        env.put("BEDFLOW_PSEUDONYM_KEY", KEY);
        env.put("BEDFLOW_LOG_FILE", tmp.resolve("bedflow.log").toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        terminals.add(log);
        return pb.start();
    }

    /** Runs bedflow in a child process to the end; returns its exit code and prints what it printed. */
    private int bedflow(String step, String... args) throws Exception {
        Path log = tmp.resolve(terminals.size() + 1 + "-" + step.replaceAll("\\W+", "-") + ".txt");
        long t0 = System.nanoTime();
        Process p = bedflow(log, List.of(), args);
        // generous: the machine may be shared, and a hung process must still end the test
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("process finished; output:%n%s", read(log)).isTrue();
        say("$ bedflow " + String.join(" ", args).replace(tmp.toString(), "$TMP"));
        read(log).lines().forEach(l -> say("  | " + l.replace(tmp.toString(), "$TMP")));
        say(String.format("  exit code %d after %.1f s", p.exitValue(), (System.nanoTime() - t0) / 1e9));
        return p.exitValue();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (Exception e) {
            return "(no output)";
        }
    }

    private static void say(String line) {
        System.out.println("[crash-recovery] " + line);
    }

    @Test
    void a_run_killed_in_the_middle_of_measure_is_finished_by_restart_with_the_outputs_of_an_uninterrupted_run()
            throws Exception {
        Path input = SampleCopies.smaller(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        String[] run = {"run", "--input", input.toString(), "--run-date", "2025-04-01", "--output", out.toString()};

        // given a run that is paused inside the measure step (fault injection)
        say("1. a run of the sample, held inside the measure step");
        Path log1 = tmp.resolve("1-killed.txt");
        long t0 = System.nanoTime();
        Process victim = bedflow(log1, List.of("-D" + PauseInStep.PROPERTY + "=measure"), run);
        Path marker = out.resolve(".paused-measure");
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        while (!Files.exists(marker) && victim.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(marker).as("the run reached measure; output:%n%s", read(log1)).exists();
        read(log1).lines().forEach(l -> say("  | " + l.replace(tmp.toString(), "$TMP")));
        say(String.format("  pid %d is inside measure after %.1f s", victim.pid(), (System.nanoTime() - t0) / 1e9));

        // while it runs, nothing else may write to its output folder: exit code 4
        say("2. while it runs, on the same output folder:");
        assertThat(bedflow("second-run", "run", "--input", input.toString(), "--run-date", "2025-04-02", "--output",
                out.toString())).isEqualTo(ExitCodes.ALREADY_RUNNING);
        assertThat(bedflow("restart-while-running", "restart")).isEqualTo(ExitCodes.ALREADY_RUNNING);
        assertThat(bedflow("schedule-while-running", "schedule", "--cron", "* * * * * *", "--input", input.toString(),
                "--output", out.toString(), "--max-runs", "1")).isZero();
        assertThat(read(terminals.get(terminals.size() - 1))).contains("launching run 1", "ended with exit code 4");
        assertThat(bedflow("history-while-running", "history")).isZero();
        assertThat(read(terminals.get(terminals.size() - 1))).contains("STARTED", "(in measure)");

        // when it is killed with SIGKILL
        victim.destroyForcibly();   // SIGKILL on Linux and macOS
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        say("3. kill -9 " + victim.pid() + ": exit value " + victim.exitValue());
        Files.deleteIfExists(marker);
        assertThat(out.resolve("delayed_discharge_monthly")).as("nothing was published before the crash").doesNotExist();

        // then restart finishes the job, resuming at measure: validate and link are not redone
        say("4. restart");
        assertThat(bedflow("restart", "restart")).isZero();
        String restartOut = read(terminals.get(terminals.size() - 1));
        assertThat(restartOut).contains("restarting execution 1", "measure   COMPLETED", "publish   COMPLETED")
                .doesNotContain("validate  ...").doesNotContain("link      ...");
        long restartId = executionId(restartOut);
        assertThat(bedflow("history", "history")).isZero();
        String history = read(terminals.get(terminals.size() - 1));
        assertThat(history.lines().filter(l -> l.startsWith("1 "))).singleElement().asString()
                .contains("FAILED", "measure");
        assertThat(history.lines().filter(l -> l.startsWith(restartId + " "))).singleElement().asString()
                .contains("COMPLETED");

        // and an uninterrupted run of the same input (a deliberate re-run) gives the same outputs
        Path restarted = tmp.resolve("restarted");
        for (String table : TABLES) {
            Files.createDirectories(restarted.resolve(table).getParent());
            FileSystemUtils.copyRecursively(out.resolve(table), restarted.resolve(table));
        }
        say("5. the same night again, uninterrupted: run --rerun");
        assertThat(bedflow("rerun", concat(run, "--rerun"))).isZero();
        String rerunOut = read(terminals.get(terminals.size() - 1));
        assertThat(rerunOut).contains("validate  COMPLETED", "link      COMPLETED", "measure   COMPLETED",
                "publish   COMPLETED");
        long rerunId = executionId(rerunOut);

        SparkSession spark = SharedSpark.session();
        say("6. restarted outputs vs uninterrupted re-run (rows, ignoring run_id):");
        for (String table : TABLES) {
            Dataset<Row> a = spark.read().parquet(restarted.resolve(table).toString());
            Dataset<Row> b = spark.read().parquet(out.resolve(table).toString());
            assertThat(a.select("run_id").distinct().count()).as(table + ": one run id").isOne();
            assertThat(a.select("run_id").first()).as(table + ": the re-run wrote its own tables")
                    .isNotEqualTo(b.select("run_id").first());
            long onlyRestarted = a.drop("run_id").exceptAll(b.drop("run_id")).count();
            long onlyRerun = b.drop("run_id").exceptAll(a.drop("run_id")).count();
            say(String.format("  %-40s %,8d rows restarted, %,8d rows re-run, %d differ", table, a.count(), b.count(),
                    onlyRestarted + onlyRerun));
            assertThat(a.count()).as(table).isEqualTo(b.count()).isPositive();
            assertThat(onlyRestarted).as(table + ": rows only in the restarted run").isZero();
            assertThat(onlyRerun).as(table + ": rows only in the re-run").isZero();
        }
        assertThat(new File(out.toFile(), ".staging")).as("no staging left behind").satisfiesAnyOf(
                f -> assertThat(f).doesNotExist(), f -> assertThat(f.list()).isEmpty());

        // and every execution has its own log under runs/<run_id>/, the killed one ending inside measure
        say("7. logs");
        List<Path> logs;
        try (Stream<Path> files = Files.walk(out.resolve("runs"))) {
            logs = files.filter(p -> p.getFileName().toString().matches("execution-\\d+\\.log")).sorted().toList();
        }
        logs.forEach(l -> say("  " + out.relativize(l) + " (" + l.toFile().length() + " bytes)"));
        assertThat(logs).extracting(l -> l.getFileName().toString()).containsExactlyInAnyOrder("execution-1.log",
                "execution-" + restartId + ".log", "execution-" + rerunId + ".log");
        Path killedLog = logs.stream().filter(l -> l.endsWith("execution-1.log")).findFirst().orElseThrow();
        Path restartLog = logs.stream().filter(l -> l.endsWith("execution-" + restartId + ".log")).findFirst().orElseThrow();
        assertThat(restartLog.getParent()).as("the restart logs next to the execution it resumed")
                .isEqualTo(killedLog.getParent());
        assertThat(Files.readString(restartLog)).contains("step measure COMPLETED", "step publish COMPLETED")
                .doesNotContain("step link").doesNotContain("step validate");
        assertThat(Files.readString(killedLog)).contains("step link COMPLETED", "step measure started")
                .doesNotContain("step measure COMPLETED");

        // and no log, manifest or terminal output names a person or shows the key
        List<Path> checked = new ArrayList<>(List.of(out.resolve("runs"), tmp.resolve("bedflow.log")));
        checked.addAll(terminals);
        int files = SampleIdentifiers.assertNoneIn(checked, KEY);
        say("  no NHS number (" + SampleIdentifiers.nhsNumbers().size() + " in the sample), council person id ("
                + SampleIdentifiers.personIds().size() + ") or the key in " + files
                + " files: execution logs, manifests, the process log and every terminal output");

        killedInPublish(run, out, spark);
    }

    /** One look at the output folder through the public paths, as a reader sees it. */
    record Poll(String phase, String pointerBefore, String pointerAfter, Set<String> runIds, List<String> missing,
                String error) {

        /** judged only when no switch happened while it read */
        boolean judged() {
            return pointerBefore.equals(pointerAfter);
        }
    }

    /**
     * A re-run killed with SIGKILL inside publish after 3 of its tables moved into its set,
     * while a reader polls every table through {@code <output>/<table>}; then restarted.
     */
    private void killedInPublish(String[] run, Path out, SparkSession spark) throws Exception {
        String before = pointer(out);
        say("8. the same night again, held inside publish after 3 of its tables are in; readers poll the tables");
        List<Poll> polls = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicReference<String> phase = new java.util.concurrent.atomic.AtomicReference<>(
                "running");
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                // from the pause on: while the run computes, polls would only take its CPU
                if (!phase.get().equals("running")) {
                    polls.add(poll(spark, out, phase.get()));
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "reader");
        reader.start();
        try {
            Path log = tmp.resolve(terminals.size() + 1 + "-killed-in-publish.txt");
            Process victim = bedflow(log, List.of("-Dspark.hadoop.fs.file.impl=" + PauseInPublish.class.getName(),
                    "-D" + PauseInPublish.PROPERTY + "=3"), concat(run, "--rerun"));
            Path marker = out.resolve(".paused-publish");
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!Files.exists(marker) && victim.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(marker).as("the run reached publish; output:%n%s", read(log)).exists();
            phase.set("paused in publish");
            awaitPolls(polls, "paused in publish");

            victim.destroyForcibly();
            assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Files.deleteIfExists(marker);
            phase.set("killed");
            List<String> staged;
            try (Stream<Path> runs = Files.list(out.resolve(".staging"))) {
                staged = runs.map(p -> p.getFileName().toString()).toList();
            }
            assertThat(staged).singleElement().isNotEqualTo(before);
            String killed = staged.get(0);
            say("  kill -9 " + victim.pid() + " in publish of run " + killed + "; tables in its set: "
                    + tablesUnder(out.resolve(".sets").resolve(killed)));
            assertThat(tablesUnder(out.resolve(".sets").resolve(killed))).as("some tables in").hasSize(3);
            assertThat(pointer(out)).as("readers still on the previous set").isEqualTo(before);
            awaitPolls(polls, "killed");

            phase.set("restart");
            assertThat(bedflow("restart-publish", "restart")).isZero();
            String restartOut = read(terminals.get(terminals.size() - 1));
            assertThat(restartOut).contains("publish   COMPLETED").doesNotContain("validate  ...")
                    .doesNotContain("link      ...").doesNotContain("measure   ...");
            phase.set("after restart");
            awaitPolls(polls, "after restart");
            assertThat(pointer(out)).isEqualTo(killed);
        } finally {
            stop.set(true);
            reader.join(TimeUnit.MINUTES.toMillis(5));
        }

        List<Poll> judged = polls.stream().filter(Poll::judged).toList();
        say(String.format("  %d polls, %d judged (no switch while reading):", polls.size(), judged.size()));
        for (String p : List.of("paused in publish", "killed", "restart", "after restart")) {
            say(String.format("    %-18s %s", p, judged.stream().filter(q -> q.phase().equals(p))
                    .map(q -> q.error() != null ? "error" : String.join("+", q.runIds())).distinct().toList()));
        }
        assertThat(judged).allSatisfy(q -> {
            assertThat(q.error()).as("poll in phase %s", q.phase()).isNull();
            assertThat(q.missing()).as("tables missing in phase %s", q.phase()).isEmpty();
            assertThat(q.runIds()).as("run ids of the rows in phase %s", q.phase()).containsExactly(q.pointerBefore());
        });
        assertThat(judged).filteredOn(q -> q.phase().equals("killed")).isNotEmpty()
                .allSatisfy(q -> assertThat(q.runIds()).containsExactly(before));
        assertThat(judged).filteredOn(q -> q.phase().equals("after restart")).isNotEmpty()
                .allSatisfy(q -> assertThat(q.runIds()).doesNotContain(before));

        // the restarted publish gives what the uninterrupted re-run gave (kept as the previous set)
        Map<String, String> restarted = OutputFingerprints.of(spark, out);
        Map<String, String> uninterrupted = OutputFingerprints.of(spark, out.resolve(".sets").resolve(before));
        assertThat(restarted).isEqualTo(uninterrupted);
        say("  restarted outputs equal the uninterrupted run's, all " + restarted.size() + " tables");
        try (Stream<Path> sets = Files.list(out.resolve(".sets"))) {
            assertThat(sets.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
                    .as("the new set, the one it replaced, and the pointers to them")
                    .containsExactlyInAnyOrder(before, pointer(out), "current", "previous");
        }
    }

    /** Waits until the reader judged at least two polls in {@code phase}. */
    private static void awaitPolls(List<Poll> polls, String phase) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && polls.stream().filter(q -> q.phase().equals(phase) && q.judged())
                .count() < 2) {
            Thread.sleep(100);
        }
    }

    /**
     * A reader as a commissioner's is: DuckDB over {@code <output>/<table>/**}/*.parquet, a fresh
     * listing every time (a long-lived Spark session caches file listings, and would need a refresh).
     */
    private static Poll poll(SparkSession spark, Path out, String phase) {
        String before = pointer(out);
        Set<String> runIds = new java.util.TreeSet<>();
        List<String> missing = new ArrayList<>();
        String error = null;
        try (java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = duck.createStatement()) {
            for (String table : OutputFingerprints.TABLES) {
                if (!Files.exists(out.resolve(table))) {
                    missing.add(table);
                    continue;
                }
                try (java.sql.ResultSet rs = st.executeQuery("select distinct run_id from read_parquet('"
                        + out.resolve(table) + "/**/*.parquet', hive_partitioning = true)")) {
                    while (rs.next()) {
                        runIds.add(rs.getString(1));
                    }
                }
            }
        } catch (Exception e) {
            // a file gone because the set switched while this poll read is the documented limit (not judged)
            error = e.getClass().getSimpleName();
        }
        return new Poll(phase, before, pointer(out), runIds, missing, error);
    }

    /** The run whose set readers see now: where {@code .sets/current} points. */
    private static String pointer(Path out) {
        try {
            return Files.readSymbolicLink(out.resolve(".sets/current")).toString();
        } catch (Exception e) {
            return "(none)";
        }
    }

    private static List<String> tablesUnder(Path set) throws Exception {
        try (Stream<Path> all = Files.walk(set)) {
            return all.filter(p -> p.getFileName().toString().equals("_SUCCESS"))
                    .map(p -> set.relativize(p.getParent()).toString()).sorted().toList();
        }
    }

    /** The execution id in a run's first line: "bedflow nightly: run ... (execution N), run date ..." */
    private static long executionId(String output) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(execution (\\d+)\\)").matcher(output);
        assertThat(m.find()).as("an execution id in%n%s", output).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String[] concat(String[] a, String b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }
}
