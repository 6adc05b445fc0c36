package org.bedflow.pipeline.publish.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bedflow.pipeline.publish.report.ReportFigures.LinkMonth;

/**
 * The linkage section's ASCOF 2D part: per area, the reablement episodes linked to a discharge and how many of those
 * are exact matches (docs/indicators.md, ASCOF 2D), so an analyst sees how much of 2D rests on window matches.
 * Counted at the end of a nightly run (the measure step's care events are gone once the run is over).
 *
 * @param unavailable why there are no figures (no social care feed, or they could not be computed); null when there
 *                    are
 * @param counts      linked and exact episodes per area and month of the linked discharge, in any order
 */
public record EpisodeLinkage(String unavailable, List<Count> counts) {

    public EpisodeLinkage {
        counts = counts == null ? List.of() : List.copyOf(counts);
    }

    /** One area and month of discharge: episodes linked to a discharge, and of those the exact matches. */
    public record Count(String area, String month, long linked, long exact) {

        public Count {
            // care events always get an area; an old work file without one reads as no usable residence
            area = area == null ? "UNKNOWN" : area;
        }
    }

    /** One area's episodes, months oldest first. */
    public record Area(String area, String areaName, long linked, long exact, List<LinkMonth> byMonth) {

        public long window() {
            return linked - exact;
        }

        /** 100 × exact / linked; null when nothing linked. */
        public Double exactRate() {
            return linked == 0 ? null : 100.0 * exact / linked;
        }
    }

    public static EpisodeLinkage of(List<Count> counts) {
        return new EpisodeLinkage(null, counts);
    }

    public static EpisodeLinkage noSocialCareFeed() {
        return new EpisodeLinkage("the run has no social care feed, so no reablement episode to link.", List.of());
    }

    public static EpisodeLinkage unavailable(String why) {
        return new EpisodeLinkage(why, List.of());
    }

    /**
     * The areas in the order of the spells' linkage table: the configured areas of {@code figures} (each present, with
     * 0 when it has no episode), then the others by code.
     */
    List<Area> areas(ReportFigures figures) {
        Map<String, String> names = new LinkedHashMap<>();
        figures.areas().forEach(a -> names.put(a.code(), a.name()));
        Map<String, List<Count>> byArea = new LinkedHashMap<>();
        counts.stream().sorted(Comparator.comparing(Count::area).thenComparing(Count::month))
                .forEach(c -> byArea.computeIfAbsent(c.area(), k -> new ArrayList<>()).add(c));
        List<Area> out = new ArrayList<>();
        names.forEach((code, name) -> out.add(area(code, name, byArea.getOrDefault(code, List.of()))));
        byArea.forEach((code, rows) -> {
            if (!names.containsKey(code)) {
                out.add(area(code, ReportFigures.otherName(code), rows));
            }
        });
        return out;
    }

    private static Area area(String code, String name, List<Count> rows) {
        long linked = rows.stream().mapToLong(Count::linked).sum();
        long exact = rows.stream().mapToLong(Count::exact).sum();
        return new Area(code, name, linked, exact,
                rows.stream().map(c -> new LinkMonth(c.month(), c.linked(), c.exact())).toList());
    }
}
