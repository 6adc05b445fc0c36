package org.bedflow.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The committed sample {@code sample-data/northamptonshire/}: generator output for
 * {@link GeneratorOptions#committedSample()} plus hand-made {@code zz_bad_rows*} files that
 * exercise every rejection reason. {@link #regenerate} rewrites the generated files and keeps
 * the hand-made ones, so the committed files can always be proven to be generator output.
 */
public final class SampleDataSet {

    /** Folder of the committed sample, relative to the sample-data module. */
    public static final String FOLDER = "northamptonshire";
    /** Prefix of the hand-made files with deliberately bad rows. */
    public static final String BAD_ROWS_PREFIX = "zz_bad_rows";

    private SampleDataSet() {
    }

    /** True for a hand-made bad-row file (kept by {@link #regenerate}). */
    public static boolean isHandMade(Path file) {
        return file.getFileName().toString().startsWith(BAD_ROWS_PREFIX);
    }

    /**
     * Replaces the generated files of {@code dir} with a fresh generation, keeping the
     * hand-made bad-row files.
     */
    public static GenerationSummary regenerate(Path dir) {
        try {
            Path staging = Files.createTempDirectory("bedflow-sample-");
            try {
                GenerationSummary summary = SyntheticFeeds.generate(staging, GeneratorOptions.committedSample());
                deleteGenerated(dir);
                for (GenerationSummary.FileCount f : summary.files()) {
                    Path target = dir.resolve(f.path());
                    Files.createDirectories(target.getParent());
                    Files.copy(staging.resolve(f.path()), target, StandardCopyOption.REPLACE_EXISTING);
                }
                return new GenerationSummary(dir, summary.options(), summary.files(), summary.persons(),
                        summary.spells(), summary.populationScale(), summary.profile());
            } finally {
                deleteTree(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code SampleDataSet [dir]}: regenerates the committed sample (default sample-data/northamptonshire). */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "sample-data/" + FOLDER);
        GenerationSummary s = regenerate(dir);
        System.out.println("regenerated " + s.files().size() + " files in " + dir + ": " + s.rowsByFeed());
        System.out.println(s.profile().describe());
    }

    private static void deleteGenerated(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> generated = files.filter(Files::isRegularFile).filter(p -> !isHandMade(p))
                    .filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            for (Path p : generated) {
                Files.delete(p);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
