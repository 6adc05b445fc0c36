package org.bedflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.bedflow.pipeline.measure.cost.CostSettings;
import org.bedflow.pipeline.measure.cost.WhatIf;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** bedflow.cost.* (docs/cost.md) reach the run's RunConfig: bundled prices and 7 days, 90 %, 10 % by default. */
class CostPropertiesTest {

    private static CostSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("bedflow", BedflowProperties.class)
                .orElseGet(BedflowProperties::new).runConfig().cost();
    }

    @Test
    void the_defaults_are_the_reference_file_prices_and_the_illustrative_scenarios() {
        CostSettings s = bind(Map.of());
        assertThat(s.prices().excessBedDay()).isEqualTo(345.0);
        assertThat(s.prices().excessBedDaySource()).startsWith("2020/21");
        assertThat(s.prices().nonElectiveSpell()).isEqualTo(1590.0);
        assertThat(s.whatIf()).isEqualTo(new WhatIf(7, 90.0, 10.0));
    }

    @Test
    void an_analysts_prices_read_configured_and_a_negative_scenario_is_left_out() {
        CostSettings s = bind(Map.of("bedflow.cost.excess-bed-day-gbp", "400",
                "bedflow.cost.non-elective-spell-gbp", "3100", "bedflow.cost.cap-delay-days", "-1",
                "bedflow.cost.drd-target-pct", "95"));
        assertThat(s.prices().excessBedDay()).isEqualTo(400.0);
        assertThat(s.prices().excessBedDaySource()).isEqualTo("configured");
        assertThat(s.prices().nonElectiveSpellSource()).isEqualTo("configured");
        assertThat(s.whatIf()).isEqualTo(new WhatIf(null, 95.0, 10.0));
    }

    @Test
    void a_target_over_100_or_a_negative_price_is_refused() {
        assertThrows(RuntimeException.class, () -> bind(Map.of("bedflow.cost.drd-target-pct", "101")));
        assertThrows(RuntimeException.class, () -> bind(Map.of("bedflow.cost.excess-bed-day-gbp", "-5")));
    }
}
