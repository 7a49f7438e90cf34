package dev.dgmbench.engine.cuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Data sets stay on the device while unchanged; changed or small arrays are uploaded again; the budget holds. */
class ResidentArraysTest {
    private final HostDevice device = new HostDevice();

    private float[] read(Buffer b, int n) {
        float[] out = new float[n];
        device.download(b, 0, out, 0, n);
        return out;
    }

    @Test
    void aDataSetIsUploadedOnceAndAgainWhenItsContentsChange() {
        ResidentArrays cache = new ResidentArrays(device, 1L << 30);
        float[] data = new float[ResidentArrays.MIN_ELEMENTS * 2];
        java.util.Arrays.fill(data, 1f);
        Buffer first = cache.floats(data);
        assertSame(first, cache.floats(data), "unchanged: the same device copy");
        java.util.Arrays.fill(data, 2f); // a reused scratch array with new contents
        Buffer second = cache.floats(data);
        assertEquals(2f, read(second, data.length)[12345]);
    }

    @Test
    void smallArraysAreAlwaysFresh() {
        ResidentArrays cache = new ResidentArrays(device, 1L << 30);
        float[] small = {1, 2, 3};
        cache.floats(small);
        small[1] = 7; // a change a sampled fingerprint could miss: small arrays are re-uploaded every time
        assertArrayEquals(new float[]{1, 7, 3}, read(cache.floats(small), 3));
    }

    @Test
    void theOldestGoWhenTheBudgetIsFull() {
        int n = ResidentArrays.MIN_ELEMENTS;
        ResidentArrays cache = new ResidentArrays(device, 4L * n * 2); // room for two
        float[] a = new float[n], b = new float[n], c = new float[n];
        Buffer ba = cache.floats(a);
        cache.floats(b);
        cache.floats(c); // evicts a
        assertNotSame(ba, cache.floats(a), "a was evicted and uploaded again");
    }
}
