package dev.dgmbench.store;

import dev.dgmbench.results.RunResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CI shards pushing at once, to a store none of them has created yet. */
class ConcurrentPushTest extends FreshSchemaTest {
    @Test
    void shardsPushingOverlappingRunSetsAtOnceStoreEveryRunExactlyOnce() throws Exception {
        config = TestPostgres.freshSchema("shards");
        String study = "sharded";
        int n = 16;
        List<RunResult> all = Synthetic.runs(study, n, "5555", "cpu-avx2", "ci-1");
        // three shards: 0..9, 6..15 and everything, so every run is pushed by two or three of them
        List<Path> shards = List.of(
                Synthetic.write(tmp.resolve("a"), Synthetic.info(study, n), all.subList(0, 10), null),
                Synthetic.write(tmp.resolve("b"), Synthetic.info(study, n), all.subList(6, 16), null),
                Synthetic.write(tmp.resolve("c"), Synthetic.info(study, n), all, Synthetic.claims()));

        ExecutorService pool = Executors.newFixedThreadPool(shards.size());
        CyclicBarrier start = new CyclicBarrier(shards.size());
        try {
            List<Future<PushReport>> futures = new ArrayList<>();
            for (Path shard : shards) {
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    ResultsStore store = ResultsStore.open(config); // all three migrate the fresh schema at once
                    // hold each run's transaction open a moment so the shards really overlap
                    return store.push(shard, (c, run, i) -> sleep(15));
                }));
            }
            int added = 0, existing = 0;
            for (int k = 0; k < futures.size(); k++) {
                PushReport r = futures.get(k).get(120, TimeUnit.SECONDS);
                assertEquals(r.added() + r.existing(), r.runs(), r.toString());
                assertTrue(r.differing().isEmpty(), r.toString());
                added += r.added();
                existing += r.existing();
            }
            assertEquals(n, added, "every run added by exactly one shard");
            assertEquals(10 + 10 + 16 - n, existing);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(n, StoreChecks.assertConsistent(config));
        assertEquals(n, StoreChecks.count(config, "SELECT count(*) FROM run"));
        assertEquals(3, StoreChecks.count(config, "SELECT count(*) FROM push WHERE finished_at IS NOT NULL"));
        assertEquals("2", ResultsStore.open(config).schemaVersion());

        // the store now holds the whole study, equal to the full folder (claims from the push that had all runs)
        StoredStudy loaded = ResultsStore.open(config).load(study, LoadFilter.latest(), tmp.resolve("loaded"));
        StoreChecks.assertSameStudy(shards.get(2), loaded.results().folder());

        // and a second round of all shards at once changes nothing
        ExecutorService again = Executors.newFixedThreadPool(shards.size());
        try {
            List<Future<PushReport>> futures = new ArrayList<>();
            ResultsStore store = ResultsStore.open(config);
            for (Path shard : shards) futures.add(again.submit(() -> store.push(shard)));
            for (Future<PushReport> f : futures) assertEquals(0, f.get(120, TimeUnit.SECONDS).added());
        } finally {
            again.shutdownNow();
        }
        assertEquals(n, StoreChecks.count(config, "SELECT count(*) FROM run"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
