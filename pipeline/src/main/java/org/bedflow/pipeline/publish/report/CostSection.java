package org.bedflow.pipeline.publish.report;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bedflow.pipeline.measure.cost.CostSettings;
import org.bedflow.pipeline.measure.cost.WhatIfModel;
import org.bedflow.pipeline.measure.cost.WhatIfModel.Figure;
import org.bedflow.pipeline.measure.cost.WhatIfModel.Grouping;
import org.bedflow.pipeline.measure.cost.WhatIfModel.Measure;

/**
 * The report's "What delays and avoidable admissions cost" (docs/cost.md): per area, over the twelve months to the
 * latest month complete in every area, the bed days lost to delays and taken by emergency admissions for ambulatory
 * care sensitive conditions, in beds and pounds, and what the configured scenarios would release; by pathway and by
 * month in folds. The figures are {@link WhatIfModel}'s, as {@code bedflow whatif} prints them.
 */
public final class CostSection {

    /**
     * The section's model.
     *
     * @param unavailable why there are no figures, or null
     * @param period      "Feb 2024 to Jan 2025 (366 days)"
     * @param provisional months of the period provisional in some area, or empty
     */
    public record View(String unavailable, String period, List<String> provisional, List<String> assumptions,
                       List<Area> areas, String basisPath) {
    }

    /** One area: its totals, and the same by pathway and by month. */
    public record Area(String area, String areaName, List<Line> totals, List<Line> byPathway, List<Line> byMonth) {
    }

    /** One figure as printed; "suppressed" in every value of a suppressed one. */
    public record Line(String group, String measure, boolean scenario, String counts, String count, String bedDays,
                       String beds, String cost) {
    }

    private CostSection() {
    }

    public static View unavailable(String why) {
        return new View(why, null, List.of(), List.of(), List.of(), null);
    }

    /**
     * @param basis     the run's cost basis
     * @param settings  prices and scenarios
     * @param basisPath where the basis was written, for {@code bedflow whatif}
     */
    public static View of(List<WhatIfModel.BasisRow> basis, CostSettings settings, boolean disclosureControl,
                          String basisPath) {
        YearMonth[] period = WhatIfModel.defaultPeriod(basis);
        if (period == null) {
            return unavailable(basis.isEmpty() ? "no discharge with a known delay and no ACSC admission in the "
                    + "reporting period." : "no month is complete in every area yet.");
        }
        WhatIfModel.Result total = compute(basis, period, Grouping.AREA, settings, disclosureControl);
        WhatIfModel.Result pathways = compute(basis, period, Grouping.PATHWAY, settings, disclosureControl);
        WhatIfModel.Result months = compute(basis, period, Grouping.MONTH, settings, disclosureControl);
        Map<String, Area> areas = new LinkedHashMap<>();
        for (Figure f : total.figures()) {
            areas.computeIfAbsent(f.area(), a -> new Area(a, f.areaName(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>())).totals().add(line(f));
        }
        pathways.figures().forEach(f -> {
            if (areas.containsKey(f.area())) {
                areas.get(f.area()).byPathway().add(line(f));
            }
        });
        // by month: what happened only (the scenarios are in the totals and by pathway)
        months.figures().stream().filter(f -> !f.measure().scenario()).forEach(f -> {
            if (areas.containsKey(f.area())) {
                areas.get(f.area()).byMonth().add(line(f));
            }
        });
        String days = String.valueOf(total.figures().isEmpty() ? 0 : total.figures().get(0).days());
        return new View(null, ReportCharts.monthLabel(period[0].toString()) + " to "
                + ReportCharts.monthLabel(period[1].toString()) + " (" + days + " days)", total.provisional(),
                total.assumptions(), List.copyOf(areas.values()), basisPath);
    }

    private static WhatIfModel.Result compute(List<WhatIfModel.BasisRow> basis, YearMonth[] period, Grouping g,
                                              CostSettings settings, boolean disclosureControl) {
        return WhatIfModel.compute(basis, period[0], period[1], g, settings.prices(), settings.whatIf(),
                disclosureControl);
    }

    /** A value as printed; a sum of bed days suppressed on its own (1-7) reads "suppressed". */
    private static String format(Double v, String pattern) {
        return v == null ? "suppressed" : String.format(Locale.UK, pattern, v);
    }

    static Line line(Figure f) {
        String group = WhatIfModel.ALL.equals(f.group()) ? "" : f.group();
        if (f.suppressed()) {
            String s = "suppressed";
            return new Line(group, f.measure().label(), f.measure().scenario(), f.measure().counts(), s, s, s, s);
        }
        boolean whole = f.measure() != Measure.ACSC_DOWN;
        return new Line(group, f.measure().label(), f.measure().scenario(), f.measure().counts(),
                format(f.count(), whole ? "%,.0f" : "%,.1f"), format(f.bedDays(), "%,.0f"), format(f.beds(), "%,.1f"),
                format(f.cost(), "£%,.0f"));
    }
}
