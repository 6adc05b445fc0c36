package org.bedflow.sample;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Test helper: the figures of the national definitions' fields (patient classification,
 * specialties, procedures, Discharge Ready Date recording, delay bands, reasons and sectors,
 * transfers), measured from the written files only (latest version of each key, codes normalised
 * as the pipeline does).
 */
final class NationalFieldsStats {

    static final LocalDate DRD_COLLECTION = LocalDate.of(2023, 4, 1);
    static final Set<String> TO_HOSPITAL = Set.of("49", "50", "51", "52", "53", "84", "87");
    static final Set<String> MATERNITY_METHODS = Set.of("31", "32", "82", "83");
    static final Set<String> MATERNITY_SPECIALTIES = Set.of("501", "560");
    /** OPCS-4 chapters of the angina procedure exclusion (docs/code-lists.md, pipeline reference/opcs4/angina_procedure_exclusion.csv): A-H, J-T, V, W; X01, X02, X04, X05. */
    static final String EXCLUDED_CHAPTERS = "ABCDEFGHJKLMNOPQRSTVW";
    static final Set<String> EXCLUDED_X = Set.of("X01", "X02", "X04", "X05");
    static final String[] BANDS = {"1", "2-3", "4-6", "7-13", "14-20", "21+"};

    /** One spell: its latest admission row and its latest discharge row (null when open). */
    record Row(Map<String, String> a, Map<String, String> d) {
        LocalDate admitted() {
            return LocalDate.parse(a.get("admission_date"));
        }

        LocalDate discharged() {
            return LocalDate.parse(d.get("discharge_date"));
        }

        int los() {
            return (int) (discharged().toEpochDay() - admitted().toEpochDay());
        }

        boolean alive() {
            return !d.get("discharge_method").equals("4") && !d.get("discharge_method").equals("5")
                    && !d.get("discharge_destination").equals("79");
        }

        String provider() {
            return a.get("provider_code");
        }

        List<String> diagnoses() {
            List<String> out = new ArrayList<>();
            if (a.get("primary_diagnosis") != null) {
                out.add(code(a.get("primary_diagnosis")));
            }
            out.addAll(codes(a.get("secondary_diagnoses")));
            return out;
        }
    }

    final List<Row> spells = new ArrayList<>();
    final Map<String, Long> classifications = new TreeMap<>();
    long maternity;
    long maternityWomenOutside18To45;
    long dayCases;
    long dayCasesNotElectiveSameDay;
    long cancer;
    long chemotherapy;
    long chemotherapyNotDayCase;
    long chemotherapyPersonsRepeated;
    long withProcedures;
    long anginaEmergency;
    long anginaExcludedProcedure;
    long anginaOtherOrNoProcedure;
    long withSpecialty;
    long withSector;
    long sectorSocialCare;
    final Map<String, Long> reasons = new TreeMap<>();
    long transfers;
    long transfersBetweenRnqAndRns;
    // Discharge Ready Dates
    long overnightBefore;
    long overnightBeforeWithDrd;
    long overnightBeforeWithDrdNoDelay;
    long zeroNightWithDrd;
    long sinceNoDelayBlank;
    long sinceNoDelayRecorded;
    long sinceOvernightAdults;
    long sinceOnDrdAdults;
    final long[] sinceBands = new long[BANDS.length];
    final Map<YearMonth, long[]> rnqRecording = new TreeMap<>();

    static NationalFieldsStats of(Path dir) {
        Map<String, Map<String, String>> adm = latest(FeedFiles.readFeed(dir, Recorder.ADMISSIONS));
        Map<String, Map<String, String>> dis = latest(FeedFiles.readFeed(dir, Recorder.DISCHARGES));
        NationalFieldsStats s = new NationalFieldsStats();
        for (Map.Entry<String, Map<String, String>> e : new TreeMap<>(adm).entrySet()) {
            s.spells.add(new Row(e.getValue(), dis.get(e.getKey())));
        }
        s.measure();
        return s;
    }

