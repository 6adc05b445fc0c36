package org.bedflow.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where a bedflow run spends its time, from Spark's event log (bench/run.sh with
 * BENCH_EVENTLOG=1 runs the job with {@code -Dspark.eventLog.enabled=true}): how many SQL
 * executions, jobs, stages and tasks a run makes, how much of the wall time is inside tasks
 * (row work) and how much only on the driver (planning, code generation, scheduling, file
 * commits), and the slowest queries by the bedflow source line that started them.
 *
 * <p>Usage: {@code SparkEventLogSummary EVENT_LOG_FILE [TOP]} (uncompressed JSON lines).
 */
public final class SparkEventLogSummary {

    private static final Pattern BEDFLOW_FRAME = Pattern.compile("org\\.bedflow\\.[\\w.$]+\\([\\w.]+:\\d+\\)");

    private SparkEventLogSummary() {
    }

    static final class Execution {
        long id;
        long start;
        long end;
        String site = "?";
        String description = "";
        int jobs;
        int tasks;
        double taskSeconds;
        double taskCpuSeconds;
    }

    static final class Task {
        double runSeconds;
        double cpuSeconds;
        double gcSeconds;
        long spilled;
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        ObjectMapper json = new ObjectMapper();
        Map<Long, Execution> executions = new LinkedHashMap<>();
        Map<Integer, Long> stageToExecution = new HashMap<>();
        Map<Integer, Long> jobToExecution = new HashMap<>();
        List<long[]> jobSpans = new ArrayList<>();
        Map<Integer, Long> jobStart = new HashMap<>();
        long appStart = Long.MAX_VALUE;
        long appEnd = 0;
        int jobs = 0;
        int stages = 0;
        int tasks = 0;
        Task total = new Task();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode e = json.readTree(line);
                String event = e.path("Event").asText();
                switch (event) {
                    case "SparkListenerApplicationStart" -> appStart = Math.min(appStart, e.path("Timestamp").asLong());
                    case "SparkListenerApplicationEnd" -> appEnd = Math.max(appEnd, e.path("Timestamp").asLong());
                    case "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart" -> {
                        Execution x = new Execution();
                        x.id = e.path("executionId").asLong();
                        x.start = e.path("time").asLong();
                        x.description = e.path("description").asText();
                        Matcher m = BEDFLOW_FRAME.matcher(e.path("details").asText());
                        if (m.find()) {
                            x.site = m.group();
                        }
                        executions.put(x.id, x);
                    }
                    case "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd" -> {
                        Execution x = executions.get(e.path("executionId").asLong());
                        if (x != null) {
                            x.end = e.path("time").asLong();
                        }
                        appEnd = Math.max(appEnd, e.path("time").asLong());
                    }
                    case "SparkListenerJobStart" -> {
                        jobs++;
                        int job = e.path("Job ID").asInt();
                        jobStart.put(job, e.path("Submission Time").asLong());
                        String exec = e.path("Properties").path("spark.sql.execution.id").asText("");
                        if (!exec.isEmpty()) {
                            long id = Long.parseLong(exec);
                            jobToExecution.put(job, id);
                            for (JsonNode s : e.path("Stage IDs")) {
                                stageToExecution.put(s.asInt(), id);
                            }
                            Execution x = executions.get(id);
                            if (x != null) {
                                x.jobs++;
                            }
                        }
                    }
                    case "SparkListenerJobEnd" -> {
                        Long s = jobStart.get(e.path("Job ID").asInt());
                        if (s != null) {
                            jobSpans.add(new long[] {s, e.path("Completion Time").asLong()});
                        }
                    }
                    case "SparkListenerStageCompleted" -> stages++;
                    case "SparkListenerTaskEnd" -> {
                        tasks++;
                        JsonNode m = e.path("Task Metrics");
                        double run = m.path("Executor Run Time").asLong() / 1e3;
                        double cpu = m.path("Executor CPU Time").asLong() / 1e9;
                        total.runSeconds += run;
                        total.cpuSeconds += cpu;
                        total.gcSeconds += m.path("JVM GC Time").asLong() / 1e3;
                        total.spilled += m.path("Disk Bytes Spilled").asLong();
                        Long id = stageToExecution.get(e.path("Stage ID").asInt());
                        Execution x = id == null ? null : executions.get(id);
                        if (x != null) {
                            x.tasks++;
                            x.taskSeconds += run;
                            x.taskCpuSeconds += cpu;
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        double wall = (appEnd - appStart) / 1e3;
        double inJobs = union(jobSpans) / 1e3;
        double inExecutions = union(executions.values().stream().filter(x -> x.end > 0)
                .map(x -> new long[] {x.start, x.end}).toList()) / 1e3;
        System.out.printf(Locale.ROOT, "Spark application: %.1f s from SparkContext start to stop%n", wall);
        System.out.printf(Locale.ROOT, "SQL executions %d, jobs %d, stages %d, tasks %d%n", executions.size(), jobs, stages, tasks);
        System.out.printf(Locale.ROOT, "time with a SQL execution running: %.1f s; with a job running: %.1f s; "
                + "driver-only time inside executions (planning, codegen, commit): %.1f s%n", inExecutions, inJobs,
                inExecutions - inJobs);
        System.out.printf(Locale.ROOT, "task time %.1f s (CPU %.1f s, GC %.1f s), spilled to disk %,d MB%n",
                total.runSeconds, total.cpuSeconds, total.gcSeconds, total.spilled / (1 << 20));
        System.out.println();
        System.out.printf("slowest SQL executions (top %d):%n", top);
        System.out.println("   secs  jobs tasks task-s  cpu-s  started by / description");
        executions.values().stream().filter(x -> x.end > 0)
                .sorted(Comparator.comparingLong((Execution x) -> x.end - x.start).reversed()).limit(top)
                .forEach(x -> System.out.printf(Locale.ROOT, "%7.1f %5d %5d %6.1f %6.1f  %s  %s%n", (x.end - x.start) / 1e3,
                        x.jobs, x.tasks, x.taskSeconds, x.taskCpuSeconds, x.site, abbreviate(x.description)));
        System.out.println();
        System.out.println("by bedflow source line (all executions it started):");
        System.out.println("   secs count task-s  cpu-s  site");
        Map<String, double[]> bySite = new LinkedHashMap<>();
        for (Execution x : executions.values()) {
            if (x.end == 0) {
                continue;
            }
            double[] a = bySite.computeIfAbsent(x.site, k -> new double[4]);
            a[0] += (x.end - x.start) / 1e3;
            a[1]++;
            a[2] += x.taskSeconds;
            a[3] += x.taskCpuSeconds;
        }
        bySite.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).limit(top)
                .forEach(en -> System.out.printf(Locale.ROOT, "%7.1f %5.0f %6.1f %6.1f  %s%n", en.getValue()[0],
                        en.getValue()[1], en.getValue()[2], en.getValue()[3], en.getKey()));
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 70 ? one.substring(0, 70) + "…" : one;
    }

    /** Total length of the union of [start, end] intervals (ms). */
    static long union(List<long[]> spans) {
        List<long[]> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingLong(a -> a[0]));
        long sum = 0;
        long curStart = -1;
        long curEnd = -1;
        for (long[] s : sorted) {
            if (s[0] > curEnd) {
                sum += curEnd - curStart;
                curStart = s[0];
                curEnd = s[1];
            } else {
                curEnd = Math.max(curEnd, s[1]);
            }
        }
        return sum + (curEnd - curStart);
    }
}
