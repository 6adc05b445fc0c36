package org.bedflow.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Test helper: approximate versions of the headline indicators bedflow computes (chronic and acute
 * ambulatory care sensitive emergency admissions, 30-day emergency readmissions, falls and emergency
 * admissions of people 65+), measured from the written files of the whole county for financial
 * year 2024-25, crude (not age-standardised), so that the sample can be compared with national
 * England figures. Not the pipeline's definitions: prefix lists of the pipeline's reference files,
 * a simple readmission rule, no spell linkage across providers.
 */
final class HeadlineStats {

    static final LocalDate FY_START = LocalDate.of(2024, 4, 1);
    static final LocalDate FY_END = LocalDate.of(2025, 3, 31);
    private static final Path REFERENCE = Path.of("..", "pipeline", "src", "main", "resources", "reference", "icd10");
    private static final Set<String> COPD_SECONDARY = Set.of("J41", "J42", "J43", "J44", "J47");

    long emergency;
    long chronicAcsc;
    long acuteAcsc;
    long emergency65;
    long falls65;
    long readmissionIndex;
    long readmitted;
    double population;
    double population65;
    final Map<String, Long> chronicByCode = new java.util.TreeMap<>();

    static HeadlineStats of(Path dir, NationalFieldsStats national) {
        HeadlineStats s = new HeadlineStats();
        List<String> chronic = prefixes("chronic_acsc.csv");
        List<String> acute = prefixes("acute_acsc.csv");
        for (NationalFieldsStats.Row r : national.spells) {
            Map<String, String> a = r.a();
            LocalDate admitted = r.admitted();
            if (!a.get("admission_method").startsWith("2") || admitted.isBefore(FY_START) || admitted.isAfter(FY_END)
                    || !inCounty(a)) {
                continue;
            }
            List<String> dx = r.diagnoses();
            if (dx.isEmpty()) {
                continue;
            }
            s.emergency++;
            String primary = dx.get(0);
            if (matches(chronic, primary) && chronicCounts(primary, dx, a)) {
                s.chronicAcsc++;
                s.chronicByCode.merge(primary.substring(0, 3), 1L, Long::sum);
            }
            if (matches(acute, primary)) {
                s.acuteAcsc++;
            }
            int age = Integer.parseInt(a.get("age_on_admission"));
            if (age >= 65) {
                s.emergency65++;
                boolean injury = primary.charAt(0) == 'S' || primary.charAt(0) == 'T' && primary.compareTo("T99") < 0;
                boolean fall = dx.stream().skip(1).anyMatch(c -> c.startsWith("W0") || c.startsWith("W1"));
                if (injury && fall) {
                    s.falls65++;
                }
            }
        }
        s.readmissions(national);
        s.population(dir);
        return s;
    }

    /**
     * Index stays: alive discharges before 2025 (so that 30 days follow), not to another hospital,
     * not day cases or regular attenders, not maternity, no cancer code on the stay or on the
     * person's stays admitted in the 365 days before it. Readmitted: the person's next stay is an
     * emergency admitted 0-29 days after the discharge.
     */
    private void readmissions(NationalFieldsStats national) {
        Map<String, List<NationalFieldsStats.Row>> byPerson = new HashMap<>();
        for (NationalFieldsStats.Row r : national.spells) {
            String nhs = r.a().get("nhs_number") == null ? null : r.a().get("nhs_number").replace(" ", "");
            if (nhs != null && NhsNumbers.isValid(nhs)) {
                byPerson.computeIfAbsent(nhs, k -> new ArrayList<>()).add(r);
            }
        }
        LocalDate last = LocalDate.of(2025, 1, 1);
        for (List<NationalFieldsStats.Row> course : byPerson.values()) {
            course.sort(Comparator.comparing(NationalFieldsStats.Row::admitted));
            for (int i = 0; i < course.size(); i++) {
                NationalFieldsStats.Row r = course.get(i);
                if (r.d() == null || !r.alive() || !r.discharged().isBefore(last) || !index(r)
                        || cancerWithin365(course, i)) {
                    continue;
                }
                readmissionIndex++;
                if (i + 1 < course.size()) {
                    NationalFieldsStats.Row next = course.get(i + 1);
                    long gap = next.admitted().toEpochDay() - r.discharged().toEpochDay();
                    if (next.a().get("admission_method").startsWith("2") && gap >= 0 && gap <= 29) {
                        readmitted++;
                    }
                }
            }
        }
    }

