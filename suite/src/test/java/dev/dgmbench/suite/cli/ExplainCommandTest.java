package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.run.E2E;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code explain} through the CLI: the probe's speed and the worker count in words, no internal objects. */
class ExplainCommandTest {
    /** What a record's or an object's toString looks like: {@code CostModel[a=1, ...]}, {@code Foo@1b6d3586}. */
    private static final Pattern OBJECT_TEXT = Pattern.compile("[A-Z]\\w*\\[\\w+=|\\w@[0-9a-f]{5,}|Record\\[");

    @Test
    void explainEstimatesTheWallTimeWithTheWorkersAndTheMeasuredSpeed() {
        E2E.Result r = E2E.cli("explain", "quick", "--workers", "2");
        assertEquals(Main.OK, r.code(), r::toString);
        assertTrue(r.out().contains("wall time for 6 run(s) with 2 worker(s)"), r::toString);
        assertTrue(r.out().contains("measured now by") && r.out().contains("on engine fused"), r::toString);
        assertFalse(OBJECT_TEXT.matcher(r.out()).find(), () -> "internal object text in:\n" + r.out());

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
