package org.bedflow.pipeline.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StructField;

/**
 * Spark SQL over an output folder: every table folder is registered as a view under its
 * folder name ({@code delayed_discharge_monthly}), and the commissioners' copies under
 * {@code published_<name>}. Hive partition folders come back as columns.
 */
public final class OutputQuery {

    private OutputQuery() {
    }

    /** The view over the rejects a run kept in {@code runs/<run_id>/rejects/} (a failed or stopped run). */
    public static final String RUN_REJECTS = "run_rejects";

    /** Registers the views and returns their names, sorted. */
    public static List<String> registerViews(SparkSession spark, String outputDir) {
        return registerViews(spark, outputDir, null);
    }

    /**
     * Registers the views and returns their names, sorted. Also {@code run_rejects}: the rejects
     * kept in {@code runs/<run_id>/rejects/} by a run that a threshold stopped, of the run
     * {@code runId}, or (null) of the latest run that kept any. When the folder has no
     * published {@code rejects} table (the first run failed), {@code rejects} is that view too.
     *
     * @throws IllegalArgumentException when {@code runId} is given but kept no rejects
     */
    public static List<String> registerViews(SparkSession spark, String outputDir, String runId) {
        // views of an earlier output folder in the same session must not answer for this one
        spark.catalog().dropTempView(RUN_REJECTS);
        spark.catalog().dropTempView("rejects");
        List<String> names = registerTables(spark, outputDir);
        Path root = new Path(outputDir);
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Path kept = keptRejects(fs, new Path(root, "runs"), runId);
            if (kept == null && runId != null) {
                throw new IllegalArgumentException("run " + runId + " kept no rejects (no " + outputDir + "/runs/" + runId
                        + "/rejects/): only a run that a data quality threshold stopped keeps them there");
            }
            if (kept != null) {
                Dataset<Row> rows = spark.read().option("basePath", kept.toString()).parquet(kept.toString());
                rows.createOrReplaceTempView(RUN_REJECTS);
                names.add(RUN_REJECTS);
                if (!names.contains("rejects")) {
                    rows.createOrReplaceTempView("rejects");
                    names.add("rejects");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
    }

    /** runs/<runId>/rejects, or the most recently written runs/* /rejects; null when there is none. */
    private static Path keptRejects(FileSystem fs, Path runs, String runId) throws IOException {
        if (!fs.exists(runs)) {
            return null;
        }
        if (runId != null) {
            Path p = new Path(new Path(runs, runId), "rejects");
            return fs.exists(p) && fs.getFileStatus(p).isDirectory() ? p : null;
        }
        Path latest = null;
        long latestTime = Long.MIN_VALUE;
        for (FileStatus run : fs.listStatus(runs)) {
            Path p = new Path(run.getPath(), "rejects");
            if (run.isDirectory() && fs.exists(p)) {
                long t = fs.getFileStatus(p).getModificationTime();
                if (latest == null || t > latestTime || (t == latestTime && p.toString().compareTo(latest.toString()) > 0)) {
                    latest = p;
                    latestTime = t;
                }
            }
        }
        return latest;
    }

    private static List<String> registerTables(SparkSession spark, String outputDir) {
        List<String> names = new ArrayList<>();
        Path root = new Path(outputDir);
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(root)) {
                throw new IllegalArgumentException("output folder " + outputDir + " does not exist");
            }
            register(spark, fs, root, "", names);
            Path published = new Path(root, "published");
            if (fs.exists(published)) {
                register(spark, fs, published, "published_", names);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
    }

    private static void register(SparkSession spark, FileSystem fs, Path dir, String prefix, List<String> names)
            throws IOException {
        for (FileStatus s : fs.listStatus(dir)) {
            String name = s.getPath().getName();
            if (!s.isDirectory() || name.startsWith(".") || name.startsWith("_") || name.equals("runs")
                    || name.equals("published")) {
                continue;
            }
            if (!fs.exists(new Path(s.getPath(), "_SUCCESS")) && fs.globStatus(new Path(s.getPath(), "**/*.parquet")) == null) {
                continue;
            }
            spark.read().option("basePath", s.getPath().toString()).parquet(s.getPath().toString())
                    .createOrReplaceTempView(prefix + name);
            names.add(prefix + name);
        }
    }

    /**
     * Runs the query; a bad query or a missing table becomes an IllegalArgumentException
     * with a one-line message naming the views that exist.
     */
    public static Dataset<Row> run(SparkSession spark, String sql, List<String> views) {
        try {
            Dataset<Row> result = spark.sql(sql);
            result.schema(); // analysis happens here
            return result;
        } catch (Exception e) {
            if (e instanceof AnalysisException || e.getClass().getName().contains("ParseException")) {
                String msg = e.getMessage() == null ? e.toString() : e.getMessage();
                String first = msg.lines().findFirst().orElse(msg);
                String hint = first.toUpperCase(Locale.ROOT).contains("TABLE_OR_VIEW_NOT_FOUND")
                        ? " (tables: " + String.join(", ", views) + ")" : "";
                throw new IllegalArgumentException("bad query: " + printable(first) + hint, e);
            }
            throw e;
        }
    }

    /** The answer in the engine-neutral form {@link QueryFormat} prints: at most {@code limit} rows. */
    public static DuckDbQuery.Result result(Dataset<Row> result, int limit) {
        StructField[] fields = result.schema().fields();
        List<Integer> types = new ArrayList<>();
        for (StructField f : fields) {
            DataType t = f.dataType();
            types.add(t instanceof DoubleType ? Types.DOUBLE : t instanceof FloatType ? Types.FLOAT
                    : t instanceof DecimalType ? Types.DECIMAL : t instanceof LongType ? Types.BIGINT
                    : t instanceof IntegerType ? Types.INTEGER : t instanceof DateType ? Types.DATE : Types.VARCHAR);
        }
        List<Row> rows = result.limit(limit + 1).collectAsList();
        List<Object[]> values = new ArrayList<>();
        for (Row r : rows.subList(0, Math.min(rows.size(), limit))) {
            Object[] v = new Object[fields.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.isNullAt(i) ? null : r.get(i);
            }
            values.add(v);
        }
        return new DuckDbQuery.Result(Arrays.asList(result.columns()), types, values, rows.size() > limit);
    }

    /** {@code text} with every control character (C0, DEL, C1) written as a {@code \\uXXXX} escape. */
    public static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
