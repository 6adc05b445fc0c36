package org.bedflow.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/** Version and git commit, from the build-info and git.properties written at build time. */
public final class VersionInfo implements CommandLine.IVersionProvider {

    public static String version() {
        return load("META-INF/build-info.properties").getProperty("build.version", "dev");
    }

    /** Abbreviated commit, with "-dirty" when built from uncommitted changes; null when unknown. */
    public static String gitCommit() {
        Properties git = load("git.properties");
        String id = git.getProperty("git.commit.id.abbrev");
        if (id == null || id.isBlank()) {
            return null;
        }
        return "true".equals(git.getProperty("git.dirty")) ? id + "-dirty" : id;
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // version information is best effort
        }
        return p;
    }

    @Override
    public String[] getVersion() {
        String commit = gitCommit();
        return new String[] {"bedflow " + version() + (commit == null ? "" : " (" + commit + ")"),
                "Java " + System.getProperty("java.version") + ", Spark "
                        + load("META-INF/build-info.properties").getProperty("build.spark.version", "?")};
    }
}
