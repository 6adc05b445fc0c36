package org.bedflow.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The committed sample, and private copies of it that a test may change. */
public final class SampleCopies {

    public static final Path SAMPLE = Path.of("..", "sample-data", "northamptonshire").toAbsolutePath().normalize();

    private SampleCopies() {
    }

    public static Path copy(Path target) {
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(SAMPLE.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
