package org.bedflow.sample;

import java.util.ArrayList;
import java.util.List;

/** An ordered list of items with relative weights; drawing walks the cumulative weights. */
final class Weighted<T> {

    private final List<T> items;
    private final double[] cumulative;

    private Weighted(List<T> items, double[] cumulative) {
        this.items = List.copyOf(items);
        this.cumulative = cumulative;
    }

    static <T> Builder<T> builder() {
        return new Builder<>();
    }

    T draw(Rng rng) {
        double x = rng.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return items.get(lo);
    }

    List<T> items() {
        return items;
    }

    static final class Builder<T> {
        private final List<T> items = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        Builder<T> add(T item, double weight) {
            if (weight < 0) {
                throw new IllegalArgumentException("negative weight for " + item);
            }
            items.add(item);
            weights.add(weight);
            return this;
        }

        Weighted<T> build() {
            double[] cum = new double[items.size()];
            double sum = 0;
            for (int i = 0; i < cum.length; i++) {
                sum += weights.get(i);
                cum[i] = sum;
            }
            if (sum <= 0) {
                throw new IllegalStateException("no positive weight");
            }
            return new Weighted<>(items, cum);
        }
    }
}
