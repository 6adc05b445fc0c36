package org.bedflow.jobs.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The golden-output check: one line per output table of a run (rows, columns with their
 * types, and a digest of its content) so a refactor can prove every table is unchanged,
 * and a deliberate change of a definition shows exactly which tables it moved.
 *
 * <p>The content digest ignores what differs between two runs of the same code on the same
 * input: the {@code run_id} column and the order of rows (the rows' digests are sorted).
 * Doubles are rounded to 9 decimal places, so a different order of summation on more
 * cores cannot change a digest.
 */
public final class OutputFingerprints {

    /** The tables of a nightly run, the commissioners' copies included. */
    public static final List<String> TABLES = List.of("rejects", "linked_spells", "delayed_discharge_monthly",
            "delayed_discharge_breakdown", "indicators", "inpatient_snapshot", "published/delayed_discharge_monthly",
            "published/delayed_discharge_breakdown", "published/indicators", "published/inpatient_snapshot");

    private OutputFingerprints() {
    }

    /** table -> "rows&lt;TAB&gt;columns&lt;TAB&gt;sha256" for every table of the output folder. */
    public static Map<String, String> of(SparkSession spark, Path outputDir) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String table : TABLES) {
            out.put(table, of(spark.read().parquet(outputDir.resolve(table).toString())));
        }
        return out;
    }

    static String of(Dataset<Row> table) {
        List<Column> cols = new ArrayList<>();
        List<String> described = new ArrayList<>();
        for (StructField f : table.schema().fields()) {
            described.add(f.name() + ":" + f.dataType().simpleString());
            if (f.name().equals("run_id")) {
                continue;
            }
            boolean floating = f.dataType().equals(DataTypes.DoubleType) || f.dataType().equals(DataTypes.FloatType);
            cols.add(floating ? round(col(f.name()), 9).as(f.name()) : col(f.name()));
        }
        List<String> digests = table.select(sha2(to_json(struct(cols.toArray(Column[]::new))), 256))
                .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
        return digests.size() + "\t" + String.join(",", described) + "\t" + sha256(String.join("\n", digests));
    }

    public static Map<String, String> read(Path file) {
        try {
            Map<String, String> out = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                out.put(line.substring(0, tab), line.substring(tab + 1));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, Map<String, String> fingerprints, String header) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, header + fingerprints.entrySet().stream()
                    .map(e -> e.getKey() + "\t" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
