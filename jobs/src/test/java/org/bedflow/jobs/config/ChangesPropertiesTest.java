package org.bedflow.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.bedflow.pipeline.publish.changes.Changes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** bedflow.changes.* (docs/operations.md, "What changed since the last run") reach the run's RunConfig; defaults 5 %, 10. */
class ChangesPropertiesTest {

    private static BedflowProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("bedflow", BedflowProperties.class)
                .orElseGet(BedflowProperties::new);
    }

    @Test
    void the_defaults() {
        assertEquals(new Changes.Limits(5, 10), bind(Map.of()).runConfig().changes());
    }

    @Test
    void each_limit_can_be_changed_in_kebab_case() {
        assertEquals(new Changes.Limits(2.5, 20), bind(Map.of("bedflow.changes.min-pct", "2.5",
                "bedflow.changes.min-count", "20")).runConfig().changes());
    }

    @Test
    void a_negative_limit_is_refused() {
        assertThrows(RuntimeException.class, () -> bind(Map.of("bedflow.changes.min-pct", "-1")).runConfig());
    }
}
