package org.bedflow.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.bedflow.jobs.ExitCodes;
import org.bedflow.pipeline.publish.export.TableExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bedflow export --output DIR --format csv|xlsx [TABLE...]}: the published tables for Excel and Power BI. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the published (disclosure-controlled) tables of an output folder as CSV files (one per "
                + "table) or one Excel workbook (a sheet per table, dates as dates). Row-level tables are never exported.",
                "Example: ./bedflow export --output out --format xlsx indicators delayed_discharge_monthly"})
public class ExportCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder of a run")
    Path output;

    @Option(names = "--format", required = true, paramLabel = "csv|xlsx", description = "csv or xlsx")
    TableExport.Format format;

    @Option(names = "--to", paramLabel = "FOLDER", description = "where to write (default: DIR/exports)")
    Path to;

    @Parameters(paramLabel = "TABLE", arity = "0..*", description = "published tables to export (default: all)")
    List<String> tables = List.of();

    @Override
    public Integer call() {
        Path dir = output.toAbsolutePath().normalize();
        Path target = to == null ? dir.resolve("exports") : to.toAbsolutePath().normalize();
        try {
            for (Path file : TableExport.export(dir, tables, format, target)) {
                System.out.println("wrote " + file);
            }
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            System.err.println("bedflow: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }
}
