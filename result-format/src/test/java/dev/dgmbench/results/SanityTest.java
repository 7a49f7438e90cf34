package dev.dgmbench.results;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each check at its threshold (docs/validity.md, "Sanity warnings"), on runs built by hand. */
class SanityTest {
    private static RunResult run(String id, Map<String, Double> model, Map<String, Map<String, Double>> samplers,
                                 List<EpochRecord> history) {
        RunInfo info = new RunInfo(id, "s", "d", Map.of(), 1, "cpu", RunStatus.OK, null, Map.of(), "t0", "t1");
        return new RunResult(info, new RunMetrics(model, samplers), history, Map.of(), Map.of(), null, Map.of(), "x");
    }

    private static EpochRecord epoch(int i, double valLoss) {
        return new EpochRecord(i, valLoss, 0, 0, valLoss, 0, 0, 1);
    }

    private static List<Sanity.Check> checks(RunResult r) {
        return Sanity.of(r).stream().map(Sanity.Finding::check).toList();
    }

    @Test
    void aHealthyRunPassesEveryCheck() {
        RunResult ok = run("ok", Map.of("kl", 12.0, "epochs", 30.0, "best_epoch", 25.0, "nce_accuracy", 0.7),
                Map.of("prior", Map.of("frechet", 40.0)), List.of(epoch(1, 120), epoch(2, 100), epoch(3, 101)));
        assertEquals(List.of(), Sanity.of(ok));
    }

    @Test
    void eachCheckAtItsThreshold() {
        assertEquals(List.of(Sanity.Check.POSTERIOR_COLLAPSE), checks(run("a", Map.of("kl", 2.30), Map.of(), List.of())));
        assertEquals(List.of(), checks(run("a", Map.of("kl", 2.31), Map.of(), List.of())), "ln 10 = 2.3026");
        // 0.05% better than epoch 1 is no improvement; 0.2% is
        assertEquals(List.of(Sanity.Check.NO_IMPROVEMENT), checks(run("b", Map.of(), Map.of(), List.of(epoch(1, 100), epoch(2, 99.95)))));
        assertEquals(List.of(), checks(run("b", Map.of(), Map.of(), List.of(epoch(1, 100), epoch(2, 99.8)))));
        assertEquals(List.of(Sanity.Check.STOPPED_AT_CAP), checks(run("c", Map.of("epochs", 3.0, "best_epoch", 3.0), Map.of(), List.of())));
        assertEquals(List.of(), checks(run("c", Map.of("epochs", 5.0, "best_epoch", 3.0), Map.of(), List.of())), "early stopped");
        assertEquals(List.of(Sanity.Check.NCE_SEPARABLE), checks(run("d", Map.of("nce_accuracy", 0.995), Map.of(), List.of())));
        RunResult nan = run("e", Map.of("nll", Double.NaN, "kl", 5.0), Map.of("sir", Map.of("kid", Double.POSITIVE_INFINITY)), List.of());
        assertEquals(List.of(Sanity.Check.NON_FINITE), checks(nan));
        assertEquals("2 of 3 metrics NaN or infinite", Sanity.of(nan).get(0).detail());
    }

    @Test
    void separabilityTouchesOnlyTheNcePriorsClaims() {
        assertTrue(Sanity.touches(Sanity.Check.NCE_SEPARABLE, "nll_nce", false));
        assertTrue(Sanity.touches(Sanity.Check.NCE_SEPARABLE, "frechet", true));
        assertFalse(Sanity.touches(Sanity.Check.NCE_SEPARABLE, "frechet", false));
        assertFalse(Sanity.touches(Sanity.Check.NCE_SEPARABLE, "nll", false));
        assertTrue(Sanity.touches(Sanity.Check.POSTERIOR_COLLAPSE, "nll", false));
    }

    @Test
    void summarizedPerCheckWithTheFirstRunsNumbers() {
        List<RunResult> runs = List.of(run("r1", Map.of("kl", 0.5), Map.of(), List.of()),
                run("r2", Map.of("kl", 0.7), Map.of(), List.of()), run("r3", Map.of("kl", 9.0), Map.of(), List.of()));
        assertEquals(List.of("A: posterior collapse in 2 of 3 runs (r1: KL 0.500 nats < ln 10 = 2.30; and 1 more)"),
                Sanity.summarize("A: ", runs, c -> true));
        assertEquals(List.of(), Sanity.summarize("A: ", runs, c -> c != Sanity.Check.POSTERIOR_COLLAPSE));
    }
}
