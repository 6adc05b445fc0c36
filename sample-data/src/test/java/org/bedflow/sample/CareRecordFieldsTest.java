package org.bedflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Client Level Data fields of the social care rows (client type, event outcome, date of
 * death, postcode) are there, consistent with the rest of the sample and with the pipeline's code
 * lists, measured from the files of a fresh generation of the committed sample.
 */
class CareRecordFieldsTest {

    private static final LocalDate WINDOW_END = LocalDate.of(2025, 3, 31);
    private static final Path EVENT_OUTCOMES = Path.of("..", "pipeline", "src", "main", "resources", "reference",
            "codes", "event_outcome.csv");
    /** A UK postcode as typed: any case, with or without the space. */
    private static final Pattern POSTCODE = Pattern.compile("(?i)^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$");
    private static final Pattern POSTCODE_ANYWHERE = Pattern.compile("(?i)\\b(NN[0-9]{1,2}|PE8) ?[0-9][A-Z]{2}\\b");
    private static final Set<String> CARER_SERVICES = Set.of("Carer Support: Direct to Carer",
            "Unpaid carer support: Direct to unpaid carer");

    private static Path dir;
    private static List<Map<String, String>> events;
    private static List<Map<String, String>> unitary;
    private static List<Map<String, String>> county;

    @BeforeAll
    static void read() {
        dir = GeneratedSample.committedOptions().outDir();
        events = FeedFiles.readFeed(dir, Recorder.CARE);
        unitary = events.stream().filter(e -> !e.get("la_code").equals("E10000021")).toList();
        county = events.stream().filter(e -> e.get("la_code").equals("E10000021")).toList();
    }

    @Test
    void eventOutcomesAreInReleaseOneWordingInTheNorthAndReleaseTwoInTheWestAndAllOnThePipelinesList() {
        Map<String, String> list = outcomeList();
        Set<String> north = new HashSet<>();
        Set<String> west = new HashSet<>();
        long withOutcome = 0;
        for (Map<String, String> e : unitary) {
            String o = e.get("event_outcome");
            if (o == null) {
                continue;
            }
            withOutcome++;
            assertThat(list).as("outcome %s on the pipeline's list", o).containsKey(AscofStats.normalise(o));
            (e.get("la_code").equals("E06000061") ? north : west).add(o);
        }
        Set<String> codes = new HashSet<>(list.values());
        assertThat(west).as("West writes Release 2 codes").allMatch(codes::contains);
        assertThat(north).as("North writes Release 1 wording").noneMatch(o -> codes.contains(o)
                && !o.equals("Release 1 specification only: Not mapped"));
        assertThat(north).contains("NFA - Self-funded client (inc. 12wk disregard)", "Admitted to Hospital",
                "NFA - Deceased", "Progress to Assessment", "Provision of service", "Service ended as planned",
                "Progress to Reablement/ST-Max", "Progress to financial assessment");
        assertThat(west).contains("NFA: Self-funded client or under 12wk disregard", "Admitted to hospital",
                "NFA: Deceased", "Progress to assessment, review or reassessment",
                "Continuation of support or services", "NFA: Support ended as planned", "Progress to reablement/ST-Max");
        assertThat(100.0 * withOutcome / unitary.size()).as("most events have an outcome").isBetween(85.0, 98.0);
        assertThat(county).as("the county's pre-CLD extract").allMatch(e -> e.get("event_outcome") == null
                && e.get("client_type") == null && e.get("date_of_death") == null && e.get("postcode") == null);
    }

    @Test
    void someLongTermPlacementsAreSelfFunded() {
        long placements = 0;
        long selfFunded = 0;
        for (Map<String, String> e : unitary) {
            if (AscofStats.placement(e) && AscofStats.serviceUser(e)) {
                placements++;
                selfFunded += AscofStats.selfFundedOutcome(e.get("event_outcome")) ? 1 : 0;
            }
        }
        System.out.printf("long-term placements (unitaries, service users): %d, self-funded %d%n", placements,
                selfFunded);
        assertThat(placements).isGreaterThan(100);
        assertThat(100.0 * selfFunded / placements).isBetween(8.0, 18.0);
    }

