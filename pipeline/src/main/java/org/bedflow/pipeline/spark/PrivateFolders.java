package org.bedflow.pipeline.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Folders that hold identifiable working data (work files, Spark's scratch, the job
 * repository, the process log) are created with their permissions set explicitly, not left
 * to the process umask (often 022, world-readable).
 */
public final class PrivateFolders {

    public static final Set<PosixFilePermission> OWNER_AND_GROUP = PosixFilePermissions.fromString("rwxrwx---");
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    static final FsPermission FOLDER = new FsPermission((short) 0770);
    static final FsPermission FILE = new FsPermission((short) 0660);

    private PrivateFolders() {
    }

    /**
     * Creates {@code folder} and its missing parents; each folder created here gets
     * {@code perms}. Folders that already existed are left as they are.
     *
     * @return the folders created, outermost first
     */
    public static List<Path> create(Path folder, Set<PosixFilePermission> perms) {
        List<Path> missing = new ArrayList<>();
        for (Path p = folder.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        try {
            for (Path p : missing) {
                Files.createDirectories(p);
                set(p, perms);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create folder " + folder, e);
        }
        return missing;
    }

    /** Sets {@code perms} on {@code p}; on a file system without POSIX permissions (Windows) the folder's ACL applies. */
    public static void set(Path p, Set<PosixFilePermission> perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException notPosix) {
            // permissions come from the folder's ACL
        }
    }

    /**
     * Makes {@code folder} and everything below it owner-and-group only (folders 0770, files
     * 0660) on a Hadoop file system, checksum files included.
     */
    public static void ownerAndGroupOnly(FileSystem fs, org.apache.hadoop.fs.Path folder) {
        ownerAndGroupOnly(fs, folder, true);
    }

    /** As above; {@code below}: false for the folder itself only. */
    public static void ownerAndGroupOnly(FileSystem fs, org.apache.hadoop.fs.Path folder, boolean below) {
        FileSystem raw = fs instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fs;
        try {
            if (!raw.exists(folder)) {
                return;
            }
            if (below) {
                restrict(raw, raw.getFileStatus(folder));
            } else {
                raw.setPermission(folder, raw.getFileStatus(folder).isDirectory() ? FOLDER : FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the permissions of " + folder, e);
        }
    }

    private static void restrict(FileSystem fs, FileStatus status) throws IOException {
        if (status.isDirectory()) {
            fs.setPermission(status.getPath(), FOLDER);
            for (FileStatus child : fs.listStatus(status.getPath())) {
                restrict(fs, child);
            }
        } else {
            fs.setPermission(status.getPath(), FILE);
        }
    }
}
