package org.bedflow.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * One run per output folder at a time: an OS file lock on {@code <output>/.bedflow.lock},
 * released by the operating system when the process ends, even after kill -9. The file
 * holds the PID of the holder so the message can name it.
 */
public final class OutputLock implements AutoCloseable {

    public static final String FILE = ".bedflow.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another live process holds it. */
    public static Optional<OutputLock> tryAcquire(Path outputDir) {
        try {
            if (!Files.isDirectory(outputDir)) {
                Files.createDirectories(outputDir);
                ownerAndGroupOnly(outputDir, "rwxrwx---");
            }
            Path file = outputDir.resolve(FILE);
            boolean fresh = !Files.exists(file);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (fresh) {
                ownerAndGroupOnly(file, "rw-rw----");
            }
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                return Optional.empty();
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            return Optional.of(new OutputLock(ch, l));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock output folder " + outputDir, e);
        }
    }

    /**
     * docs/operations.md, "Logs and privacy": output folders and files are readable by owner and group only. Spark and
     * Hadoop apply the session's umask 007 to what they write; this folder and lock file are
     * made by plain Java under the process umask (often 022), so they are set explicitly.
     */
    private static void ownerAndGroupOnly(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: permissions come from the folder's ACL
        }
    }

    /** PID written by the current holder, if readable. */
    public static String holder(Path outputDir) {
        try {
            return Files.readString(outputDir.resolve(FILE)).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the process anyway
        }
    }
}
