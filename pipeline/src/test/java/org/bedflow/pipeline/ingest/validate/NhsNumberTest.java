package org.bedflow.pipeline.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** docs/code-lists.md "NHS number check" (Modulus 11), worked by hand. */
class NhsNumberTest {

    @Test
    void a_valid_number_passes_with_or_without_spaces() {
        // 943 476 5919: 9*10 + 4*9 + 3*8 + 4*7 + 7*6 + 6*5 + 5*4 + 9*3 + 1*2 = 299;
        // 299 mod 11 = 2; check = 11 - 2 = 9 = the tenth digit
        assertThat(NhsNumber.normalise("9434765919")).isEqualTo("9434765919");
        assertThat(NhsNumber.normalise(" 943 476 5919 ")).isEqualTo("9434765919");
    }

    @Test
    void a_wrong_check_digit_fails() {
        assertThat(NhsNumber.normalise("9434765918")).isNull();
    }

    @Test
    void a_check_of_10_means_no_valid_number() {
        // 999 000 014: 9*10 + 9*9 + 9*8 + 0 + 0 + 0 + 0 + 1*3 + 4*2 = 254; 254 mod 11 = 1; check 10 -> invalid
        assertThat(NhsNumber.normalise("9990000140")).isNull();
    }

    @Test
    void a_check_of_11_is_0() {
        // 910 000 000: 9*10 + 1*9 = 99 = 9*11, remainder 0; check 11 - 0 = 11 -> 0
        assertThat(NhsNumber.normalise("9100000000")).isEqualTo("9100000000");
        assertThat(NhsNumber.normalise("9100000001")).isNull();
        // 999 000 001: 90 + 81 + 72 + 1*2 = 245; 245 mod 11 = 3; check 8
        assertThat(NhsNumber.normalise("9990000018")).isEqualTo("9990000018");
    }

    @Test
    void all_same_digits_and_wrong_lengths_are_invalid() {
        assertThat(NhsNumber.normalise("0000000000")).isNull();
        assertThat(NhsNumber.normalise("1111111111")).isNull();
        assertThat(NhsNumber.normalise("943476591")).isNull();
        assertThat(NhsNumber.normalise("94347659190")).isNull();
        assertThat(NhsNumber.normalise("94347659l9")).isNull();
    }

    @Test
    void masking_keeps_the_last_four_digits_only() {
        assertThat(NhsNumber.mask("943 476 5919")).isEqualTo("******5919");
        assertThat(NhsNumber.maskInText("RNS,1,9434765919,70")).isEqualTo("RNS,1,******5919,70");
        assertThat(NhsNumber.maskInText("a 943 476 5919 b")).isEqualTo("a ******5919 b");
        assertThat(NhsNumber.maskInText("2021-06-10,21")).isEqualTo("2021-06-10,21");
    }
}
