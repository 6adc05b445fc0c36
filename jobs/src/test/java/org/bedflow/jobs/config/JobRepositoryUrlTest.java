package org.bedflow.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Two bedflow processes on one embedded H2 file need H2's mixed mode: bedflow adds
 * AUTO_SERVER=TRUE and AUTO_RECONNECT=TRUE to any jdbc:h2:file: URL, keeps what else it says,
 * refuses one that turns them off, and leaves every other URL alone.
 */
class JobRepositoryUrlTest {

    @Test
    void an_h2_file_url_without_the_options_gets_both() {
        assertThat(JobRepositoryUrl.normalise("jdbc:h2:file:/srv/bedflow/jobrepo"))
                .isEqualTo("jdbc:h2:file:/srv/bedflow/jobrepo;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE");
    }

    @Test
    void an_h2_file_url_with_both_options_is_unchanged() {
        String url = "jdbc:h2:file:~/.bedflow/jobrepo;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE";
        assertThat(JobRepositoryUrl.normalise(url)).isEqualTo(url);
        assertThat(JobRepositoryUrl.normalise("JDBC:H2:FILE:/x;auto_reconnect=true;Auto_Server=True"))
                .isEqualTo("JDBC:H2:FILE:/x;auto_reconnect=true;Auto_Server=True");
    }

    @Test
    void the_users_other_options_are_kept_and_the_missing_one_is_added() {
        assertThat(JobRepositoryUrl.normalise("jdbc:h2:file:/srv/jobs;MODE=PostgreSQL;AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0"))
                .isEqualTo("jdbc:h2:file:/srv/jobs;MODE=PostgreSQL;AUTO_SERVER=TRUE;TRACE_LEVEL_FILE=0;AUTO_RECONNECT=TRUE");
        assertThat(JobRepositoryUrl.normalise("jdbc:h2:file:/srv/jobs;"))
                .isEqualTo("jdbc:h2:file:/srv/jobs;AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE");
    }

    @Test
    void an_explicit_auto_server_false_is_refused_naming_the_setting_and_not_the_url() {
        assertThatThrownBy(() -> JobRepositoryUrl.normalise("jdbc:h2:file:/srv/jobs;PASSWORD=s3cret;AUTO_SERVER=FALSE"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the job repository URL (BEDFLOW_DB_URL, spring.datasource.url) sets AUTO_SERVER=FALSE; "
                        + "bedflow needs AUTO_SERVER=TRUE for an H2 file, so that several bedflow processes can use it "
                        + "at once: remove the AUTO_SERVER setting");
        assertThatThrownBy(() -> JobRepositoryUrl.normalise("jdbc:h2:file:/srv/jobs;AUTO_RECONNECT=false"))
                .hasMessageContaining("sets AUTO_RECONNECT=false;").hasMessageEndingWith("remove the AUTO_RECONNECT setting");
    }

    @Test
    void other_urls_are_used_as_given() {
        for (String url : new String[] {"jdbc:postgresql://db.internal:5432/bedflow", "jdbc:h2:mem:bedflow-test;DB_CLOSE_DELAY=-1",
                "jdbc:h2:tcp://repo.internal/jobs;AUTO_SERVER=FALSE", null}) {
            assertThat(JobRepositoryUrl.normalise(url)).isEqualTo(url);
        }
    }
}
