package org.bedflow.sample;

import java.time.YearMonth;
import java.util.Objects;

/**
 * What {@link SyntheticFeeds#generate} should write.
 *
 * @param spells       number of hospital provider spells (admission rows, before resubmissions)
 * @param months       length of the covered window in calendar months, starting at {@code start}
 * @param start        first month of the window
 * @param seed         seed of the only random source: same seed and options give the same files
 * @param format       file format of every extract (unless {@code sampleExtras} overrides a file)
 * @param sampleExtras write the committed sample's format mix: RNQ discharges as Avro, West
 *                     Northamptonshire social care events as Parquet, RD8 admissions as .csv.gz
 */
public record GeneratorOptions(long spells, int months, YearMonth start, long seed, Format format, boolean sampleExtras) {

    public static final long DEFAULT_SPELLS = 22_000;
    public static final int DEFAULT_MONTHS = 60;
    public static final YearMonth DEFAULT_START = YearMonth.of(2020, 4);
    public static final long DEFAULT_SEED = 42;

    public GeneratorOptions {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(format, "format");
        if (spells < 1) {
            throw new IllegalArgumentException("spells must be at least 1, was " + spells);
        }
        if (months < 1 || months > 600) {
            throw new IllegalArgumentException("months must be between 1 and 600, was " + months);
        }
    }

    /** 22,000 spells over the 60 months from April 2020 (to March 2025), seed 42, CSV, no format mix. */
    public static GeneratorOptions defaults() {
        return new GeneratorOptions(DEFAULT_SPELLS, DEFAULT_MONTHS, DEFAULT_START, DEFAULT_SEED, Format.CSV, false);
    }

    /** The options behind the committed {@code sample-data/northamptonshire/} folder. */
    public static GeneratorOptions committedSample() {
        return new GeneratorOptions(DEFAULT_SPELLS, DEFAULT_MONTHS, DEFAULT_START, DEFAULT_SEED, Format.CSV, true);
    }

    public GeneratorOptions withSpells(long n) {
        return new GeneratorOptions(n, months, start, seed, format, sampleExtras);
    }

    public GeneratorOptions withMonths(int m) {
        return new GeneratorOptions(spells, m, start, seed, format, sampleExtras);
    }

    public GeneratorOptions withStart(YearMonth s) {
        return new GeneratorOptions(spells, months, s, seed, format, sampleExtras);
    }

    public GeneratorOptions withSeed(long s) {
        return new GeneratorOptions(spells, months, start, s, format, sampleExtras);
    }

    public GeneratorOptions withFormat(Format f) {
        return new GeneratorOptions(spells, months, start, seed, f, sampleExtras);
    }

    public GeneratorOptions withSampleExtras(boolean extras) {
        return new GeneratorOptions(spells, months, start, seed, format, extras);
    }

    /** Last month of the window. */
    public YearMonth end() {
        return start.plusMonths(months - 1L);
    }
}
