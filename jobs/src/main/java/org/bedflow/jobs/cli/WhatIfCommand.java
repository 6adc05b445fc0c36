package org.bedflow.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

import org.bedflow.jobs.ExitCodes;
import org.bedflow.pipeline.measure.cost.CostBasisFiles;
import org.bedflow.pipeline.measure.cost.UnitCosts;
import org.bedflow.pipeline.measure.cost.WhatIf;
import org.bedflow.pipeline.measure.cost.WhatIfModel;
import org.bedflow.pipeline.query.QueryFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bedflow whatif --output DIR}: what delayed discharges and avoidable admissions cost, and what three
 * scenarios would release, from the cost basis a completed run wrote to {@code runs/<run_id>/cost_basis/}
 * (docs/operations.md, "What if"; the arithmetic and prices are in docs/cost.md). DuckDB: no Spark to start, so an
 * analyst can try one assumption after another.
 */
@Command(name = "whatif", mixinStandardHelpOptions = true,
        description = {"What delays and ACSC admissions cost, and what three scenarios would release (delays capped "
                + "at N days, % discharged on the DRD reaching a target, ACSC admissions down by a share), per "
                + "unitary area: discharges or admissions, bed days, beds and £, from the cost basis of a completed "
                + "run. Each scenario is worked out on its own; they are not added together.",
                "Example: ./bedflow whatif --output out --from 2024-04 --to 2025-03 --cap-delay-days 14 --by pathway"})
