package org.bedflow.pipeline.link;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The secret behind person keys: BEDFLOW_PSEUDONYM_KEY (the key text) or
 * BEDFLOW_PSEUDONYM_KEY_FILE (a file whose content is the key: text with its trailing newline
 * trimmed, or raw bytes, e.g. 32 bytes from {@code openssl rand 32}). At least 16 bytes, not
 * blank and not a few characters repeated: a key anyone could guess makes person keys
 * reversible by trying every NHS number (docs/operations.md, "The pseudonymisation key").
 * {@code toString} never shows the key.
 */
public final class PseudonymKey implements Serializable {

    public static final String ENV_KEY = "BEDFLOW_PSEUDONYM_KEY";
    public static final String ENV_KEY_FILE = "BEDFLOW_PSEUDONYM_KEY_FILE";
    /** Fixed and public: only for the demo and generated data, which hold no real people. */
    static final String DEMO_KEY = "bedflow-demo-key-NOT-SECRET-do-not-use-for-real-data";

    private final byte[] bytes;
    private final String source;

    /** Shortest key accepted, in bytes. */
    public static final int MIN_BYTES = 16;
    /** Fewest different byte values a key may have: 16 spaces, or "abababab...", is no secret. */
    static final int MIN_DISTINCT = 8;
    static final String HOW_TO_MAKE = "make one with: openssl rand -base64 32";

    private PseudonymKey(byte[] bytes, String source) {
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("the pseudonymisation key from " + source + " is too short ("
                    + bytes.length + " bytes): use at least " + MIN_BYTES + " bytes (32 random bytes recommended; "
                    + HOW_TO_MAKE + ")");
        }
        if (new String(bytes, StandardCharsets.ISO_8859_1).isBlank()) {
            throw new IllegalArgumentException("the pseudonymisation key from " + source + " is blank; " + HOW_TO_MAKE);
        }
        long distinct = IntStream.range(0, bytes.length).map(i -> bytes[i]).distinct().count();
        if (distinct < MIN_DISTINCT) {
            throw new IllegalArgumentException("the pseudonymisation key from " + source + " is too simple (only "
                    + distinct + " different characters; at least " + MIN_DISTINCT + " are needed): " + HOW_TO_MAKE);
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
            return fromFile(Path.of(file));
        }
        return null;
    }

    /**
     * The key in {@code file}: its text without trailing white space when it is UTF-8 text (as
     * {@code openssl rand -base64 32 > key} writes it), else its bytes as they are.
     */
    static PseudonymKey fromFile(Path file) {
        String source = ENV_KEY_FILE + " (" + file + ")";
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("the pseudonymisation key file " + file + " (named by " + ENV_KEY_FILE
                    + ") does not exist");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("the pseudonymisation key file " + file + " (named by " + ENV_KEY_FILE
                    + ") cannot be read by this user");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pseudonymisation key file " + file + " (named by "
                    + ENV_KEY_FILE + "): " + e.getMessage(), e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
            return of(text.stripTrailing(), source);
        } catch (CharacterCodingException binary) {
            return new PseudonymKey(content, source);
        }
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
