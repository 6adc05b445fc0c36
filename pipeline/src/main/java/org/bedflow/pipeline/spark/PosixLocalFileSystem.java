package org.bedflow.pipeline.spark;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) with permissions set and read through Java's
 * POSIX file attributes. Without Hadoop's native library, the stock one starts a
 * {@code chmod} process for every file and folder it creates and an {@code ls -ld} for every
 * permission it reads — about 500 child processes of a multi-gigabyte JVM per nightly run,
 * whatever the data size. Permissions themselves are the same: the owner-and-group-only
 * outputs of docs/operations.md come from {@code fs.permissions.umask-mode=007}.
 */
public class PosixLocalFileSystem extends LocalFileSystem {

    public PosixLocalFileSystem() {
        super(new Raw());
    }

    /** The raw file system underneath the checksums. */
    public static class Raw extends RawLocalFileSystem {

        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
            } catch (NoSuchFileException e) {
                throw new FileNotFoundException(p.toString());
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission); // not a POSIX file system: Hadoop's own way
            }
        }

        @Override
        public FileStatus getFileStatus(Path p) throws IOException {
            File file = pathToFile(p);
            PosixFileAttributes a;
            try {
                a = Files.readAttributes(file.toPath(), PosixFileAttributes.class);
            } catch (NoSuchFileException e) {
                throw new FileNotFoundException("File " + p + " does not exist");
            } catch (UnsupportedOperationException e) {
                return super.getFileStatus(p);
            }
            return new FileStatus(a.isDirectory() ? 0 : a.size(), a.isDirectory(), 1, getDefaultBlockSize(p),
                    a.lastModifiedTime().toMillis(), a.lastAccessTime().toMillis(), fsPermission(a.permissions()),
                    a.owner().getName(), a.group().getName(), makeQualified(p));
        }

        @Override
        public FileStatus getFileLinkStatus(Path p) throws IOException {
            File file = pathToFile(p);
            if (Files.isSymbolicLink(file.toPath())) {
                return super.getFileLinkStatus(p);
            }
            return getFileStatus(p);
        }
    }

    static Set<PosixFilePermission> posix(FsPermission p) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        add(out, p.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        add(out, p.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE);
        add(out, p.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE);
        return out;
    }

    private static void add(Set<PosixFilePermission> out, FsAction a, PosixFilePermission r, PosixFilePermission w,
                            PosixFilePermission x) {
        if (a.implies(FsAction.READ)) {
            out.add(r);
        }
        if (a.implies(FsAction.WRITE)) {
            out.add(w);
        }
        if (a.implies(FsAction.EXECUTE)) {
            out.add(x);
        }
    }

    static FsPermission fsPermission(Set<PosixFilePermission> p) {
        return new FsPermission(
                action(p.contains(PosixFilePermission.OWNER_READ), p.contains(PosixFilePermission.OWNER_WRITE),
                        p.contains(PosixFilePermission.OWNER_EXECUTE)),
                action(p.contains(PosixFilePermission.GROUP_READ), p.contains(PosixFilePermission.GROUP_WRITE),
                        p.contains(PosixFilePermission.GROUP_EXECUTE)),
                action(p.contains(PosixFilePermission.OTHERS_READ), p.contains(PosixFilePermission.OTHERS_WRITE),
                        p.contains(PosixFilePermission.OTHERS_EXECUTE)));
    }

    private static FsAction action(boolean r, boolean w, boolean x) {
        FsAction a = FsAction.NONE;
        if (r) {
            a = a.or(FsAction.READ);
        }
        if (w) {
            a = a.or(FsAction.WRITE);
        }
        if (x) {
            a = a.or(FsAction.EXECUTE);
        }
        return a;
    }
}
