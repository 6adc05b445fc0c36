package org.bedflow.pipeline.ingest.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.Period;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.bedflow.pipeline.descriptor.TemporalFormat;

/**
 * Reads one CSV (or gzipped CSV) extract on an executor into raw rows: every feed field as
 * text, the file, the line where the record starts (header = line 1), and for a record
 * that cannot be split into the header's fields, why (MALFORMED_ROW) with its raw text.
 * RFC 4180 with Apache Commons CSV. Feed values never hold a line break, so a record is one
 * physical line: a quoted value not closed on its line (or holding a line break) makes the
 * record MALFORMED_ROW at its first line, and reading resumes on the next line, so one bad
 * quote loses nothing else and never takes later lines (other people's records) into a value.
 */
public final class CsvFileRecords implements FlatMapFunction<FileTask, Row> {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .get();
    private static final int MAX_RAW = 2000;

    /** Why a record with a quote inside a value is not read: a stray quote is where a line's quoting went wrong. */
    static final String STRAY_QUOTE = "a value holds a quote character (a stray quote, or one the extract did not "
            + "escape); a feed value never holds one, so the line cannot be trusted to split into its fields";

    /** Why a record whose quoted value runs past the end of its physical line is not read (never the value). */
    static final String UNCLOSED_QUOTE = "a quoted value is not closed on its line (a feed value never holds a line "
            + "break); reading resumes on the next line";

    private final int fieldCount;
    /** per file (FileTask.path), what its descriptor adds to reading it; absent: nothing */
    private final Map<String, Extras> extras;

    /**
     * What a descriptor adds to reading a CSV file (docs/adding-a-feed.md).
     *
     * @param derived   {@code derive}: per derived field {@code [field index, from column, to column]}, whole years
     *                  between the two dates, read with {@code dates}
     * @param dates     the descriptor's date_format
     * @param withhold  {@code never_show}: the source has columns that must never be shown; a malformed line is
     *                  then not shown at all, because a line that cannot be split into the header's fields cannot
     *                  be split reliably enough to blank those columns alone (a quoted comma shifts every position)
     * @param withheldBecause what the withheld line says instead of its text (why it is not shown); null: the
     *                  source's never_show columns
     */
    public record Extras(List<int[]> derived, TemporalFormat dates, boolean withhold, String withheldBecause)
            implements Serializable {

        public Extras(List<int[]> derived, TemporalFormat dates, boolean withhold) {
            this(derived, dates, withhold, null);
        }
    }

    /**
     * Why a malformed line of a feed with a secret field (the council person id) is not shown: blanked by
     * position, a row shifted by an unquoted comma would show the id in the next column, and a council's
     * person ids have no shape that could be masked in the text reliably.
     */
    public static final String SECRET_FIELD = "the feed has a council person id column, which a line that does not "
            + "split into its fields cannot be trusted to blank";

    public CsvFileRecords(int fieldCount) {
        this(fieldCount, Map.of());
    }

    public CsvFileRecords(int fieldCount, Map<String, Extras> extras) {
        this.fieldCount = fieldCount;
        this.extras = Map.copyOf(extras);
    }

    @Override
    public Iterator<Row> call(FileTask task) {
        return new Records(task, fieldCount, extras.get(task.path()));
    }

    /** Streams the records of one file; opens the file again to resume after a parse error. */
    private static final class Records implements Iterator<Row> {
        private final FileTask task;
        private final int fieldCount;
        private final Extras extras;
        private Reader reader;
        private CSVParser parser;
        private Iterator<CSVRecord> records;
        /** physical lines before the parser's first line (after a resume) */
        private long lineOffset;
        private boolean headerSkipped;
        private Row next;
        private boolean done;

        Records(FileTask task, int fieldCount, Extras extras) {
            this.task = task;
            this.fieldCount = fieldCount;
            this.extras = extras;
            openAt(0);
        }

        private void openAt(long skipLines) {
            try {
                close();
                BufferedReader r = new BufferedReader(new InputStreamReader(task.open(), StandardCharsets.UTF_8), 1 << 16);
                for (long i = 0; i < skipLines; i++) {
                    if (r.readLine() == null) {
                        break;
                    }
                }
                reader = r;
                parser = FORMAT.parse(r);
                records = parser.iterator();
                lineOffset = skipLines;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + task.path(), e);
            }
        }

        private void close() throws IOException {
            if (reader != null) {
                reader.close();
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null && !done) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = next;
            next = null;
            return r;
        }

