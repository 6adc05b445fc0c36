package org.bedflow.pipeline.schema;

import java.io.Serializable;
import java.util.Objects;

/**
 * One field of a feed as its Avro schema describes it: name, type, whether a value is
 * required, and the validation properties carried as {@code bedflow.*} attributes on the
 * Avro field. Serializable so that executor-side functions can carry it.
 */
public record FieldSpec(
        String name,
        FieldType type,
        boolean required,
        String doc,
        /* name of a reference code list (reference/codes/<name>.csv), or null */
        String codeList,
        /* a regular expression the (trimmed, upper-cased for codes) value must match, or null */
        String pattern,
        Long min,
        Long max,
        boolean notAfterRunDate,
        boolean nhsNumber,
        /* an identifier that must never be published (council person id) */
        boolean secret,
        /* the field is required only when event_type has this value */
        String requiredWhenEventType,
        boolean icd10,
        boolean icd10List,
        /* OPCS-4 procedure codes separated by ';', '|' or ',', each normalised as ICD-10 codes are */
        boolean opcs4List,
        /* another date field of the same row this one may not precede (DATE_ORDER), or null */
        String notBefore,
        /* a UK postcode (bedflow.postcode): normalised to "NN1 1AA", masked to its outward code wherever shown */
        boolean postcode) implements Serializable {

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
