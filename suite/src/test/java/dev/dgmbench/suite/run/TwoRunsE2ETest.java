package dev.dgmbench.suite.run;

import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two {@code run}s of one spec into one output folder at once, as two processes: one runs the study, the other waits
 * for it and then finds every run done; with {@code --no-wait} the second refuses at once (exit 2) naming the
 * holder. Either way the folder ends up with the uninterrupted study's digests.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TwoRunsE2ETest extends ReferenceStudy {

    @Test
    void twoRunsAtOnceOneRunsTheOtherWaitsThenResumesFromItsResults() throws Exception {
        Path out = tmp.resolve("both");
        Path logA = tmp.resolve("a.log"), logB = tmp.resolve("b.log");
        Process a = E2E.startRun(spec, out, logA), b = E2E.startRun(spec, out, logB);
        assertEquals(Main.OK, exit(a, logA));
        assertEquals(Main.OK, exit(b, logB));

        String la = Files.readString(logA), lb = Files.readString(logB);
        boolean aWaited = la.contains("waiting for " + out + ": in use by another run (pid " + b.pid() + " on host ");
        boolean bWaited = lb.contains("waiting for " + out + ": in use by another run (pid " + a.pid() + " on host ");
        assertNotEquals(aWaited, bWaited, () -> "exactly one waits for the other\n--- a\n" + la + "\n--- b\n" + lb);
        String ran = aWaited ? lb : la, waited = aWaited ? la : lb;
        assertTrue(ran.contains("tiny: 4 runs planned, 0 already done, 4 to run"), ran);
        assertTrue(waited.contains("tiny: 4 runs planned, 4 already done, 0 to run"), waited);

        E2E.assertSameResults(reference, out);
        assertEquals(Files.readString(reference.resolve(StudyResults.CLAIMS)), Files.readString(out.resolve(StudyResults.CLAIMS)));
        assertEquals(E2E.RUN_IDS, E2E.runEntries(out));
        assertFalse(Files.exists(out.resolve(OutputLock.FILE)), "released by both");
    }

    @Test
    void withNoWaitTheSecondRunRefusesAtOnceNamingTheHolder() throws Exception {
        Path out = tmp.resolve("nowait");
        Path log = tmp.resolve("nowait.log");
        Process holder = E2E.startRun(spec, out, log, "--quiet");
        E2E.await(holder, log, "the study took the lock", () -> OutputLock.holder(out) != null);
        OutputLock.Holder h = OutputLock.holder(out);
        assertEquals(holder.pid(), h.pid());

        long t0 = System.nanoTime();
        E2E.Result refused = E2E.cli("run", spec.toString(), "--out", out.toString(), "--quiet", "--no-report", "--no-wait");
        assertEquals(Main.BAD_INPUT, refused.code(), refused::toString);
        assertEquals("error: " + out + ": in use by another run (pid " + holder.pid() + " on host " + h.host()
                + ", started " + h.since() + "); allowed: one run per output folder at a time (run again without"
                + " --no-wait to wait for it, or choose another --out)\n", refused.err());
        assertEquals("", refused.out());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "refused at once");
        assertTrue(holder.isAlive(), "the check ran while the study held the folder");

        assertEquals(Main.OK, exit(holder, log));
        E2E.assertSameResults(reference, out);
        assertFalse(Files.exists(out.resolve(OutputLock.FILE)));
    }

    private static int exit(Process p, Path log) throws InterruptedException, IOException {
        if (!p.waitFor(4, TimeUnit.MINUTES)) {
            StudyRunE2ETest.killTree(p);
            fail("still running after 4 min\n" + Files.readString(log));
        }
        return p.exitValue();
    }
}
