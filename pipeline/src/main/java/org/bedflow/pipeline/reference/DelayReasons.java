package org.bedflow.pipeline.reference;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Column;

/**
 * Delay reason code -> canonical category and responsible sector (docs/code-lists.md, "Delay reasons"). The
 * historic DToC codes by default; a provider's own codes by configuration (a CSV of the
 * same shape: code, meaning, category, sector). Codes match case-sensitively after trimming
 * (Di and DI would otherwise collide with future codes); unmapped codes are
 * {@code other} / {@code Unknown}.
 */
public final class DelayReasons implements Serializable {

    public static final String DEFAULT = "dtoc";
    public static final String UNMAPPED_CATEGORY = "other";
    public static final String UNMAPPED_SECTOR = "Unknown";
    public static final List<String> SECTORS = List.of("NHS", "Social care", "Both", "Other", "Unknown");

    private final Map<String, String[]> byCode;

    private DelayReasons(List<Map<String, String>> rows) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            String sector = r.get("sector");
            if (!SECTORS.contains(sector)) {
                throw new IllegalArgumentException("delay reason " + r.get("code") + ": sector must be one of " + SECTORS);
            }
            m.put(r.get("code"), new String[] {r.get("category"), sector});
        }
        this.byCode = m;
    }

    public static DelayReasons load(String nameOrFile) {
        if (nameOrFile == null || nameOrFile.isBlank() || nameOrFile.equals(DEFAULT)) {
            return new DelayReasons(ReferenceFiles.bundled("delay_reasons/dtoc.csv"));
        }
        return new DelayReasons(ReferenceFiles.file(Path.of(nameOrFile)));
    }

    /** the codes the mapping knows */
    public Set<String> codes() {
        return Set.copyOf(byCode.keySet());
    }

    /** The category of a code of the mapping, or null when the mapping does not know the code. */
    public String categoryOf(String code) {
        String[] v = code == null ? null : byCode.get(code.trim());
        return v == null ? null : v[0];
    }

    /** The responsible sector of a code of the mapping, or null when the mapping does not know the code. */
    public String sectorOf(String code) {
        String[] v = code == null ? null : byCode.get(code.trim());
        return v == null ? null : v[1];
    }

    public boolean isMapped(String code) {
        return code != null && byCode.containsKey(code.trim());
    }

    /** categories in file order, then {@code other} */
    public List<String> categories() {
        List<String> out = new ArrayList<>(byCode.values().stream().map(v -> v[0]).distinct().toList());
        if (!out.contains(UNMAPPED_CATEGORY)) {
            out.add(UNMAPPED_CATEGORY);
        }
        return out;
    }

    public Column category(Column code) {
        return lookup(code, 0, UNMAPPED_CATEGORY);
    }

    public Column sector(Column code) {
        return lookup(code, 1, UNMAPPED_SECTOR);
    }

    private Column lookup(Column code, int index, String unmapped) {
        Column out = lit(unmapped);
        for (Map.Entry<String, String[]> e : byCode.entrySet()) {
            out = when(trim(code).equalTo(e.getKey()), lit(e.getValue()[index])).otherwise(out);
        }
        return when(code.isNull(), lit(null).cast("string")).otherwise(out);
    }
}
