package dev.dgmbench.engine.cuda;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The values of -Ddgmbench.cuda.sync against the driver's CU_CTX_SCHED_* flags (cuda.h: 0, 1, 2, 4). */
class CudaSyncFlagTest {
    @Test
    void namesMapToTheDriversFlags() {
        assertEquals(0, CudaDevice.syncFlag(null));
        assertEquals(0, CudaDevice.syncFlag(" "));
        assertEquals(0, CudaDevice.syncFlag("auto"));
        assertEquals(1, CudaDevice.syncFlag("spin"));
        assertEquals(2, CudaDevice.syncFlag("yield"));
        assertEquals(4, CudaDevice.syncFlag(" blocking "));
    }

    @Test
    void anotherValueIsRefusedNamingTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CudaDevice.syncFlag("sleep"));
        assertTrue(e.getMessage().contains("dgmbench.cuda.sync=sleep") && e.getMessage().contains("auto, spin, yield, blocking"),
                e.getMessage());
    }
}
