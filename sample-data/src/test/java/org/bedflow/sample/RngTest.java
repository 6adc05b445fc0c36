package org.bedflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void isSplitMix64SoTheSampleDoesNotDependOnTheJdk() {
        // SplitMix64 reference output for seed 0 (first value of the published algorithm)
        assertThat(new Rng(0).nextLong()).isEqualTo(0xE220A8397B1DCDAFL);
    }

    @Test
    void drawsStayInRange() {
        Rng rng = new Rng(42);
        for (int i = 0; i < 10_000; i++) {
            assertThat(rng.nextDouble()).isGreaterThanOrEqualTo(0).isLessThan(1);
            assertThat(rng.nextInt(7)).isBetween(0, 6);
            assertThat(rng.between(-1, 3)).isBetween(-1, 3);
        }
    }
}
