package org.bedflow.pipeline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.apache.spark.sql.SparkSession;
import org.slf4j.LoggerFactory;

/**
 * Looks for identifiers (NHS numbers, person ids, postcodes, names, dates of birth: whatever a test's input
 * holds) everywhere a run leaves text: the files under an output folder (Parquet decoded to its values, every
 * other file as text), captured log lines and terminal output, and every row of every table of a job
 * repository. A masked form ({@code NN1 ***}, {@code ******1234}) is not the identifier, so it is no leak.
 *
 * <p>By default an identifier counts only as a whole word, ignoring case ({@code 2020-01-01} is not found
 * inside a longer number); {@link #anywhere()} finds it inside any text, {@link #ignoringSpaces()} also finds it
 * written without its spaces ({@code NN11AA}).
 */
public final class LeakScan {

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    private final Set<String> secrets = new LinkedHashSet<>();
    private final Map<String, Pattern> words = new HashMap<>();
    private boolean wholeWords = true;
    private boolean ignoringSpaces;
    private final List<String> leaks = new ArrayList<>();
    private int scanned;

    private LeakScan(Collection<String> secrets) {
        for (String s : secrets) {
            if (s != null && !s.isBlank()) {
                this.secrets.add(s.toUpperCase(Locale.ROOT));
            }
        }
        assertThat(this.secrets).as("identifiers to look for").isNotEmpty();
    }

    public static LeakScan of(Collection<String> secrets) {
        return new LeakScan(secrets);
    }

    /** An identifier is found inside any text, not only as a whole word. */
    public LeakScan anywhere() {
        wholeWords = false;
        return this;
    }

    /** An identifier with spaces is also found without them (a postcode as {@code NN11AA}). */
    public LeakScan ignoringSpaces() {
        ignoringSpaces = true;
        return this;
    }

    /** Scans one text; {@code where} names it in a failure. */
    public LeakScan text(String where, String text) {
        scanned++;
        String upper = text.toUpperCase(Locale.ROOT);
        for (String s : secrets) {
            if (found(upper, s) || (ignoringSpaces && s.contains(" ") && found(upper, s.replace(" ", "")))) {
                leaks.add(s + " in " + where + ": " + excerpt(text, upper, s));
            }
        }
        return this;
    }

    public LeakScan texts(String where, Collection<String> texts) {
        texts.forEach(t -> text(where, t));
        return this;
    }

    /**
     * Every file under {@code root}: a Parquet file as its rows (JSON), a checksum file not at all (it holds
     * no text), any other file as UTF-8 text.
     */
    public LeakScan folder(Path root, SparkSession spark) {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path p : files) {
            String name = p.getFileName().toString();
            if (name.endsWith(".parquet")) {
                texts(p.toString(), spark.read().parquet(p.toString()).toJSON().collectAsList());
            } else if (!name.endsWith(".crc")) {
                try {
                    text(p.toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return this;
    }

    /**
     * Every row of every table of the database's own schemas, all columns as text, a Base64 value also decoded (a
     * Spring Batch execution context).
     */
    public LeakScan database(Connection connection) {
        try {
            DatabaseMetaData meta = connection.getMetaData();
            List<String[]> tables = new ArrayList<>();
            try (ResultSet t = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (t.next()) {
                    String schema = t.getString("TABLE_SCHEM");
                    if (schema == null || !schema.equalsIgnoreCase("INFORMATION_SCHEMA")
                            && !schema.equalsIgnoreCase("pg_catalog")) {
                        tables.add(new String[] {schema, t.getString("TABLE_NAME")});
                    }
                }
            }
            assertThat(tables).as("tables of the job repository").isNotEmpty();
            for (String[] t : tables) {
                String table = (t[0] == null ? "" : "\"" + t[0] + "\".") + "\"" + t[1] + "\"";
                try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select * from " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= columns; c++) {
                            String v = rs.getString(c);
                            row.append(v).append('|');
                            // Spring Batch keeps execution contexts Base64-encoded (Java serialization): read them too
                            if (v != null && v.length() >= 16 && v.length() % 4 == 0 && BASE64.matcher(v).matches()) {
                                row.append(new String(Base64.getDecoder().decode(v), StandardCharsets.ISO_8859_1))
                                        .append('|');
                            }
                        }
                        text(table, row.toString());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public List<String> leaks() {
        return List.copyOf(leaks);
    }

    /** How many texts (files, rows, log lines) were read. */
    public int scanned() {
        return scanned;
    }

    public void assertNone() {
        assertThat(scanned).as("texts scanned").isPositive();
        assertThat(leaks).as("identifiers found").isEmpty();
    }

    private boolean found(String upper, String secret) {
        // the plain search first: most texts hold no secret, and a regular expression per text and secret is slow
        if (!upper.contains(secret)) {
            return false;
        }
        return !wholeWords || words.computeIfAbsent(secret,
                x -> Pattern.compile("(?<![A-Z0-9])" + Pattern.quote(x) + "(?![A-Z0-9])")).matcher(upper).find();
    }

    private static String excerpt(String text, String upper, String secret) {
        if (text.length() <= 300) {
            return text;
        }
        int i = upper.indexOf(secret);
        int at = Math.max(0, (i < 0 ? upper.indexOf(secret.replace(" ", "")) : i) - 100);
        return text.substring(at, Math.min(text.length(), at + 300));
    }

    /**
     * Every log event of every logger, from INFO up, while open; {@code quiet} also takes the console appender off
     * (Spark's INFO lines would drown the test output). Closing puts the logging back as it was.
     */
    public static LogCapture captureLog(boolean quiet) {
        return new LogCapture(quiet);
    }

    public static final class LogCapture implements AutoCloseable {

        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        private final Level before = root.getLevel();
        private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
        private final Appender<ILoggingEvent> console;

        private LogCapture(boolean quiet) {
            logged.start();
            root.addAppender(logged);
            console = quiet ? root.getAppender("CONSOLE") : null;
            if (console != null) {
                root.detachAppender(console);
            }
            root.setLevel(Level.INFO);
        }

        /** Each event's message, and its stack trace when it has one. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (ILoggingEvent e : logged.list) {
                lines.add(e.getFormattedMessage());
                if (e.getThrowableProxy() != null) {
                    lines.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
                }
            }
            assertThat(lines).as("the log was captured").isNotEmpty();
            return lines;
        }

        @Override
        public void close() {
            root.detachAppender(logged);
            if (console != null) {
                root.addAppender(console);
            }
            root.setLevel(before);
        }
    }
}
