package org.bedflow.pipeline.ingest.validate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bedflow.pipeline.descriptor.FeedDescriptor;
import org.bedflow.pipeline.descriptor.TemporalFormat;
import org.bedflow.pipeline.schema.FeedSchema;

/**
 * One source's rules, per field of the feed (schema order): how its dates and timestamps
 * are written, its value mappings, and whether its dates may arrive as typed values.
 * Serializable: it travels to executors inside {@link RowValidator}.
 */
record SourceRules(String source, TemporalFormat date, TemporalFormat timestamp,
                   List<Map<String, String>> values, boolean typed) implements Serializable {

    static SourceRules builtIn(FeedSchema feed) {
        List<Map<String, String>> none = new ArrayList<>();
        feed.fields().forEach(f -> none.add(null));
        return new SourceRules(feed.name(), TemporalFormat.defaultDate(), TemporalFormat.defaultTimestamp(), none, false);
    }

    static SourceRules of(FeedSchema feed, FeedDescriptor d, boolean typed) {
        List<Map<String, String>> values = new ArrayList<>();
        feed.fields().forEach(f -> values.add(d.values().containsKey(f.name())
                ? new HashMap<>(d.values().get(f.name())) : null));
        return new SourceRules(d.source(), d.dateFormat(), d.timestampFormat(), values, typed);
    }
}
