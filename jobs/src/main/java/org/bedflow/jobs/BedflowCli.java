package org.bedflow.jobs;

import java.io.PrintWriter;

import org.bedflow.jobs.cli.CompareCommand;
import org.bedflow.jobs.cli.DemoCommand;
import org.bedflow.jobs.cli.ExportCommand;
import org.bedflow.jobs.cli.Failures;
import org.bedflow.jobs.cli.GenerateCommand;
import org.bedflow.jobs.cli.HistoryCommand;
import org.bedflow.jobs.cli.QueryCommand;
import org.bedflow.jobs.cli.RestartCommand;
import org.bedflow.jobs.cli.ScheduleCommand;
import org.bedflow.jobs.cli.RunCommand;
import org.bedflow.jobs.cli.ValidateCommand;
import org.bedflow.jobs.cli.VersionInfo;
import org.bedflow.jobs.cli.WhatIfCommand;
import org.bedflow.jobs.logging.ProcessLog;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./bedflow <command>}: the command line of the README ("Command line") and
 * docs/operations.md. Parsing happens before Spring starts, so {@code --help},
 * {@code --version} and usage errors answer at once.
 */
@Command(name = "bedflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Nightly health and social care pipeline: links hospital spells to council social care "
                + "and publishes delayed-discharge and admission-avoidance indicators by unitary area.",
        subcommands = {RunCommand.class, DemoCommand.class, ValidateCommand.class, GenerateCommand.class, QueryCommand.class,
                ExportCommand.class, CompareCommand.class, WhatIfCommand.class,
                RestartCommand.class, HistoryCommand.class, ScheduleCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 job failed, 2 usage error, 3 data quality threshold breached "
                + "or feed unreadable, 4 another run on the same output folder is running."})
public class BedflowCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        // until Spring configures logging (and for commands that never start it): errors only,
        // to the process log, nothing on the terminal
        ProcessLog.configureEarly();
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new BedflowCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(BedflowCli::usageError);
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            // one line for the person at the terminal; the stack trace goes to the log only
            LoggerFactory.getLogger(BedflowCli.class).error("command failed", ex);
            line.getErr().println("bedflow: " + Failures.describe(ex));
            return ExitCodes.FAILED;
        });
        return cli.execute(args);
    }

    /** A usage error: what is wrong, the command's usage line and where to read more; exit code 2. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("bedflow: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        CommandLine.Help help = cmd.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    public static String oneLine(Throwable ex) {
        Throwable t = ex;
        String msg = t.getMessage();
        while ((msg == null || msg.isBlank()) && t.getCause() != null) {
            t = t.getCause();
            msg = t.getMessage();
        }
        if (msg == null) {
            msg = t.getClass().getSimpleName();
        }
        int nl = msg.indexOf('\n');
        return nl > 0 ? msg.substring(0, nl) : msg;
    }
}
