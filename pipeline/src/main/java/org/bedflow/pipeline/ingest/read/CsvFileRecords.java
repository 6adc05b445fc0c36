package org.bedflow.pipeline.ingest.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Reads one CSV (or gzipped CSV) extract on an executor into raw rows: every feed field as
 * text, the file, the line where the record starts (header = line 1), and for a record
 * that cannot be split into the header's fields, why (MALFORMED_ROW) with its raw text.
 * RFC 4180 with Apache Commons CSV. After unparseable quoting, reading resumes on the
 * next line, so one bad quote loses nothing else.
 */
public final class CsvFileRecords implements FlatMapFunction<FileTask, Row> {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .get();
    private static final int MAX_RAW = 2000;

    private final int fieldCount;

    public CsvFileRecords(int fieldCount) {
        this.fieldCount = fieldCount;
    }

    @Override
    public Iterator<Row> call(FileTask task) {
        return new Records(task, fieldCount);
    }

    /** Streams the records of one file; opens the file again to resume after a parse error. */
    private static final class Records implements Iterator<Row> {
        private final FileTask task;
        private final int fieldCount;
        private Reader reader;
        private CSVParser parser;
        private Iterator<CSVRecord> records;
        /** physical lines before the parser's first line (after a resume) */
        private long lineOffset;
        private boolean headerSkipped;
        private Row next;
        private boolean done;

        Records(FileTask task, int fieldCount) {
            this.task = task;
            this.fieldCount = fieldCount;
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
                String raw = rawLine(startLine);
                openAt(startLine);
                if (!headerSkipped) {
                    throw new UncheckedIOException(new IOException(task.path() + ": the header cannot be read: " + e.getMessage()));
                }
                return malformed(startLine, "its quoting cannot be parsed (" + firstLine(e).replaceAll("\\(startline \\d+\\) ", "")
                        + "); reading resumes on the next line", raw);
            }
            if (!headerSkipped) {
                headerSkipped = true;
                return null;
            }
            if (rec.size() == 1 && rec.get(0).isEmpty()) {
                return null; // an empty line is not a record
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
            values[fieldCount] = task.path();
            values[fieldCount + 1] = startLine;
            return RowFactory.create(values);
        }

        private Row malformed(long line, String why, String raw) {
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

        /** The text of one physical line, its hidden columns (by naive comma split) blanked. */
        private String rawLine(long line) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(task.open(), StandardCharsets.UTF_8))) {
                String text = null;
                for (long i = 1; i <= line; i++) {
                    text = r.readLine();
                    if (text == null) {
                        return "";
                    }
                }
                String[] parts = text.split(",", -1);
                for (int hidden : task.hiddenColumns()) {
                    if (hidden < parts.length) {
                        parts[hidden] = "(hidden)";
                    }
                }
                return cap(String.join(",", parts));
            } catch (IOException e) {
                return "";
            }
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
