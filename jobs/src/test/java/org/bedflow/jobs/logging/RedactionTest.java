package org.bedflow.jobs.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** The safety net under every log line: identifiers are masked, ordinary log content is not. */
class RedactionTest {

    @Test
    void nhs_numbers_council_person_ids_and_postcodes_are_masked() {
        assertThat(Redaction.redact("nhs_number 9993372706 rejected")).isEqualTo("nhs_number ********** rejected");
        assertThat(Redaction.redact("{\"nhs_number\":\"999 337 2706\"}")).isEqualTo("{\"nhs_number\":\"**********\"}");
        assertThat(Redaction.redact("cannot cast '999-337-2706'.")).isEqualTo("cannot cast '**********'.");
        assertThat(Redaction.redact("person NNC-0000060 and WNC-1234567")).isEqualTo("person [person id] and [person id]");
        assertThat(Redaction.redact("lives at NN1 5BD, or NN15BD")).isEqualTo("lives at [postcode], or [postcode]");
    }

    @Test
    void ordinary_log_content_is_left_alone() {
        String line = "2026-11-30T06:04:26.599Z INFO 27779 --- [main] StepProgress : step validate COMPLETED in 91.0 s: "
                + "27,341 rows read, run 20261130T060335Z-1 execution 33, areas E06000061 E06000062, lsoa E01900184, "
                + "gp K83046, file part-00000-1234567890ab-c000.snappy.parquet, took 1764480000123 ms, v1.2345678901";
        assertThat(Redaction.redact(line)).isEqualTo(line);
    }

    @Test
    void the_pseudonymisation_key_is_masked_wherever_it_appears() {
        assertThat(Redaction.secretsFrom(Map.of("BEDFLOW_PSEUDONYM_KEY", "s3cret-key-value"))).containsExactly("s3cret-key-value");
        assertThat(Redaction.secretsFrom(Map.of("BEDFLOW_PSEUDONYM_KEY", "short"))).isEmpty();
    }

    @Test
    void the_layout_masks_the_message_and_the_stack_trace() {
        LoggerContext context = new LoggerContext();
        MaskingLayout layout = new MaskingLayout();
        layout.setContext(context);
        layout.start();
        var logger = context.getLogger("test");
        LoggingEvent event = new LoggingEvent(getClass().getName(), logger, Level.ERROR,
                "row of {} failed", new IllegalArgumentException("bad value '9993531081' for NCC-7654321"),
                new Object[] {"9996381927"});

        String text = layout.doLayout(event);

        assertThat(text).contains("ERROR", "test : row of ********** failed",
                "IllegalArgumentException: bad value '**********' for [person id]", "\tat ")
                .doesNotContain("9993531081").doesNotContain("9996381927").doesNotContain("NCC-7654321");
    }
}
