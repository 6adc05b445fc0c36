package org.bedflow.sample;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Test helper: approximate ASCOF 2B, 2C and 2D for financial year 2024-25 by unitary area,
 * measured from the written files only (latest version of each spell), so that the sample can
 * be compared with national England figures without running the pipeline.
 *
 * <p>What the approximation keeps of bedflow's rules: service users only (client type null or
 * Service user); a long-term placement is service type Long Term Support: Residential or Nursing
 * Care, not counted when its outcome is self-funded (either release's wording), new when the
 * person (council person id) had no placement starting in the 365 days before; population of
 * the year (2024 for 2024-25) of the area's districts. 2D: discharges of people 65+ with a stay of one night or more, alive,
 * not to another hospital or a hospice, not admitted from a care home; the person's NHS number
 * (valid) links spells and events, a council row without one taking it from the person's other
 * rows (same council person id); a reablement episode (ST-Max and Reablement) starting from 3
 * days before to 7 days after the discharge; failure within 84 days after the discharge: a death
 * (date_of_death on any of the person's rows, or a death in hospital), an emergency admission
 * of one night or more (or still open), the start of a long-term placement.
 *
 * <p>What it simplifies: the area is the residence district on the admission row (rows without
 * one are left out, no LSOA fallback); discharges of the whole year, followed as far as the
 * files go (for the last 12 weeks of 2024-25, to the window end, as a run on 2025-04-01 sees
 * them; the generator makes only failures that fit in the window); no opt-outs, no resubmitted social care rows (there are none).
 */
final class AscofStats {

    static final String NORTH = "E06000061";
    static final String WEST = "E06000062";
    static final Map<String, String> UNITARY = Map.of("E07000150", NORTH, "E07000152", NORTH, "E07000153", NORTH,
            "E07000156", NORTH, "E07000151", WEST, "E07000154", WEST, "E07000155", WEST, NORTH, NORTH, WEST, WEST);
    static final Set<String> PLACEMENTS = Set.of("Long Term Support: Residential Care",
            "Long Term Support: Nursing Care");
    private static final Set<String> HOSPICE = Set.of("88");
    private static final Set<String> FROM_CARE_HOME = Set.of("54", "65", "85");

    /** Per area: [eligible discharges, with reablement, reablement without failure]. */
    final Map<String, long[]> twoD = new TreeMap<>();
    /** Per area: failures by kind [death, readmission, placement]. */
    final Map<String, long[]> failures = new TreeMap<>();
    /** Per area: new placements [18-64, 65+], and populations [18-64, 65+]. */
    final Map<String, long[]> newPlacements = new TreeMap<>();
    final Map<String, double[]> population = new TreeMap<>();
    long placements;
    long selfFunded;
    final LocalDate fyStart;
    final LocalDate fyEnd;

    private AscofStats(int year) {
        fyStart = LocalDate.of(year, 4, 1);
        fyEnd = fyStart.plusYears(1).minusDays(1);
    }

    /** The figures of financial year 2024-25. */
    static AscofStats of(Path dir, NationalFieldsStats national) {
        return of(dir, national, 2024);
    }

    /** The figures of the financial year starting in April of {@code year}. */
    static AscofStats of(Path dir, NationalFieldsStats national, int year) {
        AscofStats s = new AscofStats(year);
        List<Map<String, String>> events = FeedFiles.readFeed(dir, Recorder.CARE);
        s.population(dir);
        s.placements(events);
        s.reablement(events, national);
        return s;
    }

    static String area(String lad) {
        return lad == null ? null : UNITARY.get(lad);
    }

    static boolean serviceUser(Map<String, String> e) {
        return e.get("client_type") == null || e.get("client_type").equals("Service user");
    }

    static boolean selfFundedOutcome(String outcome) {
        String o = normalise(outcome);
        return o.equals(normalise("NFA: Self-funded client or under 12wk disregard"))
                || o.equals(normalise("NFA - Self-funded client (inc. 12wk disregard)"));
    }

    static String normalise(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    static boolean placement(Map<String, String> e) {
        return "Service".equals(e.get("event_type")) && PLACEMENTS.contains(e.get("service_type"));
    }

    private void placements(List<Map<String, String>> events) {
        Map<String, List<Map<String, String>>> byPerson = new HashMap<>();
        for (Map<String, String> e : events) {
            if (placement(e) && serviceUser(e)) {
                byPerson.computeIfAbsent(e.get("la_code") + "|" + e.get("person_id"), k -> new ArrayList<>()).add(e);
            }
        }
        for (List<Map<String, String>> list : byPerson.values()) {
            list.sort(Comparator.comparing(e -> e.get("event_start_date")));
            for (int i = 0; i < list.size(); i++) {
                Map<String, String> e = list.get(i);
                LocalDate start = LocalDate.parse(e.get("event_start_date"));
                if (start.isBefore(fyStart) || start.isAfter(fyEnd)) {
                    continue;
                }
                placements++;
                if (selfFundedOutcome(e.get("event_outcome"))) {
                    selfFunded++;
                    continue;
                }
                boolean earlier = false;
                for (int j = 0; j < i; j++) {
                    LocalDate before = LocalDate.parse(list.get(j).get("event_start_date"));
                    earlier |= !before.isBefore(start.minusDays(365));
                }
                if (!earlier) {
                    int age = Integer.parseInt(e.get("age"));
                    newPlacements.computeIfAbsent(e.get("la_code"), k -> new long[2])[age >= 65 ? 1 : 0]++;
                }
            }
        }
    }

    private void population(Path dir) {
        for (Map<String, String> r : FeedFiles.readFeed(dir, SyntheticFeeds.POPULATION)) {
            String area = area(r.get("area_code"));
            int age = Integer.parseInt(r.get("age"));
            if (!r.get("year").equals(String.valueOf(fyStart.getYear())) || area == null || age < 18) {
                continue;
            }
            population.computeIfAbsent(area, k -> new double[2])[age >= 65 ? 1 : 0] +=
                    Double.parseDouble(r.get("population"));
        }
    }

    private void reablement(List<Map<String, String>> events, NationalFieldsStats national) {
        Map<String, List<LocalDate>> reablement = new HashMap<>();
        Map<String, List<LocalDate>> placementStarts = new HashMap<>();
        Map<String, LocalDate> deaths = new HashMap<>();
        // a row without a (valid) NHS number borrows the one on the person's other rows of the council
        Map<String, String> personNhs = new HashMap<>();
        for (Map<String, String> e : events) {
            String nhs = e.get("nhs_number");
            if (nhs != null && NhsNumbers.isValid(nhs)) {
                personNhs.put(e.get("la_code") + "|" + e.get("person_id"), nhs);
            }
        }
        for (Map<String, String> e : events) {
            String nhs = personNhs.get(e.get("la_code") + "|" + e.get("person_id"));
            if (nhs == null || !serviceUser(e)) {
                continue;
            }
            LocalDate start = LocalDate.parse(e.get("event_start_date"));
            if ("Short Term Support: ST-Max".equals(e.get("service_type")) && "Reablement".equals(
                    e.get("service_component"))) {
                reablement.computeIfAbsent(nhs, k -> new ArrayList<>()).add(start);
            }
            if (placement(e)) {
                placementStarts.computeIfAbsent(nhs, k -> new ArrayList<>()).add(start);
            }
            if (e.get("date_of_death") != null) {
                deaths.put(nhs, LocalDate.parse(e.get("date_of_death")));
            }
        }
        Map<String, List<NationalFieldsStats.Row>> byPerson = new HashMap<>();
        for (NationalFieldsStats.Row r : national.spells) {
            String nhs = r.a().get("nhs_number") == null ? null : r.a().get("nhs_number").replace(" ", "");
            if (nhs != null && NhsNumbers.isValid(nhs)) {
                byPerson.computeIfAbsent(nhs, k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<NationalFieldsStats.Row>> p : byPerson.entrySet()) {
            List<NationalFieldsStats.Row> course = p.getValue();
            course.sort(Comparator.comparing(NationalFieldsStats.Row::admitted));
            for (int i = 0; i < course.size(); i++) {
                NationalFieldsStats.Row r = course.get(i);
                String area = area(r.a().get("residence_lad_code"));
                if (area == null || !eligible(r)) {
                    continue;
                }
                long[] v = twoD.computeIfAbsent(area, k -> new long[3]);
                long[] f = failures.computeIfAbsent(area, k -> new long[3]);
                v[0]++;
                LocalDate d = r.discharged();
                boolean reabled = reablement.getOrDefault(p.getKey(), List.of()).stream()
                        .anyMatch(s -> !s.isBefore(d.minusDays(3)) && !s.isAfter(d.plusDays(7)));
                if (!reabled) {
                    continue;
                }
                v[1]++;
                LocalDate until = d.plusDays(84);
                LocalDate died = deaths.get(p.getKey());
                boolean death = died != null && !died.isAfter(until);
                boolean readmitted = false;
                for (int j = i + 1; j < course.size(); j++) {
                    NationalFieldsStats.Row next = course.get(j);
                    if (next.admitted().isAfter(until)) {
                        break;
                    }
                    if (next.d() != null && !next.alive()) {
                        death = true;
                    }
                    boolean overnight = next.d() == null || next.los() >= 1;
                    readmitted |= next.a().get("admission_method").startsWith("2") && overnight;
                }
                boolean placed = placementStarts.getOrDefault(p.getKey(), List.of()).stream()
                        .anyMatch(s -> !s.isBefore(d) && !s.isAfter(until));
                f[0] += death ? 1 : 0;
                f[1] += readmitted ? 1 : 0;
                f[2] += placed ? 1 : 0;
                if (!death && !readmitted && !placed) {
                    v[2]++;
                }
            }
        }
    }

    private boolean eligible(NationalFieldsStats.Row r) {
        if (r.d() == null || !r.alive() || r.los() < 1) {
            return false;
        }
        LocalDate d = r.discharged();
        return !d.isBefore(fyStart) && !d.isAfter(fyEnd)
                && Integer.parseInt(r.a().get("age_on_admission")) >= 65
                && !NationalFieldsStats.TO_HOSPITAL.contains(r.d().get("discharge_destination"))
                && !HOSPICE.contains(r.d().get("discharge_destination"))
                && !FROM_CARE_HOME.contains(r.a().get("admission_source"));
    }

    double part1(String area) {
        long[] v = twoD.get(area);
        return 100.0 * v[2] / v[1];
    }

    double part2(String area) {
        long[] v = twoD.get(area);
        return 100.0 * v[1] / v[0];
    }

    /** New placements per 100,000 of the age band (0: 18-64, ASCOF 2B; 1: 65+, ASCOF 2C). */
    double per100k(String area, int band) {
        return 100_000.0 * newPlacements.getOrDefault(area, new long[2])[band] / population.get(area)[band];
    }

    double selfFundedPct() {
        return 100.0 * selfFunded / placements;
    }

    String describe() {
        StringBuilder b = new StringBuilder("ASCOF approximations " + fyStart.getYear() + "-"
                + (fyStart.getYear() + 1 - 2000) + ":");
        for (String area : List.of(NORTH, WEST)) {
            long[] v = twoD.get(area);
            long[] f = failures.get(area);
            b.append(String.format(Locale.ROOT, " %s: 2D part 1 %d of %d = %.1f %% (failures: death %d,"
                            + " readmission %d, placement %d), part 2 %d of %d = %.1f %%, 2B %d = %.1f per 100k"
                            + " (population 18-64 %.0f), 2C %d = %.1f per 100k (population 65+ %.0f);", area, v[2],
                    v[1], part1(area), f[0], f[1], f[2], v[1], v[0], part2(area),
                    newPlacements.getOrDefault(area, new long[2])[0], per100k(area, 0), population.get(area)[0],
                    newPlacements.getOrDefault(area, new long[2])[1], per100k(area, 1), population.get(area)[1]));
        }
        b.append(String.format(Locale.ROOT, " placements of the year %d, self-funded %d = %.1f %%", placements,
                selfFunded, selfFundedPct()));
        return b.toString();
    }
}
