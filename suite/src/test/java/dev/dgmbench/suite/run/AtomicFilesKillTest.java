package dev.dgmbench.suite.run;

import dev.dgmbench.results.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer of a derived file (claims.json here) killed with SIGKILL in the middle of writing it: the file keeps its
 * old content, and what is left is a temporary that the next run's sweep removes.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AtomicFilesKillTest {
    static final String OLD = "[]\n", HALF = "[{\"id\": \"kl-higher-for-hi";

    @TempDir
    Path tmp;

    /** The killed writer: writes half of the file, says so, and hangs until it is killed. */
    public static void main(String[] args) throws IOException {
        AtomicFiles.write(Path.of(args[0]), out -> {
            out.write(HALF.getBytes(StandardCharsets.UTF_8));
            out.flush();
            System.out.println("half written");
            System.out.flush();
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void aWriterKilledMidWriteLeavesTheOldFileAndATemporaryTheSweepRemoves() throws Exception {
        Path claims = tmp.resolve("claims.json");
        Files.writeString(claims, OLD);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AtomicFilesKillTest.class.getName(), claims.toString()).redirectErrorStream(true).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("half written", in.readLine());
        } finally {
            writer.destroyForcibly();
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(OLD, Files.readString(claims), "claims.json keeps its old content");
        List<Path> left = others(claims);
        assertEquals(1, left.size(), left::toString);
        assertTrue(AtomicFiles.isTemporary(left.get(0).getFileName().toString()), left::toString);
        assertEquals(HALF, Files.readString(left.get(0)));

        AtomicFiles.sweep(tmp);
        assertEquals(List.of(), others(claims));
        assertEquals(OLD, Files.readString(claims));
    }

    @Test
    void aWriterThatFailsMidWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path claims = tmp.resolve("claims.json");
        Files.writeString(claims, OLD);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(claims, out -> {
            out.write(HALF.getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        }));
        assertEquals("No space left on device", e.getMessage());
        assertEquals(OLD, Files.readString(claims));
        assertEquals(List.of(), others(claims));

        AtomicFiles.writeString(claims, "[1]\n");
        assertEquals("[1]\n", Files.readString(claims));
        assertEquals(List.of(), others(claims));
    }

    private List<Path> others(Path file) throws IOException {
        try (Stream<Path> s = Files.list(file.getParent())) {
            return s.filter(p -> !p.equals(file)).toList();
        }
    }
}
