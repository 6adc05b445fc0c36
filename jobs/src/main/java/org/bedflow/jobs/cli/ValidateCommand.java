package org.bedflow.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.bedflow.jobs.nightly.NightlyJobConfig;
import org.springframework.util.FileSystemUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bedflow validate}: checks the feeds only, prints the data quality per feed and
 * reason, and (with --output) writes {@code rejects} and the run manifest. It changes no
 * published table. Without --output it works in a temporary folder that goes when it ends, so
 * it prints no path in that folder and history shows the output as not kept.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check the feeds only: counts per feed and reason; writes rejects with --output.")
public class ValidateCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "DIR")
    Path input;

    @Option(names = "--output", paramLabel = "DIR", description = "where to write rejects and the manifest (default: nowhere)")
    Path output;

    @Option(names = "--run-date", paramLabel = "yyyy-MM-dd", description = "date that FUTURE_DATE is judged against (default: today)")
    LocalDate runDate;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Path out = output;
        boolean temporary = out == null;
        try {
            if (temporary) {
                out = Files.createTempDirectory("bedflow-validate-");
            }
            return RunCommand.launch(NightlyJobConfig.VALIDATE, input, out, runDate == null ? LocalDate.now() : runDate,
                    true, false, common, false, temporary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temporary && out != null) {
                FileSystemUtils.deleteRecursively(out.toFile());
            }
        }
    }
}
