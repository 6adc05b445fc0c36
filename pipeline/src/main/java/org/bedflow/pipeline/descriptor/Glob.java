package org.bedflow.pipeline.descriptor;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A descriptor's location pattern: a glob over the path of a file relative to its role's
 * folder, '/'-separated, matched case-insensitively (as file extensions are). {@code *}
 * and {@code ?} stay within one folder, {@code **} crosses folders ({@code **}{@code /x.csv}
 * also matches {@code x.csv} at the top), {@code {a,b}} is either, {@code [..]} a class.
 * The same on every platform (no {@code java.nio} path matcher underneath).
 */
public final class Glob implements Serializable {

    /** Every file of the folder: the pattern of a role's catch-all descriptor. */
    public static final String ALL = "**";

    private final String glob;
    private final Pattern regex;

    private Glob(String glob, Pattern regex) {
        this.glob = glob;
        this.regex = regex;
    }

    /** @throws IllegalArgumentException with the problem, for an unbalanced { or [ or an absolute path */
    public static Glob of(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("the pattern is empty");
        }
        if (glob.startsWith("/") || glob.contains("\\") || glob.contains("..")) {
            throw new IllegalArgumentException("the pattern '" + glob + "' must be relative to the role's folder, "
                    + "'/'-separated, without '..'");
        }
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                            i++;
                            re.append("(?:.*/)?");
                        } else {
                            re.append(".*");
                        }
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '{' -> {
                    braces++;
                    re.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        throw new IllegalArgumentException("the pattern '" + glob + "' has a '}' without its '{'");
                    }
                    braces--;
                    re.append(')');
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("the pattern '" + glob + "' has a '[' without its ']'");
                    }
                    String cls = glob.substring(i + 1, end);
                    re.append('[').append(cls.startsWith("!") ? "^" + cls.substring(1) : cls).append(']');
                    i = end;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces != 0) {
            throw new IllegalArgumentException("the pattern '" + glob + "' has a '{' without its '}'");
        }
        return new Glob(glob, Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    public boolean matches(String relativePath) {
        return regex.matcher(relativePath).matches();
    }

    public boolean isAll() {
        return glob.equals(ALL);
    }

    @Override
    public String toString() {
        return glob;
    }

    /** for messages: the glob lower-cased is what is matched */
    String lower() {
        return glob.toLowerCase(Locale.ROOT);
    }
}
