package org.bedflow.pipeline.descriptor;

import static org.bedflow.pipeline.descriptor.DescriptorYaml.isNull;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.FieldSpec;
import org.bedflow.pipeline.schema.FieldType;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the descriptor keys of {@link DescriptorExtras}, each problem a
 * {@link FeedDescriptorException} with the file and line: {@code nhs_number}, {@code also},
 * {@code split}, {@code submitted_at}, and the {@code pattern} entries of {@code values}.
 */
final class ExtrasParser {

    /** the key of a regular expression in a field's {@code values:} mapping */
    static final String PATTERN = "pattern";

    private final DescriptorYaml yaml;
    private final FeedSchema role;

    ExtrasParser(DescriptorYaml yaml, FeedSchema role) {
        this.yaml = yaml;
        this.role = role;
    }

    /** {@code also: {role: apc_discharges, rows_with: discharge_date}}; null without the key */
    FeedSchema also(NodeTuple t) {
        if (t == null || isNull(t.getValueNode())) {
            return null;
        }
        Map<String, NodeTuple> m = yaml.entries(yaml.mapping(t.getValueNode(), "also"), "also");
        for (String k : m.keySet()) {
            if (!k.equals("role") && !k.equals("rows_with")) {
                throw yaml.fail(m.get(k).getKeyNode(), "also: unknown key '" + k + "'; also has role and rows_with");
            }
        }
        String name = yaml.requiredScalar(m, t.getValueNode(), "role");
        FeedSchema also = Feeds.byName(name).orElseThrow(() -> yaml.fail(m.get("role").getValueNode(),
                "also: unknown role '" + name + "'; the roles are " + String.join(", ",
                        Feeds.all().stream().map(FeedSchema::name).toList())));
        if (also == role) {
            throw yaml.fail(m.get("role").getValueNode(), "also: role " + name + " is the descriptor's own role");
        }
        String rowsWith = yaml.requiredScalar(m, t.getValueNode(), "rows_with");
        if (!also.hasField(rowsWith)) {
            throw yaml.fail(m.get("rows_with").getValueNode(), "also: rows_with '" + rowsWith + "' is not a field of "
                    + also.name() + "; its fields are " + String.join(", ", also.fieldNames()));
        }
        return also;
    }

    DescriptorExtras extras(Map<String, NodeTuple> top, FeedSchema also) {
        boolean pseudonymised = false;
        NodeTuple nhs = top.get("nhs_number");
        if (nhs != null && !isNull(nhs.getValueNode())) {
            String kind = yaml.text(nhs.getValueNode()).toLowerCase(Locale.ROOT);
            if (!kind.equals(DescriptorExtras.NHS) && !kind.equals(DescriptorExtras.PSEUDONYMISED)) {
                throw yaml.fail(nhs.getValueNode(), "nhs_number '" + yaml.text(nhs.getValueNode()) + "' must be "
                        + DescriptorExtras.NHS + " (real NHS numbers, the default) or " + DescriptorExtras.PSEUDONYMISED);
            }
            if (!role.hasField("nhs_number")) {
                throw yaml.fail(nhs.getKeyNode(), "nhs_number: role " + role.name() + " has no nhs_number field");
            }
            pseudonymised = kind.equals(DescriptorExtras.PSEUDONYMISED);
        }
        String alsoRole = null;
        String rowsWith = null;
        if (also != null) {
            alsoRole = also.name();
            Map<String, NodeTuple> m = yaml.entries(yaml.mapping(top.get("also").getValueNode(), "also"), "also");
            rowsWith = yaml.text(m.get("rows_with").getValueNode());
        }
        Map<String, String> split = new LinkedHashMap<>();
        NodeTuple s = top.get("split");
        if (s != null && !isNull(s.getValueNode())) {
            for (NodeTuple e : yaml.entries(yaml.mapping(s.getValueNode(), "split"), "split").values()) {
                String field = yaml.text(e.getKeyNode());
                FieldSpec spec = field(field, also);
                if (spec == null || spec.type() != FieldType.STRING || spec.nhsNumber() || spec.postcode()) {
                    throw yaml.fail(e.getKeyNode(), "split: '" + field + "' is not a text field of " + role.name()
                            + (also == null ? "" : " or " + also.name()) + " (a code or code list)");
                }
                String rule = yaml.text(e.getValueNode()).toLowerCase(Locale.ROOT);
                if (!DescriptorExtras.SPLIT_RULES.contains(rule)) {
                    throw yaml.fail(e.getValueNode(), "split: " + field + ": '" + yaml.text(e.getValueNode())
                            + "' must be one of " + String.join(", ", DescriptorExtras.SPLIT_RULES)
                            + " (the first code of the first episode, its other codes, or all its codes)");
                }
                split.put(field, rule);
            }
        }
        boolean stamped = false;
        NodeTuple sub = top.get("submitted_at");
        if (sub != null && !isNull(sub.getValueNode())) {
            if (!yaml.text(sub.getValueNode()).equalsIgnoreCase(DescriptorExtras.FILE_NAME)) {
                throw yaml.fail(sub.getValueNode(), "submitted_at '" + yaml.text(sub.getValueNode()) + "' must be "
                        + DescriptorExtras.FILE_NAME + " (the date in the file's name, for files without a submitted_at column)");
            }
            if (!role.hasField("submitted_at")) {
                throw yaml.fail(sub.getKeyNode(), "submitted_at: role " + role.name() + " has no submitted_at field");
            }
            stamped = true;
        }
        return new DescriptorExtras(patterns(top.get("values"), also), split, pseudonymised, alsoRole, rowsWith, stamped);
    }

    private FieldSpec field(String name, FeedSchema also) {
        if (role.hasField(name)) {
            return role.field(name);
        }
        return also != null && also.hasField(name) ? also.field(name) : null;
    }

    /** field -> regular expression, from {@code values: {field: {pattern: "..."}}}, compiled here to check it */
    private Map<String, String> patterns(NodeTuple t, FeedSchema also) {
        Map<String, String> out = new LinkedHashMap<>();
        if (t == null || isNull(t.getValueNode()) || !(t.getValueNode() instanceof MappingNode values)) {
            return out;
        }
        for (NodeTuple e : values.getValue()) {
            if (!(e.getValueNode() instanceof MappingNode m)) {
                continue;
            }
            String field = yaml.text(e.getKeyNode());
            for (NodeTuple v : m.getValue()) {
                if (!(v.getKeyNode() instanceof ScalarNode k) || k.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN
                        || !k.getValue().equals(PATTERN)) {
                    continue;
                }
                if (isNull(v.getValueNode())) {
                    throw yaml.fail(v.getValueNode(), "values: " + field + ": pattern is empty");
                }
                String regex = yaml.text(v.getValueNode());
                Pattern p;
                try {
                    p = Pattern.compile(regex);
                } catch (PatternSyntaxException ex) {
                    throw yaml.fail(v.getValueNode(), "values: " + field + ": pattern '" + regex
                            + "' is not a valid regular expression: " + ex.getDescription() + " near index " + ex.getIndex());
                }
                if (p.matcher("").groupCount() < 1) {
                    throw yaml.fail(v.getValueNode(), "values: " + field + ": pattern '" + regex
                            + "' has no group: put the code in ( ), e.g. ^\\s*([0-9A-Z]{2})\\b");
                }
                out.put(field, regex);
            }
        }
        return out;
    }
}
