package org.bedflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class NhsNumbersTest {

    @Test
    void acceptsTheDocumentedExampleNumber() {
        // 943 476 5919: 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299; 299 mod 11 = 2; 11 - 2 = 9 = last digit
        assertThat(NhsNumbers.isValid("9434765919")).isTrue();
        assertThat(NhsNumbers.isValid("943 476 5919")).isTrue();
    }

    @Test
    void rejectsAWrongCheckDigit() {
        assertThat(NhsNumbers.isValid("9434765918")).isFalse();
    }

    @Test
    void rejectsANumberWhoseCheckWouldBeTen() {
        // 999000014: 9*10+9*9+9*8+0+0+0+0+1*3+4*2 = 254; 254 mod 11 = 1; 11 - 1 = 10 -> no valid number
        assertThat(NhsNumbers.checkDigit(999_000_014L)).isEqualTo(-1);
        assertThat(NhsNumbers.isValid("9990000140")).isFalse();
    }

    @Test
    void rejectsAllSameDigitsAndWrongLengths() {
        assertThat(NhsNumbers.isValid("0000000000")).isFalse();
        assertThat(NhsNumbers.isValid("999000001")).isFalse();
        assertThat(NhsNumbers.isValid("99900000180")).isFalse();
        assertThat(NhsNumbers.isValid("999000001X")).isFalse();
    }

    @Test
    void allocatesUniqueValidNumbersInThe999TestRange() {
        NhsNumbers numbers = new NhsNumbers();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            String n = numbers.next();
            assertThat(n).startsWith("999").hasSize(10);
            assertThat(NhsNumbers.isValid(n)).as(n).isTrue();
            assertThat(seen.add(n)).as("duplicate %s", n).isTrue();
        }
    }

    @Test
    void corruptedNumbersAreInvalid() {
        NhsNumbers numbers = new NhsNumbers();
        Rng rng = new Rng(7);
        for (int i = 0; i < 1_000; i++) {
            String n = numbers.next();
            assertThat(NhsNumbers.isValid(NhsNumbers.corrupt(n, rng))).isFalse();
        }
    }

    @Test
    void masksAllButTheLastFourDigits() {
        assertThat(NhsNumbers.mask("999 000 0018")).isEqualTo("******0018");
    }
}
