package org.bedflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/operations.md, "Logs and privacy": output folders and files are readable by the owner and group only. */
class OutputLockTest {

    @Test
    void the_output_folder_and_lock_file_it_creates_are_closed_to_others(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("new").resolve("out");
        try (OutputLock lock = OutputLock.tryAcquire(out).orElseThrow()) {
            assertThat(Files.getPosixFilePermissions(out)).noneMatch(p -> p.name().startsWith("OTHERS"))
                    .contains(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE);
            assertThat(Files.getPosixFilePermissions(out.resolve(OutputLock.FILE)))
                    .noneMatch(p -> p.name().startsWith("OTHERS"));
            assertThat(OutputLock.holder(out)).isEqualTo(String.valueOf(ProcessHandle.current().pid()));
        }
    }
}
