package dev.dgmbench.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** TOST against SciPy and against the one-sided Welch tests it is made of. */
class EquivalenceTest {
    static final double[] SUITE = {684.1, 685.9, 683.2, 686.0, 682.8};
    static final double[] REFERENCE = {676.2, 675.5, 677.9, 676.1, 677.3};

    @Test
    void aDifferenceOfEightNatsIsBeyondATwoNatMargin() {
        // scipy.stats.t with Welch's df: d 7.8, se 0.79687, df 6.8891, p_tost 0.99991, p_beyond 8.9541e-05
        Equivalence e = Equivalence.tost(SUITE, REFERENCE, 2.0);
        assertEquals(7.8, e.difference(), 1e-9);
        assertEquals(0.7968688725254542, e.se(), 1e-12);
        assertEquals(6.8890549919913715, e.df(), 1e-9);
        assertEquals(0.9999104588943858, e.pEquivalent(), 1e-9);
        assertEquals(8.95411056141819e-05, e.pBeyond(), 1e-9);
    }

    @Test
    void aSmallShiftIsEquivalent() {
        double[] shifted = new double[REFERENCE.length];
        for (int i = 0; i < shifted.length; i++) shifted[i] = REFERENCE[i] + 0.3;
        Equivalence e = Equivalence.tost(shifted, REFERENCE, 2.0);
        assertEquals(0.01238006694491296, e.pEquivalent(), 1e-9);   // scipy
        assertEquals(0.987619933055087, e.pBeyond(), 1e-9);
    }

    @Test
    void tostIsTheLargerOfTwoOneSidedWelchTestsOnTheShiftedGroup() {
        double m = 1.5;
        double[] plus = new double[SUITE.length], minus = new double[SUITE.length];
        for (int i = 0; i < SUITE.length; i++) {
            plus[i] = SUITE[i] - 7 + m;
            minus[i] = SUITE[i] - 7 - m;
        }
        double[] shifted = new double[SUITE.length];
        for (int i = 0; i < SUITE.length; i++) shifted[i] = SUITE[i] - 7;
        double low = TwoGroupTest.run(TestKind.WELCH, plus, REFERENCE, Alternative.GREATER).pOneSided();
        double high = TwoGroupTest.run(TestKind.WELCH, minus, REFERENCE, Alternative.LESS).pOneSided();
        assertEquals(Math.max(low, high), Equivalence.tost(shifted, REFERENCE, m).pEquivalent(), 1e-9);
    }

    @Test
    void summariesGiveWhatTheValuesGiveAndPooledSdIsHandComputed() {
        Equivalence v = Equivalence.tost(SUITE, REFERENCE, 2.0);
        Equivalence s = Equivalence.tost(Equivalence.mean(SUITE), Equivalence.sd(SUITE), 5,
                Equivalence.mean(REFERENCE), Equivalence.sd(REFERENCE), 5, 2.0);
        assertEquals(v.pEquivalent(), s.pEquivalent(), 0.0);
        // sds 1 and 3 with 3 and 5 values: sqrt((2 * 1 + 4 * 9) / 6)
        assertEquals(Math.sqrt(38.0 / 6), Equivalence.pooledSd(1, 3, 3, 5), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Equivalence.tost(1, 1, 1, 1, 1, 5, 2));
        assertThrows(IllegalArgumentException.class, () -> Equivalence.tost(SUITE, REFERENCE, 0));
    }

    @Test
    void constantGroupsAreJudgedByTheExactDifference() {
        assertEquals(0.0, Equivalence.tost(new double[]{5, 5}, new double[]{4, 4}, 2).pEquivalent());
        assertEquals(0.0, Equivalence.tost(new double[]{9, 9}, new double[]{4, 4}, 2).pBeyond());
    }
}
