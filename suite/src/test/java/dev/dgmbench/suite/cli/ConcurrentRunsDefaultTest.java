package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.backend.Backends;
import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How many runs a worker continues at once when the user does not say. */
class ConcurrentRunsDefaultTest {
    static final long GIB = 1L << 30;

    @Test
    void theCoresPerWorkerBoundedByWhatThreeQuartersOfTheMemoryHolds() {
        assertEquals(16, BackendCheck.concurrentRuns(16, 1, 128 * GIB), "an H100 machine: 16 cores, 128 GiB");
        assertEquals(8, BackendCheck.concurrentRuns(16, 2, 128 * GIB), "the cores shared by 2 workers");
        // 3/4 of 8 GiB = 6 GiB holds 5 runs of 1056 MiB
        assertEquals(5, BackendCheck.concurrentRuns(32, 1, 8 * GIB));
        assertEquals(1, BackendCheck.concurrentRuns(32, 1, GIB), "at least one");
        assertEquals(12, BackendCheck.concurrentRuns(12, 1, 0), "memory unknown: the cores");
    }

    @Test
    void anAskedCountWinsAndCpuBackendsContinueOneRunAtATime() {
        StudySpec quick = SpecLoader.loadShipped("quick", false);
        assertEquals(3, BackendCheck.concurrentRuns(quick, Backends.CPU_AVX2, 1, 3));
        assertEquals(1, BackendCheck.concurrentRuns(quick, Backends.CPU_AVX2, 1, null));
    }
}
