package org.bedflow.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bedflow.jobs.ExitCodes;
import org.bedflow.pipeline.publish.changes.Changes;
import org.bedflow.pipeline.publish.changes.KeptFigures;
import org.bedflow.pipeline.query.QueryFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bedflow compare --output DIR RUN_A RUN_B}: every published figure of RUN_B against RUN_A, from the
 * figures each completed run keeps in {@code runs/<run_id>/figures/}, as a run compares itself with the previous
 * one (docs/operations.md, "What changed since the last run"). DuckDB: no Spark to start.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare the published figures of two kept runs: every figure of RUN_B against RUN_A "
                + "(old, new, difference, % change, flag: revised beyond bedflow.changes.min-pct and min-count, "
                + "changed, new, gone, suppressed_now, unsuppressed_now), closed periods first. Unchanged figures "
                + "are left out.",
                "Example: ./bedflow compare --output out 20250331T023000Z-16 20250401T023000Z-17"})
public class CompareCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder of the runs")
    Path output;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv",
            description = "table (default; decimals rounded to 2 places) or csv (full precision)")
    QueryFormat format;

    @Option(names = "--min-pct", paramLabel = "PCT",
            description = "a revision changes a figure by more than this many per cent (default 5, the default of bedflow.changes.min-pct)")
    Double minPct;

    @Option(names = "--min-count", paramLabel = "N",
            description = "and by at least this much in the count (default 10, the default of bedflow.changes.min-count)")
    Long minCount;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "the earlier run")
    String runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "the later run")
    String runB;

    @Override
    public Integer call() {
        Path dir = output.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            System.err.println("bedflow: output folder " + dir + " does not exist");
            return ExitCodes.USAGE;
        }
        Changes.Limits defaults = Changes.Limits.defaults();
        Changes.Limits limits = new Changes.Limits(minPct == null ? defaults.minPct() : minPct,
                minCount == null ? defaults.minCount() : minCount);
        try {
            List<Changes.Change> changes = Changes.compare(KeptFigures.read(dir, runA), KeptFigures.read(dir, runB),
                    limits);
            System.out.print(format.render(KeptFigures.asResult(changes)));
            if (format == QueryFormat.TABLE) {
                System.out.println(Changes.counts(changes));
            }
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            // an unknown run: the message lists the runs kept
            System.err.println("bedflow: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
