package org.bedflow.jobs.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The last line of defence for docs/operations.md "Logs and privacy": no NHS number, council person id,
 * postcode or pseudonymisation key in any log line. bedflow never logs row values on
 * purpose; this masks whatever a library puts into a message or a stack trace anyway (for
 * example a Spark cast error quoting a value).
 */
public final class Redaction {

    /** 10 digits, or 3-3-4 separated by spaces or hyphens, not part of a longer number or word */
    private static final Pattern NHS_NUMBER = Pattern.compile("(?<![\\w.])(?<!\\d\\.)\\d{3}[ -]?\\d{3}[ -]?\\d{4}(?!\\w)(?!\\.\\d)");
    /** council person ids as the councils issue them: a short upper-case prefix, a hyphen, digits (NNC-0012345) */
    private static final Pattern PERSON_ID = Pattern.compile("\\b[A-Z]{2,5}-\\d{5,10}\\b");
    /** UK postcodes (full, upper case, with or without the space) */
    private static final Pattern POSTCODE = Pattern.compile(
            "\\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]? ?\\d[ABD-HJLNP-UW-Z]{2})\\b");

    private static volatile List<String> secrets;

    private Redaction() {
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets()) {
            out = out.replace(secret, "[pseudonymisation key]");
        }
        out = NHS_NUMBER.matcher(out).replaceAll("**********");
        out = PERSON_ID.matcher(out).replaceAll("[person id]");
        return POSTCODE.matcher(out).replaceAll("[postcode]");
    }

    /** The pseudonymisation key of this process, from the environment (never logged, but masked if it were). */
    private static List<String> secrets() {
        List<String> s = secrets;
        if (s == null) {
            s = secretsFrom(System.getenv());
            secrets = s;
        }
        return s;
    }

    static List<String> secretsFrom(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        add(out, env.get("BEDFLOW_PSEUDONYM_KEY"));
        String file = env.get("BEDFLOW_PSEUDONYM_KEY_FILE");
        if (file != null && !file.isBlank()) {
            try {
                String content = Files.readString(Path.of(file), StandardCharsets.UTF_8);
                add(out, content);
                add(out, content.strip());
            } catch (IOException | RuntimeException unreadable) {
                // the job reports an unreadable key file itself
            }
        }
        return List.copyOf(out);
    }

    private static void add(List<String> out, String secret) {
        // short strings would mask innocent text; a real key is long
        if (secret != null && secret.length() >= 8 && !out.contains(secret)) {
            out.add(secret);
        }
    }
}
