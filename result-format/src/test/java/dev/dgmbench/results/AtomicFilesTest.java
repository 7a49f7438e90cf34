package dev.dgmbench.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Atomic writes: the content lands whole or not at all, no temporary stays behind, permissions are the usual. */
class AtomicFilesTest {
    @TempDir
    Path tmp;

    private List<String> names() throws IOException {
        try (var s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheContentAndLeavesNoTemporary() throws IOException {
        Path f = tmp.resolve("metrics.json");
        AtomicFiles.writeString(f, "old");
        AtomicFiles.writeString(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals(List.of("metrics.json"), names());
    }

    @Test
    void aWriterThatFailsLeavesTheOldContentAndNoTemporary() throws IOException {
        Path f = tmp.resolve("metrics.json");
        AtomicFiles.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("metrics.json"), names());
    }

    @Test
    void filesGetTheSamePermissionsAsAnyOtherFileTheProcessCreates() throws IOException {
        assumeTrue(Files.getFileAttributeView(tmp, PosixFileAttributeView.class) != null,
                "no POSIX permissions on this file system");
        Path reference = Files.createFile(tmp.resolve("reference"));
        Path written = AtomicFiles.writeString(tmp.resolve("report.md"), "x");
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(written),
                "the umask decides, as for the reference file (not owner-only like a temporary file)");
    }

    @Test
    void sweepRemovesOnlyTemporaries() throws IOException {
        Files.writeString(tmp.resolve(".metrics.json123.tmp"), "left by a killed writer");
        Files.writeString(tmp.resolve("metrics.json"), "{}");
        Files.writeString(tmp.resolve("notes.tmp"), "not hidden: not ours");
        AtomicFiles.sweep(tmp);
        assertEquals(List.of("metrics.json", "notes.tmp"), names());
    }
}