    @Test
    void everyUnitaryRowHasAClientTypeAndUnpaidCarersGetCarersSupportOnly() {
        long users = 0;
        Set<String> carerServiceTypes = new HashSet<>();
        boolean carerUnder65 = false;
        boolean carer65 = false;
        boolean byAssociation = false;
        for (Map<String, String> e : unitary) {
            String type = e.get("client_type");
            assertThat(type).isIn("Service user", "Unpaid carer", "Unpaid carer known by association");
            if (type.equals("Service user")) {
                users++;
                assertThat(e.get("service_type")).as("a service user's service").isNotIn(CARER_SERVICES);
                continue;
            }
            byAssociation |= type.equals("Unpaid carer known by association");
            int age = Integer.parseInt(e.get("age"));
            carerUnder65 |= age < 65;
            carer65 |= age >= 65;
            if (e.get("event_type").equals("Service")) {
                assertThat(e.get("service_type")).as("a carer's service").isIn(CARER_SERVICES);
                assertThat(type).isEqualTo("Unpaid carer");
                carerServiceTypes.add(e.get("service_type"));
            }
        }
        assertThat(100.0 * users / unitary.size()).isBetween(90.0, 99.0);
        assertThat(carerServiceTypes).isEqualTo(CARER_SERVICES);
        assertThat(carerUnder65).isTrue();
        assertThat(carer65).isTrue();
        assertThat(byAssociation).isTrue();
    }

    @Test
    void datesOfDeathFollowEveryEventOfThePersonAndNoHospitalStayFollowsThem() {
        Map<String, LocalDate> deathByPerson = new HashMap<>();
        Map<String, LocalDate> deathByNhs = new HashMap<>();
        Map<String, LocalDate> lastStart = new HashMap<>();
        for (Map<String, String> e : unitary) {
            String person = e.get("la_code") + "|" + e.get("person_id");
            LocalDate start = LocalDate.parse(e.get("event_start_date"));
            lastStart.merge(person, start, (a, b) -> a.isAfter(b) ? a : b);
            if (e.get("date_of_death") == null) {
                continue;
            }
            LocalDate died = LocalDate.parse(e.get("date_of_death"));
            assertThat(died).isBeforeOrEqualTo(WINDOW_END);
            LocalDate before = deathByPerson.put(person, died);
            assertThat(before == null || before.equals(died)).as("one date of death per person").isTrue();
            if (e.get("nhs_number") != null && NhsNumbers.isValid(e.get("nhs_number"))) {
                deathByNhs.put(e.get("nhs_number"), died);
            }
        }
        for (Map.Entry<String, LocalDate> d : deathByPerson.entrySet()) {
            assertThat(lastStart.get(d.getKey())).as("no event starts after the death of %s", d.getKey())
                    .isBeforeOrEqualTo(d.getValue());
        }
        long inHospital = 0;
        Set<String> diedInHospital = new HashSet<>();
        for (NationalFieldsStats.Row r : NationalFieldsStats.of(dir).spells) {
            String nhs = r.a().get("nhs_number") == null ? null : r.a().get("nhs_number").replace(" ", "");
            LocalDate died = nhs == null ? null : deathByNhs.get(nhs);
            if (died == null) {
                continue;
            }
            assertThat(r.admitted()).as("no admission after the death of %s", nhs).isBeforeOrEqualTo(died);
            if (r.d() != null && !r.alive() && r.discharged().equals(died)) {
                inHospital++;
                diedInHospital.add(nhs);
            }
        }
        long outside = deathByNhs.size() - diedInHospital.size();
        System.out.printf("deaths on unitary rows: %d persons; by NHS number %d, of them in hospital %d%n",
                deathByPerson.size(), deathByNhs.size(), diedInHospital.size());
        assertThat(deathByPerson.size()).as("deaths known to the councils").isBetween(150, 700);
        assertThat(inHospital).as("deaths in hospital the council knows").isGreaterThan(20);
        assertThat(outside).as("deaths outside hospital").isGreaterThan(inHospital);
    }

