package org.bedflow.sample;

import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timing and measured shares of PARQUET generations (not part of the normal build):
 * {@code ./mvnw -o -q test -pl sample-data -am -Dtest=GenerationBenchmark -Dbedflow.benchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dbedflow.benchmark.spells=20000000} adds a size.
 */
@EnabledIfSystemProperty(named = "bedflow.benchmark", matches = "true")
class GenerationBenchmark {

    @Test
    void parquetTimings(@TempDir Path dir) {
        long extra = Long.getLong("bedflow.benchmark.spells", 0);
        long[] sizes = extra > 0 ? new long[] {10_000, 1_000_000, extra} : new long[] {10_000, 1_000_000};
        for (long spells : sizes) {
            Path out = dir.resolve("n" + spells);
            long t0 = System.nanoTime();
            GenerationSummary s = SyntheticFeeds.generate(out,
                    GeneratorOptions.defaults().withSpells(spells).withFormat(Format.PARQUET));
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "generate %,d spells PARQUET: %.1f s, %s%n", spells, seconds,
                    s.rowsByFeed());
            System.out.println("  generator: " + s.profile().describe());
            System.out.println("  measured:  " + SampleStats.of(out).describe());
            GeneratedSample.deleteQuietly(out);
        }
    }
}
