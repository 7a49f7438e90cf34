package dev.dgmbench.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against R's p.adjust (values worked by hand below, R 4.3 gives the same). */
class CorrectionTest {
    private static final double[] P = {0.01, 0.04, 0.03, 0.005};

    @Test
    void holmStepDown() {
        // sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04 -> running max 0.02, 0.03, 0.06, 0.06
        // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        assertArrayEquals(new double[]{0.03, 0.06, 0.06, 0.02}, Correction.HOLM.adjust(P), 1e-15);
    }

    @Test
    void benjaminiHochbergStepUp() {
        // sorted times 4/1, 4/2, 4/3, 4/4 = 0.02, 0.02, 0.04, 0.04 -> running min from the top: the same
        // p.adjust(c(0.01, 0.04, 0.03, 0.005), "BH") = 0.02 0.04 0.04 0.02
        assertArrayEquals(new double[]{0.02, 0.04, 0.04, 0.02}, Correction.BENJAMINI_HOCHBERG.adjust(P), 1e-15);
    }

    @Test
    void capsAtOneAndLeavesOneTestAlone() {
        assertArrayEquals(new double[]{1, 1}, Correction.HOLM.adjust(new double[]{0.6, 0.7}));
        assertArrayEquals(new double[]{0.7, 0.7}, Correction.BENJAMINI_HOCHBERG.adjust(new double[]{0.6, 0.7}));
        for (Correction c : Correction.values()) assertArrayEquals(new double[]{0.013}, c.adjust(new double[]{0.013}));
        assertArrayEquals(P, Correction.NONE.adjust(P));
    }

    @Test
    void namesAndBadInput() {
        assertEquals(Correction.BENJAMINI_HOCHBERG, Correction.parse(" Benjamini-Hochberg "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Correction.parse("bonf"));
        assertTrue(e.getMessage().contains("holm, benjamini-hochberg, none"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Correction.HOLM.adjust(new double[]{Double.NaN}));
    }
}
