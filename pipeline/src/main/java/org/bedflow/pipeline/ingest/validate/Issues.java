package org.bedflow.pipeline.ingest.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.bedflow.pipeline.ingest.Classified;
import org.bedflow.pipeline.schema.FieldSpec;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The issues of a validated row as {@link Classified#validatedType} holds them: one issue
 * row (severity, reason code, message), the issues in the order reported, and the raw
 * values shown beside them. Static only: nothing of it is shipped to executors.
 */
final class Issues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Seq<Row> NONE = CollectionConverters.asScala(List.<Row>of()).toList();

    private Issues() {
    }

    static Row issue(String severity, ReasonCode code, String message) {
        return RowFactory.create(severity, code.name(), message);
    }

    /** The end of a warning's message about an optional field whose value is dropped. */
    static String nulled(String severity) {
        return severity.equals(Classified.WARNING) ? "; the value is left out" : "";
    }

    /** errors before warnings, each in the order found (field order): the first error names the row's reason code */
    static List<Row> sortErrorsFirst(List<Row> issues) {
        if (issues.size() < 2) {
            return issues;
        }
        List<Row> out = new ArrayList<>(issues.size());
        issues.stream().filter(i -> i.getString(0).equals(Classified.ERROR)).forEach(out::add);
        issues.stream().filter(i -> !i.getString(0).equals(Classified.ERROR)).forEach(out::add);
        return out;
    }

    static Seq<Row> seq(List<Row> rows) {
        return rows.isEmpty() ? NONE : CollectionConverters.asScala(rows).toList();
    }

    /** The raw values for people to read: NHS numbers and postcodes masked, council person ids left out. */
    static String rawJson(List<FieldSpec> fields, String[] rawValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            if (f.secret()) {
                continue;
            }
            m.put(f.name(), f.nhsNumber() ? NhsNumber.mask(rawValues[i])
                    : f.postcode() ? Postcode.mask(rawValues[i]) : rawValues[i]);
        }
        return json(m);
    }

    /**
     * Free text that may hold identifiers (a malformed CSV line, a parser's message): NHS numbers
     * and postcode-shaped words masked.
     */
    static String maskInText(String text) {
        return Postcode.maskInText(NhsNumber.maskInText(text));
    }

    static String json(Map<String, String> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
