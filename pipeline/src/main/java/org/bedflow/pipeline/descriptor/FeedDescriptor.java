package org.bedflow.pipeline.descriptor;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.avro.Schema;
import org.bedflow.pipeline.ingest.validate.Postcode;
import org.bedflow.pipeline.reference.CodeLists;
import org.bedflow.pipeline.schema.FeedInputException;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.FieldSpec;

/**
 * One source of a feed role, as its YAML descriptor describes it (docs/adding-a-feed.md):
 * which files of the role's folder it claims ({@code pattern}, {@code format}), which
 * source column holds which schema field ({@code columns}), how its dates and timestamps
 * are written, which of its values stand for which canonical codes ({@code values}), and
 * the share of its rows that may be quarantined ({@code reject_threshold}).
 *
 * <p>The reader applies the column mapping (file header to field positions); validation
 * applies the formats and value mappings, per source file. Serializable: validation runs
 * on executors.
 */
public final class FeedDescriptor implements Serializable {

    /** The file formats of an input folder (docs/validation.md), as named by file extension. */
    public static final List<String> FORMATS = List.of("csv", "csv.gz", "avro", "parquet");

    private final String source;
    private final FeedSchema role;
    private final String origin;
    private final boolean builtIn;
    private final String description;
    private final List<String> formats;
    private final Glob pattern;
    /** schema field -> source column, as written in the descriptor */
    private final Map<String, String> columns;
    private final TemporalFormat dateFormat;
    private final TemporalFormat timestampFormat;
    /** schema field -> normalised source value -> canonical value (null: no value) */
    private final Map<String, Map<String, String>> values;
    private final Double rejectThreshold;
    /** field -> other spellings of its column under {@code columns} (a file has one of them) */
    private final Map<String, List<String>> alternatives;
    /** fields computed on read from columns of the file ({@code derive}) */
    private final List<Derived> derived;
    /** columns whose values are never shown, not even in a malformed line ({@code never_show}) */
    private final List<String> neverShow;

    /**
     * {@code derive: {field: {years_between: [from, to]}}}: whole years from the date in column
     * {@code from} to the date in column {@code to}, both written in the descriptor's date_format.
     */
    public record Derived(String field, List<String> from, List<String> to) implements Serializable {

        public Derived {
            from = List.copyOf(from);
            to = List.copyOf(to);
        }

        boolean reads(List<String> spellings, String key) {
            return spellings.stream().anyMatch(c -> headerKey(c).equals(key));
        }
    }

    /** the keys added for national extracts (docs/adding-a-feed.md): none unless the descriptor uses them */
    private DescriptorExtras extras = DescriptorExtras.NONE;

    FeedDescriptor(String source, FeedSchema role, String origin, boolean builtIn, String description,
                   List<String> formats, Glob pattern, Map<String, String> columns, TemporalFormat dateFormat,
                   TemporalFormat timestampFormat, Map<String, Map<String, String>> values, Double rejectThreshold) {
        this(source, role, origin, builtIn, description, formats, pattern, columns, dateFormat, timestampFormat, values,
                rejectThreshold, Map.of(), List.of(), List.of());
    }

