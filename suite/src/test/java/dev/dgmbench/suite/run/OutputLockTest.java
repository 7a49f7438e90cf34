package dev.dgmbench.suite.run;

import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of {@link OutputLock}, in one JVM: who may take a folder, who must wait, which records are stale. */
class OutputLockTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream said = new ByteArrayOutputStream();
    private final PrintStream messages = new PrintStream(said, true, StandardCharsets.UTF_8);

    @Test
    void theHolderIsRecordedTheLockIsReentrantAndReleasingRemovesTheFile() throws Exception {
        Path folder = tmp.resolve("study");
        try (OutputLock outer = OutputLock.acquire(folder, Duration.ZERO, messages)) {
            OutputLock.Holder h = OutputLock.holder(folder);
            assertEquals(ProcessHandle.current().pid(), h.pid());
            assertEquals(OutputLock.Holder.current().host(), h.host());
            try (OutputLock inner = OutputLock.acquire(folder, Duration.ZERO, messages)) {
                assertSame(outer, inner, "the same thread takes its own lock again");
            }
            assertTrue(Files.exists(folder.resolve(OutputLock.FILE)), "still held by the outer use");
        }
        assertFalse(Files.exists(folder.resolve(OutputLock.FILE)));
        assertEquals("", said.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anotherThreadWaitsAndGivesUpAfterItsTimeNamingTheHolder() throws Exception {
        Path folder = tmp.resolve("study");
        try (OutputLock held = OutputLock.acquire(folder, Duration.ZERO, messages)) {
            OutputLock.Holder h = OutputLock.holder(folder);
            long t0 = System.nanoTime();
            ExecutionException e = assertThrows(ExecutionException.class, () -> CompletableFuture.runAsync(() -> {
                try (OutputLock other = OutputLock.acquire(folder, Duration.ofSeconds(1), messages)) {
                    throw new AssertionError("got a held lock");
                } catch (InterruptedException ie) {
                    throw new AssertionError(ie);
                }
            }).get(30, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(1000), "waited its second");
            OutputLock.Busy busy = assertInstanceOf(OutputLock.Busy.class, e.getCause());
            assertInstanceOf(BadInputException.class, busy);
            String holder = "pid " + h.pid() + " on host " + h.host() + ", started " + h.since();
            assertEquals(folder + ": in use by another run (" + holder + ") after waiting 1 s; allowed: one run per"
                    + " output folder at a time (choose another --out)", busy.getMessage());
            assertEquals("waiting for " + folder + ": in use by another run (" + holder + "); this run goes on from"
                    + " its results once it ends (--no-wait refuses instead)\n", said.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLockLeftByADeadProcessOfThisHostIsTakenOver() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertEquals(0, p.waitFor());
        Path folder = tmp.resolve("study");
        String since = "2026-01-01T00:00:00Z";
        record(folder, new OutputLock.Holder(p.pid(), OutputLock.Holder.current().host(), null, since));

        try (OutputLock l = OutputLock.acquire(folder, Duration.ZERO, messages)) {
            assertEquals(ProcessHandle.current().pid(), OutputLock.holder(folder).pid());
        }
        assertEquals("note: " + folder + " was locked by pid " + p.pid() + " on host " + OutputLock.Holder.current().host()
                + ", started " + since + ", which is no longer running; taking the lock over\n", said.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPidNowUsedByAnotherProcessIsStaleTooButALiveRecordedHolderIsNot() throws Exception {
        ProcessHandle live = ProcessHandle.current().parent().orElseThrow();
        String host = OutputLock.Holder.current().host();
        Path reused = tmp.resolve("reused");
        record(reused, new OutputLock.Holder(live.pid(), host, "2000-01-01T00:00:00Z", "2000-01-01T00:00:01Z"));
        try (OutputLock l = OutputLock.acquire(reused, Duration.ZERO, messages)) {
            assertTrue(said.toString(StandardCharsets.UTF_8).contains("which is no longer running"));
        }

        // A holder whose record is right (same pid, same start) is alive even where no OS lock shows (NFS without locks).
        Path alive = tmp.resolve("alive");
        String start = live.info().startInstant().map(Instant::toString).orElseThrow();
        record(alive, new OutputLock.Holder(live.pid(), host, start, "2026-01-01T00:00:00Z"));
        OutputLock.Busy busy = assertThrows(OutputLock.Busy.class, () -> OutputLock.acquire(alive, Duration.ZERO, messages));
        assertEquals(alive + ": in use by another run (pid " + live.pid() + " on host " + host + ", started"
                + " 2026-01-01T00:00:00Z); allowed: one run per output folder at a time (run again without --no-wait to"
                + " wait for it, or choose another --out)", busy.getMessage());
    }

    @Test
    void aRecordOfAnotherHostIsNeverTakenOverButATornRecordIsNobodys() throws Exception {
        Path elsewhere = tmp.resolve("elsewhere");
        record(elsewhere, new OutputLock.Holder(12345, "other-host.example", null, "2026-01-01T00:00:00Z"));
        OutputLock.Busy busy = assertThrows(OutputLock.Busy.class, () -> OutputLock.acquire(elsewhere, Duration.ZERO, messages));
        assertTrue(busy.getMessage().startsWith(elsewhere + ": in use by another run (pid 12345 on host other-host.example,"
                + " started 2026-01-01T00:00:00Z); if that run has ended, delete " + elsewhere.resolve(OutputLock.FILE)
                + "; allowed: "), busy.getMessage());

        Path torn = tmp.resolve("torn");
        Files.createDirectories(torn);
        Files.writeString(torn.resolve(OutputLock.FILE), "{\"host\": \"x\", \"pid\": 12");
        try (OutputLock l = OutputLock.acquire(torn, Duration.ZERO, messages)) {
            assertEquals(ProcessHandle.current().pid(), OutputLock.holder(torn).pid());
        }
        assertEquals("", said.toString(StandardCharsets.UTF_8), "a torn record is taken silently");
    }

    private static void record(Path folder, OutputLock.Holder h) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(OutputLock.FILE), CanonicalJson.canonical(h));
    }
}
