package org.bedflow.jobs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The personal identifiers in the committed sample's CSV files: NHS numbers (the synthetic
 * ones start with 999) and council person ids (NCC-, NNC-, WNC- and seven digits). Used to
 * check that no log, manifest or terminal line carries one.
 */
public final class SampleIdentifiers {

    private static final Pattern NHS = Pattern.compile("(?<!\\d)999 ?\\d{3} ?\\d{4}(?!\\d)");
    private static final Pattern PERSON = Pattern.compile("\\b(?:NCC|NNC|WNC)-\\d{7}\\b");

    private static Set<String> nhsNumbers;
    private static Set<String> personIds;

    private SampleIdentifiers() {
    }

    public static synchronized Set<String> nhsNumbers() {
        load();
        return nhsNumbers;
    }

    public static synchronized Set<String> personIds() {
        load();
        return personIds;
    }

    private static void load() {
        if (nhsNumbers != null) {
            return;
        }
        Set<String> nhs = new TreeSet<>();
        Set<String> persons = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SampleCopies.SAMPLE)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".csv.gz")).toList()) {
                String text;
                try (InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f))
                        : Files.newInputStream(f)) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Matcher m = NHS.matcher(text);
                while (m.find()) {
                    nhs.add(m.group().replace(" ", ""));
                }
                m = PERSON.matcher(text);
                while (m.find()) {
                    persons.add(m.group());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        nhsNumbers = nhs;
        personIds = persons;
    }

    /** Every identifier of the sample (and the given secrets) found in the text, as "what: value". */
    public static List<String> foundIn(String text, String... secrets) {
        List<String> found = new ArrayList<>();
        String digits = text;
        Matcher m = NHS.matcher(digits);
        while (m.find()) {
            if (nhsNumbers().contains(m.group().replace(" ", ""))) {
                found.add("NHS number " + m.group());
            }
        }
        m = PERSON.matcher(text);
        while (m.find()) {
            if (personIds().contains(m.group())) {
                found.add("person id " + m.group());
            }
        }
        for (String s : secrets) {
            if (s != null && text.contains(s)) {
                found.add("secret " + s);
            }
        }
        return found;
    }

    /**
     * Asserts that none of the files (or folders, walked) holds an identifier of the sample or
     * a secret; returns how many files were read.
     */
    public static int assertNoneIn(List<Path> paths, String... secrets) {
        assertThat(nhsNumbers()).as("the sample's NHS numbers").hasSizeGreaterThan(100);
        assertThat(personIds()).as("the sample's council person ids").hasSizeGreaterThan(10);
        int checked = 0;
        for (Path root : paths) {
            List<Path> files;
            try (Stream<Path> s = Files.isDirectory(root) ? Files.walk(root) : Stream.of(root)) {
                files = s.filter(Files::isRegularFile).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path f : files) {
                String text;
                try {
                    text = Files.readString(f, StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                assertThat(foundIn(text, secrets)).as("personal identifiers in %s", f).isEmpty();
                checked++;
            }
        }
        assertThat(checked).as("files checked").isPositive();
        return checked;
    }
}
