package org.bedflow.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV (CRLF, minimal quoting, UTF-8), header = the Avro schema's field names, null
 * written as an empty field. Optionally gzipped.
 */
final class CsvSink<T extends SpecificRecordBase> implements RecordSink<T> {

    private final CSVPrinter printer;
    private final int fieldCount;
    private final String[] values;
    private long rows;

    CsvSink(Path file, Schema schema, boolean gzip) throws IOException {
        List<Schema.Field> fields = schema.getFields();
        this.fieldCount = fields.size();
        this.values = new String[fieldCount];
        String[] header = new String[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            header[i] = fields.get(i).name();
        }
        OutputStream out = Files.newOutputStream(file);
        if (gzip) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header).get());
    }

    @Override
    public void write(T record) throws IOException {
        for (int i = 0; i < fieldCount; i++) {
            values[i] = TextValues.render(record.get(i));
        }
        printer.printRecord((Object[]) values);
        rows++;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
