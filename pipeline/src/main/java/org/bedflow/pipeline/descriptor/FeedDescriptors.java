package org.bedflow.pipeline.descriptor;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;

/**
 * The feed descriptors of a run: one built-in descriptor per role ({@code feeds/<role>.yaml}
 * in the jar, reproducing the input folder of docs/validation.md: columns named as the schema fields, dates
 * {@code yyyy-MM-dd}, ISO timestamps, every file of the role's folder), and the data
 * engineer's own from a folder ({@code bedflow.feeds-dir}), which add sources or, under a
 * built-in descriptor's source id, replace it.
 *
 * <p>Every file under a role's folder belongs to exactly one descriptor: the one descriptor
 * whose pattern matches it, else the role's catch-all descriptor ({@code pattern: "**"},
 * the built-in one unless replaced). Two matching descriptors, or none and no catch-all,
 * stop the run naming the file and the descriptors. Everything that can be checked without
 * the input files is checked by {@link #load}, before any Spark job.
 */
public final class FeedDescriptors implements Serializable {

    /** where the built-in descriptors are in the jar */
    public static final String BUILT_IN = "feeds/";

    private static volatile FeedDescriptors builtIn;

    private final List<FeedDescriptor> all;

    private FeedDescriptors(List<FeedDescriptor> all) {
        this.all = List.copyOf(all);
    }

    /** The built-in descriptors alone: exactly the reading of docs/validation.md, "The input folder". */
    public static FeedDescriptors builtIn() {
        if (builtIn == null) {
            builtIn = new FeedDescriptors(builtIns(DelayReasons.load(DelayReasons.DEFAULT)));
        }
        return builtIn;
    }

    /**
     * The built-in descriptors with a data engineer's folder of descriptors ({@code *.yaml},
     * {@code *.yml}) added.
     *
     * @param folder       the folder of descriptors; null for none
     * @param delayReasons the run's delay reason mapping (mapped delay reasons must be its codes or categories)
     * @throws FeedDescriptorException naming the descriptor file and the problem
     */
    public static FeedDescriptors load(Path folder, DelayReasons delayReasons) {
        return load(folder, delayReasons, Map.of());
    }

