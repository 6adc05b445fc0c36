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
 * Delay reason code -> canonical category and responsible sector (docs/code-lists.md, "Delay reasons").
 * Two mappings ship: {@code acute-sitrep} (the default: the reasons of NHS England's acute
 * discharge situation report, {@code reference/delay_reasons/acute_sitrep.csv}) and
 * {@code dtoc} (the delayed transfer of care codes A-I, collected until February 2020);
 * a provider's own codes by configuration (a CSV of the same shape: code, meaning,
 * category, sector). A sector the provider recorded on the discharge wins over the
 * mapping's (see SpellFields). Codes match case-sensitively after trimming
 * (Di and DI would otherwise collide with future codes); unmapped codes are
 * {@code other} / {@code unknown} (lower case, the one spelling of "not known" in every table).
 */
public final class DelayReasons implements Serializable {

    public static final String ACUTE_SITREP = "acute-sitrep";
    public static final String DTOC = "dtoc";
    public static final String DEFAULT = ACUTE_SITREP;
    /** the bundled mappings by name */
    private static final Map<String, String> BUNDLED = Map.of(ACUTE_SITREP, "delay_reasons/acute_sitrep.csv",
            DTOC, "delay_reasons/dtoc.csv");
    public static final String UNMAPPED_CATEGORY = "other";
    /** the sector of an unmapped code: lower case, as the tables spell every unknown value */
    public static final String UNMAPPED_SECTOR = "unknown";
    /** the sectors the tables report, {@link #UNMAPPED_SECTOR} aside */
    public static final List<String> REPORTED_SECTORS = List.of("NHS", "Social care", "Both", "Other");
    /** what a mapping file may say; {@code Unknown} is read as {@link #UNMAPPED_SECTOR} */
    public static final List<String> SECTORS = List.of("NHS", "Social care", "Both", "Other", "Unknown");

    private final Map<String, String[]> byCode;

    private DelayReasons(List<Map<String, String>> rows) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (Map<String, String> r : rows) {
            String sector = r.get("sector");
            if (!SECTORS.contains(sector)) {
                throw new IllegalArgumentException("delay reason " + r.get("code") + ": sector must be one of " + SECTORS);
            }
            m.put(r.get("code"), new String[] {r.get("category"), sector.equals("Unknown") ? UNMAPPED_SECTOR : sector});
        }
        this.byCode = m;
    }

    public static DelayReasons load(String nameOrFile) {
        if (nameOrFile == null || nameOrFile.isBlank()) {
            return load(DEFAULT);
        }
        if (BUNDLED.containsKey(nameOrFile)) {
            return new DelayReasons(ReferenceFiles.bundled(BUNDLED.get(nameOrFile)));
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
