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
             InputStream in = format.equals("csv.gz") ? gunzip(raw, rel) : raw;
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
     * bytes would become replacement characters and be published. Refuses a file with a NUL byte too (a
     * binary file, or UTF-16 text, named .csv), and a .csv.gz file that is not gzip or ends early. Each
     * message names the file and the first line with a bad byte, never the line's content (it may hold
     * identifiers).
     *
     * @throws FeedInputException when a byte sequence is not UTF-8, a NUL byte, or a broken gzip file
     */
    static void requireUtf8(FileSystem fs, Path path, String format, String rel) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long line = 1;
        try (InputStream raw = fs.open(path);
             InputStream in = format.equals("csv.gz") ? gunzip(raw, rel) : raw) {
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
                    char c = chars.get();
                    if (c == '\n') {
                        line++;
                    } else if (c == 0) {
                        throw notText(rel, line);
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
            throw format.equals("csv.gz") ? brokenGzip(rel, e) : new FeedInputException(rel + " cannot be read as CSV: "
                    + e.getMessage(), e);
        }
    }

    /** the two bytes every gzip file starts with */
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    /** A .csv.gz file decompressed, refused (naming it) when it does not start as a gzip file does. */
    private static InputStream gunzip(InputStream raw, String rel) throws IOException {
        java.io.BufferedInputStream in = new java.io.BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 != GZIP_MAGIC_1 || b2 != GZIP_MAGIC_2) {
            throw new FeedInputException(rel + ": is not a gzip file (its name ends in .gz but it does not start as a "
                    + "gzip file does); the file is refused. Compress the CSV with gzip, or name it .csv, and run again");
        }
        return new GZIPInputStream(in, 1 << 16);
    }

    /**
     * A gzip file that fails while being decompressed: one that ends early (a copy or download cut short) or
     * whose compressed data is damaged. The decompressor's own words are not kept (nor the cause): they say
     * nothing more to an operator, and the message reaches the job repository.
     */
    private static FeedInputException brokenGzip(String rel, IOException e) {
        if (e instanceof java.io.EOFException) {
            return new FeedInputException(rel + ": is not a complete gzip file (it ends early); the file is refused. "
                    + "Copy or export it again in full and run again");
        }
        return new FeedInputException(rel + ": is not a valid gzip file (its compressed data is damaged); the file "
                + "is refused. Copy or export it again and run again");
    }

    private static FeedInputException notText(String rel, long line) {
        return new FeedInputException(rel + ": line " + line + " is not text (it holds a NUL byte); is it a CSV file? "
                + "A binary file, or text saved as UTF-16 (\"Unicode text\"), is refused; save the extract as a UTF-8 "
                + "CSV and run again");
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
        } catch (IOException | RuntimeException e) {
            // Avro's words are not kept: a damaged header's text may be anything
            throw new FeedInputException(rel + " cannot be read as Avro: it is not an Avro data file, or its header "
                    + "is damaged; the file is refused");
        }
    }

    /**
     * Avro's schema resolution rules (docs/validation.md): older writers with fewer optional fields, newer with
     * extra ones. A file that cannot be read is refused naming each field and what is wrong with it in words
     * (Avro's own text, {@code expected: Old at /name}, says neither).
     */
    static void requireReadable(Schema reader, Schema writer, FeedSchema feed, String rel) {
        var compat = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compat.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new FeedInputException(rel + ": its Avro schema cannot be read as the " + feed.name()
                    + " schema: " + String.join("; ", compat.getResult().getIncompatibilities().stream()
                    .map(i -> describe(i, reader)).distinct().toList())
                    + ". Write the file with the feed's schema (schemas/src/main/avro/feed/" + feed.name()
                    + ".avsc), or read it through a feed descriptor that maps its fields");
        }
    }

    /** One incompatibility in words, naming the feed's field it is found at (Avro locates it as /fields/N/...). */
    static String describe(SchemaCompatibility.Incompatibility i, Schema reader) {
        String[] at = i.getLocation().split("/");
        Schema.Field field = null;
        if (at.length > 2 && at[1].equals("fields") && at[2].matches("[0-9]+")
                && Integer.parseInt(at[2]) < reader.getFields().size()) {
            field = reader.getFields().get(Integer.parseInt(at[2]));
        }
        String name = field == null ? "the record" : "field `" + field.name() + "`";
        switch (i.getType()) {
            case NAME_MISMATCH -> {
                if (field == null) {
                    return "its records are named `" + i.getWriterFragment().getFullName() + "` in the file but the "
                            + "feed's are `" + reader.getFullName() + "`";
                }
                return name + " has a type named `" + i.getWriterFragment().getFullName() + "` in the file but the "
                        + "feed's is `" + i.getReaderFragment().getFullName() + "`";
            }
            case TYPE_MISMATCH -> {
                return name + " is " + typeName(i.getWriterFragment()) + " in the file but the feed needs "
                        + typeName(field == null ? i.getReaderFragment() : field.schema());
            }
            case MISSING_UNION_BRANCH -> {
                return name + " can be " + typeName(i.getWriterFragment().getType() == Schema.Type.UNION
                        && at.length > 4 && at[4].matches("[0-9]+") && Integer.parseInt(at[4])
                        < i.getWriterFragment().getTypes().size()
                        ? i.getWriterFragment().getTypes().get(Integer.parseInt(at[4])) : i.getWriterFragment())
                        + " in the file but the feed needs " + typeName(field == null ? i.getReaderFragment()
                        : field.schema());
            }
            case READER_FIELD_MISSING_DEFAULT_VALUE -> {
                return name + " is not in the file and the feed needs it (it may not be empty)";
            }
            case MISSING_ENUM_SYMBOLS -> {
                return name + " has symbols in the file that the feed's enum does not know";
            }
            case FIXED_SIZE_MISMATCH -> {
                return name + " is a fixed of another size in the file than the feed's";
            }
            default -> {
                return name + " has a type in the file that the feed's type cannot read";
            }
        }
    }

    /** A type in words: {@code long}, {@code int/date}, {@code string or empty} for a union with null. */
    private static String typeName(Schema s) {
        if (s.getType() == Schema.Type.UNION) {
            List<String> parts = new java.util.ArrayList<>();
            boolean nullable = false;
            for (Schema branch : s.getTypes()) {
                if (branch.getType() == Schema.Type.NULL) {
                    nullable = true;
                } else {
                    parts.add(typeName(branch));
                }
            }
            return String.join(" or ", parts) + (nullable ? " or empty" : "");
        }
        String type = s.getType().getName();
        return s.getLogicalType() == null ? type : type + "/" + s.getLogicalType().getName();
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
            // Parquet's words are not kept: they quote bytes of the file ("expected magic number ... but found [...]")
            throw new FeedInputException(rel + " cannot be read as Parquet: it is not a Parquet file, or it is "
                    + "incomplete (its footer is missing or damaged); the file is refused");
        }
    }
}
