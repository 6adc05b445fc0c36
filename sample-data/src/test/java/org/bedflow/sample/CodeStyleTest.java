package org.bedflow.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeStyleTest {

    @Test
    void printsCodesTheWayEachProviderDoes() {
        assertThat(CodeStyle.DOTTED.write("J440")).isEqualTo("J44.0");
        assertThat(CodeStyle.DOTTED.write("I10")).isEqualTo("I10");
        assertThat(CodeStyle.PLAIN_X.write("J440")).isEqualTo("J440");
        assertThat(CodeStyle.PLAIN_X.write("I10")).isEqualTo("I10X");
        assertThat(CodeStyle.DOTTED_X.write("I10")).isEqualTo("I10X");
        assertThat(CodeStyle.DOTTED_DASH_PIPE.write("I10")).isEqualTo("I10-");
        assertThat(CodeStyle.DOTTED_DASH_PIPE.separator()).isEqualTo("|");
    }
}
