package org.bedflow.sample;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Parquet through parquet-avro on a local file (no Hadoop paths or FileSystem), snappy,
 * 32 MB row groups so that a dozen open files stay within a modest heap at 20 million spells.
 */
final class ParquetSink<T extends SpecificRecordBase> implements RecordSink<T> {

    private static final int ROW_GROUP_BYTES = 32 * 1024 * 1024;

    private final ParquetWriter<T> writer;
    private long rows;

    ParquetSink(Path file, Class<T> type, Schema schema) throws IOException {
        this.writer = AvroParquetWriter.<T>builder(new LocalOutputFile(file))
                .withSchema(schema)
                .withDataModel(SpecificData.getForClass(type))
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize((long) ROW_GROUP_BYTES)
                .build();
    }

    @Override
    public void write(T record) throws IOException {
        writer.write(record);
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
