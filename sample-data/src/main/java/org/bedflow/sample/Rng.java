package org.bedflow.sample;

/**
 * The generator's only source of randomness: SplitMix64 with every derived draw written out
 * here (doubles from the top 53 bits, Box-Muller on {@link StrictMath}), so that the same seed
 * gives the same files on every JDK and platform. {@link java.util.Random#nextGaussian} and
 * {@code RandomGenerator} defaults are not used because their algorithms may change between
 * JDK releases, which would silently change the committed sample.
 */
final class Rng {

    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** Uniform in [lo, hi], both inclusive. */
    int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Standard normal draw (Box-Muller, one value per call). */
    double gaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Log-normal draw with the given median and log-scale spread. */
    double logNormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * gaussian());
    }

    /** Poisson draw (Knuth; fine for the small means used here). */
    int poisson(double mean) {
        double limit = StrictMath.exp(-mean);
        int k = 0;
        double p = nextDouble();
        while (p > limit) {
            k++;
            p *= nextDouble();
        }
        return k;
    }

    <T> T pick(T[] items) {
        return items[nextInt(items.length)];
    }

    /** 16 bytes, for an Avro sync marker derived from the seed. */
    byte[] bytes16() {
        byte[] out = new byte[16];
        for (int i = 0; i < 2; i++) {
            long v = nextLong();
            for (int b = 0; b < 8; b++) {
                out[i * 8 + b] = (byte) (v >>> (8 * b));
            }
        }
        return out;
    }
}
