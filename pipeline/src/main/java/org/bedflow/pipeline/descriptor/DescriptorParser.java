package org.bedflow.pipeline.descriptor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.reference.CodeLists;
import org.bedflow.pipeline.reference.ReferenceFiles;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.FieldSpec;
import org.bedflow.pipeline.schema.FieldType;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one descriptor file into a {@link FeedDescriptor}, checking everything that can be
 * checked without the input files: the keys, the role, the target fields, the date and
 * timestamp patterns, the value mappings against the role's code lists and the delay reason
 * mapping, the threshold. Every problem is a {@link FeedDescriptorException} starting with
 * the file and line.
 *
 * <p>YAML is read as a node tree (SnakeYAML's composer), not into Java objects, so every
 * key and value is taken as the text written: {@code 01} stays {@code 01} and {@code NO}
 * stays {@code NO} (no YAML 1.1 numbers or booleans). A plain {@code ~}, {@code null} or
 * empty value is "no value".
 */
final class DescriptorParser {

    static final List<String> KEYS = List.of("source", "role", "description", "format", "pattern", "columns",
            "date_format", "timestamp_format", "values", "reject_threshold");
    /** columns of a value mapping CSV ({@code values: {field: file.csv}}) */
    static final String FROM = "source_value";
    static final String TO = "canonical_value";
    /** the field whose values map onto the delay reason mapping (reference.md) */
    static final String DELAY_REASON = "delay_reason";

    private final String origin;
    private final Path folder;
    private final boolean builtIn;
    private final DelayReasons delayReasons;

    /**
     * @param origin       the descriptor's file, for messages
     * @param folder       where value mapping CSV files named in the descriptor are looked up (null: built-in)
     * @param delayReasons the run's delay reason mapping: {@code values: delay_reason:} maps onto its codes or categories
     */
    DescriptorParser(String origin, Path folder, boolean builtIn, DelayReasons delayReasons) {
        this.origin = origin;
        this.folder = folder;
        this.builtIn = builtIn;
        this.delayReasons = delayReasons;
    }

    FeedDescriptor parse(String text) {
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new FeedDescriptorException(origin + (m == null ? "" : " line " + (m.getLine() + 1)) + ": not valid YAML: "
                    + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new FeedDescriptorException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new FeedDescriptorException(origin + ": the descriptor is empty; it needs at least source: and role:");
        }
        Map<String, NodeTuple> top = entries(mapping(root, "the descriptor"), "the descriptor");
        for (NodeTuple t : top.values()) {
            String key = text(t.getKeyNode());
            if (!KEYS.contains(key)) {
                throw fail(t.getKeyNode(), "unknown key '" + key + "'; a descriptor has " + String.join(", ", KEYS));
            }
        }

        String source = requiredScalar(top, root, "source");
        if (!source.matches("[a-z][a-z0-9_]*")) {
            throw fail(top.get("source").getValueNode(), "source '" + source
                    + "' must be lower case letters, digits and _ (it names the source in messages and configuration)");
        }
        String roleName = requiredScalar(top, root, "role");
        FeedSchema role = Feeds.byName(roleName).orElseThrow(() -> fail(top.get("role").getValueNode(),
                "unknown role '" + roleName + "'; the roles are " + String.join(", ",
                        Feeds.all().stream().map(FeedSchema::name).toList())));
        String description = optionalScalar(top, "description");

        List<String> formats = formats(top.get("format"));
        Glob pattern = pattern(top.get("pattern"));
        Map<String, String> columns = columns(top.get("columns"), role);
        TemporalFormat dateFormat = temporal(top.get("date_format"), false);
        TemporalFormat timestampFormat = temporal(top.get("timestamp_format"), true);
        Map<String, Map<String, String>> values = values(top.get("values"), role);
        Double threshold = threshold(top.get("reject_threshold"));
        return new FeedDescriptor(source, role, origin, builtIn, description, formats, pattern, columns, dateFormat,
                timestampFormat, values, threshold);
    }

    private List<String> formats(NodeTuple t) {
        if (t == null || isNull(t.getValueNode())) {
            return FeedDescriptor.FORMATS;
        }
        List<Node> items = t.getValueNode() instanceof SequenceNode seq ? seq.getValue() : List.of(t.getValueNode());
        List<String> out = new ArrayList<>();
        for (Node n : items) {
            String f = text(n).toLowerCase(Locale.ROOT);
            if (!FeedDescriptor.FORMATS.contains(f)) {
                throw fail(n, "format '" + text(n) + "' is not one of " + String.join(", ", FeedDescriptor.FORMATS));
            }
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        if (out.isEmpty()) {
            throw fail(t.getValueNode(), "format lists no format");
        }
        return out;
    }

    private Glob pattern(NodeTuple t) {
        if (t == null || isNull(t.getValueNode())) {
            return Glob.of(Glob.ALL);
        }
        try {
            return Glob.of(text(t.getValueNode()));
        } catch (IllegalArgumentException e) {
            throw fail(t.getValueNode(), e.getMessage());
        }
    }

    /** source column -> field in the YAML; field -> source column out */
    private Map<String, String> columns(NodeTuple t, FeedSchema role) {
        Map<String, String> byField = new LinkedHashMap<>();
        if (t == null || isNull(t.getValueNode())) {
            return byField;
        }
        Map<String, Node> seen = new LinkedHashMap<>();
        for (NodeTuple e : entries(mapping(t.getValueNode(), "columns"), "columns").values()) {
            String column = text(e.getKeyNode());
            if (column.isBlank()) {
                throw fail(e.getKeyNode(), "columns: an empty column name");
            }
            if (isNull(e.getValueNode())) {
                throw fail(e.getValueNode(), "columns: '" + column + "' maps onto no field");
            }
            String field = text(e.getValueNode());
            if (!role.hasField(field)) {
                throw fail(e.getValueNode(), "columns: '" + column + "' maps onto '" + field + "', which is not a field of "
                        + role.name() + "; its fields are " + String.join(", ", role.fieldNames()));
            }
            String key = FeedDescriptor.headerKey(column);
            if (seen.containsKey(key)) {
                throw fail(e.getKeyNode(), "columns: '" + column + "' is listed twice (headers match case-insensitively)");
            }
            seen.put(key, e.getKeyNode());
            if (byField.containsKey(field)) {
                throw fail(e.getValueNode(), "columns: both '" + byField.get(field) + "' and '" + column + "' map onto "
                        + field + "; a field is read from one column");
            }
            byField.put(field, column);
        }
        return byField;
    }

    private TemporalFormat temporal(NodeTuple t, boolean timestamp) {
        if (t == null || isNull(t.getValueNode())) {
            return timestamp ? TemporalFormat.defaultTimestamp() : TemporalFormat.defaultDate();
        }
        try {
            String p = text(t.getValueNode());
            return timestamp ? TemporalFormat.timestamp(p) : TemporalFormat.date(p);
        } catch (IllegalArgumentException e) {
            throw fail(t.getValueNode(), e.getMessage());
        }
    }

    private Map<String, Map<String, String>> values(NodeTuple t, FeedSchema role) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (t == null || isNull(t.getValueNode())) {
            return out;
        }
        for (NodeTuple e : entries(mapping(t.getValueNode(), "values"), "values").values()) {
            String field = text(e.getKeyNode());
            if (!role.hasField(field)) {
                throw fail(e.getKeyNode(), "values: '" + field + "' is not a field of " + role.name() + "; its fields are "
                        + String.join(", ", role.fieldNames()));
            }
            FieldSpec spec = role.field(field);
            if (spec.type() == FieldType.DATE || spec.type() == FieldType.TIMESTAMP) {
                throw fail(e.getKeyNode(), "values: " + field + " is a date; describe how it is written with "
                        + (spec.type() == FieldType.DATE ? "date_format" : "timestamp_format") + " instead");
            }
            if (spec.nhsNumber()) {
                throw fail(e.getKeyNode(), "values: " + field + " is an NHS number and cannot be mapped");
            }
            Map<String, String> mapping = new LinkedHashMap<>();
            Map<String, String> writtenAs = new LinkedHashMap<>();
            if (e.getValueNode() instanceof ScalarNode && !isNull(e.getValueNode())) {
                mappingFile(e.getValueNode(), spec, mapping);
            } else {
                for (NodeTuple v : entries(mapping(e.getValueNode(), "values: " + field), "values: " + field).values()) {
                    String from = text(v.getKeyNode());
                    String key = CodeLists.normalise(from);
                    if (writtenAs.containsKey(key)) {
                        throw fail(v.getKeyNode(), "values: " + field + ": '" + writtenAs.get(key) + "' and '" + from
                                + "' are the same value (values match case-insensitively, ignoring repeated spaces)");
                    }
                    writtenAs.put(key, from);
                    String to = isNull(v.getValueNode()) ? null : text(v.getValueNode());
                    try {
                        mapping.put(key, canonical(spec, from, to));
                    } catch (IllegalArgumentException ex) {
                        throw fail(v.getValueNode(), "values: " + field + ": " + ex.getMessage());
                    }
                }
            }
            out.put(field, mapping);
        }
        return out;
    }

    /** {@code values: {field: file.csv}}: a CSV next to the descriptor with columns source_value, canonical_value. */
    private void mappingFile(Node node, FieldSpec spec, Map<String, String> mapping) {
        String name = text(node);
        if (folder == null) {
            throw fail(node, "values: " + spec.name() + ": a built-in descriptor cannot name a file");
        }
        Path file = folder.resolve(name).normalize();
        if (!Files.isRegularFile(file)) {
            throw fail(node, "values: " + spec.name() + ": the mapping file " + file + " does not exist");
        }
        List<Map<String, String>> rows;
        try {
            rows = ReferenceFiles.file(file);
        } catch (RuntimeException ex) {
            throw fail(node, "values: " + spec.name() + ": " + file + " cannot be read as CSV: " + ex.getMessage());
        }
        if (!rows.isEmpty() && !(rows.get(0).containsKey(FROM) && rows.get(0).containsKey(TO))) {
            throw fail(node, "values: " + spec.name() + ": " + file + " needs the columns " + FROM + ", " + TO
                    + "; it has " + String.join(", ", rows.get(0).keySet()));
        }
        int row = 0;
        for (Map<String, String> r : rows) {
            row++;
            String from = r.get(FROM);
            String key = CodeLists.normalise(from);
            if (mapping.containsKey(key)) {
                throw fail(node, "values: " + spec.name() + ": " + file + " lists '" + from + "' twice");
            }
            String to = r.get(TO) == null || r.get(TO).isBlank() ? null : r.get(TO);
            try {
                mapping.put(key, canonical(spec, from, to));
            } catch (IllegalArgumentException ex) {
                throw fail(node, "values: " + spec.name() + ": " + file + " data row " + row + ": " + ex.getMessage());
            }
        }
    }

    /**
     * The canonical spelling of a mapping's target.
     *
     * @throws IllegalArgumentException saying which list or form the target is not on
     */
    private String canonical(FieldSpec spec, String from, String to) {
        if (to == null) {
            return null;
        }
        String where = "'" + from + "' maps onto '" + to + "', ";
        if (spec.codeList() != null) {
            CodeLists list = CodeLists.bundled(spec.codeList());
            String c = list.canonical(to);
            if (c == null) {
                throw new IllegalArgumentException(where + "which is not a code of the " + spec.codeList() + " list ("
                        + String.join(", ", list.codes()) + ")");
            }
            return c;
        }
        if (spec.name().equals(DELAY_REASON) && delayReasons != null) {
            return delayReason(where, to);
        }
        if (spec.pattern() != null) {
            String upper = to.trim().toUpperCase(Locale.ROOT);
            if (!upper.matches(spec.pattern())) {
                throw new IllegalArgumentException(where + "which does not have the form " + spec.pattern() + " of "
                        + spec.name());
            }
            return upper;
        }
        if (spec.type() == FieldType.INT || spec.type() == FieldType.LONG) {
            long v;
            try {
                v = Long.parseLong(to.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "which is not a whole number");
            }
            if ((spec.min() != null && v < spec.min()) || (spec.max() != null && v > spec.max())) {
                throw new IllegalArgumentException(where + "which is outside " + spec.min() + "-" + spec.max());
            }
            return Long.toString(v);
        }
        return to.trim();
    }

    /**
     * A delay reason maps onto a code of the run's delay reason mapping (reference.md, DToC
     * by default: A, B, C, Di, ...) or onto one of its categories (awaiting_home_care_package),
     * which stands for the mapping's code of that category (the smallest, when several codes
     * share it; they must then agree on the sector).
     */
    private String delayReason(String where, String to) {
        String code = to.trim();
        if (delayReasons.categoryOf(code) != null) {
            return code;
        }
        TreeSet<String> codes = new TreeSet<>();
        TreeSet<String> sectors = new TreeSet<>();
        for (String c : delayReasons.codes()) {
            if (delayReasons.categoryOf(c).equals(code)) {
                codes.add(c);
                sectors.add(delayReasons.sectorOf(c));
            }
        }
        if (codes.isEmpty()) {
            throw new IllegalArgumentException(where + "which is neither a code nor a category of the delay reason "
                    + "mapping (codes " + String.join(", ", new TreeSet<>(delayReasons.codes())) + "; categories "
                    + String.join(", ", delayReasons.categories().stream()
                    .filter(c -> !c.equals(DelayReasons.UNMAPPED_CATEGORY)).toList()) + ")");
        }
        if (sectors.size() > 1) {
            throw new IllegalArgumentException(where + "a category whose codes " + codes + " have different sectors "
                    + sectors + "; map onto one of the codes instead");
        }
        return codes.first();
    }

    private Double threshold(NodeTuple t) {
        if (t == null || isNull(t.getValueNode())) {
            return null;
        }
        String v = text(t.getValueNode());
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw fail(t.getValueNode(), "reject_threshold '" + v + "' must be a share between 0 and 1 (0.05 is 5 %)");
    }

    // --- YAML nodes -------------------------------------------------------------------------

    private MappingNode mapping(Node n, String what) {
        if (n instanceof MappingNode m) {
            return m;
        }
        throw fail(n, what + " must be a mapping of 'key: value' lines");
    }

    /** entries by key text, in file order; a key given twice is an error */
    private Map<String, NodeTuple> entries(MappingNode m, String what) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = text(t.getKeyNode());
            if (out.containsKey(key)) {
                throw fail(t.getKeyNode(), what + ": '" + key + "' is given twice");
            }
            out.put(key, t);
        }
        return out;
    }

    private String requiredScalar(Map<String, NodeTuple> top, Node root, String key) {
        NodeTuple t = top.get(key);
        if (t == null || isNull(t.getValueNode())) {
            throw fail(t == null ? root : t.getValueNode(), key + ": is missing");
        }
        return text(t.getValueNode());
    }

    private String optionalScalar(Map<String, NodeTuple> top, String key) {
        NodeTuple t = top.get(key);
        return t == null || isNull(t.getValueNode()) ? null : text(t.getValueNode());
    }

    private String text(Node n) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw fail(n, "a single value is expected here");
    }

    private static boolean isNull(Node n) {
        if (n instanceof ScalarNode s && s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN) {
            String v = s.getValue();
            return v.isEmpty() || v.equals("~") || v.equalsIgnoreCase("null");
        }
        return false;
    }

    private FeedDescriptorException fail(Node at, String problem) {
        String line = at == null ? "" : " line " + (at.getStartMark().getLine() + 1);
        return new FeedDescriptorException(origin + line + ": " + problem);
    }
}
