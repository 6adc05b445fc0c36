package org.bedflow.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test helper: one fresh generation with the committed sample's options per test JVM. */
final class GeneratedSample {

    private static GenerationSummary summary;

    private GeneratedSample() {
    }

    static synchronized GenerationSummary committedOptions() {
        if (summary == null) {
            try {
                Path dir = Files.createTempDirectory("bedflow-generated-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
                summary = SyntheticFeeds.generate(dir, GeneratorOptions.committedSample());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return summary;
    }

    /** The committed sample folder (tests run in the module directory). */
    static Path committed() {
        return Path.of(SampleDataSet.FOLDER);
    }

    static void deleteQuietly(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // temporary folder: best effort
        }
    }
}
