package org.bedflow.sample;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Test helper: the shares the brief asks for, measured from the written files only (latest
 * version of each key; NHS numbers as the linkage key, as the pipeline will do it).
 */
final class SampleStats {

    private static final Set<String> EMERGENCY = Set.of("21", "22", "23", "24", "25", "2A", "2B", "2C", "2D", "28");
    private static final Set<String> ELECTIVE = Set.of("11", "12", "13");
    static final Set<String> COUNTY_DISTRICTS = Set.of("E07000150", "E07000151", "E07000152", "E07000153",
            "E07000154", "E07000155", "E07000156");
    static final Set<String> UNITARIES = Set.of("E06000061", "E06000062");

    long admissions;
    long emergency;
    long elective;
    long discharges;
    long open;
    long died;
    long toUsualResidence;
    double meanLos;
    double medianLos;
    double zeroLosShare;
    long withDrd;
    long delayed;
    double meanDelay;
    long aliveWithKey;
    long readmitted;
    long alive65WithKey;
    long linked65;
    long events;
    long missingNhs;
    long invalidNhs;
    long outOfArea;
    long lsoaOnly;
    long noResidence;
    long inCountyAfterVesting;
    long unitaryAfterVesting;
    final Map<String, Long> pathways = new TreeMap<>();

    private record Adm(int day, boolean emergency, String nhs, int age, String submitted) {
    }

    private record Dis(int day, String method, String destination, Integer drd, String pathway, String submitted) {
    }

    static SampleStats of(Path dir) {
        SampleStats s = new SampleStats();
        Map<String, Adm> adm = new HashMap<>();
        for (Path f : FeedFiles.files(dir, Recorder.ADMISSIONS, false)) {
            FeedFiles.forEachRow(f, r -> {
                String key = r.get("provider_code") + "|" + r.get("spell_id");
                Adm a = new Adm(day(r.get("admission_date")), EMERGENCY.contains(r.get("admission_method")),
                        normal(r.get("nhs_number")), Integer.parseInt(r.get("age_on_admission")), r.get("submitted_at"));
                Adm old = adm.get(key);
                if (old == null || old.submitted().compareTo(a.submitted()) < 0) {
                    adm.put(key, a);
                }
                if (!f.getFileName().toString().contains("resubmission")) {
                    s.count(r);
                }
            });
        }
        Map<String, Dis> dis = new HashMap<>();
        for (Path f : FeedFiles.files(dir, Recorder.DISCHARGES, false)) {
            FeedFiles.forEachRow(f, r -> {
                String key = r.get("provider_code") + "|" + r.get("spell_id");
                String drd = r.get("discharge_ready_date");
                Dis d = new Dis(day(r.get("discharge_date")), r.get("discharge_method"), r.get("discharge_destination"),
                        drd == null ? null : day(drd), r.get("discharge_pathway"), r.get("submitted_at"));
                Dis old = dis.get(key);
                if (old == null || old.submitted().compareTo(d.submitted()) < 0) {
                    dis.put(key, d);
                }
            });
        }
        Map<String, List<Integer>> emergencyDays = new HashMap<>();
        for (Adm a : adm.values()) {
            if (a.emergency() && a.nhs() != null) {
                emergencyDays.computeIfAbsent(a.nhs(), k -> new ArrayList<>()).add(a.day());
            }
        }
        Map<String, List<Integer>> serviceDays = new HashMap<>();
        for (Path f : FeedFiles.files(dir, Recorder.CARE, false)) {
            FeedFiles.forEachRow(f, r -> {
                s.events++;
                String nhs = normal(r.get("nhs_number"));
                if ("Service".equals(r.get("event_type")) && nhs != null) {
                    serviceDays.computeIfAbsent(nhs, k -> new ArrayList<>()).add(day(r.get("event_start_date")));
                }
            });
        }
        s.admissions = adm.size();
        int[] los = new int[dis.size()];
        int n = 0;
        long delaySum = 0;
        for (Map.Entry<String, Adm> e : adm.entrySet()) {
            Adm a = e.getValue();
            Dis d = dis.get(e.getKey());
            if (d == null) {
                s.open++;
                continue;
            }
            s.discharges++;
            los[n++] = d.day() - a.day();
            if (d.method().equals("4") || d.destination().equals("79")) {
                s.died++;
                continue;
            }
            if (d.destination().equals("19")) {
                s.toUsualResidence++;
            }
            s.pathways.merge(d.pathway() == null ? "none" : d.pathway(), 1L, Long::sum);
            if (d.drd() != null) {
                s.withDrd++;
                if (d.day() > d.drd()) {
                    s.delayed++;
                    delaySum += d.day() - d.drd();
                }
            }
            if (a.nhs() != null) {
                s.aliveWithKey++;
                for (int day : emergencyDays.getOrDefault(a.nhs(), List.of())) {
                    if (day - d.day() >= 0 && day - d.day() <= 29 && day != a.day()) {
                        s.readmitted++;
                        break;
                    }
                }
                if (a.age() >= 65) {
                    s.alive65WithKey++;
                    for (int day : serviceDays.getOrDefault(a.nhs(), List.of())) {
                        if (day - d.day() >= -1 && day - d.day() <= 3) {
                            s.linked65++;
                            break;
                        }
                    }
                }
            }
        }
        int[] sorted = Arrays.copyOf(los, n);
        Arrays.sort(sorted);
        long sum = 0;
        int zero = 0;
        for (int v : sorted) {
            sum += v;
            zero += v == 0 ? 1 : 0;
        }
        s.meanLos = n == 0 ? 0 : (double) sum / n;
        s.medianLos = n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        s.zeroLosShare = n == 0 ? 0 : (double) zero / n;
        s.meanDelay = s.delayed == 0 ? 0 : (double) delaySum / s.delayed;
        return s;
    }

