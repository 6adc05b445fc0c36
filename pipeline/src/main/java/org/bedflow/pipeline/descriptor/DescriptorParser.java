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
            "date_format", "timestamp_format", "values", "reject_threshold", "profile", "derive", "never_show",
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
        Map<String, NodeTuple> all = yaml.entries(yaml.mapping(root, "the descriptor"), "the descriptor");
        String profile = yaml.optionalScalar(all, "profile");
        if (profile != null) {
            // the profile's keys with this descriptor's laid over them (Profiles), then parsed as one descriptor
            Node base = Profiles.compose(profile);
            if (base == null) {
                throw yaml.fail(all.get("profile").getValueNode(), Profiles.unknown(profile));
            }
            root = Profiles.merge(yaml.mapping(base, "the profile " + profile), yaml.mapping(root, "the descriptor"), yaml);
            all = yaml.entries((org.yaml.snakeyaml.nodes.MappingNode) root, "the descriptor");
        }
        Map<String, NodeTuple> top = all;
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
        Map<String, List<String>> alternatives = alternatives(top.get("columns"), columns);
        List<FeedDescriptor.Derived> derived = derive(top.get("derive"), role, columns, alternatives);
        List<String> neverShow = neverShow(top.get("never_show"));
        if ((!derived.isEmpty() || !neverShow.isEmpty()) && !formats.stream().allMatch(f -> f.startsWith("csv"))) {
            // derive and never_show act on a CSV file's own columns, which Avro and Parquet files are not read by
            throw yaml.fail(top.containsKey("derive") ? top.get("derive").getKeyNode() : top.get("never_show").getKeyNode(),
                    "derive and never_show apply to CSV files only; give format: [csv, csv.gz]");
        }
        return new FeedDescriptor(source, role, origin, builtIn, description, formats, pattern, columns, dateFormat,
                timestampFormat, valueMappings, threshold, alternatives, derived, neverShow)
                .withExtras(extrasParser.extras(top, also));
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
                // several columns onto one field are alternative spellings of its column: a file has one of them
                // (alternatives(), FeedDescriptor.resolve)
                byField.putIfAbsent(field, column);
            }
        }
        return byField;
    }

    /** field -> the other columns mapped onto it, alternative spellings of the first (in file order) */
    private Map<String, List<String>> alternatives(NodeTuple t, Map<String, String> first) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (t == null || isNull(t.getValueNode())) {
            return out;
        }
        for (NodeTuple e : yaml.entries(yaml.mapping(t.getValueNode(), "columns"), "columns").values()) {
            String column = yaml.text(e.getKeyNode());
            List<Node> targets = e.getValueNode() instanceof SequenceNode seq ? seq.getValue() : List.of(e.getValueNode());
            for (Node target : targets) {
                String field = yaml.text(target);
                if (!column.equals(first.get(field))) {
                    out.computeIfAbsent(field, k -> new ArrayList<>()).add(column);
                }
            }
        }
        return out;
    }

    /**
     * {@code derive: {age: {years_between: [Date of Birth, Event Start Date]}}}: a whole-number
     * field computed on read from two date columns of the file, written in the descriptor's
     * date_format: whole years from the first to the second.
     */
    private List<FeedDescriptor.Derived> derive(NodeTuple t, org.bedflow.pipeline.schema.FeedSchema role,
                                                Map<String, String> columns, Map<String, List<String>> alternatives) {
        List<FeedDescriptor.Derived> out = new ArrayList<>();
        if (t == null || isNull(t.getValueNode())) {
            return out;
        }
        for (NodeTuple e : yaml.entries(yaml.mapping(t.getValueNode(), "derive"), "derive").values()) {
            String field = yaml.text(e.getKeyNode());
            if (!role.hasField(field)) {
                throw yaml.fail(e.getKeyNode(), "derive: '" + field + "' is not a field of " + role.name()
                        + "; its fields are " + String.join(", ", role.fieldNames()));
            }
            if (role.field(field).type() != org.bedflow.pipeline.schema.FieldType.INT) {
                throw yaml.fail(e.getKeyNode(), "derive: " + field + " is not a whole number; years_between gives one");
            }
            if (columns.containsKey(field)) {
                throw yaml.fail(e.getKeyNode(), "derive: " + field + " is also read from column '" + columns.get(field)
                        + "' under columns:; a field is either read or derived");
            }
            Map<String, NodeTuple> how = yaml.entries(yaml.mapping(e.getValueNode(), "derive: " + field), "derive: " + field);
            for (String k : how.keySet()) {
                if (!k.equals("years_between")) {
                    throw yaml.fail(how.get(k).getKeyNode(), "derive: " + field + ": unknown rule '" + k
                            + "'; the rule is years_between: [from column, to column]");
                }
            }
            NodeTuple yb = how.get("years_between");
            if (yb == null || !(yb.getValueNode() instanceof SequenceNode seq) || seq.getValue().size() != 2) {
                throw yaml.fail(e.getValueNode(), "derive: " + field + ": needs years_between: [from column, to column]");
            }
            out.add(new FeedDescriptor.Derived(field, spellings(seq.getValue().get(0)), spellings(seq.getValue().get(1))));
        }
        return out;
    }

    /** a column, or a list of its spellings ([Date of Birth, Date_of_Birth]): a file has one of them */
    private List<String> spellings(Node n) {
        if (n instanceof SequenceNode seq) {
            List<String> out = new ArrayList<>();
            seq.getValue().forEach(i -> out.add(yaml.text(i)));
            if (out.isEmpty()) {
                throw yaml.fail(n, "derive: an empty list of column names");
            }
            return out;
        }
        return List.of(yaml.text(n));
    }

    /** never_show: [column, ...]: columns of the file whose values must never be shown, not even in a malformed line */
    private List<String> neverShow(NodeTuple t) {
        if (t == null || isNull(t.getValueNode())) {
            return List.of();
        }
        List<Node> items = t.getValueNode() instanceof SequenceNode seq ? seq.getValue() : List.of(t.getValueNode());
        List<String> out = new ArrayList<>();
        for (Node n : items) {
            out.add(yaml.text(n));
        }
        return out;
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
