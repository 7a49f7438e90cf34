package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.run.E2E;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code explain} through the CLI: the probe's speed and the worker count in words, no internal objects. */
class ExplainCommandTest {
    /** What a record's or an object's toString looks like: {@code CostModel[a=1, ...]}, {@code Foo@1b6d3586}. */
    private static final Pattern OBJECT_TEXT = Pattern.compile("[A-Z]\\w*\\[\\w+=|\\w@[0-9a-f]{5,}|Record\\[");

    @TempDir
    Path tmp;

    @Test
    void explainEstimatesTheWallTimeWithTheWorkersAndTheSpeedMeasuredOncePerMachine() throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", tmp.toString());
        E2E.Result r = SchedulerShardE2ETest.dgmbench(env, "explain", "quick", "--workers", "2");
        assertEquals(Main.OK, r.code(), r::toString);
        assertTrue(r.out().contains("wall time for 6 run(s) with 2 worker(s)"), r::toString);
        assertTrue(r.out().contains("measured now by") && r.out().contains("on engine fused"), r::toString);
        assertFalse(OBJECT_TEXT.matcher(r.out()).find(), () -> "internal object text in:\n" + r.out());
        assertTrue(Files.readString(tmp.resolve("dgmbench/speed.properties")).contains("|fused|64x17_128/16_CATEGORICAL_batch_64="));

        E2E.Result again = SchedulerShardE2ETest.dgmbench(env, "explain", "quick", "-q");
        assertEquals(Main.OK, again.code(), again::toString);
        assertTrue(again.out().contains("measured earlier on this machine"), again::toString);
        E2E.Result re = SchedulerShardE2ETest.dgmbench(env, "explain", "quick", "-q", "--recalibrate");
        assertTrue(re.out().contains("measured now by"), re::toString);

        E2E.Result q = E2E.cli("explain", "quick", "-q", "--no-probe", "--workers", "3");
        assertEquals(Main.OK, q.code(), q::toString);
        assertTrue(q.out().startsWith("estimated total: ") && q.out().contains("with 3 worker(s)"), q::toString);
        assertFalse(q.out().contains("beta=0.2_seed=1") || q.out().contains("claims:"), q::toString);
        assertTrue(q.out().contains("uncalibrated constants (--no-probe)"), q::toString);
    }

    @Test
    void badWorkersExitTwo() {
        E2E.Result r = E2E.cli("explain", "quick", "--workers", "0", "--no-probe");
        assertEquals(Main.BAD_INPUT, r.code(), r::toString);
        assertTrue(r.err().contains("--workers 0") && r.err().contains("at least 1"), r::toString);
    }
}
