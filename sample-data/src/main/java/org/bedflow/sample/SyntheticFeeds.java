package org.bedflow.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.bedflow.schemas.feed.PopulationEstimate;

/**
 * Writes a complete, internally consistent set of synthetic Northamptonshire feeds in the
 * folder layout of docs/validation.md: hospital admissions and discharges per provider, council social
 * care events per council, population, geography and an opt-out list.
 *
 * <p>Deterministic: the only randomness is a seeded {@link Rng}, no wall-clock time is read,
 * nothing iterates a hash-ordered collection, text is locale-independent; the same seed and
 * options give byte-identical files. Streaming: persons are simulated one at a time and their
 * rows written straight through the file writers, so the memory needed does not grow with the
 * number of spells (Parquet row groups aside).
 */
public final class SyntheticFeeds {

    static final String POPULATION = "population";
    static final String GEOGRAPHY = "geography";
    static final String POSTCODE_LOOKUP = "postcode_lookup";
    /** Admissions per resident per year the population is scaled to (England runs at about 0.25). */
    static final double ADMISSIONS_PER_RESIDENT_YEAR = 0.25;
    /** Chance that a patient has registered a national data opt-out (a handful in the sample). */
    static final double OPT_OUT = 0.001;
    /** Social-care-only clients per hospital patient. */
    static final double COMMUNITY_CLIENTS_PER_PATIENT = 0.02;
    /** Unpaid carers with a record of their own per hospital patient. */
    static final double CARERS_PER_PATIENT = 0.012;

    private static final List<String> FEED_FOLDERS = List.of(Recorder.ADMISSIONS, Recorder.DISCHARGES,
            Recorder.CARE, POPULATION, GEOGRAPHY, Recorder.OPT_OUTS);

    private SyntheticFeeds() {
    }

    /**
     * Generates every feed into {@code outDir}.
     *
     * @throws IllegalArgumentException when a feed folder under {@code outDir} already holds
     *                                  files (mixing two runs would double the data)
     * @throws UncheckedIOException     when a file cannot be written
     */
    public static GenerationSummary generate(Path outDir, GeneratorOptions o) {
        refuseExistingExtracts(outDir);
        Rng rng = new Rng(o.seed());
        Window window = new Window(o.start(), o.months());
        try (FeedWriters writers = new FeedWriters(outDir, o)) {
            geography(writers);
            PersonFactory persons = new PersonFactory(rng, window);
            HospitalCourse hospital = new HospitalCourse(rng, window);
            SocialCare care = new SocialCare(rng, window);
            Recorder recorder = new Recorder(rng, window, writers);
            Tally tally = new Tally();
            long spells = 0;
            long inCountySpells = 0;
            while (spells < o.spells()) {
                int left = (int) Math.min(Integer.MAX_VALUE, o.spells() - spells);
                double kind = rng.nextDouble();
                Person p;
                List<Spell> course;
                if (kind < 0.016) {
                    p = persons.newborn(window.emergencyDate(rng));
                    course = hospital.newborn(p, left);
                } else if (kind < 0.05) {
                    LocalDate delivery = window.emergencyDate(rng);
                    p = persons.mother(delivery);
                    course = hospital.mother(p, delivery, left);
                } else {
                    p = persons.patient();
                    course = hospital.patient(p, left);
                }
                List<CareEvent> events = care.afterDischarges(p, course);
                course = Mortality.survivingSpells(p, course);
                for (Spell s : course) {
                    recorder.number(s);
                    recorder.admission(p, s);
                    boolean withDrd = !s.open && recorder.discharge(s);
                    tally.spell(s, withDrd);
                }
                tally.person(p, course, events);
                recorder.careEvents(p, events);
                // an opt-out is of a patient the extracts can be linked to (not one whose only
                // admission rows lost the NHS number); the draw comes first so the stream is unchanged
                if (rng.chance(OPT_OUT) && !course.isEmpty() && recorder.admissionsCarryNhsOf(p)) {
                    recorder.optOut(p);
                    tally.optOuts++;
                }
                spells += course.size();
                if (p.district.inCounty()) {
                    inCountySpells += course.size();
                }
                if (rng.chance(COMMUNITY_CLIENTS_PER_PATIENT)) {
                    Person client = persons.careClient();
                    List<CareEvent> clientEvents = care.communityClient(client);
                    recorder.careEvents(client, clientEvents);
                    tally.communityEvents += clientEvents.size();
                }
                if (rng.chance(CARERS_PER_PATIENT)) {
                    Person carer = persons.carer();
                    List<CareEvent> carerEvents = care.carer(carer);
                    recorder.careEvents(carer, carerEvents);
                    tally.communityEvents += carerEvents.size();
                }
            }
            double written = population(writers, window, inCountySpells);
            List<GenerationSummary.FileCount> files = writers.finish();
            double scale = written == 0 ? 0 : Northamptonshire.countyPopulation() / written;
            return new GenerationSummary(outDir, o, files, persons.created(), spells, scale,
                    tally.profile(recorder.invalidNhs, recorder.missingNhs));
        }
    }

