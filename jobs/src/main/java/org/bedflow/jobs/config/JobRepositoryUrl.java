package org.bedflow.jobs.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The job repository's JDBC URL as bedflow uses it. Several bedflow processes share one
 * embedded H2 file (a run and {@code history}, two runs on different output folders), which
 * H2 allows only in its mixed mode: without {@code AUTO_SERVER=TRUE} the second process
 * cannot open the file, and without {@code AUTO_RECONNECT=TRUE} a process loses the
 * repository when the one serving it ends. So bedflow adds both to any {@code jdbc:h2:file:}
 * URL that lacks them, keeping every other option given, and refuses one that turns either
 * off. Any other URL (PostgreSQL, H2 in memory) is used as given.
 */
public final class JobRepositoryUrl {

    static final String H2_FILE = "jdbc:h2:file:";
    static final List<String> REQUIRED = List.of("AUTO_SERVER", "AUTO_RECONNECT");

    private JobRepositoryUrl() {
    }

    /** {@code url} with the options bedflow needs; never echoes the URL (it may hold a password). */
    public static String normalise(String url) {
        if (!isH2File(url)) {
            return url;
        }
        String[] parts = url.split(";", -1);
        List<String> present = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = parts[i].substring(0, eq).trim().toUpperCase(Locale.ROOT);
            String value = parts[i].substring(eq + 1).trim();
            if (REQUIRED.contains(key)) {
                if (!value.equalsIgnoreCase("TRUE")) {
                    throw new IllegalArgumentException("the job repository URL (BEDFLOW_DB_URL, spring.datasource.url) "
                            + "sets " + key + "=" + value + "; bedflow needs " + key + "=TRUE for an H2 file, so that "
                            + "several bedflow processes can use it at once: remove the " + key + " setting");
                }
                present.add(key);
            }
        }
        StringBuilder out = new StringBuilder(url);
        for (String key : REQUIRED) {
            if (!present.contains(key)) {
                if (out.charAt(out.length() - 1) != ';') {
                    out.append(';');
                }
                out.append(key).append("=TRUE");
            }
        }
        return out.toString();
    }

    static boolean isH2File(String url) {
        return url != null && url.regionMatches(true, 0, H2_FILE, 0, H2_FILE.length());
    }

    /** The database's base path ({@code .mv.db}, {@code .lock.db}, {@code .trace.db} are added to it), for an H2 file URL. */
    static Path basePath(String url) {
        String path = url.substring(H2_FILE.length());
        int semi = path.indexOf(';');
        if (semi >= 0) {
            path = path.substring(0, semi);
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Path.of(path).toAbsolutePath();
    }
}
