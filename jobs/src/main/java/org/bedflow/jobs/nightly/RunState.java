package org.bedflow.jobs.nightly;

import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import org.bedflow.pipeline.link.RuleCoverage;
import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.RunManifest;
import org.springframework.batch.item.ExecutionContext;

/**
 * What the steps learn and the manifest needs, kept as JSON in the job's execution
 * context so it survives a restart in a new process.
 */
public final class RunState {

    static final String INPUTS = "bedflow.manifest.inputs";
    static final String FEEDS = "bedflow.manifest.feeds";
    static final String OUTPUTS = "bedflow.manifest.outputs";
    static final String FAILURE = "bedflow.failure";
    static final String RULE_GAPS = "bedflow.report.rule-gaps";

    private RunState() {
    }

    public static void putInputs(ExecutionContext ctx, List<RunManifest.Input> inputs, List<RunManifest.Feed> feeds) {
        ctx.putString(INPUTS, write(inputs));
        ctx.putString(FEEDS, write(feeds));
    }

    public static List<RunManifest.Input> inputs(ExecutionContext ctx) {
        return read(ctx, INPUTS, new TypeReference<List<RunManifest.Input>>() { });
    }

    public static List<RunManifest.Feed> feeds(ExecutionContext ctx) {
        return read(ctx, FEEDS, new TypeReference<List<RunManifest.Feed>>() { });
    }

    public static void putOutputs(ExecutionContext ctx, List<RunManifest.Output> outputs) {
        ctx.putString(OUTPUTS, write(outputs));
    }

    public static List<RunManifest.Output> outputs(ExecutionContext ctx) {
        return read(ctx, OUTPUTS, new TypeReference<List<RunManifest.Output>>() { });
    }

    /** the link step's national exclusions that could not apply for lack of a field, for the report */
    public static void putRuleGaps(ExecutionContext ctx, List<RuleCoverage.Gap> gaps) {
        ctx.putString(RULE_GAPS, write(gaps));
    }

    public static List<RuleCoverage.Gap> ruleGaps(ExecutionContext ctx) {
        return read(ctx, RULE_GAPS, new TypeReference<List<RuleCoverage.Gap>>() { });
    }

    private static String write(Object o) {
        try {
            return ManifestFiles.json().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> List<T> read(ExecutionContext ctx, String key, TypeReference<List<T>> type) {
        if (!ctx.containsKey(key)) {
            return List.of();
        }
        try {
            return ManifestFiles.json().readValue(ctx.getString(key), type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
