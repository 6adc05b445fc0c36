package org.bedflow.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Map;

import org.bedflow.pipeline.link.DrdSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** bedflow.drd.* (docs/operations.md, "Configuration") reach the run's RunConfig; defaults 2023-04-01, 50, 5 %. */
class DrdPropertiesTest {

    private static BedflowProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("bedflow", BedflowProperties.class)
                .orElseGet(BedflowProperties::new);
    }

    @Test
    void the_defaults_are_the_national_collection_start_50_discharges_and_5_percent() {
        assertEquals(DrdSettings.defaults(), bind(Map.of()).runConfig().drd());
        assertEquals(new DrdSettings(LocalDate.of(2023, 4, 1), 50, 0.05), bind(Map.of()).runConfig().drd());
    }

    @Test
    void each_setting_can_be_changed_in_kebab_case() {
        DrdSettings drd = bind(Map.of("bedflow.drd.collection-start", "2024-01-01",
                "bedflow.drd.min-overnight-discharges", "20", "bedflow.drd.min-recorded-share", "0.1")).runConfig().drd();
        assertEquals(new DrdSettings(LocalDate.of(2024, 1, 1), 20, 0.1), drd);
    }

    @Test
    void a_start_that_is_not_an_iso_date_or_a_share_above_1_is_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> bind(Map.of("bedflow.drd.collection-start", "01/04/2023")).runConfig());
        assertThrows(IllegalArgumentException.class,
                () -> bind(Map.of("bedflow.drd.min-recorded-share", "5")).runConfig());
    }
}
