package org.bedflow.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.stream.Stream;

import org.bedflow.sample.GeneratorOptions;
import org.bedflow.sample.SyntheticFeeds;

/**
 * The committed sample, private copies of it that a test may change, and a smaller input of
 * the same make for the tests that run whole nights several times over.
 */
public final class SampleCopies {

    public static final Path SAMPLE = Path.of("..", "sample-data", "northamptonshire").toAbsolutePath().normalize();

    private SampleCopies() {
    }

    /**
     * A smaller night of the same shape as the sample, for tests that run the whole job more than
     * once (cluster vs local, crash and restart vs an uninterrupted run): 6,000 spells over April
     * 2023 - March 2025 (run date 2025-04-01 as the sample), generated with the committed sample's
     * options and format mix (Avro, Parquet, gzip), plus the sample's hand-made bad rows, so every
     * reader, every step and the reject path still run. What these tests compare is one input run
     * two ways, not the sample's figures (the golden-output test holds those).
     */
    public static Path smaller(Path target) {
        GeneratorOptions options = GeneratorOptions.committedSample().withSpells(6_000).withMonths(24)
                .withStart(YearMonth.of(2023, 4));
        SyntheticFeeds.generate(target, options);
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("zz_")).toList()) {
                Path to = target.resolve(SAMPLE.relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