    /**
     * As {@link #load(Path, DelayReasons)}, with built-in profiles selected for folders of the
     * input by the configuration ({@code bedflow.feed-profiles}): each entry
     * {@code social_care_events/cld -> cld-r2} is the descriptor
     * {@code {source: cld, profile: cld-r2, pattern: "cld/**"}} (the source id is the folder
     * below the role folder, lower case, other characters as {@code _}).
     *
     * @param profiles folder below the input ({@code <role>/<sub-folder>}) -> profile name, in configuration order
     */
    public static FeedDescriptors load(Path folder, DelayReasons delayReasons, Map<String, String> profiles) {
        Map<String, FeedDescriptor> bySource = new LinkedHashMap<>();
        for (FeedDescriptor d : builtIns(delayReasons)) {
            bySource.put(d.source(), d);
        }
        if (folder != null) {
            if (!Files.isDirectory(folder)) {
                throw new FeedDescriptorException("the feed descriptor folder " + folder.toAbsolutePath()
                        + " (bedflow.feeds-dir) does not exist or is not a folder");
            }
            Map<String, FeedDescriptor> users = new LinkedHashMap<>();
            for (Path file : descriptorFiles(folder)) {
                String origin = file.toAbsolutePath().normalize().toString();
                FeedDescriptor d = new DescriptorParser(origin, file.toAbsolutePath().getParent(), false, delayReasons)
                        .parse(read(file));
                FeedDescriptor same = users.get(d.source());
                if (same != null) {
                    throw new FeedDescriptorException(origin + ": source '" + d.source() + "' is already described by "
                            + same.origin() + "; every source needs its own id");
                }
                FeedDescriptor replaced = bySource.get(d.source());
                if (replaced != null && replaced.builtIn() && replaced.role() != d.role()) {
                    throw new FeedDescriptorException(origin + ": source '" + d.source() + "' is the id of the built-in "
                            + "descriptor of role " + replaced.role().name() + "; a descriptor replacing it must keep role "
                            + replaced.role().name() + " (or use another source id)");
                }
                users.put(d.source(), d);
                bySource.put(d.source(), d);
            }
        }
        Map<String, FeedDescriptor> configured = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : profiles.entrySet()) {
            FeedDescriptor d = fromConfiguration(e.getKey(), e.getValue(), delayReasons);
            FeedDescriptor same = bySource.get(d.source());
            if (same != null && !same.builtIn() || configured.containsKey(d.source())) {
                throw new FeedDescriptorException(d.origin() + ": source '" + d.source() + "' is already described by "
                        + (same != null ? same.origin() : configured.get(d.source()).origin())
                        + "; every source needs its own id (use another folder)");
            }
            if (same != null) {
                throw new FeedDescriptorException(d.origin() + ": the folder gives source id '" + d.source()
                        + "', the id of a built-in descriptor; use a sub-folder of another name");
            }
            configured.put(d.source(), d);
            bySource.put(d.source(), d);
        }
        List<FeedDescriptor> ordered = new ArrayList<>();
        for (FeedSchema role : Feeds.all()) {
            FeedDescriptor catchAll = null;
            for (FeedDescriptor d : bySource.values()) {
                if (d.role() != role) {
                    continue;
                }
                if (d.catchAll()) {
                    if (catchAll != null) {
                        throw new FeedDescriptorException(d.origin() + ": " + d.describe() + " and " + catchAll.describe()
                                + " both claim every file of " + role.name() + "/ (pattern \"**\"); give one a narrower "
                                + "pattern, or give it the source id " + role.name() + " to replace the built-in descriptor");
                    }
                    catchAll = d;
                }
                ordered.add(d);
            }
        }
        return new FeedDescriptors(ordered);
    }

    /** One {@code bedflow.feed-profiles} entry as a descriptor; see {@link #load(Path, DelayReasons, Map)}. */
    private static FeedDescriptor fromConfiguration(String inputFolder, String profile, DelayReasons delayReasons) {
        String origin = "configuration bedflow.feed-profiles (" + inputFolder + ": " + profile + ")";
        String path = inputFolder == null ? "" : inputFolder.replace('\\', '/').replaceAll("^/+|/+$", "");
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw new FeedDescriptorException(origin + ": '" + inputFolder + "' must be a folder below a role's folder of "
                    + "the input, e.g. social_care_events/cld");
        }
        String roleName = path.substring(0, slash);
        String sub = path.substring(slash + 1);
        FeedSchema role = Feeds.byName(roleName).orElseThrow(() -> new FeedDescriptorException(origin + ": '" + roleName
                + "' is not a role's folder; the roles are " + String.join(", ", Feeds.all().stream().map(FeedSchema::name).toList())));
        if (Profiles.text(profile == null ? "" : profile.trim()) == null) {
            throw new FeedDescriptorException(origin + ": " + Profiles.unknown(profile));
        }
        String source = sub.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (source.isEmpty() || !Character.isLetter(source.charAt(0))) {
            source = role.name() + "_" + source;
        }
        String yaml = "source: " + source + "\nprofile: " + profile.trim() + "\npattern: \"" + sub.replace("\"", "") + "/**\"\n";
        FeedDescriptor d = new DescriptorParser(origin, null, false, delayReasons).parse(yaml);
        if (d.role() != role) {
            throw new FeedDescriptorException(origin + ": profile " + profile + " reads role " + d.role().name()
                    + ", but the folder is under " + role.name() + "/");
        }
        return d;
    }

    private static List<FeedDescriptor> builtIns(DelayReasons delayReasons) {
        List<FeedDescriptor> out = new ArrayList<>();
        for (FeedSchema role : Feeds.all()) {
            String resource = BUILT_IN + role.name() + ".yaml";
            String text;
            try (InputStream in = FeedDescriptors.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the bedflow jar has no built-in descriptor " + resource);
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            FeedDescriptor d = new DescriptorParser("bedflow.jar!/" + resource, null, true, delayReasons).parse(text);
            if (!d.source().equals(role.name()) || d.role() != role) {
                throw new IllegalStateException(resource + " must describe source " + role.name() + " of role " + role.name());
            }
            out.add(d);
        }
        return out;
    }

    private static List<Path> descriptorFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml"));
                    })
                    .sorted().toList();
        } catch (IOException e) {
            throw new FeedDescriptorException("the feed descriptor folder " + folder + " cannot be listed: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FeedDescriptorException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Every descriptor, by role in processing order; within a role in source order (built-in first). */
    public List<FeedDescriptor> all() {
        return all;
    }

    public List<FeedDescriptor> forRole(FeedSchema role) {
        return all.stream().filter(d -> d.role() == role).toList();
    }

    public Optional<FeedDescriptor> bySource(String source) {
        return all.stream().filter(d -> d.source().equals(source)).findFirst();
    }

    /**
     * The descriptor a file belongs to.
     *
     * @param pathInRoleFolder the file's path below the role's folder ('/'-separated), matched against patterns
     * @param file             the file as messages name it ({@code apc_admissions/rwe/x.csv})
     * @throws FeedDescriptorException when two descriptors claim it, or none does
     */
    public FeedDescriptor claim(FeedSchema role, String pathInRoleFolder, String file) {
        List<FeedDescriptor> ofRole = forRole(role);
        List<FeedDescriptor> specific = ofRole.stream().filter(d -> !d.catchAll() && d.claims(pathInRoleFolder)).toList();
        if (specific.size() > 1) {
            throw new FeedDescriptorException(file + " is claimed by " + specific.size() + " descriptors: "
                    + String.join("; ", specific.stream().map(d -> d.describe() + " with pattern " + d.pattern()).toList())
                    + ". A file belongs to exactly one source: make their patterns disjoint");
        }
        if (specific.size() == 1) {
            return specific.get(0);
        }
        return ofRole.stream().filter(FeedDescriptor::catchAll).findFirst().orElseThrow(() ->
                new FeedDescriptorException(file + " is claimed by no descriptor of role " + role.name() + " ("
                        + String.join("; ", ofRole.stream().map(d -> d.describe() + " with pattern " + d.pattern()).toList())
                        + "); move it out of the folder or add a descriptor whose pattern matches it"));
    }
}