    @Test
    void postcodesAreOnlyOnSomeSocialCareRowsWithoutADistrictAndMostAreInTheLookup() {
        Map<String, String> lookup = new HashMap<>();
        Map<String, String> lsoaDistrict = new HashMap<>();
        for (Path f : FeedFiles.files(dir, SyntheticFeeds.GEOGRAPHY, false)) {
            boolean postcodes = f.getFileName().toString().startsWith(SyntheticFeeds.POSTCODE_LOOKUP);
            for (Map<String, String> g : FeedFiles.read(f)) {
                if (postcodes) {
                    assertThat(g.keySet()).containsExactly("postcode", "lsoa_code", "lad_code");
                    assertThat(g.get("postcode")).matches(POSTCODE);
                    assertThat(lookup.put(g.get("postcode").replace(" ", ""), g.get("lad_code"))).isNull();
                    assertThat(lsoaDistrict.get(g.get("lsoa_code"))).isEqualTo(g.get("lad_code"));
                } else {
                    lsoaDistrict.put(g.get("lsoa_code"), g.get("lad_code"));
                }
            }
        }
        assertThat(lookup).hasSizeBetween(1_000, 2_000);
        long withPostcode = 0;
        long notInLookup = 0;
        long lowerCase = 0;
        long noSpace = 0;
        for (Map<String, String> e : unitary) {
            String postcode = e.get("postcode");
            if (postcode == null) {
                continue;
            }
            withPostcode++;
            assertThat(postcode).matches(POSTCODE);
            assertThat(e.get("residence_lad_code")).as("a postcode only where the district is missing").isNull();
            lowerCase += postcode.equals(postcode.toLowerCase(java.util.Locale.ROOT)) ? 1 : 0;
            noSpace += postcode.contains(" ") ? 0 : 1;
            String district = lookup.get(postcode.toUpperCase(java.util.Locale.ROOT).replace(" ", ""));
            if (district == null) {
                notInLookup++;
            } else {
                assertThat(AscofStats.area(district)).as("the postcode lies in the council's area")
                        .isEqualTo(e.get("la_code"));
            }
        }
        System.out.printf("postcodes: %d of %d unitary rows, %d not in the lookup, %d lower case, %d without"
                + " the space; lookup %d postcodes%n", withPostcode, unitary.size(), notInLookup, lowerCase, noSpace,
                lookup.size());
        assertThat(100.0 * withPostcode / unitary.size()).isBetween(10.0, 20.0);
        assertThat(100.0 * notInLookup / withPostcode).as("newer than the lookup").isBetween(0.5, 8.0);
        assertThat(lowerCase).isPositive();
        assertThat(noSpace).isPositive();
    }

    @Test
    void noPostcodeIsWrittenAnywhereElse() throws IOException {
        for (String feed : List.of(Recorder.ADMISSIONS, Recorder.DISCHARGES, Recorder.CARE, SyntheticFeeds.POPULATION,
                SyntheticFeeds.GEOGRAPHY, Recorder.OPT_OUTS)) {
            for (Path f : FeedFiles.files(dir, feed, true)) {
                boolean lookup = f.getFileName().toString().startsWith(SyntheticFeeds.POSTCODE_LOOKUP);
                for (Map<String, String> row : FeedFiles.read(f)) {
                    for (Map.Entry<String, String> v : row.entrySet()) {
                        boolean allowed = lookup || feed.equals(Recorder.CARE) && v.getKey().equals("postcode");
                        if (!allowed && v.getValue() != null) {
                            assertThat(POSTCODE_ANYWHERE.matcher(v.getValue()).find())
                                    .as("postcode-like value in %s column %s", f, v.getKey()).isFalse();
                        }
                    }
                }
            }
        }
        String summary = GeneratedSample.committedOptions().profile().describe();
        assertThat(POSTCODE_ANYWHERE.matcher(summary).find()).isFalse();
    }

    /** The pipeline's event outcome list: every code and alias, normalised, to its code. */
    private static Map<String, String> outcomeList() {
        try {
            Map<String, String> out = new HashMap<>();
            for (String line : Files.readAllLines(EVENT_OUTCOMES)) {
                if (line.startsWith("#") || line.startsWith("code,") || line.isBlank()) {
                    continue;
                }
                List<String> cells = csvCells(line);
                String code = cells.get(0);
                out.put(AscofStats.normalise(code), code);
                if (cells.size() > 2 && !cells.get(2).isEmpty()) {
                    for (String alias : cells.get(2).split("\\|")) {
                        out.put(AscofStats.normalise(alias), code);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> csvCells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(b.toString());
                b.setLength(0);
            } else {
                b.append(c);
            }
        }
        cells.add(b.toString());
        return cells;
    }
}
