package org.bedflow.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.bedflow.pipeline.measure.completeness.CompletenessSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** bedflow.completeness.* (docs/operations.md, "Configuration") reach the run's RunConfig; defaults 5 points, 0.75, 0.9, 5 %, 62. */
class CompletenessPropertiesTest {

    private static BedflowProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("bedflow", BedflowProperties.class)
                .orElseGet(BedflowProperties::new);
    }

    @Test
    void the_defaults() {
        assertEquals(new CompletenessSettings(0.05, 0.75, 0.9, 0.05, 62), bind(Map.of()).runConfig().completeness());
    }

    @Test
    void each_setting_can_be_changed_in_kebab_case() {
        assertEquals(new CompletenessSettings(0.1, 0.5, 0.8, 0.2, 90), bind(Map.of(
                "bedflow.completeness.max-open-excess", "0.1", "bedflow.completeness.min-volume-ratio", "0.5",
                "bedflow.completeness.min-coding-ratio", "0.8", "bedflow.completeness.min-area-share", "0.2",
                "bedflow.completeness.max-days-after-data", "90")).runConfig().completeness());
    }

    @Test
    void a_share_above_1_or_negative_days_are_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> bind(Map.of("bedflow.completeness.max-open-excess", "5")).runConfig());
        assertThrows(IllegalArgumentException.class,
                () -> bind(Map.of("bedflow.completeness.max-days-after-data", "-1")).runConfig());
    }
}
