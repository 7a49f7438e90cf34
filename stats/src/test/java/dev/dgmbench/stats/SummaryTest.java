package dev.dgmbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void descriptiveFieldsMatchHandValues() {
        double[] v = {2, 4, 4, 4, 5, 5, 7, 9};
        Summary s = Summary.of(v, 11L);
        assertEquals(8, s.n());
        assertEquals(5.0, s.mean(), 1e-12);
        // Sum of squared deviations is 32, so the n-1 sd is sqrt(32 / 7).
        assertEquals(Math.sqrt(32.0 / 7), s.sd(), 1e-12);
        assertEquals(2, s.min());
        assertEquals(9, s.max());
        assertEquals(0.95, s.ciLevel());
        assertEquals("bootstrap-percentile", s.ciMethod());
        assertTrue(s.ciLower() < 5 && s.ciUpper() > 5);
        assertEquals(s, Summary.of(v, 11L));
        assertEquals(Bootstrap.percentileMeanCi(v, 11L), s.ci());
    }

    @Test
    void levelAndResamplesAreConfigurable() {
        double[] v = {1, 3, 2, 5, 4, 6, 2, 3};
        Summary s = Summary.of(v, 0.8, 2000, 3L);
        assertEquals(0.8, s.ciLevel());
        assertEquals(Bootstrap.percentileMeanCi(v, 0.8, 2000, 3L), s.ci());
    }

    @Test
    void singleValue() {
        Summary s = Summary.of(new double[] {3.25}, 1L);
        assertEquals(1, s.n());
        assertEquals(3.25, s.mean());
        assertEquals(0, s.sd());
        assertEquals(3.25, s.ciLower());
        assertEquals(3.25, s.ciUpper());
    }

    @Test
    void tIntervalVariant() {
        double[] v = {1, 2, 3, 4};
        Summary s = Summary.withTInterval(v, 0.9);
        assertEquals("t", s.ciMethod());
        assertEquals(Bootstrap.tMeanCi(v, 0.9), s.ci());
    }
}
