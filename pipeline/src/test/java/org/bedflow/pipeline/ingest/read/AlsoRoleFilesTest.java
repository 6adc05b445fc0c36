package org.bedflow.pipeline.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.bedflow.pipeline.descriptor.FeedDescriptor;
import org.bedflow.pipeline.descriptor.FeedDescriptorException;
import org.bedflow.pipeline.descriptor.FeedDescriptors;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.schema.Feeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code submitted_at: file_name}: the date in a file's name, and a name without one refused. */
class AlsoRoleFilesTest {

    @TempDir
    Path dir;

    @Test
    void the_last_valid_date_in_the_name_is_the_extract_date() {
        // 2024-04_2025-03 are months, not dates: the day would be the 20 of 2025 followed by a digit
        assertThat(AlsoRoleFiles.nameDate("SUS_APCS_2024-04_2025-03_extract_2025-04-01.csv"))
                .isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(AlsoRoleFiles.nameDate("apcs_20250301.csv.gz")).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(AlsoRoleFiles.nameDate("apcs_2025_02_28.csv")).isEqualTo(LocalDate.of(2025, 2, 28));
        // 2025-02-30 is no date; 12345678901 is too long a run of digits
        assertThat(AlsoRoleFiles.nameDate("apcs_2025-02-30.csv")).isNull();
        assertThat(AlsoRoleFiles.nameDate("apcs_12345678901.csv")).isNull();
    }

    @Test
    void a_file_without_submitted_at_is_stamped_from_its_name_or_refused() throws Exception {
        Files.writeString(dir.resolve("sus.yaml"), """
                source: sus
                role: apc_admissions
                pattern: "sus/**"
                submitted_at: file_name
                timestamp_format: dd/MM/yyyy HH:mm
                """, StandardCharsets.UTF_8);
        FeedDescriptor d = FeedDescriptors.load(dir, DelayReasons.load(DelayReasons.DEFAULT)).bySource("sus").orElseThrow();
        int[] none = new int[Feeds.APC_ADMISSIONS.fields().size()];
        java.util.Arrays.fill(none, -1);
        // written in the descriptor's own timestamp format, so that validation reads it back
        assertThat(AlsoRoleFiles.submittedAtStamp(d, Feeds.APC_ADMISSIONS, none, "apc_admissions/sus/x_20250401.csv"))
                .isEqualTo("01/04/2025 00:00");
        assertThatThrownBy(() -> AlsoRoleFiles.submittedAtStamp(d, Feeds.APC_ADMISSIONS, none, "apc_admissions/sus/x.csv"))
                .isInstanceOf(FeedDescriptorException.class)
                .hasMessageContaining("apc_admissions/sus/x.csv has no submitted_at column and no date in its name");
        // a file with the column keeps its own values
        int[] with = none.clone();
        with[Feeds.APC_ADMISSIONS.fieldNames().indexOf("submitted_at")] = 3;
        assertThat(AlsoRoleFiles.submittedAtStamp(d, Feeds.APC_ADMISSIONS, with, "apc_admissions/sus/x.csv")).isNull();
    }
}
