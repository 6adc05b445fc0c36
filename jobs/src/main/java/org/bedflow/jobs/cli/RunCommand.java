package org.bedflow.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import org.bedflow.jobs.ExitCodes;
import org.bedflow.jobs.nightly.NightlyJobConfig;
import org.bedflow.jobs.nightly.PseudonymKeys;
import org.bedflow.pipeline.link.PseudonymKey;
import org.bedflow.jobs.nightly.RunParameters;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bedflow run}: the nightly job, validate -> link -> measure -> publish. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the nightly job: validate -> link -> measure -> publish.")
public class RunCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "folder with one sub-folder per feed")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "folder the output tables are written to")
    Path output;

    @Option(names = "--run-date", paramLabel = "yyyy-MM-dd", description = "the night being processed (default: today)")
    LocalDate runDate;

    @Option(names = "--rerun", description = "run a run date again on purpose after it completed")
    boolean rerun;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        return launch(NightlyJobConfig.NIGHTLY, input, output, runDate == null ? LocalDate.now() : runDate, rerun,
                false, common);
    }

    static int launch(String job, Path input, Path output, LocalDate runDate, boolean rerun, boolean demoKey,
                      CommonOptions common) {
        return launch(job, input, output, runDate, rerun, demoKey, common, false, false);
    }

    static int launch(String job, Path input, Path output, LocalDate runDate, boolean rerun, boolean demoKey,
                      CommonOptions common, boolean rerunIfComplete) {
        return launch(job, input, output, runDate, rerun, demoKey, common, rerunIfComplete, false);
    }

    /**
     * @param rerunIfComplete  run a completed run date again instead of refusing (the scheduler)
     * @param temporaryOutput  the output folder goes when the command ends (validate without --output)
     */
    static int launch(String job, Path input, Path output, LocalDate runDate, boolean rerun, boolean demoKey,
                      CommonOptions common, boolean rerunIfComplete, boolean temporaryOutput) {
        List<String> springArgs = common.springArgs();
        Path in = CommonOptions.localDir(input);
        if (!Files.isDirectory(in)) {
            System.err.println("bedflow: input folder " + input + " does not exist");
            return ExitCodes.DATA_QUALITY;
        }
        if (job.equals(NightlyJobConfig.NIGHTLY) && !demoKey && PseudonymKey.fromEnvironment(System.getenv()) == null) {
            System.err.println("bedflow: " + PseudonymKeys.missingMessage());
            return ExitCodes.FAILED;
        }
        Path out = CommonOptions.localDir(output);
        // run date, input and output identify the job instance: the same night twice is a
        // restart or a deliberate re-run, never an accident
        JobParametersBuilder params = new JobParametersBuilder()
                .addLocalDate(RunParameters.PARAM_RUN_DATE, runDate)
                .addString(RunParameters.PARAM_INPUT, in.toString())
                .addString(RunParameters.PARAM_OUTPUT, out.toString());
        if (rerun) {
            params.addLong(RunParameters.PARAM_RERUN, System.currentTimeMillis());
        }
        if (temporaryOutput) {
            params.addString(RunParameters.PARAM_TEMPORARY_OUTPUT, "true", false);
        }
        if (demoKey) {
            params.addString(PseudonymKeys.PARAM_DEMO_KEY, "true", false);
        }
        // not identifying: a restart reads them back and configures itself the same way
        if (common.configPath() != null) {
            params.addString(JobLaunch.PARAM_CONFIG, common.configPath(), false);
        }
        if (common.master != null) {
            params.addString(JobLaunch.PARAM_MASTER, common.master, false);
        }
        JobParameters p = params.toJobParameters();
        return JobLaunch.launch(job, p, out, springArgs, System.err, rerunIfComplete);
    }
}