public class WhatIfCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder of the runs")
    Path output;

    @Option(names = "--run", paramLabel = "RUN_ID",
            description = "the run whose cost basis to use (default: the latest run that has one)")
    String run;

    @Option(names = "--from", paramLabel = "yyyy-MM",
            description = "first month (default: 12 months to the latest month complete in every area; "
                    + "--from alone: to the last month of the basis)")
    String from;

    @Option(names = "--to", paramLabel = "yyyy-MM", description = "last month (--to alone: the 12 months ending there)")
    String to;

    @Option(names = "--by", defaultValue = "area", paramLabel = "area|pathway|month",
            description = "one row per area and measure over the period (default), or per discharge pathway or month")
    WhatIfModel.Grouping by;

    @Option(names = "--cap-delay-days", paramLabel = "N",
            description = "delays capped at N days (default " + WhatIf.DEFAULT_CAP_DELAY_DAYS + ")")
    Integer capDelayDays;

    @Option(names = "--drd-target", paramLabel = "PCT",
            description = "% discharged on the Discharge Ready Date reaches PCT (default 90)")
    Double drdTarget;

    @Option(names = "--acsc-reduction", paramLabel = "PCT",
            description = "ACSC admissions down by PCT % (default 10)")
    Double acscReduction;

    @Option(names = "--no-cap", description = "leave out the capped delays scenario")
    boolean noCap;

    @Option(names = "--no-drd-target", description = "leave out the DRD target scenario")
    boolean noDrdTarget;

    @Option(names = "--no-acsc-reduction", description = "leave out the ACSC reduction scenario")
    boolean noAcscReduction;

    @Option(names = "--bed-day-cost", paramLabel = "GBP",
            description = "£ per bed day lost to a delay (default: reference/unit_costs.csv, docs/cost.md)")
    Double bedDayCost;

    @Option(names = "--admission-cost", paramLabel = "GBP",
            description = "£ per emergency admission (default: reference/unit_costs.csv, docs/cost.md)")
    Double admissionCost;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv",
            description = "table (default: the period and assumptions, then the figures, decimals rounded to 2 "
                    + "places) or csv (the figures only, full precision)")
    QueryFormat format;

    @Option(names = "--no-disclosure-control",
            description = "exact figures, not for publication (default: figures on 1-7 discharges or admissions "
                    + "suppressed, others rounded to 5)")
    boolean noDisclosureControl;

    @Override
    public Integer call() {
        Path dir = output.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            return usage("output folder " + dir + " does not exist");
        }
        try {
            String runId = run != null ? run : CostBasisFiles.latest(dir).orElse(null);
            if (runId == null) {
                return usage("no run in " + dir + " has a cost basis (runs/<run_id>/cost_basis/): run a nightly run "
                        + "first; runs written before bedflow " + VersionInfo.version() + " have none");
            }
            List<WhatIfModel.BasisRow> basis = CostBasisFiles.read(dir, runId);
            if (basis.isEmpty()) {
                return usage("the cost basis of run " + runId + " is empty: no delays or ACSC admissions to price");
            }
            YearMonth[] period = period(basis);
            WhatIf whatIf = new WhatIf(
                    scenario(noCap, capDelayDays, WhatIf.DEFAULT_CAP_DELAY_DAYS, "--cap-delay-days", "--no-cap"),
                    scenario(noDrdTarget, drdTarget, WhatIf.DEFAULT_DRD_TARGET_PCT, "--drd-target", "--no-drd-target"),
                    scenario(noAcscReduction, acscReduction, WhatIf.DEFAULT_ACSC_REDUCTION_PCT, "--acsc-reduction",
                            "--no-acsc-reduction"));
            WhatIfModel.Result result = WhatIfModel.compute(basis, period[0], period[1], by,
                    UnitCosts.of(bedDayCost, admissionCost), whatIf, !noDisclosureControl);
            if (format == QueryFormat.TABLE) {
                System.out.print(header(runId, result));
            }
            System.out.print(format.render(WhatIfModel.asResult(result)));
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            // an unknown run (the message lists the runs with a basis), a month or a scenario out of range
            return usage(e.getMessage());
        }
    }

    private static int usage(String message) {
        System.err.println("bedflow: " + message);
        return ExitCodes.USAGE;
    }

    /** The period asked for, or the default; a month given must lie within the basis. */
    private YearMonth[] period(List<WhatIfModel.BasisRow> basis) {
        YearMonth first = YearMonth.parse(basis.stream().map(WhatIfModel.BasisRow::month).min(String::compareTo)
                .orElseThrow());
        YearMonth last = YearMonth.parse(basis.stream().map(WhatIfModel.BasisRow::month).max(String::compareTo)
                .orElseThrow());
        YearMonth f = month("--from", from, first, last);
        YearMonth t = month("--to", to, first, last);
        if (f == null && t == null) {
            YearMonth[] d = WhatIfModel.defaultPeriod(basis);
            if (d == null) {
                throw new IllegalArgumentException("no month of the cost basis (" + first + " to " + last
                        + ") is complete in every area yet: give --from and --to");
            }
            return d;
        }
        if (t == null) {
            t = last;
        }
        if (f == null) {
            // the 12 months ending there, or fewer when the basis starts later
            f = t.minusMonths(11).isBefore(first) ? first : t.minusMonths(11);
        }
        if (t.isBefore(f)) {
            throw new IllegalArgumentException("--from " + f + " is after --to " + t);
        }
        return new YearMonth[] {f, t};
    }

    private static YearMonth month(String option, String value, YearMonth first, YearMonth last) {
        if (value == null) {
            return null;
        }
        YearMonth m;
        try {
            m = YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be a month as yyyy-MM, not '" + value + "'");
        }
        if (m.isBefore(first) || m.isAfter(last)) {
            throw new IllegalArgumentException(option + " " + m + " is outside the cost basis of the run ("
                    + first + " to " + last + ")");
        }
        return m;
    }

    /** The option's value, the default, or null (left out); both the value and its --no- flag is an error. */
    private static <T> T scenario(boolean off, T value, T defaultValue, String option, String offOption) {
        if (off && value != null) {
            throw new IllegalArgumentException(option + " and " + offOption + " cannot be given together");
        }
        return off ? null : value != null ? value : defaultValue;
    }

    private static String header(String runId, WhatIfModel.Result result) {
        long days = ChronoUnit.DAYS.between(result.from().atDay(1), result.to().plusMonths(1).atDay(1));
        StringBuilder out = new StringBuilder();
        out.append("What if: ").append(runId).append(", ").append(result.from()).append(" to ").append(result.to())
                .append(" (").append(days).append(" days)\n");
        out.append("Assumptions:\n");
        result.assumptions().forEach(a -> out.append("  - ").append(a).append('\n'));
        if (!result.provisional().isEmpty()) {
            out.append("provisional months in the period (figures may still grow): ")
                    .append(String.join(", ", result.provisional())).append('\n');
        }
        return out.append('\n').toString();
    }
}
