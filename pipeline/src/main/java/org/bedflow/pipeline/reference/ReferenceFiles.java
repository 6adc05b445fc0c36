package org.bedflow.pipeline.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Versioned reference files (docs/code-lists.md: CSV resources, one per list, each with a
 * source line): CSV with a header, lines starting with {@code #} are comments (the first
 * names the source). Read from the jar's {@code reference/} folder or from a user's file.
 */
public final class ReferenceFiles {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader().setSkipHeaderRecord(true).setCommentMarker('#').setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true).get();

    private ReferenceFiles() {
    }

    /** Rows of a bundled resource, e.g. {@code lgr/northamptonshire.csv}. */
    public static List<Map<String, String>> bundled(String name) {
        String resource = "reference/" + name;
        InputStream in = ReferenceFiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no bundled reference file " + resource);
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(r, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of a user's file (configuration override). */
    public static List<Map<String, String>> file(Path path) {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(r, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference file " + path, e);
        }
    }

    private static List<Map<String, String>> parse(Reader reader, String name) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (CSVParser parser = FORMAT.parse(reader)) {
            List<String> header = parser.getHeaderNames();
            for (CSVRecord rec : parser) {
                if (rec.size() != header.size()) {
                    throw new IllegalArgumentException(name + " line " + parser.getCurrentLineNumber()
                            + ": expected " + header.size() + " fields, found " + rec.size());
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (String h : header) {
                    row.put(h, rec.get(h));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