        /** The next row, null to try again (a skipped line), or null with done set at the end. */
        private Row advance() {
            long startLine = lineOffset + parser.getCurrentLineNumber() + 1;
            CSVRecord rec;
            try {
                if (!records.hasNext()) {
                    done = true;
                    close();
                    return null;
                }
                rec = records.next();
            } catch (RuntimeException | IOException e) {
                String[] lines = physicalLines(startLine);
                openAt(startLine);
                if (!headerSkipped) {
                    throw new UncheckedIOException(new IOException(task.path() + ": the header cannot be read: " + e.getMessage()));
                }
                // a quote left open that took in later lines; on the last line nothing else is taken in, and the
                // parser's words (its quoting cannot be parsed) stand, as they always have
                String why = lines[1] != null && quoteOpenAtEnd(lines[0]) ? UNCLOSED_QUOTE
                        : "its quoting cannot be parsed (" + firstLine(e).replaceAll("\\(startline \\d+\\) ", "")
                        + "); reading resumes on the next line";
                return malformed(startLine, why, blankHidden(lines[0]));
            }
            if (!headerSkipped) {
                headerSkipped = true;
                return null;
            }
            if (holdsLineBreak(rec)) {
                // the record ran on into later lines: only its first line is the record, the rest are read on their own
                String raw = rawLine(startLine);
                openAt(startLine);
                return malformed(startLine, UNCLOSED_QUOTE, raw);
            }
            if (rec.size() == 1 && rec.get(0).isEmpty()) {
                return null; // an empty line is not a record
            }
            if (holdsQuote(rec)) {
                return malformed(startLine, STRAY_QUOTE, join(rec));
            }
            if (rec.size() != task.headerSize()) {
                return malformed(startLine, rec.size() + " fields instead of " + task.headerSize(), join(rec));
            }
            Object[] values = new Object[fieldCount + 4];
            for (int i = 0; i < fieldCount; i++) {
                int at = task.columnOf()[i];
                String v = at < 0 ? null : rec.get(at);
                values[i] = v == null || v.isEmpty() ? null : v;
            }
            if (extras != null) {
                for (int[] d : extras.derived()) {
                    if (values[d[0]] == null) {
                        values[d[0]] = yearsBetween(rec.get(d[1]), rec.get(d[2]), extras.dates());
                    }
                }
            }
            values[fieldCount] = task.path();
            values[fieldCount + 1] = startLine;
            return RowFactory.create(values);
        }

        /**
         * Whole years from one date to the other (an age from a date of birth), as text for validation; null when
         * either is missing or not a date, which validation then reports as the derived field missing (the
         * date of birth itself is never put in a row).
         */
        private static String yearsBetween(String from, String to, TemporalFormat dates) {
            if (from == null || from.isBlank() || to == null || to.isBlank()) {
                return null;
            }
            LocalDate a = dates.parseDate(from.trim());
            LocalDate b = dates.parseDate(to.trim());
            return a == null || b == null ? null : String.valueOf(Period.between(a, b).getYears());
        }

        private Row malformed(long line, String why, String raw) {
            if (extras != null && extras.withhold()) {
                raw = "(not shown: " + (extras.withheldBecause() == null
                        ? "its source declares columns that are never shown" : extras.withheldBecause()) + "; " + why + ")";
            }
            Object[] values = new Object[fieldCount + 4];
            values[fieldCount] = task.path();
            values[fieldCount + 1] = line;
            values[fieldCount + 2] = why;
            values[fieldCount + 3] = raw;
            return RowFactory.create(values);
        }

        private String join(CSVRecord rec) {
            String[] parts = rec.values();
            for (int hidden : task.hiddenColumns()) {
                if (hidden < parts.length) {
                    parts[hidden] = "(hidden)";
                }
            }
            return cap(String.join(",", parts));
        }

        private static boolean holdsQuote(CSVRecord rec) {
            for (String v : rec.values()) {
                if (v.indexOf('"') >= 0) {
                    return true;
                }
            }
            return false;
        }

        private static boolean holdsLineBreak(CSVRecord rec) {
            for (String v : rec.values()) {
                if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether a line ends inside a quoted value, by RFC 4180 as Commons CSV reads it: a quote opens a value
         * only as its first character, two quotes inside it are one, and any other quote closes it.
         */
        static boolean quoteOpenAtEnd(String line) {
            boolean inQuotes = false;
            boolean fieldStart = true;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (inQuotes) {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            i++;
                        } else {
                            inQuotes = false;
                        }
                    }
                } else if (c == ',') {
                    fieldStart = true;
                    continue;
                } else if (c == '"' && fieldStart) {
                    inQuotes = true;
                }
                fieldStart = false;
            }
            return inQuotes;
        }

        /** The text of one physical line, its hidden columns (by naive comma split) blanked. */
        private String rawLine(long line) {
            return blankHidden(physicalLines(line)[0]);
        }

        /** Physical line {@code line} (1-based) and the one after it, each null past the end. */
        private String[] physicalLines(long line) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(task.open(), StandardCharsets.UTF_8))) {
                String text = null;
                for (long i = 1; i <= line; i++) {
                    text = r.readLine();
                    if (text == null) {
                        return new String[2];
                    }
                }
                return new String[] {text, r.readLine()};
            } catch (IOException e) {
                return new String[2];
            }
        }

        private String blankHidden(String text) {
            if (text == null) {
                return "";
            }
            String[] parts = text.split(",", -1);
            for (int hidden : task.hiddenColumns()) {
                if (hidden < parts.length) {
                    parts[hidden] = "(hidden)";
                }
            }
            return cap(String.join(",", parts));
        }

        private static String cap(String s) {
            return s.length() <= MAX_RAW ? s : s.substring(0, MAX_RAW) + "…";
        }

        private static String firstLine(Throwable e) {
            Throwable t = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
            String m = String.valueOf(t.getMessage());
            int nl = m.indexOf('\n');
            return nl > 0 ? m.substring(0, nl) : m;
        }
    }
}
