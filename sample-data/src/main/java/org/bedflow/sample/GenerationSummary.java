package org.bedflow.sample;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link SyntheticFeeds#generate} wrote.
 *
 * @param outDir          the output folder
 * @param options         the options used
 * @param files           every written file, in path order, with its row count
 * @param persons         synthetic persons created (patients and social-care-only clients)
 * @param spells          hospital provider spells (admission rows of the main extracts)
 * @param populationScale real county population (mid-2020) divided by the written one
 * @param profile         counts describing the generated case mix (for the README and checks)
 */
public record GenerationSummary(Path outDir, GeneratorOptions options, List<FileCount> files, long persons,
        long spells, double populationScale, Profile profile) {

    /**
     * One written file.
     *
     * @param feed   feed folder name, e.g. {@code apc_admissions}
     * @param path   path relative to the output folder, '/'-separated
     * @param format {@code csv}, {@code csv.gz}, {@code avro} or {@code parquet}
     * @param rows   records written
     */
    public record FileCount(String feed, String path, String format, long rows) {
    }

    public GenerationSummary {
        files = List.copyOf(files);
    }

    /** Rows per feed folder, in feed-name order. */
    public Map<String, Long> rowsByFeed() {
        Map<String, Long> out = new TreeMap<>();
        for (FileCount f : files) {
            out.merge(f.feed(), f.rows(), Long::sum);
        }
        return out;
    }

    /**
     * A short summary for the terminal: the window and seed, then one line per feed folder with
     * its files and rows, then the people and the case mix.
     */
    public String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%,d spells, %d months from %s, seed %d, format %s%n", spells, options.months(), options.start(),
                options.seed(), options.format().toString().toLowerCase(Locale.ROOT)));
        Map<String, long[]> perFeed = new TreeMap<>();
        for (FileCount f : files) {
            long[] c = perFeed.computeIfAbsent(f.feed(), k -> new long[2]);
            c[0]++;
            c[1] += f.rows();
        }
        int width = Math.max("feed".length(), perFeed.keySet().stream().mapToInt(String::length).max().orElse(0));
        out.append(String.format(Locale.ROOT, "  %-" + width + "s  %5s  %10s%n", "feed", "files", "rows"));
        perFeed.forEach((feed, c) -> out.append(String.format(Locale.ROOT, "  %-" + width + "s  %5d  %,10d%n", feed,
                c[0], c[1])));
        out.append(String.format(Locale.ROOT, "%,d persons (1 written for every %.0f in the county)%n", persons,
                populationScale));
        out.append(profile.describe()).append(System.lineSeparator());
        return out.toString();
    }

    /**
     * Counts the generator knows as it writes (true values, before the recording noise of the
     * rows: a readmission here is one of the same person, whatever the NHS number on the row).
     */
    public record Profile(long spells, long emergencySpells, long electiveSpells, long discharges, long openSpells,
            long diedInHospital, long losDaysTotal, long dischargesWithDrd, long delayedWithDrd,
            long aliveDischarges, long aliveDischargesReadmitted30d, long aliveDischarges65Plus,
            long aliveDischarges65PlusWithCare, long linkedCareEvents, long communityCareEvents,
            long invalidNhsNumbers, long missingNhsNumbers, long optOuts) {

        public String describe() {
            return String.format(Locale.ROOT,
                    "emergency %.1f %%, elective %.1f %%, open %.1f %%, died %.1f %% of discharges, mean LOS %.2f days,"
                            + " DRD on %.1f %% of discharges, delayed %.1f %% of those with DRD,"
                            + " readmitted within 30 days %.1f %% of alive discharges,"
                            + " care linked to %.1f %% of alive discharges 65+, care events %d linked + %d community",
                    pct(emergencySpells, spells),
                    pct(electiveSpells, spells),
                    pct(openSpells, discharges + openSpells), pct(diedInHospital, discharges),
                    discharges == 0 ? 0.0 : (double) losDaysTotal / discharges, pct(dischargesWithDrd, discharges),
                    pct(delayedWithDrd, dischargesWithDrd), pct(aliveDischargesReadmitted30d, aliveDischarges),
                    pct(aliveDischarges65PlusWithCare, aliveDischarges65Plus), linkedCareEvents,
                    communityCareEvents);
        }

        private static double pct(long part, long whole) {
            return whole == 0 ? 0.0 : 100.0 * part / whole;
        }
    }
}
