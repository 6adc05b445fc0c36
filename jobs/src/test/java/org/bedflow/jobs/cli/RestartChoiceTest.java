package org.bedflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.bedflow.jobs.nightly.RunParameters;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.JobParametersBuilder;

/**
 * docs/operations.md "Restart and re-run": which execution {@code bedflow restart} takes
 * without {@code --execution-id}. The inputs are the last execution of each job instance, as
 * the job repository gives them.
 */
class RestartChoiceTest {

    private static final Path NORTH = Path.of("/data/north");
    private static final Path WEST = Path.of("/data/west");

    private static JobExecution last(long id, Path output, String runDate, BatchStatus status) {
        JobExecution e = new JobExecution(new JobInstance(id, "nightly"), id, new JobParametersBuilder()
                .addLocalDate(RunParameters.PARAM_RUN_DATE, LocalDate.parse(runDate))
                .addString(RunParameters.PARAM_OUTPUT, output.toString()).toJobParameters());
        e.setStatus(status);
        return e;
    }

    @Test
    void the_folder_named_gets_its_own_last_failed_run_not_a_newer_one_of_another_folder() {
        List<JobExecution> lasts = List.of(last(1, NORTH, "2025-04-01", BatchStatus.FAILED),
                last(2, WEST, "2025-04-01", BatchStatus.FAILED));

        assertThat(RestartCommand.choose(lasts, NORTH).candidates()).extracting(JobExecution::getId).containsExactly(1L);
        assertThat(RestartCommand.choose(lasts, WEST).candidates()).extracting(JobExecution::getId).containsExactly(2L);
        // no folder named and two folders have failed runs: both listed, newest first, none taken
        assertThat(RestartCommand.choose(lasts, null).candidates()).extracting(JobExecution::getId).containsExactly(2L, 1L);
    }

    @Test
    void without_a_folder_the_last_failed_run_is_taken_when_all_candidates_share_one_folder() {
        List<JobExecution> lasts = List.of(last(1, NORTH, "2025-03-01", BatchStatus.FAILED),
                last(2, NORTH, "2025-03-02", BatchStatus.STARTED), last(3, WEST, "2025-03-02", BatchStatus.COMPLETED));

        // execution 2 (left STARTED by a kill) is the newest of /data/north; west has nothing to restart
        assertThat(RestartCommand.choose(lasts, null).candidates()).extracting(JobExecution::getId).containsExactly(2L);
    }

    @Test
    void a_failed_run_superseded_by_a_newer_completed_run_of_its_folder_is_no_candidate() {
        // March failed, then April completed on the same folder: restarting March would put older tables back
        List<JobExecution> superseded = List.of(last(1, NORTH, "2025-03-01", BatchStatus.FAILED),
                last(2, NORTH, "2025-04-01", BatchStatus.COMPLETED));
        assertThat(RestartCommand.choose(superseded, NORTH).candidates()).isEmpty();
        // the other side: a failure after the completed run is still restartable
        List<JobExecution> after = List.of(last(1, NORTH, "2025-03-01", BatchStatus.COMPLETED),
                last(2, NORTH, "2025-04-01", BatchStatus.FAILED), last(3, NORTH, "2025-02-01", BatchStatus.ABANDONED));
        assertThat(RestartCommand.choose(after, NORTH).candidates()).extracting(JobExecution::getId).containsExactly(2L);
    }
}
