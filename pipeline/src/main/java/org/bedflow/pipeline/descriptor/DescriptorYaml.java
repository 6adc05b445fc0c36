package org.bedflow.pipeline.descriptor;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

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

/**
 * The YAML structure of one descriptor file: its node tree, mappings and single values
 * taken as the text written, and the {@link FeedDescriptorException} for a problem at a
 * node, starting with the file and line.
 *
 * <p>YAML is read as a node tree (SnakeYAML's composer), not into Java objects, so every
 * key and value is taken as the text written: {@code 01} stays {@code 01} and {@code NO}
 * stays {@code NO} (no YAML 1.1 numbers or booleans). A plain {@code ~}, {@code null} or
 * empty value is "no value".
 */
final class DescriptorYaml {

    private final String origin;

    /** @param origin the descriptor's file, for messages */
    DescriptorYaml(String origin) {
        this.origin = origin;
    }

    /** The document's root node; null for an empty document. */
    Node compose(String text) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new FeedDescriptorException(origin + (m == null ? "" : " line " + (m.getLine() + 1)) + ": not valid YAML: "
                    + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new FeedDescriptorException(origin + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    MappingNode mapping(Node n, String what) {
        if (n instanceof MappingNode m) {
            return m;
        }
        throw fail(n, what + " must be a mapping of 'key: value' lines");
    }

    /** entries by key text, in file order; a key given twice is an error */
    Map<String, NodeTuple> entries(MappingNode m, String what) {
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

    String requiredScalar(Map<String, NodeTuple> top, Node root, String key) {
        NodeTuple t = top.get(key);
        if (t == null || isNull(t.getValueNode())) {
            throw fail(t == null ? root : t.getValueNode(), key + ": is missing");
        }
        return text(t.getValueNode());
    }

    String optionalScalar(Map<String, NodeTuple> top, String key) {
        NodeTuple t = top.get(key);
        return t == null || isNull(t.getValueNode()) ? null : text(t.getValueNode());
    }

    String text(Node n) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw fail(n, "a single value is expected here");
    }

    static boolean isNull(Node n) {
        if (n instanceof ScalarNode s && s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN) {
            String v = s.getValue();
            return v.isEmpty() || v.equals("~") || v.equalsIgnoreCase("null");
        }
        return false;
    }

    FeedDescriptorException fail(Node at, String problem) {
        String line = at == null ? "" : " line " + (at.getStartMark().getLine() + 1);
        return new FeedDescriptorException(origin + line + ": " + problem);
    }
}
