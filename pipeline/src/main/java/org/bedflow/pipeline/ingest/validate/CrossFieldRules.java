package org.bedflow.pipeline.ingest.validate;

import static org.bedflow.pipeline.ingest.validate.Issues.issue;

import java.io.Serializable;
import java.sql.Date;
import java.util.List;

import org.apache.spark.sql.Row;
import org.bedflow.pipeline.ingest.Classified;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.FieldSpec;
import org.bedflow.pipeline.schema.columns.SocialCareEventsColumns;

/**
 * The rules of a field that depend on another field of the same row: required for one
 * event type ({@code bedflow.required_when_event_type}), not before another date
 * ({@code bedflow.not_before}). Serializable: it runs on executors inside {@link RowValidator}.
 */
final class CrossFieldRules implements Serializable {

    /** the field a field's {@code bedflow.required_when_event_type} refers to */
    static final String EVENT_TYPE = SocialCareEventsColumns.EVENT_TYPE;

    /** position of event_type (for required_when_event_type), -1 when the feed has none */
    private final int eventTypeAt;
    /** for each field with bedflow.not_before, the position of the field it may not precede; else -1 */
    private final int[] notBeforeAt;

    CrossFieldRules(FeedSchema feed) {
        List<String> names = feed.fieldNames();
        this.eventTypeAt = names.indexOf(EVENT_TYPE);
        this.notBeforeAt = new int[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String other = feed.fields().get(i).notBefore();
            notBeforeAt[i] = other == null ? -1 : names.indexOf(other);
        }
    }

    /** @param typedSoFar the row's values typed so far, in field order */
    boolean isRequired(FieldSpec f, Object[] typedSoFar) {
        if (f.required()) {
            return true;
        }
        if (f.requiredWhenEventType() == null) {
            return false;
        }
        return eventTypeAt >= 0 && f.requiredWhenEventType().equals(typedSoFar[eventTypeAt]);
    }

    void checkDateOrder(List<FieldSpec> fields, Object[] typed, List<Row> issues) {
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            int other = notBeforeAt[i];
            if (other < 0 || typed[i] == null) {
                continue;
            }
            if (typed[other] != null && ((Date) typed[i]).before((Date) typed[other])) {
                issues.add(issue(Classified.ERROR, ReasonCode.DATE_ORDER, f.name() + " " + typed[i] + " is before "
                        + f.notBefore() + " " + typed[other]));
            }
        }
    }
}
