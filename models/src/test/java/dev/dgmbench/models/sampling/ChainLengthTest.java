package dev.dgmbench.models.sampling;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code steps: auto}: chains extend in blocks until the diagnostics pass or the cap is reached. On the tilted Gaussian
 * N(a, I), a = (3, 3, 3), with a small fixed step the chains need thousands of steps to forget their N(0, I) start
 * (50 steps fail, {@link SamplerDiagnosticsTest#aTinyFixedStepFarFromTheTargetIsFlagged}).
 */
class ChainLengthTest {
    static final double[] A = {3.0, 3.0, 3.0};

    static Map<String, Double> withoutTimes(Map<String, Double> d) {
        Map<String, Double> out = new HashMap<>(d);
        out.remove("steps_per_second");
        out.remove("steps_used");
        return out;
    }

    @Test
    void autoStopsAtTheFirstBlockThatPassesAndIsTheFixedRunOfThatLength() {
        Energy e = new Energy(SamplerDiagnosticsTest.linear(A));
        StepAdaptation adapt = StepAdaptation.none();
        SamplerOutput auto = new LangevinSampler(e, 3, ChainLength.auto(20_000), 0.05, 1.0, adapt).sample(300, 5);
        assertEquals(1.0, auto.diagnostics().get("converged"), auto.diagnostics().toString());
        int used = auto.diagnostics().get("steps_used").intValue();
        assertEquals(0, used % ChainLength.BLOCK);
        assertTrue(used > 100, "steps used " + used);
        assertEquals(used + 1, auto.traces().get("energy").length);

        SamplerOutput fixed = new LangevinSampler(e, 3, used, 0.05, 1.0, adapt).sample(300, 5);
        assertArrayEquals(fixed.z(), auto.z(), "the same draws");
        assertEquals(withoutTimes(fixed.diagnostics()), withoutTimes(auto.diagnostics()));
        assertArrayEquals(fixed.traces().get("energy"), auto.traces().get("energy"));
        assertFalse(fixed.diagnostics().containsKey("steps_used"), "fixed runs record what they always did");

        SamplerOutput shorter = new LangevinSampler(e, 3, used - ChainLength.BLOCK, 0.05, 1.0, adapt).sample(300, 5);
        assertEquals(0.0, shorter.diagnostics().get("converged"), "the block before did not pass");
        TiltedPriorTest.assertMoments(auto, A, 0.2, 1.0, 0.3, "auto langevin");
    }

    @Test
    void theCapStopsChainsThatHaveNotConvergedAndSaysSo() {
        Energy e = new Energy(SamplerDiagnosticsTest.linear(A));
        SamplerOutput out = new MalaSampler(e, 3, ChainLength.auto(250), 0.05, StepAdaptation.none()).sample(300, 5);
        assertEquals(0.0, out.diagnostics().get("converged"));
        assertEquals(250.0, out.diagnostics().get("steps_used"), "a cap off the block grid is still checked");
        assertEquals(251, out.traces().get("energy").length);
        SamplerOutput fixed = new MalaSampler(e, 3, 250, 0.05).sample(300, 5);
        assertArrayEquals(fixed.z(), out.z());
    }

    @Test
    void aLengthIsFixedOrAutoWithACap() {
        assertTrue(ChainLength.auto(600).auto());
        assertFalse(ChainLength.fixed(600).auto());
        assertThrows(IllegalArgumentException.class, () -> new ChainLength(100, 200));
        assertThrows(IllegalArgumentException.class, () -> ChainLength.auto(0));
    }
}
