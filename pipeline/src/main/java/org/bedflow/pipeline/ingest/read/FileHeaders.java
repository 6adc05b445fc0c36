package org.bedflow.pipeline.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.Footer;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat$;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.schema.FeedInputException;
import org.bedflow.pipeline.schema.FeedSchema;

/**
 * The columns a file has, read on the driver before any row: a CSV file's header row, an
 * Avro file's writer schema (and whether the feed's schema can read it), a Parquet file's
 * schema from its footer. Each problem names the file.
 */
final class FileHeaders {

    private FileHeaders() {
    }

    static List<String> csvHeader(FileSystem fs, Path path, String format, String rel) {
        try (InputStream raw = fs.open(path);
             InputStream in = format.equals("csv.gz") ? new GZIPInputStream(raw) : raw;
             Reader r = new InputStreamReader(in, StandardCharsets.UTF_8);
             CSVParser parser = CsvFileRecords.FORMAT.parse(r)) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                throw new FeedInputException(rel + " is empty: a CSV extract needs a header row");
            }
            List<String> header = List.of(it.next().values());
            return header;
        } catch (IOException | RuntimeException e) {
            if (e instanceof FeedInputException f) {
                throw f;
            }
            throw new FeedInputException(rel + " cannot be read as CSV: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a CSV file that is not valid UTF-8 (a Latin-1 or Windows-1252 export): read as UTF-8 its
     * bytes would become replacement characters and be published. The message names the file and the
     * first line with a bad byte, never the line's content (it may hold identifiers).
     *
     * @throws FeedInputException when a byte sequence is not UTF-8
     */
    static void requireUtf8(FileSystem fs, Path path, String format, String rel) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long line = 1;
        try (InputStream raw = fs.open(path);
             InputStream in = format.equals("csv.gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            byte[] buf = new byte[1 << 16];
            ByteBuffer bytes = ByteBuffer.allocate(1 << 17);
            CharBuffer chars = CharBuffer.allocate(1 << 17);
            boolean eof = false;
            while (!eof) {
                int n = in.read(buf, 0, Math.min(buf.length, bytes.remaining()));
                if (n < 0) {
                    eof = true;
                } else {
                    bytes.put(buf, 0, n);
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, eof);
                chars.flip();
                while (chars.hasRemaining()) {
                    if (chars.get() == '\n') {
                        line++;
                    }
                }
                chars.clear();
                if (result.isError()) {
                    throw notUtf8(rel, line);
                }
                bytes.compact();
            }
            chars.clear();
            if (decoder.flush(chars).isError()) {
                throw notUtf8(rel, line);
            }
        } catch (IOException e) {
            throw new FeedInputException(rel + " cannot be read as CSV: " + e.getMessage(), e);
        }
    }

    private static FeedInputException notUtf8(String rel, long line) {
        return new FeedInputException(rel + " is not valid UTF-8: line " + line + " (counting the header as line 1) "
                + "has a byte sequence that is not UTF-8, as a Latin-1 or Windows-1252 export has for accented "
                + "letters; the file is refused rather than read with replacement characters. Save it as UTF-8 "
                + "(e.g. iconv -f WINDOWS-1252 -t UTF-8) and run again");
    }

    static Schema avroWriterSchema(FileSystem fs, Path path, String rel) {
        try (InputStream in = fs.open(path);
             DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
            return stream.getSchema();
        } catch (IOException e) {
            throw new FeedInputException(rel + " cannot be read as Avro: " + e.getMessage(), e);
        }
    }

    /**
     * Avro's schema resolution rules (docs/validation.md): older writers with fewer optional fields, newer with
     * extra ones.
     */
    static void requireReadable(Schema reader, Schema writer, FeedSchema feed, String rel) {
        var compat = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compat.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new FeedInputException(rel + ": its Avro schema cannot be read as the " + feed.name()
                    + " schema: " + compat.getResult().getIncompatibilities().stream()
                    .map(i -> i.getMessage() + " at " + i.getLocation()).toList());
        }
    }

    /**
     * The file's schema as Spark reads it, from its footer on the driver: what
     * {@code spark.read().parquet(uri).schema()} gives, without a Spark job per file.
     */
    static StructType parquetSchema(SparkSession spark, FileSystem fs, Path path, String rel) {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, fs.getConf()))) {
            return ParquetFileFormat$.MODULE$.readSchemaFromFooter(new Footer(path, reader.getFooter()),
                    new ParquetToSparkSchemaConverter(spark.sessionState().conf()));
        } catch (IOException | RuntimeException e) {
            throw new FeedInputException(rel + " cannot be read as Parquet: " + e.getMessage(), e);
        }
    }
}
