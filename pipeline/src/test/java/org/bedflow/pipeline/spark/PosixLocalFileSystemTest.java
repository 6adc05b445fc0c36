package org.bedflow.pipeline.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local file system sets and reads permissions itself, with the umask of the configuration. */
class PosixLocalFileSystemTest {

    @TempDir
    Path dir;

    private FileSystem fs() throws Exception {
        Configuration conf = new Configuration(false);
        conf.set("fs.permissions.umask-mode", "007");
        FileSystem fs = new PosixLocalFileSystem();
        fs.initialize(java.net.URI.create("file:///"), conf);
        return fs;
    }

    @Test
    void files_and_folders_it_creates_are_owner_and_group_only() throws Exception {
        FileSystem fs = fs();
        var folder = new org.apache.hadoop.fs.Path(dir.resolve("a/b").toUri());
        assertThat(fs.mkdirs(folder)).isTrue();
        try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(folder, "part-0.parquet"))) {
            out.writeBytes("x");
        }
        // 777 and 666 less the umask 007
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b")))).isEqualTo("rwxrwx---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part-0.parquet"))))
                .isEqualTo("rw-rw----");
        assertThat(fs.getFileStatus(new org.apache.hadoop.fs.Path(folder, "part-0.parquet")).getPermission())
                .isEqualTo(new FsPermission("660"));
    }

    @Test
    void set_permission_and_status_agree_and_a_missing_file_is_not_found() throws Exception {
        FileSystem fs = fs();
        Path f = Files.writeString(dir.resolve("f"), "x");
        var p = new org.apache.hadoop.fs.Path(f.toUri());
        fs.setPermission(p, new FsPermission("640"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
        var status = fs.getFileStatus(p);
        assertThat(status.getPermission()).isEqualTo(new FsPermission("640"));
        assertThat(status.getLen()).isEqualTo(1);
        assertThat(status.isFile()).isTrue();
        assertThatThrownBy(() -> fs.getFileStatus(new org.apache.hadoop.fs.Path(dir.resolve("nope").toUri())))
                .isInstanceOf(FileNotFoundException.class);
    }
}
