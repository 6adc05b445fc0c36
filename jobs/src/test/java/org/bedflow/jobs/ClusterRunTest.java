package org.bedflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.jobs.testing.BedflowProcess;
import org.bedflow.jobs.testing.SampleCopies;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README "Running on a Spark cluster": the same job, unchanged, on a real Spark standalone cluster —
 * a master and a worker started on 127.0.0.1 from the Maven jars (a throwaway SPARK_HOME
 * whose {@code jars/} is the runtime classpath, bedflow's own modules left out so that the
 * driver must ship them to the executors itself) — gives the outputs of a local-mode run.
 */
class ClusterRunTest {

    @TempDir
    Path tmp;

    private final List<Process> cluster = new ArrayList<>();

    @AfterEach
    void stopCluster() {
        cluster.forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        cluster.forEach(Process::destroyForcibly);
    }

    @Test
    void the_job_on_a_standalone_cluster_gives_the_local_outputs() throws Exception {
        // given a standalone master and one worker (2 cores, executors in their own JVMs)
        Path sparkHome = sparkHome();
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1", "SPARK_LOG_DIR", tmp.resolve("logs").toString());
        cluster.add(daemon(env, tmp.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())));
        waitForPort(port);
        cluster.add(daemon(env, tmp.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--cores", "2", "--memory", "2g", "--webui-port", String.valueOf(freePort()),
                "--work-dir", tmp.resolve("worker").toString(), master));

        // when a night of the sample's make runs on the cluster and, for reference, in local mode
        Path input = SampleCopies.smaller(tmp.resolve("in"));
        String[] run = {"run", "--input", input.toString(), "--run-date", "2025-04-01"};
        Path onCluster = tmp.resolve("out-cluster");
        Path local = tmp.resolve("out-local");
        Path clusterLog = tmp.resolve("cluster-run.log");
        Process driver = BedflowProcess.start(tmp.resolve("home-cluster"), clusterLog,
                List.of("-Dbedflow.spark.conf.spark.executor.memory=1g", "-Dbedflow.spark.conf.spark.cores.max=2"),
                Map.of(), concat(run, "--output", onCluster.toString(), "--master", master));
        int clusterExit = BedflowProcess.finish(driver, clusterLog, 10);
        Path localLog = tmp.resolve("local-run.log");
        int localExit = BedflowProcess.finish(BedflowProcess.start(tmp.resolve("home-local"), localLog, List.of(), Map.of(),
                concat(run, "--output", local.toString(), "--master", "local[2]")), localLog, 10);

        // then both complete, the cluster run really used the cluster, and every table is the same
        assertThat(clusterExit).as(BedflowProcess.read(clusterLog) + BedflowProcess.read(tmp.resolve("worker.log"))).isZero();
        assertThat(localExit).as(BedflowProcess.read(localLog)).isZero();
        String manifest = Files.readString(Files.list(onCluster.resolve("runs")).findFirst().orElseThrow().resolve("manifest.json"));
        assertThat(manifest).contains("\"spark_master\" : \"" + master + "\"");
        assertThat(BedflowProcess.read(tmp.resolve("worker.log"))).contains("Asked to launch executor");

        SparkSession spark = SharedSpark.session();
        List<String> tables = tables(local);
        assertThat(tables).contains("rejects", "linked_spells", "delayed_discharge_monthly", "published/delayed_discharge_monthly");
        for (String table : tables) {
            Dataset<Row> a = spark.read().parquet(onCluster.resolve(table).toString()).drop("run_id");
            Dataset<Row> b = spark.read().parquet(local.resolve(table).toString()).drop("run_id");
            assertThat(a.count()).as(table + " rows").isEqualTo(b.count());
            List<Row> onlyCluster = a.exceptAll(b).limit(3).collectAsList();
            List<Row> onlyLocal = b.exceptAll(a).limit(3).collectAsList();
            assertThat(onlyCluster).as(table + ": rows only in the cluster run (local has %s)", onlyLocal).isEmpty();
        }
    }

    /** table folders of an output: those with data files, two levels deep for published/ */
    private static List<String> tables(Path out) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> top = Files.list(out)) {
            for (Path t : top.sorted().toList()) {
                String n = t.getFileName().toString();
                // runs/ (manifests, reports, kept figures) and feedback/ (CSV and xlsx per supplier) are not tables
                if (!Files.isDirectory(t) || n.startsWith(".") || n.equals("runs") || n.equals("feedback")) {
                    continue;
                }
                if (n.equals("published")) {
                    try (Stream<Path> pub = Files.list(t)) {
                        pub.sorted().forEach(p -> names.add("published/" + p.getFileName()));
                    }
                } else {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /** RELEASE and jars/: the runtime classpath's jars, without bedflow's own modules. */
    private Path sparkHome() throws IOException {
        Path home = tmp.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.writeString(home.resolve("RELEASE"), "Spark from the Maven jars of the bedflow build\n");
        for (String entry : BedflowProcess.testClassPath().split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            if (name.endsWith(".jar") && !name.startsWith("bedflow-") && Files.isRegularFile(p)
                    && !Files.exists(jars.resolve(name))) {
                Files.createSymbolicLink(jars.resolve(name), p);
            }
        }
        return home;
    }

    private Process daemon(Map<String, String> env, Path log, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(BedflowProcess.java()));
        cmd.addAll(BedflowProcess.moduleOptions());
        cmd.addAll(List.of("-Xmx512m", "-cp", tmp.resolve("spark-home/jars") + "/*", mainClass));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Spark master did not start on port " + port);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
