package org.bedflow.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.bedflow.jobs.ExitCodes;
import org.bedflow.jobs.nightly.NightlyJobConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bedflow demo}: the nightly job on the committed sample (April 2020 - March 2025),
 * with run date 2025-04-01, the night after the sample's last month. Every demo is a
 * deliberate re-run, so it can be repeated.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the nightly job on the bundled Northamptonshire sample data.")
public class DemoCommand implements Callable<Integer> {

    public static final LocalDate SAMPLE_RUN_DATE = LocalDate.of(2025, 4, 1);

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "out", description = "default: ${DEFAULT-VALUE}")
    Path output;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        Path sample = sampleData();
        if (!Files.isDirectory(sample)) {
            System.err.println("bedflow: the sample data is not at " + sample + "; run ./bedflow from the repository root");
            return ExitCodes.FAILED;
        }
        int code = RunCommand.launch(NightlyJobConfig.NIGHTLY, sample, output, SAMPLE_RUN_DATE, true, true, common);
        if (code == ExitCodes.OK) {
            Path out = CommonOptions.localDir(output);
            System.out.println();
            System.out.println("Tables are in " + out + " (one folder each, Parquet); rejects in " + out.resolve("rejects"));
            System.out.println("Run manifests and HTML reports are in " + out.resolve("runs") + " (<run_id>/report.html)");
        }
        return code;
    }

    /**
     * The sample folder: $BEDFLOW_HOME/sample-data/northamptonshire (set by ./bedflow; or the
     * system property bedflow.home); else from the working folder.
     */
    static Path sampleData() {
        String home = System.getProperty("bedflow.home", System.getenv("BEDFLOW_HOME"));
        Path root = home == null || home.isBlank() ? Path.of("") : Path.of(home);
        return root.resolve("sample-data").resolve("northamptonshire").toAbsolutePath().normalize();
    }
}
