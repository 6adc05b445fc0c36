package org.bedflow.jobs.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jars a cluster's executors need to run bedflow's functions (validation, readers,
 * the keyed hash): the pipeline and schema modules and the few libraries they call that a
 * Spark installation does not bring. Found wherever the driver loaded them from — a plain
 * jar, a folder of classes (a build tree), or a jar nested in the executable Spring Boot
 * jar (copied out, since executors cannot read {@code BOOT-INF/lib}) — and handed to
 * Spark as {@code spark.jars}, so {@code --master spark://...} works with no other setup.
 */
public final class ApplicationJars {

    private static final Logger log = LoggerFactory.getLogger(ApplicationJars.class);

    /** A class from each jar the executors need. */
    static final List<String> MARKERS = List.of(
            "org.bedflow.pipeline.spark.SparkSessions",
            "org.bedflow.schemas.feed.ApcAdmission",
            "org.apache.commons.csv.CSVFormat",
            "org.apache.commons.statistics.distribution.ChiSquaredDistribution");

    private ApplicationJars() {
    }

    /** Comma-separated local paths of the jars, written under {@code workDir} where they must be made. */
    public static String forExecutors(Path workDir) {
        Set<String> out = new LinkedHashSet<>();
        workDir.toFile().deleteOnExit(); // deleted after the files registered below (reverse order)
        for (String marker : MARKERS) {
            try {
                Class<?> c = Class.forName(marker, false, ApplicationJars.class.getClassLoader());
                URL location = c.getProtectionDomain().getCodeSource().getLocation();
                Path jar = localJar(location, workDir);
                if (jar.startsWith(workDir)) {
                    jar.toFile().deleteOnExit();
                }
                out.add(jar.toString());
            } catch (ClassNotFoundException | IOException | RuntimeException e) {
                throw new IllegalStateException("cannot find the jar of " + marker + " to ship to the executors", e);
            }
        }
        log.info("jars for the executors: {}", out);
        return String.join(",", out);
    }

    static Path localJar(URL location, Path workDir) throws IOException {
        String url = location.toString();
        if (url.startsWith("jar:nested:") || url.startsWith("nested:")) {
            // Spring Boot's executable jar: jar:nested:/app.jar/!BOOT-INF/lib/x.jar!/
            String nested = url.startsWith("jar:") ? url.substring(4) : url;
            if (nested.endsWith("!/")) {
                nested = nested.substring(0, nested.length() - 2);
            }
            String name = nested.substring(nested.lastIndexOf('/') + 1);
            Path target = workDir.resolve(name);
            Files.createDirectories(workDir);
            try (InputStream in = URI.create(nested).toURL().openStream()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        }
        Path path = Path.of(URI.create(url));
        if (Files.isDirectory(path)) {
            return jarOf(path, workDir);
        }
        return path;
    }

    /** A build tree's classes folder (target/classes) packed into a jar. */
    static Path jarOf(Path classes, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        String name = classes.getParent().getParent().getFileName() + "-" + classes.getFileName() + ".jar";
        Path jar = workDir.resolve(name);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            for (Path f : files) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + classes, e);
        }
        return jar;
    }
}