    private static void refuseExistingExtracts(Path outDir) {
        for (String feed : FEED_FOLDERS) {
            Path folder = outDir.resolve(feed);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                if (files.anyMatch(Files::isRegularFile)) {
                    throw new IllegalArgumentException("output folder " + folder
                            + " already holds files: choose an empty output folder");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Every LSOA any person can live in, mapped to its district; and the postcode lookup of the
     * county's LSOAs (the councils' residents, whose rows may carry a postcode).
     */
    private static void geography(FeedWriters writers) {
        for (District d : Northamptonshire.all()) {
            for (int i = 0; i < d.lsoaCount(); i++) {
                writers.write(GEOGRAPHY, GEOGRAPHY, "lsoa_to_lad", GeographyRow.lsoa(d.lsoa(i), d.code()));
            }
        }
        for (District d : Northamptonshire.COUNTY) {
            for (int i = 0; i < d.lsoaCount(); i++) {
                for (int j = 0; j < Postcodes.PER_LSOA; j++) {
                    writers.write(GEOGRAPHY, GEOGRAPHY, POSTCODE_LOOKUP,
                            GeographyRow.postcode(Postcodes.of(d, i, j), d.lsoa(i), d.code()));
                }
            }
        }
    }

    /**
     * Mid-year estimates for every calendar year the window touches, by district, sex and
     * single year of age, scaled so that the county's residents had
     * {@link #ADMISSIONS_PER_RESIDENT_YEAR} admissions per person per year. Returns the
     * written total of the first year.
     */
    private static double population(FeedWriters writers, Window window, long inCountySpells) {
        double perYear = inCountySpells * 12.0 / window.months;
        double total = perYear / ADMISSIONS_PER_RESIDENT_YEAR;
        double county = Northamptonshire.countyPopulation();
        int firstYear = window.first.getYear();
        int lastYear = window.last.getYear();
        String name = "mid_year_estimates_" + firstYear + "_" + lastYear;
        double firstYearTotal = 0;
        for (int year = firstYear; year <= lastYear; year++) {
            double growth = StrictMath.pow(1.007, year - 2020);
            for (District d : Northamptonshire.COUNTY) {
                double districtTotal = total * d.population() / county * growth;
                for (String sex : new String[] {"1", "2"}) {
                    for (int age = 0; age <= AgeStructure.MAX_AGE; age++) {
                        double f = AgeStructure.femaleShare(age);
                        long n = Math.round(districtTotal * AgeStructure.share(age) * (sex.equals("2") ? f : 1 - f));
                        PopulationEstimate row = new PopulationEstimate();
                        row.setAreaCode(d.code());
                        row.setYear(year);
                        row.setSex(sex);
                        row.setAge(age);
                        row.setPopulation(n);
                        writers.write(POPULATION, POPULATION, name, row);
                        if (year == firstYear) {
                            firstYearTotal += n;
                        }
                    }
                }
            }
        }
        return firstYearTotal;
    }

    /** Running counts for {@link GenerationSummary.Profile}. */
    private static final class Tally {
        long spells;
        long emergency;
        long elective;
        long discharges;
        long open;
        long died;
        long losDays;
        long withDrd;
        long delayedWithDrd;
        long alive;
        long aliveReadmitted;
        long alive65;
        long alive65WithCare;
        long linkedEvents;
        long communityEvents;
        long optOuts;

        void spell(Spell s, boolean withDrd) {
            spells++;
            if (s.kind == Spell.Kind.EMERGENCY) {
                emergency++;
            } else if (s.kind == Spell.Kind.ELECTIVE) {
                elective++;
            }
            if (s.open) {
                open++;
                return;
            }
            discharges++;
            losDays += (long) s.clinicalNights + s.delayNights;
            if (s.died) {
                died++;
            }
            if (withDrd) {
                this.withDrd++;
                if (s.delayNights > 0) {
                    delayedWithDrd++;
                }
            }
        }

        void person(Person p, List<Spell> course, List<CareEvent> events) {
            linkedEvents += events.size();
            for (int i = 0; i < course.size(); i++) {
                Spell s = course.get(i);
                if (!s.aliveDischarge()) {
                    continue;
                }
                alive++;
                LocalDate d = s.discharge();
                for (int j = i + 1; j < course.size(); j++) {
                    Spell later = course.get(j);
                    long gap = later.admission.toEpochDay() - d.toEpochDay();
                    if (later.emergency() && gap >= 0 && gap <= 29) {
                        aliveReadmitted++;
                        break;
                    }
                }
                if (s.age >= 65) {
                    alive65++;
                    for (CareEvent e : events) {
                        long offset = e.start().toEpochDay() - d.toEpochDay();
                        if (e.type().equals(CareEvent.SERVICE) && offset >= -1 && offset <= 3) {
                            alive65WithCare++;
                            break;
                        }
                    }
                }
            }
        }

        GenerationSummary.Profile profile(long invalidNhs, long missingNhs) {
            return new GenerationSummary.Profile(spells, emergency, elective, discharges, open, died, losDays, withDrd,
                    delayedWithDrd, alive, aliveReadmitted, alive65, alive65WithCare, linkedEvents, communityEvents,
                    invalidNhs, missingNhs, optOuts);
        }
    }
}
