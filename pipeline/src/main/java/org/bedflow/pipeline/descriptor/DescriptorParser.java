package org.bedflow.pipeline.descriptor;

import static org.bedflow.pipeline.descriptor.DescriptorYaml.isNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one descriptor file into a {@link FeedDescriptor}, checking everything that can be
 * checked without the input files: the keys, the role, the target fields, the date and
 * timestamp patterns, the value mappings against the role's code lists and the delay reason
 * mapping, the threshold. Every problem is a {@link FeedDescriptorException} starting with
 * the file and line.
 *
 * <p>This class reads the top-level keys; the YAML node tree is read by
 * {@link DescriptorYaml}, the {@code values:} mappings by {@link ValueMappings}.
 */
final class DescriptorParser {

    static final List<String> KEYS = List.of("source", "role", "description", "format", "pattern", "columns",
            "date_format", "timestamp_format", "values", "reject_threshold",
            // national extracts (DescriptorExtras)
            "nhs_number", "also", "split", "submitted_at");

    private final String origin;
    private final boolean builtIn;
    private final DescriptorYaml yaml;
    private final ValueMappings values;

    /**
     * @param origin       the descriptor's file, for messages
     * @param folder       where value mapping CSV files named in the descriptor are looked up (null: built-in)
     * @param delayReasons the run's delay reason mapping: {@code values: delay_reason:} maps onto its codes or categories
     */
    DescriptorParser(String origin, Path folder, boolean builtIn, DelayReasons delayReasons) {
        this.origin = origin;
        this.builtIn = builtIn;
        this.yaml = new DescriptorYaml(origin);
        this.values = new ValueMappings(yaml, folder, delayReasons);
    }

    FeedDescriptor parse(String text) {
        Node root = yaml.compose(text);
        if (root == null) {
            throw new FeedDescriptorException(origin + ": the descriptor is empty; it needs at least source: and role:");
        }
        Map<String, NodeTuple> top = yaml.entries(yaml.mapping(root, "the descriptor"), "the descriptor");
        for (NodeTuple t : top.values()) {
            String key = yaml.text(t.getKeyNode());
            if (!KEYS.contains(key)) {
                throw yaml.fail(t.getKeyNode(), "unknown key '" + key + "'; a descriptor has " + String.join(", ", KEYS));
            }
        }

        String source = yaml.requiredScalar(top, root, "source");
        if (!source.matches("[a-z][a-z0-9_]*")) {
            throw yaml.fail(top.get("source").getValueNode(), "source '" + source
                    + "' must be lower case letters, digits and _ (it names the source in messages and configuration)");
        }
        String roleName = yaml.requiredScalar(top, root, "role");
        FeedSchema role = Feeds.byName(roleName).orElseThrow(() -> yaml.fail(top.get("role").getValueNode(),
                "unknown role '" + roleName + "'; the roles are " + String.join(", ",
                        Feeds.all().stream().map(FeedSchema::name).toList())));
        String description = yaml.optionalScalar(top, "description");

        List<String> formats = formats(top.get("format"));
        Glob pattern = pattern(top.get("pattern"));
        ExtrasParser extrasParser = new ExtrasParser(yaml, role);
        FeedSchema also = extrasParser.also(top.get("also"));
        Map<String, String> columns = columns(top.get("columns"), role, also);
        TemporalFormat dateFormat = temporal(top.get("date_format"), false);
        TemporalFormat timestampFormat = temporal(top.get("timestamp_format"), true);
        Map<String, Map<String, String>> valueMappings = values.read(top.get("values"), role, also);
        Double threshold = threshold(top.get("reject_threshold"));
        return new FeedDescriptor(source, role, origin, builtIn, description, formats, pattern, columns, dateFormat,
                timestampFormat, valueMappings, threshold).withExtras(extrasParser.extras(top, also));
    }

