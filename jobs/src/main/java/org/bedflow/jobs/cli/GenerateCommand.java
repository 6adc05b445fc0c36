package org.bedflow.jobs.cli;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;

import org.bedflow.sample.Format;
import org.bedflow.sample.GeneratorOptions;
import org.bedflow.sample.SyntheticFeeds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bedflow generate}: realistic synthetic feeds, consistent with each other, deterministic for a seed. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write realistic synthetic feeds (all of them, consistent with each other).")
public class GenerateCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "DIR")
    Path output;

    @Option(names = "--spells", defaultValue = "" + GeneratorOptions.DEFAULT_SPELLS, description = "hospital spells (default ${DEFAULT-VALUE})")
    long spells;

    @Option(names = "--months", defaultValue = "" + GeneratorOptions.DEFAULT_MONTHS, description = "months covered (default ${DEFAULT-VALUE})")
    int months;

    @Option(names = "--start", defaultValue = "2020-04", paramLabel = "yyyy-MM", description = "first month (default ${DEFAULT-VALUE})")
    YearMonth start;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--format", defaultValue = "CSV", description = "CSV or PARQUET (default ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        var summary = SyntheticFeeds.generate(output.toAbsolutePath().normalize(),
                new GeneratorOptions(spells, months, start, seed, format, false));
        System.out.print(summary.table());
        System.out.printf("generated in %.1f s into %s%n", (System.nanoTime() - t0) / 1e9, output.toAbsolutePath().normalize());
        return 0;
    }
}
