package org.bedflow.pipeline.measure.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTH;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.WEST;
import static org.bedflow.pipeline.measure.indicators.ReablementAfterDischargeTest.reablement;
import static org.bedflow.pipeline.measure.indicators.ReablementAfterDischargeTest.stay;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Exact and window links of the ASCOF 2D episodes ({@link ReablementAfterDischarge#linkQualityByMonth}). Each person
 * (aged 80, eligible) has one discharge and one reablement episode; the episode start - discharge decides.
 *
 * <pre>
 * person  discharge   episode start        start - discharge  link     counted in
 * X0      06-10       06-10                0                  exact    West 2021-06
 * X1      06-10       06-11                1                  exact    West 2021-06
 * W2      06-10       06-12                2                  window   West 2021-06
 * M1      06-30       07-01                1                  exact    West 2021-06 (month of the discharge)
 * W-1     07-10       07-09                -1                 window   West 2021-07
 * N0      06-10       06-10 (North event)  0                  exact    North 2021-06 (the episode's area)
 * U8      06-10       06-18                8                  none     -
 * </pre>
 *
 * West 2021-06: 4 linked (X0, X1, W2, M1), 3 exact; West 2021-07: 1 linked, 0 exact; North 2021-06: 1 of 1.
 */
class ReablementLinkQualityTest {

    @Test
    void an_episode_starting_on_the_discharge_day_or_the_next_is_exact_and_any_other_linked_one_window() {
        var spells = IndicatorFixtures.spells(List.of(
                stay("X0", "2021-06-01", "2021-06-10"), stay("X1", "2021-06-01", "2021-06-10"),
                stay("W2", "2021-06-01", "2021-06-10"), stay("M1", "2021-06-20", "2021-06-30"),
                stay("W-1", "2021-07-01", "2021-07-10"), stay("N0", "2021-06-01", "2021-06-10"),
                stay("U8", "2021-06-01", "2021-06-10")));
        var care = IndicatorFixtures.careEvents(List.of(
                reablement("X0", "2021-06-10", "2021-06-30"), reablement("X1", "2021-06-11", "2021-06-30"),
                reablement("W2", "2021-06-12", "2021-06-30"), reablement("M1", "2021-07-01", "2021-07-20"),
                reablement("W-1", "2021-07-09", "2021-07-30"),
                reablement("N0", "2021-06-10", "2021-06-30", "unitary_area", NORTH),
                reablement("U8", "2021-06-18", "2021-06-30")));

        List<String> rows = ReablementAfterDischarge.linkQualityByMonth(spells, care)
                .orderBy("unitary_area", ReablementAfterDischarge.DISCHARGE_MONTH).collectAsList().stream()
                .map(r -> r.getAs("unitary_area") + " " + r.getAs(ReablementAfterDischarge.DISCHARGE_MONTH) + " "
                        + r.getAs(ReablementAfterDischarge.LINKED_EPISODES) + " "
                        + r.getAs(ReablementAfterDischarge.EXACT_EPISODES))
                .toList();
        assertThat(rows).containsExactly(NORTH + " 2021-06 1 1", WEST + " 2021-06 4 3", WEST + " 2021-07 1 0");
    }
}
