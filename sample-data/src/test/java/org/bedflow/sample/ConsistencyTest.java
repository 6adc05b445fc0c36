package org.bedflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated feeds agree with each other (checked on a fresh generation of the committed sample's options). */
class ConsistencyTest {

    private static final LocalDate FIRST = LocalDate.of(2020, 4, 1);
    private static final LocalDate LAST = LocalDate.of(2025, 3, 31);
    private static final Pattern LAD = Pattern.compile("^E0[6-9][0-9]{6}$");
    /** The pipeline's default delay reason mapping, whose codes the sample writes. */
    private static final Path ACUTE_SITREP = Path.of("..", "pipeline", "src", "main", "resources", "reference",
            "delay_reasons", "acute_sitrep.csv");
    private static final Pattern OPCS4 = Pattern.compile("^[A-Z][0-9]{2}\\.?[0-9]$");
    private static final Pattern SPECIALTY = Pattern.compile("^[0-9]{3}$");

    private static GenerationSummary summary;
    private static Path dir;
    private static List<Map<String, String>> admissions;
    private static List<Map<String, String>> discharges;
    private static List<Map<String, String>> events;
    private static Map<String, Map<String, String>> latestAdmission;

    @BeforeAll
    static void generate() {
        summary = GeneratedSample.committedOptions();
        dir = summary.outDir();
        admissions = FeedFiles.readFeed(dir, Recorder.ADMISSIONS);
        discharges = FeedFiles.readFeed(dir, Recorder.DISCHARGES);
        events = FeedFiles.readFeed(dir, Recorder.CARE);
        latestAdmission = latest(admissions);
    }

    @Test
    void everyDischargeHasAnAdmission() {
        for (Map<String, String> d : discharges) {
            assertThat(latestAdmission).as("discharge without admission").containsKey(key(d));
        }
    }

    @Test
    void dischargeIsOnOrAfterAdmissionAndTheReadyDateLiesWithinTheSpell() {
        for (Map<String, String> d : discharges) {
            LocalDate admitted = LocalDate.parse(latestAdmission.get(key(d)).get("admission_date"));
            LocalDate discharged = LocalDate.parse(d.get("discharge_date"));
            assertThat(discharged).isAfterOrEqualTo(admitted);
            if (d.get("discharge_ready_date") != null) {
                assertThat(LocalDate.parse(d.get("discharge_ready_date"))).isBetween(admitted, discharged);
            }
        }
    }

    @Test
    void delayReasonOnlyOnDelayedSpells() {
        long withReason = 0;
        for (Map<String, String> d : discharges) {
            if (d.get("delay_reason") != null) {
                withReason++;
                assertThat(d.get("discharge_ready_date")).isNotNull();
                assertThat(LocalDate.parse(d.get("discharge_date")))
                        .isAfter(LocalDate.parse(d.get("discharge_ready_date")));
                assertThat(d.get("delay_reason")).isIn(acuteSitrepCodes());
            }
            if (d.get("delay_responsible_sector") != null) {
                assertThat(d.get("delay_reason")).as("a sector only with a reason").isNotNull();
                assertThat(d.get("delay_responsible_sector")).isIn("NHS", "Social care", "Both", "Other");
            }
        }
        assertThat(withReason).isPositive();
    }

    @Test
    void theNewAdmissionFieldsHoldCodesOfTheirLists() {
        for (Map<String, String> a : admissions) {
            assertThat(a.get("patient_classification")).isIn("1", "2", "3", "4", "5");
            assertThat(a.get("main_specialty_code")).matches(SPECIALTY);
            assertThat(a.get("treatment_function_code")).matches(SPECIALTY);
            for (String p : NationalFieldsStats.codesAsWritten(a.get("procedures"))) {
                assertThat(p).matches(OPCS4);
            }
            String method = a.get("admission_method");
            if (method.equals("31") || method.equals("32")) {
                assertThat(a.get("sex")).isEqualTo("2");
                assertThat(Integer.parseInt(a.get("age_on_admission"))).isBetween(18, 45);
                assertThat(a.get("main_specialty_code")).isIn("501", "560");
            }
            if (method.equals("82") || method.equals("83")) {
                assertThat(a.get("age_on_admission")).isEqualTo("0");
            }
        }
    }

    private static List<String> acuteSitrepCodes() {
        try {
            return java.nio.file.Files.readAllLines(ACUTE_SITREP).stream()
                    .filter(l -> l.startsWith("NCTR")).map(l -> l.substring(0, l.indexOf(','))).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void deathsAreRecordedConsistently() {
        for (Map<String, String> d : discharges) {
            boolean died = d.get("discharge_method").equals("4");
            assertThat(d.get("discharge_destination").equals("79")).isEqualTo(died);
            if (died) {
                assertThat(d.get("discharge_ready_date")).isNull();
            }
        }
    }

    @Test
    void nothingHappensOutsideTheWindowOrAfterTheRunDate() {
        for (Map<String, String> a : admissions) {
            assertThat(LocalDate.parse(a.get("admission_date"))).isBetween(FIRST, LAST);
            assertThat(Integer.parseInt(a.get("age_on_admission"))).isBetween(0, 120);
            assertThat(a.get("sex")).isIn("1", "2");
        }
        for (Map<String, String> d : discharges) {
            assertThat(LocalDate.parse(d.get("discharge_date"))).isBetween(FIRST, LAST);
        }
        for (Map<String, String> e : events) {
            LocalDate start = LocalDate.parse(e.get("event_start_date"));
            assertThat(start).isBetween(FIRST, LAST);
            assertThat(Integer.parseInt(e.get("age"))).isBetween(18, 120);
            if (e.get("event_end_date") != null) {
                LocalDate end = LocalDate.parse(e.get("event_end_date"));
                assertThat(end).isAfterOrEqualTo(start);
                LocalDate extract = LocalDateTime.parse(e.get("submitted_at")).toLocalDate();
                assertThat(end).isBefore(extract);
            }
        }
    }

    @Test
    void nhsNumbersAreValidExceptTheDeliberatelyMistypedOnes() {
        long invalid = 0;
        long missing = 0;
        for (Path f : FeedFiles.files(dir, Recorder.ADMISSIONS, false)) {
            if (f.getFileName().toString().contains("resubmission")) {
                continue; // re-sent copies of rows counted in the main files
            }
            for (Map<String, String> a : FeedFiles.read(f)) {
                String nhs = a.get("nhs_number");
                if (nhs == null) {
                    missing++;
                } else if (!NhsNumbers.isValid(nhs)) {
                    invalid++;
                } else {
                    assertThat(nhs.replace(" ", "")).startsWith("999");
                }
            }
        }
        assertThat(invalid).isEqualTo(summary.profile().invalidNhsNumbers());
        assertThat(missing).isEqualTo(summary.profile().missingNhsNumbers());
        assertThat(invalid).isBetween(30L, 110L); // ~0.3 % of 22,000
        assertThat(missing).isBetween(150L, 290L); // ~1 %
    }

    @Test
    void linkedCareEventsShareAnNhsNumberWithASpell() {
        Set<String> patients = new HashSet<>();
        for (Map<String, String> a : admissions) {
            if (a.get("nhs_number") != null) {
                patients.add(a.get("nhs_number").replace(" ", ""));
            }
        }
        long requests = 0;
        long matched = 0;
        for (Map<String, String> e : events) {
            String nhs = e.get("nhs_number");
            if ("Discharge from hospital".equals(e.get("request_route")) && NhsNumbers.isValid(nhs)) {
                requests++;
                matched += patients.contains(nhs) ? 1 : 0;
            }
        }
        // a person whose every admission row lost the NHS number cannot match (about 1 % of rows)
        assertThat(requests).isGreaterThan(300);
        assertThat(matched).isGreaterThanOrEqualTo(requests * 97 / 100);
    }

    @Test
    void councilsFollowTheVestingDay() {
        for (Map<String, String> e : events) {
            boolean county = LocalDate.parse(e.get("event_start_date")).isBefore(Northamptonshire.VESTING_DAY);
            String la = e.get("la_code");
            if (county) {
                assertThat(la).isEqualTo("E10000021");
                assertThat(e.get("person_id")).startsWith("NCC-");
            } else {
                assertThat(la).isIn("E06000061", "E06000062");
                assertThat(e.get("person_id")).startsWith(la.equals("E06000061") ? "NNC-" : "WNC-");
            }
            String residence = e.get("residence_lad_code");
            if (residence != null) {
                assertThat(SampleStats.COUNTY_DISTRICTS.contains(residence)
                        || !county && SampleStats.UNITARIES.contains(residence)).as(residence).isTrue();
            }
        }
    }

    @Test
    void requestsHaveRoutesAndServicesHaveTypes() {
        for (Map<String, String> e : events) {
            switch (e.get("event_type")) {
                case "Request" -> assertThat(e.get("request_route")).isNotNull();
                case "Service" -> assertThat(e.get("service_type")).isNotNull();
                default -> assertThat(e.get("event_type")).isIn("Assessment", "Review");
            }
        }
    }

    @Test
    void keysAreUniqueWithinEachFile() {
        for (String feed : List.of(Recorder.ADMISSIONS, Recorder.DISCHARGES, Recorder.CARE)) {
            for (Path f : FeedFiles.files(dir, feed, false)) {
                Set<String> keys = new HashSet<>();
                for (Map<String, String> r : FeedFiles.read(f)) {
                    String k = feed.equals(Recorder.CARE) ? r.get("la_code") + "|" + r.get("event_id") : key(r);
                    assertThat(keys.add(k)).as("duplicate key %s in %s", k, f).isTrue();
                }
            }
        }
    }

    @Test
    void resubmissionsAreLaterVersionsOfSentRowsAndSomeChangeValues() {
        for (String feed : List.of(Recorder.ADMISSIONS, Recorder.DISCHARGES)) {
            Map<String, Map<String, String>> originals = new HashMap<>();
            List<Map<String, String>> resent = new java.util.ArrayList<>();
            for (Path f : FeedFiles.files(dir, feed, false)) {
                boolean resub = f.getFileName().toString().contains("resubmission");
                for (Map<String, String> r : FeedFiles.read(f)) {
                    if (resub) {
                        resent.add(r);
                    } else {
                        originals.put(key(r), r);
                    }
                }
            }
            assertThat(resent).as(feed).hasSizeBetween(200, 900);
            long changed = 0;
            for (Map<String, String> r : resent) {
                Map<String, String> original = originals.get(key(r));
                assertThat(original).as("resent row was sent before").isNotNull();
                assertThat(Instant.parse(r.get("submitted_at") + "Z"))
                        .isAfter(Instant.parse(original.get("submitted_at") + "Z"));
                Map<String, String> a = new HashMap<>(original);
                Map<String, String> b = new HashMap<>(r);
                a.remove("submitted_at");
                b.remove("submitted_at");
                changed += a.equals(b) ? 0 : 1;
            }
            assertThat(changed).as(feed).isBetween(resent.size() / 20L, resent.size() / 3L);
        }
    }

    @Test
    void residenceCodesAreValidAndEveryLsoaIsInTheLookup() {
        Set<String> lookup = new HashSet<>();
        for (Map<String, String> g : FeedFiles.readFeed(dir, SyntheticFeeds.GEOGRAPHY)) {
            lookup.add(g.get("lsoa_code"));
        }
        for (Map<String, String> a : admissions) {
            if (a.get("residence_lad_code") != null) {
                assertThat(a.get("residence_lad_code")).matches(LAD);
            }
            if (a.get("lsoa_code") != null) {
                assertThat(lookup).contains(a.get("lsoa_code"));
            }
        }
    }

    @Test
    void optOutsArePatientsOfTheExtracts() {
        Set<String> patients = new HashSet<>();
        admissions.forEach(a -> {
            if (a.get("nhs_number") != null) {
                patients.add(a.get("nhs_number").replace(" ", ""));
            }
        });
        List<Map<String, String>> optOuts = FeedFiles.readFeed(dir, Recorder.OPT_OUTS);
        assertThat(optOuts).hasSizeBetween(2, 20);
        for (Map<String, String> o : optOuts) {
            assertThat(NhsNumbers.isValid(o.get("nhs_number"))).isTrue();
            assertThat(patients).contains(o.get("nhs_number"));
        }
    }

    @Test
    void populationCoversEveryYearDistrictSexAndAgeAtAbout25AdmissionsPer100() {
        List<Map<String, String>> population = FeedFiles.readFeed(dir, SyntheticFeeds.POPULATION);
        // years 2020 to 2025 x 7 districts x 2 sexes x ages 0..90
        assertThat(population).hasSize(6 * 7 * 2 * 91);
        long residents2021 = 0;
        for (Map<String, String> p : population) {
            assertThat(SampleStats.COUNTY_DISTRICTS).contains(p.get("area_code"));
            assertThat(Long.parseLong(p.get("population"))).isNotNegative();
            if (p.get("year").equals("2021")) {
                residents2021 += Long.parseLong(p.get("population"));
            }
        }
        long inCountyFy2021 = 0;
        for (Map<String, String> a : latestAdmission.values()) {
            LocalDate d = LocalDate.parse(a.get("admission_date"));
            String lad = a.get("residence_lad_code");
            boolean inCounty = lad != null && (SampleStats.COUNTY_DISTRICTS.contains(lad)
                    || SampleStats.UNITARIES.contains(lad));
            if (inCounty && !d.isBefore(LocalDate.of(2021, 4, 1)) && d.isBefore(LocalDate.of(2022, 4, 1))) {
                inCountyFy2021++;
            }
        }
        double per100 = 100.0 * inCountyFy2021 / residents2021;
        // ~97 % of rows carry an in-county code; the population is scaled to 25 per 100 for all residents
        assertThat(per100).isBetween(21.0, 29.0);
    }

    private static Map<String, Map<String, String>> latest(List<Map<String, String>> rows) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (Map<String, String> r : rows) {
            out.merge(key(r), r, (a, b) -> a.get("submitted_at").compareTo(b.get("submitted_at")) >= 0 ? a : b);
        }
        return out;
    }

    private static String key(Map<String, String> r) {
        return r.get("provider_code") + "|" + r.get("spell_id");
    }
}
