package org.bedflow.pipeline.publish;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Reads and writes {@code runs/<run_id>/manifest.json}; written to a temporary name, then renamed. */
public final class ManifestFiles {

    public static final String RUNS = "runs";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ManifestFiles() {
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public static Path runDir(Path outputRoot, String runId) {
        return new Path(new Path(outputRoot, RUNS), runId);
    }

    public static Path write(FileSystem fs, Path outputRoot, RunManifest manifest) {
        Path dir = runDir(outputRoot, manifest.runId());
        Path target = new Path(dir, "manifest.json");
        Path tmp = new Path(dir, ".manifest.json.tmp");
        try {
            fs.mkdirs(dir);
            try (OutputStream out = fs.create(tmp, true)) {
                JSON.writeValue(out, manifest);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            fs.rename(tmp, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    public static RunManifest read(FileSystem fs, Path manifestFile) {
        try (InputStream in = fs.open(manifestFile)) {
            return JSON.readValue(in, RunManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifestFile, e);
        }
    }
}
