package org.bedflow.pipeline.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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