    private void measure() {
        Map<String, Long> chemoByPerson = new HashMap<>();
        Map<String, List<Row>> byPerson = new HashMap<>();
        for (Row r : spells) {
            Map<String, String> a = r.a();
            String method = a.get("admission_method");
            String cls = a.get("patient_classification");
            classifications.merge(cls == null ? "none" : cls, 1L, Long::sum);
            String nhs = a.get("nhs_number") == null ? null : a.get("nhs_number").replace(" ", "");
            if (nhs != null && NhsNumbers.isValid(nhs)) {
                byPerson.computeIfAbsent(nhs, k -> new ArrayList<>()).add(r);
            }
            if (a.get("main_specialty_code") != null) {
                withSpecialty++;
            }
            boolean mat = MATERNITY_METHODS.contains(method) || MATERNITY_SPECIALTIES.contains(a.get("main_specialty_code"))
                    || MATERNITY_SPECIALTIES.contains(a.get("treatment_function_code"));
            if (mat) {
                maternity++;
                int age = Integer.parseInt(a.get("age_on_admission"));
                if ((method.equals("31") || method.equals("32")) && (age < 18 || age > 45)) {
                    maternityWomenOutside18To45++;
                }
            }
            if ("2".equals(cls)) {
                dayCases++;
                boolean elective = method.equals("11") || method.equals("12") || method.equals("13");
                if (!elective || r.d() != null && r.los() != 0) {
                    dayCasesNotElectiveSameDay++;
                }
            }
            List<String> dx = r.diagnoses();
            if (dx.stream().anyMatch(NationalFieldsStats::isCancer)) {
                cancer++;
            }
            if (!dx.isEmpty() && dx.get(0).equals("Z511")) {
                chemotherapy++;
                if (!"2".equals(cls) && !"3".equals(cls)) {
                    chemotherapyNotDayCase++;
                }
                if (nhs != null) {
                    chemoByPerson.merge(nhs, 1L, Long::sum);
                }
            }
            List<String> procedures = codes(a.get("procedures"));
            if (!procedures.isEmpty()) {
                withProcedures++;
            }
            boolean emergency = method.startsWith("2");
            if (emergency && !dx.isEmpty() && (dx.get(0).startsWith("I20") || dx.get(0).startsWith("I25"))) {
                anginaEmergency++;
                if (!procedures.isEmpty() && excludedForAngina(procedures.get(0))) {
                    anginaExcludedProcedure++;
                } else {
                    anginaOtherOrNoProcedure++;
                }
            }
            if (r.d() != null) {
                discharge(r);
            }
        }
        chemotherapyPersonsRepeated = chemoByPerson.values().stream().filter(n -> n >= 2).count();
        for (List<Row> course : byPerson.values()) {
            course.sort(Comparator.comparing(Row::admitted));
            for (int i = 0; i + 1 < course.size(); i++) {
                Row first = course.get(i);
                Row next = course.get(i + 1);
                if (first.d() == null) {
                    continue;
                }
                long gap = next.admitted().toEpochDay() - first.discharged().toEpochDay();
                String method = next.a().get("admission_method");
                boolean marker = TO_HOSPITAL.contains(first.d().get("discharge_destination"))
                        || "51".equals(next.a().get("admission_source")) || method.equals("81") || method.equals("2B");
                if (gap >= 0 && gap <= 2 && marker) {
                    transfers++;
                    if (!first.provider().equals(next.provider()) && Set.of("RNQ", "RNS").contains(first.provider())
                            && Set.of("RNQ", "RNS").contains(next.provider())) {
                        transfersBetweenRnqAndRns++;
                    }
                }
            }
        }
    }

    private void discharge(Row r) {
        Map<String, String> d = r.d();
        String drdText = d.get("discharge_ready_date");
        LocalDate drd = drdText == null ? null : LocalDate.parse(drdText);
        LocalDate discharged = r.discharged();
        String reason = d.get("delay_reason");
        if (reason != null) {
            reasons.merge(reason, 1L, Long::sum);
        }
        if (d.get("delay_responsible_sector") != null) {
            withSector++;
            sectorSocialCare += d.get("delay_responsible_sector").equals("Social care") ? 1 : 0;
        }
        int los = r.los();
        if (los == 0) {
            zeroNightWithDrd += drd == null ? 0 : 1;
            return;
        }
        boolean universe = r.alive() && !TO_HOSPITAL.contains(d.get("discharge_destination"));
        boolean adult = Integer.parseInt(r.a().get("age_on_admission")) >= 18;
        if (r.provider().equals("RNQ") && universe && adult) {
            long[] m = rnqRecording.computeIfAbsent(YearMonth.from(discharged), k -> new long[2]);
            m[0]++;
            m[1] += drd == null ? 0 : 1;
        }
        if (!universe) {
            return;
        }
        if (discharged.isBefore(DRD_COLLECTION)) {
            overnightBefore++;
            if (drd != null) {
                overnightBeforeWithDrd++;
                overnightBeforeWithDrdNoDelay += drd.equals(discharged) ? 1 : 0;
            }
            return;
        }
        boolean rnqNotRecording = r.provider().equals("RNQ") && discharged.isBefore(LocalDate.of(2023, 7, 1));
        if (drd == null) {
            sinceNoDelayBlank++;
        } else if (drd.equals(discharged)) {
            sinceNoDelayRecorded++;
        }
        if (!adult || rnqNotRecording) {
            return;
        }
        sinceOvernightAdults++;
        long delay = drd == null ? 0 : discharged.toEpochDay() - drd.toEpochDay();
        if (delay == 0) {
            sinceOnDrdAdults++;
        } else {
            sinceBands[band(delay)]++;
        }
    }

