package dev.dgmbench.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each test kind names the effect size its test computes, on spread data and on constant (degenerate) data. */
class TestKindTest {
    @Test
    void theKindsEffectSizeIsTheOneItsTestReports() {
        double[] a = {1.0, 2.5, 3.1, 4.2, 5.0}, b = {0.5, 1.1, 2.0, 2.2, 3.9};
        double[] c = {2, 2, 2, 2, 2};
        for (TestKind k : TestKind.values()) {
            assertEquals(k.effectSizeName(), TwoGroupTest.run(k, a, b).effectSizeName(), k.spec());
            assertEquals(k.effectSizeName(), TwoGroupTest.run(k, c, c).effectSizeName(), k.spec() + ", constant data");
        }
        assertEquals("hedges_g", TestKind.WELCH.effectSizeName());
        assertEquals("cliffs_delta", TestKind.WILCOXON.effectSizeName());
    }
}
