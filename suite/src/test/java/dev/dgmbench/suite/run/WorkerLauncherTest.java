package dev.dgmbench.suite.run;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The heap a worker gets: a single run's 1 GiB old generation and small young generation, once per concurrent run. */
class WorkerLauncherTest {
    @Test
    void oneRunAtATimeKeepsTheSingleRunHeapAndSerialCollector() {
        WorkerLauncher w = WorkerLauncher.forThisJvm(false);
        assertSame(w, w.withConcurrentRuns(1));
        assertTrue(w.jvmArgs().containsAll(java.util.List.of("-Xmx1g", "-Xmn32m", "-XX:+UseSerialGC")), w.jvmArgs().toString());
    }

    @Test
    void concurrentRunsGetTheirHeapEachAndAParallelCollector() {
        var args = WorkerLauncher.forThisJvm(false).withConcurrentRuns(4).jvmArgs();
        assertTrue(args.contains("-Xmx4224m"), "4 x (1024 + 32) MiB: " + args);
        assertTrue(args.contains("-Xmn128m"), "4 x 32 MiB young: " + args);
        assertTrue(args.contains("-XX:+UseParallelGC"), args.toString());
        assertFalse(args.contains("-Xmx1g") || args.contains("-XX:+UseSerialGC"), args.toString());
        assertEquals(WorkerLauncher.forThisJvm(false).jvmArgs().size(), args.size(), "the other flags are kept");
    }
}