    private void count(Map<String, String> r) {
        String method = r.get("admission_method");
        emergency += EMERGENCY.contains(method) ? 1 : 0;
        elective += ELECTIVE.contains(method) ? 1 : 0;
        String nhs = r.get("nhs_number");
        if (nhs == null) {
            missingNhs++;
        } else if (!NhsNumbers.isValid(nhs)) {
            invalidNhs++;
        }
        String lad = r.get("residence_lad_code");
        String lsoa = r.get("lsoa_code");
        if (lad == null) {
            if (lsoa == null) {
                noResidence++;
            } else {
                lsoaOnly++;
            }
        } else if (!COUNTY_DISTRICTS.contains(lad) && !UNITARIES.contains(lad)) {
            outOfArea++;
        } else if (!LocalDate.parse(r.get("admission_date")).isBefore(Northamptonshire.VESTING_DAY)) {
            inCountyAfterVesting++;
            unitaryAfterVesting += UNITARIES.contains(lad) ? 1 : 0;
        }
    }

    long mainAdmissionRows() {
        return emergency + elective + (admissions - emergency - elective);
    }

    private static int day(String iso) {
        return (int) LocalDate.parse(iso).toEpochDay();
    }

    private static String normal(String nhs) {
        if (nhs == null) {
            return null;
        }
        String d = nhs.replace(" ", "");
        return NhsNumbers.isValid(d) ? d : null;
    }

    private static double pct(long a, long b) {
        return b == 0 ? 0 : 100.0 * a / b;
    }

    double emergencyPct() {
        return pct(emergency, admissions);
    }

    double electivePct() {
        return pct(elective, admissions);
    }

    double drdPct() {
        return pct(withDrd, discharges - died);
    }

    double delayedPct() {
        return pct(delayed, withDrd);
    }

    double readmissionPct() {
        return pct(readmitted, aliveWithKey);
    }

    double linkagePct() {
        return pct(linked65, alive65WithKey);
    }

    double openPct() {
        return pct(open, admissions);
    }

    double diedPct() {
        return pct(died, discharges);
    }

    double usualResidencePct() {
        return pct(toUsualResidence, discharges);
    }

    String describe() {
        return String.format(Locale.ROOT,
                "spells %d: emergency %.1f %%, elective %.1f %%, open %.1f %%; LOS mean %.2f median %.1f zero-day %.1f %%;"
                        + " died %.1f %%, to usual residence %.1f %%; DRD on %.1f %% of alive discharges, delayed %.1f %%"
                        + " of those (mean %.1f days); readmitted 30d %.1f %%; 65+ alive discharges with a care service"
                        + " in [d-1,d+3] %.1f %%; care events %d (%.2f per spell); pathways %s;"
                        + " NHS missing %.2f %% invalid %.2f %%; out-of-area %.1f %% LSOA-only %.1f %% none %.1f %%;"
                        + " unitary code on %.1f %% of in-county rows after vesting",
                admissions, emergencyPct(), electivePct(), openPct(), meanLos, medianLos, 100 * zeroLosShare,
                diedPct(), usualResidencePct(), drdPct(), delayedPct(), meanDelay, readmissionPct(), linkagePct(),
                events, (double) events / admissions, pathways, pct(missingNhs, admissions),
                pct(invalidNhs, admissions), pct(outOfArea, admissions), pct(lsoaOnly, admissions),
                pct(noResidence, admissions), pct(unitaryAfterVesting, inCountyAfterVesting));
    }
}
