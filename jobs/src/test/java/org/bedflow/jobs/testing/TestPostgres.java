package org.bedflow.jobs.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL for integration tests, never a mock: the server named by
 * BEDFLOW_TEST_DB_URL (+ BEDFLOW_TEST_DB_USER / _PASSWORD) when set, as on our machines and
 * in CI (.ci/run sets it to the local server); else a Testcontainers PostgreSQL when Docker
 * is available; else the test is skipped with a message, or fails when
 * BEDFLOW_TEST_DB_REQUIRED=true. Each test class gets its own fresh database.
 */
public final class TestPostgres implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final Runnable cleanup;

    private TestPostgres(String url, String user, String password, Runnable cleanup) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.cleanup = cleanup;
    }

    public static TestPostgres start() {
        String serverUrl = System.getenv("BEDFLOW_TEST_DB_URL");
        if (serverUrl != null && !serverUrl.isBlank()) {
            String user = envOr("BEDFLOW_TEST_DB_USER", "postgres");
            String password = envOr("BEDFLOW_TEST_DB_PASSWORD", "");
            String db = "bedflow_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
            sql(serverUrl, user, password, "create database " + db);
            String dbUrl = serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + db + "$1");
            return new TestPostgres(dbUrl, user, password,
                    () -> sql(serverUrl, user, password, "drop database if exists " + db + " with (force)"));
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (docker) {
            PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:16-alpine");
            pg.start();
            return new TestPostgres(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(), pg::stop);
        }
        String why = "no PostgreSQL for the job repository test: set BEDFLOW_TEST_DB_URL "
                + "(e.g. jdbc:postgresql://127.0.0.1:5432/postgres) or run Docker";
        if ("true".equals(System.getenv("BEDFLOW_TEST_DB_REQUIRED"))) {
            throw new IllegalStateException(why);
        }
        System.err.println("JobRepositoryPostgres: SKIPPED, " + why);
        Assumptions.abort(why);
        return null;
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void sql(String url, String user, String password, String statement) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + url + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        cleanup.run();
    }
}
