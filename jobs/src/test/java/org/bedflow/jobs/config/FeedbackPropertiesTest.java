package org.bedflow.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** bedflow.feedback.missing-discharge-days (docs/operations.md, "Configuration") reaches the run's RunConfig; default 60. */
class FeedbackPropertiesTest {

    private static BedflowProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("bedflow", BedflowProperties.class)
                .orElseGet(BedflowProperties::new);
    }

    @Test
    void the_default_is_60_days() {
        assertEquals(60, bind(Map.of()).runConfig().missingDischargeDays());
    }

    @Test
    void it_can_be_changed_in_kebab_case_and_negative_days_are_refused() {
        assertEquals(90, bind(Map.of("bedflow.feedback.missing-discharge-days", "90")).runConfig()
                .missingDischargeDays());
        assertThrows(IllegalArgumentException.class,
                () -> bind(Map.of("bedflow.feedback.missing-discharge-days", "-1")).runConfig());
    }
}
