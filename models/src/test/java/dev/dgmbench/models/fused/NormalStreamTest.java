package dev.dgmbench.models.fused;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class NormalStreamTest {
    @Test
    void momentsAreThoseOfAStandardNormal() {
        int n = 1_000_001; // odd: the last draw comes from the cosine half alone
        float[] x = new NormalStream(3).next(n);
        double m1 = 0, m2 = 0, m4 = 0, beyond2 = 0;
        for (float v : x) {
            m1 += v;
            m2 += v * v;
            m4 += (double) v * v * v * v;
            if (Math.abs(v) > 2) beyond2++;
        }
        m1 /= n;
        m2 /= n;
        m4 /= n;
        assertEquals(0, m1, 5 * Math.sqrt(1.0 / n));
        assertEquals(1, m2, 5 * Math.sqrt(2.0 / n));
        assertEquals(3, m4, 5 * Math.sqrt(96.0 / n));
        assertEquals(0.0455, beyond2 / n, 5 * Math.sqrt(0.0455 * 0.9545 / n)); // P(|X| > 2)
    }

    @Test
    void sameSeedSameDrawsAndFillsContinueTheStream() {
        NormalStream a = new NormalStream(11), b = new NormalStream(11);
        assertArrayEquals(a.next(37), b.next(37));
        assertArrayEquals(a.next(8), b.next(8));
        assertFalse(java.util.Arrays.equals(new NormalStream(11).next(8), new NormalStream(12).next(8)));
        float[] first = new NormalStream(5).next(8), later;
        NormalStream c = new NormalStream(5);
        c.next(8);
        later = c.next(8);
        assertFalse(java.util.Arrays.equals(first, later));
    }
}
