package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.bedflow.pipeline.schema.columns.ApcAdmissionsColumns.NHS_NUMBER;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.PERSON_KEY;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * Pseudonymisation (docs/measures.md, "Person key"): {@code person_key} = hex HMAC-SHA256(key,
 * normalised 10-digit NHS number). The same person gets the same key in hospital and social
 * care data; without the key the NHS number cannot be recovered, and another key gives
 * unlinkable keys. The key travels to executors inside the function, never as a literal in
 * a query plan (plans are shown in the Spark UI and logs).
 */
public final class PersonKeys {

    /** Mac objects are not thread-safe and costly to create: one per thread, re-keyed when the key changes. */
    private static final ThreadLocal<Mac> MAC = new ThreadLocal<>();
    private static final ThreadLocal<byte[]> MAC_KEY = new ThreadLocal<>();

    private PersonKeys() {
    }

    /** hex HMAC-SHA256 of {@code nhsNumber} (already normalised to 10 digits); null for null. */
    public static String personKey(byte[] key, String nhsNumber) {
        if (nhsNumber == null) {
            return null;
        }
        try {
            Mac mac = MAC.get();
            if (mac == null || !Arrays.equals(MAC_KEY.get(), key)) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                MAC.set(mac);
                MAC_KEY.set(key.clone());
            }
            return HexFormat.of().formatHex(mac.doFinal(nhsNumber.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Registers the keyed function under a per-call name and returns its column expression. */
    public static Column personKey(SparkSession spark, PseudonymKey key, Column nhsNumber) {
        String name = "bedflow_person_key";
        byte[] bytes = key.bytes();
        UDF1<String, String> fn = nhs -> personKey(bytes, nhs);
        spark.udf().register(name, fn, DataTypes.StringType);
        return callUDF(name, nhsNumber);
    }

    /** Replaces {@code nhs_number} by {@code person_key}. */
    public static Dataset<Row> pseudonymise(SparkSession spark, PseudonymKey key, Dataset<Row> rows) {
        return rows.withColumn(PERSON_KEY, personKey(spark, key, col(NHS_NUMBER))).drop(NHS_NUMBER);
    }
}
