package org.bedflow.pipeline.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.schema.FeedInputException;

/**
 * The extract files of one feed folder, found on the driver: listed with sub-folders, each
 * named relative to the folder, its format told by its name, its content hashed for the
 * manifest. A file whose name starts with '.' or '_' (Hadoop's hidden files: {@code _SUCCESS},
 * {@code .crc} checksums, editor and OS leftovers) is not read, but listed in {@code skipped}
 * with why, so that it is named in the manifest and the run report, never left out without a word.
 *
 * @param fs      the folder's file system
 * @param folder  {@code <input>/<feed>}
 * @param files   the files to read, in path order; empty when the folder is missing or empty
 * @param skipped the files found and not read, in path order: [path relative to the folder, reason]
 */
record FeedFolder(FileSystem fs, Path folder, List<LocatedFileStatus> files, List<String[]> skipped) {

    private static final Pattern FORMATS = Pattern.compile("(?i).*\\.(csv|csv\\.gz|avro|parquet)$");

    /** @throws FeedInputException when the folder cannot be listed */
    static FeedFolder list(SparkSession spark, Path folder) {
        FileSystem fs;
        List<LocatedFileStatus> files = new ArrayList<>();
        List<LocatedFileStatus> hidden = new ArrayList<>();
        try {
            fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.isDirectory(folder)) {
                // the local file system hides .crc files from a listing: list with the raw one, so they are named too
                FileSystem lister = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
                RemoteIterator<LocatedFileStatus> it = lister.listFiles(folder, true);
                while (it.hasNext()) {
                    LocatedFileStatus f = it.next();
                    String name = f.getPath().getName();
                    if (skipReason(name) == null) {
                        files.add(f);
                    } else {
                        hidden.add(f);
                    }
                }
            }
        } catch (IOException e) {
            throw new FeedInputException("cannot list feed folder " + folder + ": " + e.getMessage(), e);
        }
        files.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
        hidden.sort((a, b) -> a.getPath().toString().compareTo(b.getPath().toString()));
        String root = fs.makeQualified(folder).toUri().getPath();
        List<String[]> skipped = new ArrayList<>();
        for (LocatedFileStatus f : hidden) {
            skipped.add(new String[] {relative(root, f.getPath().toUri().getPath()), skipReason(f.getPath().getName())});
        }
        return new FeedFolder(fs, folder, files, skipped);
    }

    /** Why a file of this name is not read (Hadoop's hidden-file rule), or null when it is read. */
    static String skipReason(String name) {
        if (name.equals("_SUCCESS")) {
            return "not read: a Spark/Hadoop job marker (_SUCCESS), not an extract; names starting with '_' are never read";
        }
        if (name.startsWith(".") && name.endsWith(".crc")) {
            return "not read: a Hadoop checksum file (.crc), not an extract; names starting with '.' are never read";
        }
        if (name.startsWith(".")) {
            return "not read: its name starts with '.' (a hidden file); rename it to have it read";
        }
        if (name.startsWith("_")) {
            return "not read: its name starts with '_' (hidden to Hadoop and Spark); rename it to have it read";
        }
        return null;
    }

    /** The folder's own path, to which {@link #relative} relates a file's. */
    String root() {
        return fs.makeQualified(folder).toUri().getPath();
    }

    static String relative(String root, String path) {
        String r = root.endsWith("/") ? root : root + "/";
        return path.startsWith(r) ? path.substring(r.length()) : new Path(path).getName();
    }

    /**
     * The file's format by its name: csv, csv.gz, avro or parquet.
     *
     * @param rel the file relative to the input folder, for the message
     * @throws FeedInputException for any other name
     */
    static String format(Path file, String rel) {
        Matcher m = FORMATS.matcher(file.getName());
        if (!m.matches()) {
            throw new FeedInputException(rel + " is not a CSV, CSV.gz, Avro or Parquet file (by its name); "
                    + "move it out of the feed folder");
        }
        return m.group(1).toLowerCase(Locale.ROOT);
    }

    static String sha256(FileSystem fs, Path path, String rel) {
        try (InputStream in = new DigestInputStream(fs.open(path), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // reading is hashing
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new FeedInputException(rel + " cannot be read: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