    FeedDescriptor(String source, FeedSchema role, String origin, boolean builtIn, String description,
                   List<String> formats, Glob pattern, Map<String, String> columns, TemporalFormat dateFormat,
                   TemporalFormat timestampFormat, Map<String, Map<String, String>> values, Double rejectThreshold,
                   Map<String, List<String>> alternatives, List<Derived> derived, List<String> neverShow) {
        Map<String, List<String>> alt = new LinkedHashMap<>();
        alternatives.forEach((f, l) -> alt.put(f, List.copyOf(l)));
        this.alternatives = Collections.unmodifiableMap(alt);
        this.derived = List.copyOf(derived);
        this.neverShow = List.copyOf(neverShow);
        this.source = source;
        this.role = role;
        this.origin = origin;
        this.builtIn = builtIn;
        this.description = description;
        this.formats = List.copyOf(formats);
        this.pattern = pattern;
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        this.dateFormat = dateFormat;
        this.timestampFormat = timestampFormat;
        Map<String, Map<String, String>> v = new LinkedHashMap<>();
        values.forEach((field, m) -> v.put(field, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        this.values = Collections.unmodifiableMap(v);
        this.rejectThreshold = rejectThreshold;
    }

    /** The source id, unique among all descriptors; a built-in descriptor's id is its role's name. */
    public String source() {
        return source;
    }

    public FeedSchema role() {
        return role;
    }

    /** Where the descriptor was read from: a file path, or {@code feeds/<role>.yaml} in the bedflow jar. */
    public String origin() {
        return origin;
    }

    public boolean builtIn() {
        return builtIn;
    }

    public String description() {
        return description;
    }

    public List<String> formats() {
        return formats;
    }

    public Glob pattern() {
        return pattern;
    }

    /** Claims the files no other descriptor of its role claims ({@code pattern: "**"}). */
    public boolean catchAll() {
        return pattern.isAll();
    }

    public boolean claims(String pathInRoleFolder) {
        return pattern.matches(pathInRoleFolder);
    }

    /** schema field -> source column, as written in the descriptor */
    public Map<String, String> columns() {
        return columns;
    }

    public TemporalFormat dateFormat() {
        return dateFormat;
    }

    public TemporalFormat timestampFormat() {
        return timestampFormat;
    }

    /** schema field -> normalised source value ({@link #valueKey}) -> canonical value, or null for "no value" */
    public Map<String, Map<String, String>> values() {
        return values;
    }

    /**
     * The form a source value of {@code field} is looked up in {@link #values} by: for a field with a
     * code list as codes are matched ({@link CodeLists#normalise}: case, spaces and punctuation
     * ignored), else ignoring case and repeated spaces only ({@link CodeLists#normaliseSpaces}),
     * because punctuation can tell apart values without a list (a delay reason {@code A.1} and {@code A1}).
     */
    public static String valueKey(FieldSpec field, String value) {
        return field.codeList() != null ? CodeLists.normalise(value) : CodeLists.normaliseSpaces(value);
    }

    /** field -> other spellings of its column under {@code columns}, besides {@link #columns()}' one */
    public Map<String, List<String>> alternativeColumns() {
        return alternatives;
    }

    /** fields computed on read ({@code derive}) */
    public List<Derived> derived() {
        return derived;
    }

    /** columns never shown, not even in a malformed line ({@code never_show}) */
    public List<String> neverShow() {
        return neverShow;
    }

    /**
     * Positions of {@link #derived()}'s columns in a file with this header, per derived field
     * {@code [field index, from column, to column]}; a column missing from the header stops
     * the run as a missing mapped column does.
     */
    public List<int[]> derivedColumns(List<String> header, String file) {
        List<String> keys = header.stream().map(FeedDescriptor::headerKey).toList();
        List<int[]> out = new ArrayList<>();
        for (Derived d : derived) {
            int from = first(keys, d.from());
            int to = first(keys, d.to());
            if (from < 0 || to < 0) {
                throw new FeedDescriptorException(origin + ": " + file + " has no column '"
                        + String.join("' or '", from < 0 ? d.from() : d.to())
                        + "' that " + describe() + " derives " + d.field() + " from under derive:; it has "
                        + String.join(", ", header));
            }
            out.add(new int[] {role.fieldNames().indexOf(d.field()), from, to});
        }
        return out;
    }

    private static int first(List<String> keys, List<String> spellings) {
        for (String c : spellings) {
            int at = keys.indexOf(headerKey(c));
            if (at >= 0) {
                return at;
            }
        }
        return -1;
    }

    /** The share of this source's rows that may be quarantined; null: the role's threshold from the configuration. */
    public Double rejectThreshold() {
        return rejectThreshold;
    }

    /** value extraction, episode lists, pseudonymised NHS numbers, a second role, submitted_at from the file name */
    public DescriptorExtras extras() {
        return extras;
    }

    /** set once by the parser */
    FeedDescriptor withExtras(DescriptorExtras e) {
        this.extras = e;
        return this;
    }

    /** Does this descriptor change anything a built-in reading of the role does? */
    public boolean isPlain() {
        return extras.isNone() && columns.isEmpty() && values.isEmpty() && dateFormat.isDefault()
                && timestampFormat.isDefault() && derived.isEmpty() && neverShow.isEmpty();
    }

    /** For messages: {@code descriptor rwe_admissions (/etc/bedflow/feeds/rwe_admissions.yaml)}. */
    public String describe() {
        return (builtIn ? "built-in descriptor " : "descriptor ") + source + " (" + origin + ")";
    }

    /** Header names match case-insensitively and ignore surrounding spaces (docs/validation.md); a BOM is ignored. */
    /** a value, not a column name: ten digits (an NHS number), a postcode, a date, a run of five digits (an id) */
    private static final Pattern VALUE_SHAPED = Pattern.compile(
            "[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}|[0-9]{5}|[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}");

    static boolean valueShaped(String cell) {
        return VALUE_SHAPED.matcher(cell).find() || Postcode.normalise(cell) != null;
    }

    /**
     * Whether a first line can be a header: at least one cell is a column name the descriptor or the
     * feed knows, and at most half of its cells are shaped like values (docs/validation.md).
     */
    private boolean looksLikeHeader(FeedSchema readAs, List<String> keys, List<String> explicitKeys) {
        List<String> known = new ArrayList<>(explicitKeys);
        readAs.fields().forEach(f -> known.add(f.name().toLowerCase(Locale.ROOT)));
        neverShow.forEach(n -> known.add(headerKey(n)));
        long names = keys.stream().filter(known::contains).count();
        long values = keys.stream().filter(FeedDescriptor::valueShaped).count();
        return names > 0 && values * 2 <= keys.size();
    }

    /** A header's cells for a message, those shaped like a value (an identifier pasted over a name) masked. */
    static String headerForMessage(List<String> header) {
        return String.join(", ", header.stream().map(c -> valueShaped(c) ? "(a value, not shown)" : c).toList());
    }

    public static String headerKey(String name) {
        return name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Where each field of the role is in a file with these columns.
     *
     * @param columnOf      per field of the role (schema order), the column position, or -1
     * @param unknown       columns no field reads (ignored, reported once)
     * @param hiddenColumns positions of secret and postcode fields (never shown in rejects)
     */
    public record Columns(int[] columnOf, List<String> unknown, int[] hiddenColumns) {
    }

    /**
     * Resolves the file's columns: a field named under {@code columns} is read from that
     * column, which must be present; any other field from the column of its own name, if
     * any (a column mapped explicitly is not read a second time by name). Required fields
     * must be found.
     *
     * @param file the file, relative to the input folder, for messages
     * @throws FeedInputException naming the file (and this descriptor) when a mapped or required column is missing
     */
    public Columns resolve(List<String> header, String file) {
        return resolve(header, file, true);
    }

    /**
     * @param checkRequired false for Avro files, whose missing fields Avro's schema resolution
     *                      judges (a missing optional field with a default is fine)
     */
    public Columns resolve(List<String> header, String file, boolean checkRequired) {
        return resolveAs(role, header, file, checkRequired);
    }

    /**
     * The alternative spellings of a column written under {@code columns} ({@code "APCS_Ident | Spell_Ident"}:
     * whichever the file has, the first listed when it has several).
     */
    public static List<String> alternatives(String column) {
        String c = isOptionalColumn(column) ? column.trim().substring(0, column.trim().length() - 1) : column;
        return java.util.Arrays.stream(c.split("\\|")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    /**
     * A column written with a trailing {@code ?} under {@code columns} ({@code "Discharge_Ready_Date ?"}) is read
     * when the file has it; a file without it leaves the field empty (a required field is then a missing column).
     */
    public static boolean isOptionalColumn(String column) {
        return column.trim().endsWith("?");
    }

    /**
     * As {@link #resolve}, for the descriptor's role or for its second role ({@code also:}), whose
     * fields its {@code columns} map as well.
     */
    public Columns resolveAs(FeedSchema readAs, List<String> header, String file, boolean checkRequired) {
        List<String> keys = header.stream().map(FeedDescriptor::headerKey).toList();
        // "A | B" under one key and several keys onto one field are both spellings of a field's column
        List<String> explicitKeys = new ArrayList<>(columns.values().stream().flatMap(c -> alternatives(c).stream())
                .map(FeedDescriptor::headerKey).toList());
        this.alternatives.values().forEach(l -> l.forEach(c -> alternatives(c)
                .forEach(x -> explicitKeys.add(headerKey(x)))));
        List<FieldSpec> fields = readAs.fields();
        int[] columnOf = new int[fields.size()];
        List<String> missingMapped = new ArrayList<>();
        List<String> missingRequired = new ArrayList<>();
        List<Integer> hidden = new ArrayList<>();
        boolean[] used = new boolean[header.size()];
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            String mapped = columns.get(f.name());
            int at;
            if (mapped != null) {
                // "A | B": whichever the file has, the first listed when it has several (SUS extracts may
                // carry both a derived and a raw spelling of one column)
                at = -1;
                List<String> present = new ArrayList<>();
                for (String alternative : alternatives(mapped)) {
                    at = keys.indexOf(headerKey(alternative));
                    if (at >= 0) {
                        present.add(alternative);
                        break;
                    }
                }
                // several keys onto one field: alternative spellings, of which a file may have only one
                List<String> others = this.alternatives.getOrDefault(f.name(), List.of());
                for (String other : others) {
                    for (String alternative : alternatives(other)) {
                        int a = keys.indexOf(headerKey(alternative));
                        if (a >= 0) {
                            present.add(alternative);
                            at = at < 0 ? a : at;
                            break;
                        }
                    }
                }
                if (present.size() > 1) {
                    // alternative spellings of one column: a file with two of them would be read from one silently
                    throw new FeedDescriptorException(origin + ": " + file + " has both '" + String.join("' and '", present)
                            + "', which " + describe() + " lists as spellings of one column (" + f.name()
                            + "); a file may have only one of them");
                }
                if (at < 0 && isOptionalColumn(mapped)) {
                    if (f.required() && checkRequired) {
                        missingRequired.add(f.name());
                    }
                } else if (at < 0) {
                    List<String> all = new ArrayList<>(List.of(mapped));
                    all.addAll(others);
                    missingMapped.add("'" + String.join("' or '", all) + "' (" + f.name() + ")");
                }
            } else {
                String own = f.name().toLowerCase(Locale.ROOT);
                at = explicitKeys.contains(own) ? -1 : keys.indexOf(own);
                boolean isDerived = derived.stream().anyMatch(d -> d.field().equals(f.name()));
                boolean stamped = extras.submittedAtFromFileName() && f.name().equals("submitted_at");
                if (at < 0 && f.required() && checkRequired && !isDerived && !stamped) {
                    missingRequired.add(f.name());
                }
            }
            columnOf[i] = at;
            if (at >= 0) {
                used[at] = true;
                if (f.secret() || f.postcode()) {
                    // also a postcode: a malformed line shows neither (postcodes are masked in the text as well)
                    hidden.add(at);
                }
            }
        }
        for (int i = 0; i < fields.size(); i++) {
            int at = columnOf[i];
            if (at >= 0 && keys.indexOf(keys.get(at)) != keys.lastIndexOf(keys.get(at))) {
                // two columns of one name: which one holds the field is anyone's guess, and reading either
                // silently could put the wrong values in every row
                throw new FeedInputException(file + ": the header names column '" + header.get(at).replace("\uFEFF", "")
                        .trim() + "' twice (columns " + (keys.indexOf(keys.get(at)) + 1) + " and "
                        + (keys.lastIndexOf(keys.get(at)) + 1) + ") and " + fields.get(i).name()
                        + " is read from it; a file must name each column it is read from once");
            }
        }
        if ((!missingMapped.isEmpty() || !missingRequired.isEmpty()) && !looksLikeHeader(readAs, keys, explicitKeys)) {
            // a file without its header row: its first line is a record (an NHS number, a person id), and this
            // message reaches the console, the manifest, the run report and the job repository; quote none of it
            throw new FeedInputException(file + ": has no header row: its first line is not a header (none of its "
                    + header.size() + " cells is a column name " + (builtIn ? "of the " + readAs.name() + " feed"
                    : describe() + " reads") + ", or most of them look like values: NHS numbers, postcodes, dates); "
                    + "a CSV extract needs a header row naming its columns (the line is not quoted, as it may be a "
                    + "person's record)");
        }
        if (!missingMapped.isEmpty()) {
            throw new FeedDescriptorException(origin + ": " + file + " has no column " + String.join(", ", missingMapped)
                    + " that " + describe() + " maps under columns:; it has " + headerForMessage(header));
        }
        if (!missingRequired.isEmpty()) {
            throw new FeedInputException(file + ": the header lacks required column(s) " + String.join(", ", missingRequired)
                    + "; it has " + headerForMessage(header)
                    + (builtIn ? "" : " (read with " + describe() + "; map them under columns:)"));
        }
        // a column a field is derived from is read (not an unknown column); the first one (a date of birth) and
        // the never_show columns are hidden like secret fields: a malformed line never shows them
        for (int c = 0; c < header.size(); c++) {
            String k = keys.get(c);
            boolean from = derived.stream().anyMatch(d -> d.reads(d.from(), k));
            boolean to = derived.stream().anyMatch(d -> d.reads(d.to(), k));
            boolean never = neverShow.stream().anyMatch(n -> headerKey(n).equals(k));
            used[c] |= from || to;
            if ((from || never) && !hidden.contains(c)) {
                hidden.add(c);
            }
        }
        List<String> unknown = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            // a column mapped for the descriptor's other role is not unknown either
            if (!used[c] && !(extras.alsoRole() != null && explicitKeys.contains(keys.get(c)))) {
                unknown.add(valueShaped(header.get(c)) ? "(a value, not shown)" : header.get(c)); // listed in the manifest
            }
        }
        return new Columns(columnOf, unknown, hidden.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The role's Avro schema as the reader schema for one Avro file: fields mapped under
     * {@code columns} get the file's field name as an alias, so Avro's schema resolution
     * reads them (and still fills missing optional fields with their defaults). A data
     * engineer's descriptor also accepts the writer's own record name (a built-in one keeps
     * the rule of docs/validation.md: the feed's schema).
     *
     * @param writer   the file's schema; {@code columnOf} from {@link #resolve} on its field names
     */
    public Schema avroReaderSchema(Schema writer, int[] columnOf) {
        Schema avro = role.avro();
        boolean otherName = !builtIn && !writer.getFullName().equals(avro.getFullName());
        if (columns.isEmpty() && !otherName) {
            return avro;
        }
        List<Schema.Field> out = new ArrayList<>();
        for (int i = 0; i < avro.getFields().size(); i++) {
            Schema.Field f = avro.getFields().get(i);
            Schema.Field copy = new Schema.Field(f, f.schema());
            String written = columnOf[i] >= 0 ? writer.getFields().get(columnOf[i]).name() : null;
            if (columns.containsKey(f.name()) && written != null && !written.equals(f.name())) {
                copy.addAlias(written);
            }
            out.add(copy);
        }
        Schema s = Schema.createRecord(avro.getName(), avro.getDoc(), avro.getNamespace(), false, out);
        avro.getObjectProps().forEach(s::addProp);
        if (otherName) {
            s.addAlias(writer.getFullName());
        }
        return s;
    }

    @Override
    public String toString() {
        return "FeedDescriptor[" + source + " -> " + role.name() + ", " + pattern + "]";
    }
}
