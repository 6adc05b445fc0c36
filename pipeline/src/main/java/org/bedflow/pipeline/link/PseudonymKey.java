package org.bedflow.pipeline.link;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The secret behind person keys: BEDFLOW_PSEUDONYM_KEY (the key text) or
 * BEDFLOW_PSEUDONYM_KEY_FILE (a file whose content, trailing newline trimmed, is the key).
 * {@code toString} never shows the key.
 */
public final class PseudonymKey implements Serializable {

    public static final String ENV_KEY = "BEDFLOW_PSEUDONYM_KEY";
    public static final String ENV_KEY_FILE = "BEDFLOW_PSEUDONYM_KEY_FILE";
    /** Fixed and public: only for the demo and generated data, which hold no real people. */
    static final String DEMO_KEY = "bedflow-demo-key-NOT-SECRET-do-not-use-for-real-data";

    private final byte[] bytes;
    private final String source;

    private PseudonymKey(byte[] bytes, String source) {
        if (bytes.length < 16) {
            throw new IllegalArgumentException("the pseudonymisation key from " + source
                    + " is too short: use at least 16 bytes (32 random bytes recommended)");
        }
        this.bytes = bytes.clone();
        this.source = source;
    }

    public static PseudonymKey demo() {
        return new PseudonymKey(DEMO_KEY.getBytes(StandardCharsets.UTF_8), "the built-in demo key");
    }

    public static PseudonymKey of(String text, String source) {
        return new PseudonymKey(text.getBytes(StandardCharsets.UTF_8), source);
    }

    /** The key from the environment, or null when neither variable is set. */
    public static PseudonymKey fromEnvironment(Map<String, String> env) {
        String text = env.get(ENV_KEY);
        if (text != null && !text.isEmpty()) {
            return of(text, ENV_KEY);
        }
        String file = env.get(ENV_KEY_FILE);
        if (file != null && !file.isEmpty()) {
            try {
                String content = Files.readString(Path.of(file), StandardCharsets.UTF_8).stripTrailing();
                return of(content, ENV_KEY_FILE + " (" + file + ")");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the pseudonymisation key file named by " + ENV_KEY_FILE, e);
            }
        }
        return null;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String source() {
        return source;
    }

    public boolean isDemo() {
        return source.equals("the built-in demo key");
    }

    @Override
    public String toString() {
        return "PseudonymKey[from " + source + "]";
    }
}
