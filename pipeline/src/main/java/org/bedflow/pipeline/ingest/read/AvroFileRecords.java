package org.bedflow.pipeline.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.bedflow.pipeline.schema.FieldSpec;
import org.bedflow.pipeline.schema.FieldType;

/**
 * Reads one Avro extract on an executor into raw rows, resolving the file's (writer)
 * schema against the feed's schema by Avro's rules, so an older writer with fewer optional
 * fields, or a newer one with extra fields, still loads. Record numbers are 1-based indexes
 * in the file. Dates and timestamps are rendered as the built-in CSV text (docs/validation.md).
 */
public final class AvroFileRecords implements FlatMapFunction<FileTask, Row> {

    private static final DateTimeFormatter TS = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private final String readerSchema;
    private final List<FieldSpec> fields;

    public AvroFileRecords(Schema readerSchema, List<FieldSpec> fields) {
        this.readerSchema = readerSchema.toString();
        this.fields = List.copyOf(fields);
    }

    @Override
    public Iterator<Row> call(FileTask task) throws IOException {
        Schema reader = new Schema.Parser().parse(task.readerSchema() != null ? task.readerSchema() : readerSchema);
        InputStream in = task.open();
        DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>(null, reader));
        return new Iterator<>() {
            private long index;

            @Override
            public boolean hasNext() {
                boolean more = stream.hasNext();
                if (!more) {
                    try {
                        stream.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return more;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                GenericRecord rec = stream.next();
                index++;
                Object[] values = new Object[fields.size() + 4];
                for (int i = 0; i < fields.size(); i++) {
                    values[i] = text(fields.get(i), rec.get(fields.get(i).name()));
                }
                values[fields.size()] = task.path();
                values[fields.size() + 1] = index;
                return RowFactory.create(values);
            }
        };
    }

    static String text(FieldSpec f, Object v) {
        if (v == null) {
            return null;
        }
        if (f.type() == FieldType.DATE && v instanceof Integer days) {
            return LocalDate.ofEpochDay(days).toString();
        }
        if (f.type() == FieldType.TIMESTAMP && v instanceof Long millis) {
            return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC).format(TS);
        }
        String s = v.toString();
        return s.isEmpty() ? null : s;
    }
}
