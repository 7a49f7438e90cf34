package dev.dgmbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static double[] normal(int n, double mean, double sd, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + sd * r.nextGaussian();
        }
        return v;
    }

    @Test
    void sameSeedGivesSameIntervalAndItContainsTheMean() {
        double[] v = normal(40, 3.0, 2.0, 1);
        Bootstrap.Interval a = Bootstrap.percentileMeanCi(v, 42L);
        Bootstrap.Interval b = Bootstrap.percentileMeanCi(v, 42L);
        assertEquals(a, b);
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        assertTrue(a.contains(mean), a + " should contain " + mean);
        assertTrue(a.upper() - a.lower() > 0);
        assertEquals(0.95, a.level());
        assertEquals("bootstrap-percentile", a.method());
    }

    @Test
    void differentSeedsGiveSlightlyDifferentIntervals() {
        double[] v = normal(40, 0, 1, 2);
        Bootstrap.Interval a = Bootstrap.percentileMeanCi(v, 1L);
        Bootstrap.Interval b = Bootstrap.percentileMeanCi(v, 2L);
        assertNotEquals(a.lower(), b.lower());
        // Monte-Carlo error with 10000 resamples is far below the interval width.
        assertEquals(a.lower(), b.lower(), 0.05 * (a.upper() - a.lower()));
        assertEquals(a.upper(), b.upper(), 0.05 * (a.upper() - a.lower()));
    }

    @Test
    void singleValueGivesPointInterval() {
        Bootstrap.Interval ci = Bootstrap.percentileMeanCi(new double[] {7.5}, 3L);
        assertEquals(7.5, ci.lower());
        assertEquals(7.5, ci.upper());
    }

    @Test
    void constantValuesGivePointInterval() {
        Bootstrap.Interval ci = Bootstrap.percentileMeanCi(new double[] {2, 2, 2, 2}, 3L);
        assertEquals(2, ci.lower(), 1e-12);
        assertEquals(2, ci.upper(), 1e-12);
    }

    @Test
    void tIntervalMatchesHandFormula() {
        double[] v = {4.1, 5.3, 2.2, 6.8, 5.0, 3.9};
        int n = v.length;
        double mean = (4.1 + 5.3 + 2.2 + 6.8 + 5.0 + 3.9) / n;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double se = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        double tq = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        assertEquals(2.570581836, tq, 1e-8); // t_{0.975,5} from tables
        Bootstrap.Interval ci = Bootstrap.tMeanCi(v, 0.95);
        assertEquals(mean - tq * se, ci.lower(), 1e-12);
        assertEquals(mean + tq * se, ci.upper(), 1e-12);
        assertEquals("t", ci.method());
    }

    @Test
    void bootstrapAgreesWithTIntervalForNormalData() {
        double[] v = normal(200, 10, 3, 5);
        Bootstrap.Interval boot = Bootstrap.percentileMeanCi(v, 9L);
        Bootstrap.Interval t = Bootstrap.tMeanCi(v, 0.95);
        double width = t.upper() - t.lower();
        assertEquals(t.lower(), boot.lower(), 0.1 * width);
        assertEquals(t.upper(), boot.upper(), 0.1 * width);
    }

    @Test
    void higherLevelGivesWiderInterval() {
        double[] v = normal(30, 0, 1, 6);
        Bootstrap.Interval ci90 = Bootstrap.percentileMeanCi(v, 0.90, 4000, 1L);
        Bootstrap.Interval ci99 = Bootstrap.percentileMeanCi(v, 0.99, 4000, 1L);
        assertTrue(ci99.lower() < ci90.lower() && ci99.upper() > ci90.upper());
    }

    @Test
    void coverageOfTrueMeanIsNearNominal() {
        int trials = 300;
        int hits = 0;
        for (int t = 0; t < trials; t++) {
            double[] v = normal(30, 1.0, 2.0, 1000 + t);
            if (Bootstrap.percentileMeanCi(v, 0.95, 2000, t).contains(1.0)) {
                hits++;
            }
        }
        double coverage = hits / (double) trials;
        // The percentile bootstrap slightly under-covers at n = 30; the band allows that plus binomial noise.
        assertTrue(coverage > 0.88 && coverage < 0.99, "coverage " + coverage);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.percentileMeanCi(new double[0], 1L));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.percentileMeanCi(new double[] {1, Double.NaN}, 1L));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.percentileMeanCi(new double[] {1, 2}, 1.0, 100, 1L));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.percentileMeanCi(new double[] {1, 2}, 0.9, 0, 1L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.tMeanCi(new double[] {1}, 0.95));
        assertTrue(e.getMessage().contains("1 value") && e.getMessage().contains("at least 2"), e.getMessage());
    }
}
