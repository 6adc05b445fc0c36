package org.bedflow.sample;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Avro object container file written with the generated class. The sync marker, random in
 * Avro by default, is derived from the seed so that the file is byte-for-byte reproducible;
 * no codec (deflate output may differ between zlib builds).
 */
final class AvroSink<T extends SpecificRecordBase> implements RecordSink<T> {

    private final DataFileWriter<T> writer;
    private long rows;

    AvroSink(Path file, Class<T> type, Schema schema, byte[] syncMarker) throws IOException {
        this.writer = new DataFileWriter<>(new SpecificDatumWriter<>(type));
        writer.create(schema, new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), syncMarker);
    }

    @Override
    public void write(T record) throws IOException {
        writer.append(record);
        rows++;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
