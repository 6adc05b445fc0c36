package org.bedflow.pipeline.descriptor;

import static org.bedflow.pipeline.descriptor.DescriptorYaml.isNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.reference.CodeLists;
import org.bedflow.pipeline.reference.ReferenceFiles;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.FieldSpec;
import org.bedflow.pipeline.schema.FieldType;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A descriptor's {@code values:}: per field, which source value stands for which canonical
 * one, written inline or in a mapping CSV next to the descriptor, each target checked
 * against the role's code lists, the field's form or range, or the delay reason mapping.
 */
final class ValueMappings {

    /** columns of a value mapping CSV ({@code values: {field: file.csv}}) */
    static final String FROM = "source_value";
    static final String TO = "canonical_value";
    /** the field whose values map onto the delay reason mapping (docs/code-lists.md) */
    static final String DELAY_REASON = "delay_reason";

    private final DescriptorYaml yaml;
    /** prefix of a value mapping file shipped in the jar's reference/ folder */
    static final String BUNDLED = "bedflow:";

    private final Path folder;
    private final DelayReasons delayReasons;

    /**
     * @param folder       where value mapping CSV files named in the descriptor are looked up (null: built-in)
     * @param delayReasons the run's delay reason mapping: {@code values: delay_reason:} maps onto its codes or categories
     */
    ValueMappings(DescriptorYaml yaml, Path folder, DelayReasons delayReasons) {
        this.yaml = yaml;
        this.folder = folder;
        this.delayReasons = delayReasons;
    }

    /** field -> normalised source value -> canonical value (null: no value) */
    Map<String, Map<String, String>> read(NodeTuple t, FeedSchema role) {
        return read(t, role, null);
    }

    /** @param also the descriptor's second role ({@code also:}), whose fields may be mapped too; null for none */
    Map<String, Map<String, String>> read(NodeTuple t, FeedSchema role, FeedSchema also) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (t == null || isNull(t.getValueNode())) {
            return out;
        }
        for (NodeTuple e : yaml.entries(yaml.mapping(t.getValueNode(), "values"), "values").values()) {
            String field = yaml.text(e.getKeyNode());
            FeedSchema of = !role.hasField(field) && also != null && also.hasField(field) ? also : role;
            if (!of.hasField(field)) {
                throw yaml.fail(e.getKeyNode(), "values: '" + field + "' is not a field of " + role.name()
                        + "; its fields are " + String.join(", ", role.fieldNames()));
            }
            FieldSpec spec = of.field(field);
            if (spec.type() == FieldType.DATE || spec.type() == FieldType.TIMESTAMP) {
                throw yaml.fail(e.getKeyNode(), "values: " + field + " is a date; describe how it is written with "
                        + (spec.type() == FieldType.DATE ? "date_format" : "timestamp_format") + " instead");
            }
            if (spec.nhsNumber()) {
                throw yaml.fail(e.getKeyNode(), "values: " + field + " is an NHS number and cannot be mapped");
            }
            if (spec.postcode()) {
                // a mapping would put postcodes in clear in a descriptor and its error messages
                throw yaml.fail(e.getKeyNode(), "values: " + field + " is a postcode and cannot be mapped");
            }
            Map<String, String> mapping = new LinkedHashMap<>();
            if (e.getValueNode() instanceof ScalarNode && !isNull(e.getValueNode())) {
                mappingFile(e.getValueNode(), spec, mapping);
            } else {
                inline(e.getValueNode(), field, spec, mapping);
            }
            out.put(field, mapping);
        }
        return out;
    }

    /** {@code values: {field: {from: to, ...}}} in the descriptor itself. */
    private void inline(Node node, String field, FieldSpec spec, Map<String, String> mapping) {
        Map<String, String> writtenAs = new LinkedHashMap<>();
        for (NodeTuple v : yaml.entries(yaml.mapping(node, "values: " + field), "values: " + field).values()) {
            String from = yaml.text(v.getKeyNode());
            if (from.equals(ExtrasParser.PATTERN) && v.getKeyNode() instanceof ScalarNode k
                    && k.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN) {
                // values: {field: {pattern: "..."}}: a regular expression, read by ExtrasParser (a source value
                // literally called pattern is written quoted)
                continue;
            }
            String key = FeedDescriptor.valueKey(spec, from);
            if (writtenAs.containsKey(key)) {
                throw yaml.fail(v.getKeyNode(), "values: " + field + ": '" + writtenAs.get(key) + "' and '" + from
                        + "' are the same value (values match case-insensitively, ignoring repeated spaces"
                        + (spec.codeList() != null ? " and punctuation" : "") + ")");
            }
            writtenAs.put(key, from);
            String to = isNull(v.getValueNode()) ? null : yaml.text(v.getValueNode());
            try {
                mapping.put(key, canonical(spec, from, to));
            } catch (IllegalArgumentException ex) {
                throw yaml.fail(v.getValueNode(), "values: " + field + ": " + ex.getMessage());
            }
        }
    }

    /** {@code values: {field: file.csv}}: a CSV next to the descriptor with columns source_value, canonical_value. */
    private void mappingFile(Node node, FieldSpec spec, Map<String, String> mapping) {
        String name = yaml.text(node);
        // "bedflow:cld_council_codes.csv" names a reference file shipped in the jar (reference/...), so that a
        // built-in profile can map through one and a descriptor copied from it still works anywhere
        boolean bundled = name.startsWith(BUNDLED);
        if (folder == null && !bundled) {
            throw yaml.fail(node, "values: " + spec.name() + ": a built-in descriptor cannot name a file");
        }
        Path file = bundled ? Path.of("bedflow.jar!/reference", name.substring(BUNDLED.length()))
                : folder.resolve(name).normalize();
        if (!bundled && !Files.isRegularFile(file)) {
            throw yaml.fail(node, "values: " + spec.name() + ": the mapping file " + file + " does not exist");
        }
        List<Map<String, String>> rows;
        try {
            rows = bundled ? ReferenceFiles.bundled(name.substring(BUNDLED.length())) : ReferenceFiles.file(file);
        } catch (RuntimeException ex) {
            throw yaml.fail(node, "values: " + spec.name() + ": " + file + " cannot be read as CSV: " + ex.getMessage());
        }
        if (!rows.isEmpty() && !(rows.get(0).containsKey(FROM) && rows.get(0).containsKey(TO))) {
            throw yaml.fail(node, "values: " + spec.name() + ": " + file + " needs the columns " + FROM + ", " + TO
                    + "; it has " + String.join(", ", rows.get(0).keySet()));
        }
        int row = 0;
        for (Map<String, String> r : rows) {
            row++;
            String from = r.get(FROM);
            String key = FeedDescriptor.valueKey(spec, from);
            if (mapping.containsKey(key)) {
                throw yaml.fail(node, "values: " + spec.name() + ": " + file + " lists '" + from + "' twice");
            }
            String to = r.get(TO) == null || r.get(TO).isBlank() ? null : r.get(TO);
            try {
                mapping.put(key, canonical(spec, from, to));
            } catch (IllegalArgumentException ex) {
                throw yaml.fail(node, "values: " + spec.name() + ": " + file + " data row " + row + ": " + ex.getMessage());
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
     * A delay reason maps onto a code of the run's delay reason mapping (docs/code-lists.md, DToC
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
}