    private static boolean index(NationalFieldsStats.Row r) {
        Map<String, String> a = r.a();
        String cls = a.get("patient_classification");
        return !NationalFieldsStats.TO_HOSPITAL.contains(r.d().get("discharge_destination"))
                && !"2".equals(cls) && !"3".equals(cls) && !"4".equals(cls)
                && !NationalFieldsStats.MATERNITY_METHODS.contains(a.get("admission_method"))
                && !NationalFieldsStats.MATERNITY_SPECIALTIES.contains(a.get("main_specialty_code"))
                && !NationalFieldsStats.MATERNITY_SPECIALTIES.contains(a.get("treatment_function_code"));
    }

    private static boolean cancerWithin365(List<NationalFieldsStats.Row> course, int i) {
        LocalDate admitted = course.get(i).admitted();
        for (int j = i; j >= 0; j--) {
            NationalFieldsStats.Row r = course.get(j);
            if (r.admitted().isBefore(admitted.minusDays(365))) {
                break;
            }
            if (r.diagnoses().stream().anyMatch(c -> NationalFieldsStats.isCancer(c) || c.startsWith("Z511"))) {
                return true;
            }
        }
        return false;
    }

    /** County population of 2024 (the population file is scaled to the sample's volume). */
    private void population(Path dir) {
        for (Map<String, String> r : FeedFiles.readFeed(dir, SyntheticFeeds.POPULATION)) {
            if (!r.get("year").equals("2024") || !SampleStats.COUNTY_DISTRICTS.contains(r.get("area_code"))) {
                continue;
            }
            double n = Double.parseDouble(r.get("population"));
            population += n;
            if (Integer.parseInt(r.get("age")) >= 65) {
                population65 += n;
            }
        }
    }

    private static boolean inCounty(Map<String, String> a) {
        String lad = a.get("residence_lad_code");
        return lad != null && (SampleStats.COUNTY_DISTRICTS.contains(lad) || SampleStats.UNITARIES.contains(lad));
    }

    /** J20 only with a COPD secondary; angina not when the primary procedure is in an excluded chapter. */
    private static boolean chronicCounts(String primary, List<String> dx, Map<String, String> a) {
        if (primary.startsWith("J20")) {
            return dx.stream().skip(1).anyMatch(c -> c.length() >= 3 && COPD_SECONDARY.contains(c.substring(0, 3)));
        }
        if (primary.startsWith("I20") || primary.startsWith("I25")) {
            List<String> procedures = NationalFieldsStats.codes(a.get("procedures"));
            return procedures.isEmpty() || !NationalFieldsStats.excludedForAngina(procedures.get(0));
        }
        return true;
    }

    private static boolean matches(List<String> prefixes, String code) {
        for (String p : prefixes) {
            if (code.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> prefixes(String file) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(REFERENCE.resolve(file))) {
                if (line.startsWith("#") || line.startsWith("prefix") || line.isBlank()) {
                    continue;
                }
                out.add(line.split(",")[0].trim());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double pct(long a, long b) {
        return b == 0 ? 0 : 100.0 * a / b;
    }

    double chronicAcscPct() {
        return pct(chronicAcsc, emergency);
    }

    double acuteAcscPct() {
        return pct(acuteAcsc, emergency);
    }

    double readmissionPct() {
        return pct(readmitted, readmissionIndex);
    }

    double per100k(long n, double pop) {
        return pop == 0 ? 0 : 100_000.0 * n / pop;
    }

    double emergencyPer100k() {
        return per100k(emergency, population);
    }

    double chronicAcscPer100k() {
        return per100k(chronicAcsc, population);
    }

    double falls65Per100k() {
        return per100k(falls65, population65);
    }

    double emergency65Per100k() {
        return per100k(emergency65, population65);
    }

    String describe() {
        return String.format(Locale.ROOT, "2024-25, county residents, crude: emergency %d (%.0f per 100k);"
                        + " chronic ACSC %d = %.1f %% of emergency (%.0f per 100k); acute ACSC %d = %.1f %%;"
                        + " 65+: population %.0f, emergency %d (%.0f per 100k), falls %d (%.0f per 100k);"
                        + " readmission proxy (discharges before 2025) %d of %d = %.1f %%",
                emergency, emergencyPer100k(), chronicAcsc, chronicAcscPct(), chronicAcscPer100k(), acuteAcsc,
                acuteAcscPct(), population65, emergency65, emergency65Per100k(), falls65, falls65Per100k(), readmitted,
                readmissionIndex, readmissionPct()) + "; chronic ACSC primaries " + chronicByCode;
    }
}
