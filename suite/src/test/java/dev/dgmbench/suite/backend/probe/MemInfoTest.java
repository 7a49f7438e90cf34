package dev.dgmbench.suite.backend.probe;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemInfoTest {
    @Test
    void memTotalInKibibytesBecomesBytes() {
        assertEquals(24_607_440L * 1024, MemInfo.totalBytes(List.of("MemFree:  1000 kB", "MemTotal:       24607440 kB")));
    }

    @Test
    void aMissingOrGarbledLineIsUnknown() {
        assertEquals(0, MemInfo.totalBytes(List.of("MemFree: 1000 kB")));
        assertEquals(0, MemInfo.totalBytes(List.of("MemTotal: lots kB")));
        assertEquals(0, MemInfo.totalBytes(List.of()));
    }

    @Test
    void thisMachineSaysSomethingPlausibleOrNothing() {
        long total = MemInfo.totalBytes();
        assertTrue(total == 0 || total > (256L << 20), "total " + total);
    }
}
