package org.bedflow.pipeline.measure.indicators;

import java.util.List;

import org.bedflow.pipeline.reference.ReferenceFiles;

/**
 * The European Standard Population 2013 (docs/code-lists.md), five-year bands {@code 0-4} ...
 * {@code 85-89} and {@code 90+}, from {@code reference/esp2013.csv}. The same banding is
 * used for spells ({@code age_on_admission}, as {@code SpellFields.ageBand}) and for the
 * single years of age of the population feed (age 90 there means 90 and over).
 */
public final class StandardPopulation {

    /** One ESP2013 band: label, first and last age (90+ ends at 120), weight. */
    public record Band(String label, int from, int to, double weight) {

        public boolean contains(int age) {
            return age >= from && age <= to;
        }
    }

    private static final List<Band> BANDS = ReferenceFiles.bundled("esp2013.csv").stream()
            .map(r -> new Band(r.get("age_band"), Integer.parseInt(r.get("age_from")), Integer.parseInt(r.get("age_to")),
                    Double.parseDouble(r.get("weight"))))
            .toList();

    private StandardPopulation() {
    }

    /** All 19 bands, youngest first. */
    public static List<Band> bands() {
        return BANDS;
    }

    /** The bands lying wholly in {@code [fromAge, toAge]}, e.g. the six bands 65-69 ... 90+ for 65 and over. */
    public static List<Band> bands(int fromAge, int toAge) {
        return BANDS.stream().filter(b -> b.from() >= fromAge && b.to() <= toAge).toList();
    }

    /** The band label of an age, e.g. 67 -> 65-69, 90 -> 90+. */
    public static String bandOf(int age) {
        return BANDS.stream().filter(b -> b.contains(age)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("age " + age + " is in no ESP2013 band")).label();
    }
}
