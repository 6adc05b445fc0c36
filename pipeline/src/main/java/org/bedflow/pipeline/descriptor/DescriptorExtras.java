package org.bedflow.pipeline.descriptor;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The descriptor keys added for national extracts such as SUS+ admitted patient care spells
 * (docs/adding-a-feed.md): value extraction by regular expression ({@code values: {field:
 * {pattern: ...}}}), SUS episode lists ({@code split:}), pseudonymised NHS numbers
 * ({@code nhs_number: pseudonymised}), a second role read from the same files
 * ({@code also:}) and {@code submitted_at: file_name}. Kept apart from {@link FeedDescriptor}'s
 * own fields so that a descriptor without them is exactly what it was. Serializable: it runs
 * on executors inside the row validator.
 */
public final class DescriptorExtras implements Serializable {

    /** {@code nhs_number:} values */
    public static final String NHS = "nhs";
    public static final String PSEUDONYMISED = "pseudonymised";
    /** {@code split:} rules over an episode list ({@code ||J441 ,I10X ,E119||R05X}) */
    public static final List<String> SPLIT_RULES = List.of("first", "rest", "all");
    /** {@code submitted_at:} value */
    public static final String FILE_NAME = "file_name";

    public static final DescriptorExtras NONE = new DescriptorExtras(Map.of(), Map.of(), false, null, null, false);

    private static final Pattern EPISODE = Pattern.compile("\\|\\|");
    private static final Pattern CODE = Pattern.compile("[,;]");

    /** field -> regular expression whose group 1 is the code */
    private final Map<String, String> extract;
    /** field -> first | rest | all */
    private final Map<String, String> split;
    private final boolean pseudonymised;
    private final String alsoRole;
    private final String alsoRowsWith;
    private final boolean submittedAtFromFileName;
    private transient Map<String, Pattern> compiled;

    DescriptorExtras(Map<String, String> extract, Map<String, String> split, boolean pseudonymised, String alsoRole,
                     String alsoRowsWith, boolean submittedAtFromFileName) {
        this.extract = Collections.unmodifiableMap(new LinkedHashMap<>(extract));
        this.split = Collections.unmodifiableMap(new LinkedHashMap<>(split));
        this.pseudonymised = pseudonymised;
        this.alsoRole = alsoRole;
        this.alsoRowsWith = alsoRowsWith;
        this.submittedAtFromFileName = submittedAtFromFileName;
    }

    public boolean isNone() {
        return extract.isEmpty() && split.isEmpty() && !pseudonymised && alsoRole == null && !submittedAtFromFileName;
    }

    /** field -> the regular expression of {@code values: {field: {pattern: ...}}} */
    public Map<String, String> extract() {
        return extract;
    }

    /** field -> {@code first}, {@code rest} or {@code all} */
    public Map<String, String> split() {
        return split;
    }

    /** {@code nhs_number: pseudonymised}: the source's NHS numbers are tokens of a pseudonymisation service */
    public boolean pseudonymised() {
        return pseudonymised;
    }

    /** The second role the source's files are read as ({@code also: {role: ...}}), or null. */
    public String alsoRole() {
        return alsoRole;
    }

    /** The field of {@link #alsoRole} whose column must be filled for a row to be one of that role's rows. */
    public String alsoRowsWith() {
        return alsoRowsWith;
    }

    /** {@code submitted_at: file_name}: a file without a submitted_at column is stamped with the date in its name. */
    public boolean submittedAtFromFileName() {
        return submittedAtFromFileName;
    }

    /**
     * The code a regular expression takes out of a labelled value: group 1 of the first match
     * ({@code 21 - Emergency via A&E} gives {@code 21}); the value unchanged when it does not match
     * or the field has no expression.
     */
    public String extract(String field, String value) {
        String regex = extract.get(field);
        if (regex == null || value == null) {
            return value;
        }
        if (compiled == null) {
            Map<String, Pattern> c = new LinkedHashMap<>();
            extract.forEach((f, r) -> c.put(f, Pattern.compile(r)));
            compiled = c;
        }
        Matcher m = compiled.get(field).matcher(value);
        if (m.find() && m.group(1) != null && !m.group(1).isBlank()) {
            return m.group(1).trim();
        }
        return value;
    }

    /** The field's value after its {@code split:} rule; the value unchanged without one. */
    public String split(String field, String value) {
        String rule = split.get(field);
        return rule == null ? value : splitEpisodes(value, rule);
    }

    /**
     * A SUS episode list ({@code Der_Diagnosis_All}, {@code Der_Procedure_All}): each episode
     * starts with {@code ||}, codes are separated by commas (or {@code ;}) with any spaces. Only
     * the first episode counts (the feed's rule: a spell's diagnoses are its first episode's). A
     * value without {@code ||} is one episode.
     *
     * <p>{@code ||J441 ,I10X ,E119||R05X}: first {@code J441}, rest {@code I10X;E119}, all
     * {@code J441;I10X;E119}. Null when nothing is left.
     */
    public static String splitEpisodes(String value, String rule) {
        if (value == null) {
            return null;
        }
        String firstEpisode = null;
        for (String episode : EPISODE.split(value, -1)) {
            if (!episode.isBlank()) {
                firstEpisode = episode;
                break;
            }
        }
        if (firstEpisode == null) {
            return null;
        }
        List<String> codes = new ArrayList<>();
        for (String c : CODE.split(firstEpisode)) {
            String t = c.trim();
            if (!t.isEmpty()) {
                codes.add(t);
            }
        }
        if (codes.isEmpty()) {
            return null;
        }
        return switch (rule.toLowerCase(Locale.ROOT)) {
            case "first" -> codes.get(0);
            case "rest" -> codes.size() == 1 ? null : String.join(";", codes.subList(1, codes.size()));
            default -> String.join(";", codes);
        };
    }
}