    static int band(long delay) {
        return delay == 1 ? 0 : delay <= 3 ? 1 : delay <= 6 ? 2 : delay <= 13 ? 3 : delay <= 20 ? 4 : 5;
    }

    static boolean excludedForAngina(String procedure) {
        return EXCLUDED_CHAPTERS.indexOf(procedure.charAt(0)) >= 0 || EXCLUDED_X.contains(procedure.substring(0, 3));
    }

    static boolean isCancer(String code) {
        if (code.equals("Z511")) {
            return true;
        }
        if (code.length() < 3 || code.charAt(0) != 'C') {
            return false;
        }
        String n = code.substring(1, 3);
        return n.chars().allMatch(Character::isDigit) && Integer.parseInt(n) <= 97;
    }

    double blankShareOfNoDelayOvernightSince() {
        return (double) sinceNoDelayBlank / (sinceNoDelayBlank + sinceNoDelayRecorded);
    }

    double onDrdShareSince() {
        return (double) sinceOnDrdAdults / sinceOvernightAdults;
    }

    double bandShare(int band) {
        long delayed = sinceOvernightAdults - sinceOnDrdAdults;
        return (double) sinceBands[band] / delayed;
    }

    double recordedShareBefore() {
        return (double) overnightBeforeWithDrd / overnightBefore;
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "spells %d; classifications %s; day cases %.1f %%; maternity %d;"
                        + " cancer %d; chemotherapy %d (repeated persons %d); with procedures %d; emergency angina %d"
                        + " (excluded primary procedure %d, other or none %d); transfers %d (RNQ<->RNS %d);"
                        + " sector on %d (Social care %d); reasons %s%n",
                spells.size(), classifications, 100.0 * dayCases / spells.size(), maternity, cancer, chemotherapy,
                chemotherapyPersonsRepeated, withProcedures, anginaEmergency, anginaExcludedProcedure,
                anginaOtherOrNoProcedure, transfers, transfersBetweenRnqAndRns, withSector, sectorSocialCare, reasons));
        b.append(String.format(Locale.ROOT, "before 2023-04: overnight %d, with DRD %.1f %% (on discharge day %d);"
                        + " zero-night with DRD %d; from 2023-04: no-delay overnight blank %.1f %% (%d blank, %d recorded);"
                        + " adults on DRD %.1f %% of %d; bands",
                overnightBefore, 100 * recordedShareBefore(), overnightBeforeWithDrdNoDelay, zeroNightWithDrd,
                100 * blankShareOfNoDelayOvernightSince(), sinceNoDelayBlank, sinceNoDelayRecorded,
                100 * onDrdShareSince(), sinceOvernightAdults));
        for (int i = 0; i < BANDS.length; i++) {
            b.append(String.format(Locale.ROOT, " %s %.1f %%", BANDS[i], 100 * bandShare(i)));
        }
        b.append(String.format(Locale.ROOT, "%nRNQ overnight adult discharges (with DRD):"));
        rnqRecording.forEach((m, v) -> {
            if (!m.isBefore(YearMonth.of(2023, 1)) && m.isBefore(YearMonth.of(2023, 10))) {
                b.append(' ').append(m).append(' ').append(v[0]).append(" (").append(v[1]).append(')');
            }
        });
        return b.toString();
    }

    private static Map<String, Map<String, String>> latest(List<Map<String, String>> rows) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (Map<String, String> r : rows) {
            out.merge(r.get("provider_code") + "|" + r.get("spell_id"), r,
                    (x, y) -> x.get("submitted_at").compareTo(y.get("submitted_at")) >= 0 ? x : y);
        }
        return out;
    }

    static String code(String raw) {
        String c = raw.replace(".", "").replace(" ", "").toUpperCase(Locale.ROOT);
        while (c.endsWith("X") && c.length() > 3 || c.endsWith("-")) {
            c = c.substring(0, c.length() - 1);
        }
        return c;
    }

    /** The codes of a list as written (provider style), split on any of the separators. */
    static List<String> codesAsWritten(String list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (String c : list.split("[;|,]")) {
                out.add(c);
            }
        }
        return out;
    }

    static List<String> codes(String list) {
        List<String> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (String c : list.split("[;|,]")) {
            if (!c.isBlank()) {
                out.add(code(c));
            }
        }
        return out;
    }
}
