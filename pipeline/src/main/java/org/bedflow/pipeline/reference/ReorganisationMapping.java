package org.bedflow.pipeline.reference;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local government reorganisation (docs/code-lists.md, "Reorganisation mappings"): each
 * former district maps to its successor unitary area, and each successor code maps to
 * itself. The successors are the configured unitary areas bedflow reports on; any other
 * district is OTHER. Bundled mappings: northamptonshire (default), buckinghamshire,
 * cumbria, north_yorkshire, somerset; or a CSV file of the same shape.
 */
public final class ReorganisationMapping implements Serializable {

    public static final String DEFAULT = "northamptonshire";
    public static final List<String> BUNDLED = List.of("northamptonshire", "buckinghamshire", "cumbria",
            "north_yorkshire", "somerset");
    public static final String OTHER = "OTHER";
    public static final String UNKNOWN = "UNKNOWN";

    private final String name;
    /** district or unitary code -> successor unitary code */
    private final Map<String, String> successorOf;
    /** successor unitary code -> name, in file order */
    private final Map<String, String> areaNames;

    private ReorganisationMapping(String name, List<Map<String, String>> rows) {
        this.name = name;
        Map<String, String> successor = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            successor.put(r.get("former_code"), r.get("successor_code"));
            names.putIfAbsent(r.get("successor_code"), r.get("successor_name"));
        }
        names.keySet().forEach(code -> successor.put(code, code));
        if (names.isEmpty()) {
            throw new IllegalArgumentException("reorganisation mapping " + name + " has no rows");
        }
        this.successorOf = Map.copyOf(successor);
        this.areaNames = Collections.unmodifiableMap(names);
    }

    /** A bundled mapping by name, or a CSV file (former_code, former_name, successor_code, successor_name, ...). */
    public static ReorganisationMapping load(String nameOrFile) {
        String n = nameOrFile == null || nameOrFile.isBlank() ? DEFAULT : nameOrFile.trim();
        if (BUNDLED.contains(n)) {
            return new ReorganisationMapping(n, ReferenceFiles.bundled("lgr/" + n + ".csv"));
        }
        Path file = Path.of(n);
        if (Files.isRegularFile(file)) {
            return new ReorganisationMapping(file.getFileName().toString(), ReferenceFiles.file(file));
        }
        throw new IllegalArgumentException("unknown reorganisation mapping '" + n + "': use one of " + BUNDLED
                + " or the path of a CSV file");
    }

    public String name() {
        return name;
    }

    /** Successor unitary code of a district or unitary code, or null when outside the mapping. */
    public String successorOf(String code) {
        return code == null ? null : successorOf.get(code);
    }

    public Map<String, String> successorMap() {
        return successorOf;
    }

    /** The configured unitary areas, code -> name. */
    public Map<String, String> areas() {
        return areaNames;
    }

    public String areaName(String code) {
        if (OTHER.equals(code)) {
            return "Other (outside the configured areas)";
        }
        if (UNKNOWN.equals(code)) {
            return "Unknown residence";
        }
        return areaNames.get(code);
    }
}
