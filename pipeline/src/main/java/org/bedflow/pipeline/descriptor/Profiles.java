package org.bedflow.pipeline.descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Built-in profiles: descriptors of national file layouts ({@code feeds/profiles/<name>.yaml}
 * in the jar), e.g. the councils' Adult Social Care Client Level Data ({@code cld-r1},
 * {@code cld-r2}). A profile claims no file on its own: a data engineer selects it for a
 * folder with one line, {@code profile: cld-r2} in a descriptor, or an entry of
 * {@code bedflow.feed-profiles} in the configuration (docs/adding-a-feed.md).
 *
 * <p>A descriptor naming a profile is the profile's YAML with the descriptor's keys laid
 * over it: a key the descriptor gives replaces the profile's, except {@code columns},
 * {@code values} and {@code derive}, mappings which are merged entry by entry (the
 * descriptor's entry wins); {@code never_show}, a list, is replaced as a whole. Merging happens on the YAML node tree, before the
 * descriptor is parsed, so the merged descriptor is checked exactly like a hand-written one.
 */
public final class Profiles {

    /** where profiles are in the jar */
    public static final String FOLDER = FeedDescriptors.BUILT_IN + "profiles/";

    /**
     * The profiles the jar ships. A list rather than a folder listing, because a jar's folder
     * cannot be listed portably through the class loader; a new profile adds its name here.
     */
    public static final List<String> KNOWN = List.of("cld-r1", "cld-r2", "sus-apcs");

    /** keys merged entry by entry rather than replaced */
    static final List<String> MERGED = List.of("columns", "values", "derive");

    private Profiles() {
    }

    /** The profile's YAML text, or null when the jar has no such profile. */
    public static String text(String name) {
        if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
            return null;
        }
        try (InputStream in = Profiles.class.getClassLoader().getResourceAsStream(FOLDER + name + ".yaml")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message for a profile name the jar does not have. */
    static String unknown(String name) {
        return "unknown profile '" + name + "'; the built-in profiles are " + String.join(", ", KNOWN);
    }

    /**
     * The profile's mapping with the descriptor's entries laid over it. {@code profile} itself
     * is dropped. The profile's {@code source} is kept only when the descriptor gives none
     * (a descriptor must give its own).
     */
    static MappingNode merge(MappingNode profile, MappingNode descriptor, DescriptorYaml yaml) {
        Map<String, NodeTuple> base = new LinkedHashMap<>(yaml.entries(profile, "the profile"));
        Map<String, NodeTuple> over = yaml.entries(descriptor, "the descriptor");
        base.remove("profile");
        for (Map.Entry<String, NodeTuple> e : over.entrySet()) {
            String key = e.getKey();
            if (key.equals("profile")) {
                continue;
            }
            NodeTuple b = base.get(key);
            if (MERGED.contains(key) && b != null && b.getValueNode() instanceof MappingNode bm
                    && e.getValue().getValueNode() instanceof MappingNode om) {
                Map<String, NodeTuple> m = new LinkedHashMap<>(yaml.entries(bm, key));
                m.putAll(yaml.entries(om, key));
                base.put(key, new NodeTuple(b.getKeyNode(), mapping(om, new ArrayList<>(m.values()))));
            } else {
                base.put(key, e.getValue());
            }
        }
        return mapping(descriptor, new ArrayList<>(base.values()));
    }

    private static MappingNode mapping(MappingNode like, List<NodeTuple> tuples) {
        return new MappingNode(like.getTag(), tuples, like.getFlowStyle());
    }

    /** The profile's root node, composed with the descriptor's YAML reader (messages name the profile). */
    static Node compose(String name) {
        String text = text(name);
        return text == null ? null : new DescriptorYaml("bedflow.jar!/" + FOLDER + name + ".yaml").compose(text);
    }
}
