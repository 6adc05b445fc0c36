package org.bedflow.sample;

import java.io.Closeable;
import java.io.IOException;

import org.apache.avro.specific.SpecificRecordBase;

/** Writes records of one feed into one file, row by row, holding no rows in memory. */
interface RecordSink<T extends SpecificRecordBase> extends Closeable {

    void write(T record) throws IOException;

    long rows();
}