    private List<String> formats(NodeTuple t) {
        if (t == null || isNull(t.getValueNode())) {
            return FeedDescriptor.FORMATS;
        }
        List<Node> items = t.getValueNode() instanceof SequenceNode seq ? seq.getValue() : List.of(t.getValueNode());
        List<String> out = new ArrayList<>();
        for (Node n : items) {
            String f = yaml.text(n).toLowerCase(Locale.ROOT);
            if (!FeedDescriptor.FORMATS.contains(f)) {
                throw yaml.fail(n, "format '" + yaml.text(n) + "' is not one of " + String.join(", ", FeedDescriptor.FORMATS));
            }
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        if (out.isEmpty()) {
            throw yaml.fail(t.getValueNode(), "format lists no format");
        }
        return out;
    }

    private Glob pattern(NodeTuple t) {
        if (t == null || isNull(t.getValueNode())) {
            return Glob.of(Glob.ALL);
        }
        try {
            return Glob.of(yaml.text(t.getValueNode()));
        } catch (IllegalArgumentException e) {
            throw yaml.fail(t.getValueNode(), e.getMessage());
        }
    }

    /** source column -> field in the YAML; field -> source column out */
    private Map<String, String> columns(NodeTuple t, FeedSchema role, FeedSchema also) {
        Map<String, String> byField = new LinkedHashMap<>();
        if (t == null || isNull(t.getValueNode())) {
            return byField;
        }
        Map<String, Node> seen = new LinkedHashMap<>();
        for (NodeTuple e : yaml.entries(yaml.mapping(t.getValueNode(), "columns"), "columns").values()) {
            String column = yaml.text(e.getKeyNode());
            if (column.isBlank()) {
                throw yaml.fail(e.getKeyNode(), "columns: an empty column name");
            }
            if (isNull(e.getValueNode())) {
                throw yaml.fail(e.getValueNode(), "columns: '" + column + "' maps onto no field");
            }
            // one column may feed several fields: Der_Diagnosis_All: [primary_diagnosis, secondary_diagnoses]
            List<Node> targets = e.getValueNode() instanceof SequenceNode seq ? seq.getValue() : List.of(e.getValueNode());
            if (targets.isEmpty()) {
                throw yaml.fail(e.getValueNode(), "columns: '" + column + "' maps onto no field");
            }
            String key = FeedDescriptor.headerKey(column);
            if (seen.containsKey(key)) {
                throw yaml.fail(e.getKeyNode(), "columns: '" + column
                        + "' is listed twice (headers match case-insensitively)");
            }
            seen.put(key, e.getKeyNode());
            for (Node target : targets) {
                String field = yaml.text(target);
                if (!role.hasField(field) && (also == null || !also.hasField(field))) {
                    throw yaml.fail(target, "columns: '" + column + "' maps onto '" + field
                            + "', which is not a field of " + role.name() + "; its fields are "
                            + String.join(", ", role.fieldNames())
                            + (also == null ? "" : " (and of " + also.name() + ": " + String.join(", ", also.fieldNames()) + ")"));
                }
                if (byField.containsKey(field)) {
                    throw yaml.fail(target, "columns: both '" + byField.get(field) + "' and '" + column
                            + "' map onto " + field + "; a field is read from one column");
                }
                byField.put(field, column);
            }
        }
        return byField;
    }

    private TemporalFormat temporal(NodeTuple t, boolean timestamp) {
        if (t == null || isNull(t.getValueNode())) {
            return timestamp ? TemporalFormat.defaultTimestamp() : TemporalFormat.defaultDate();
        }
        try {
            String p = yaml.text(t.getValueNode());
            return timestamp ? TemporalFormat.timestamp(p) : TemporalFormat.date(p);
        } catch (IllegalArgumentException e) {
            throw yaml.fail(t.getValueNode(), e.getMessage());
        }
    }

    private Double threshold(NodeTuple t) {
        if (t == null || isNull(t.getValueNode())) {
            return null;
        }
        String v = yaml.text(t.getValueNode());
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw yaml.fail(t.getValueNode(), "reject_threshold '" + v + "' must be a share between 0 and 1 (0.05 is 5 %)");
    }
}
