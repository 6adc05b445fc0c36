package org.bedflow.jobs.cli;

import java.time.LocalDate;
import java.util.function.ToIntFunction;

import picocli.CommandLine;

/** Runs {@code schedule} with its launch of the nightly run replaced (tests only). */
public final class ScheduleCommandAccess {

    private ScheduleCommandAccess() {
    }

    public static int execute(ToIntFunction<LocalDate> launcher, String... args) {
        ScheduleCommand command = new ScheduleCommand();
        command.launcher = launcher::applyAsInt;
        return new CommandLine(command).execute(args);
    }
}
