package dev.dgmbench.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How long a 40-run study takes to push, push again and load; written to target/store-timing.txt. */
class PushTimingTest extends FreshSchemaTest {
    @Test
    void pushFortyRuns() throws Exception {
        config = TestPostgres.freshSchema("timing");
        int n = 40;
        Path folder = Synthetic.study(tmp.resolve("study"), "timing", n, "4040", "cpu-avx2");
        long bytes;
        try (Stream<Path> walk = Files.walk(folder)) {
            bytes = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        long t0 = System.nanoTime();
        ResultsStore store = ResultsStore.open(config);
        long t1 = System.nanoTime();
        PushReport first = store.push(folder);
        long t2 = System.nanoTime();
        PushReport second = store.push(folder);
        long t3 = System.nanoTime();
        StoredStudy loaded = store.load("timing", LoadFilter.latest(), tmp.resolve("loaded"));
        long t4 = System.nanoTime();
        store.history("timing", "nll");
        long t5 = System.nanoTime();
        assertEquals(n, first.added());
        assertEquals(n, second.existing());
        assertEquals(n, loaded.results().runs().size());
        String line = String.format(Locale.ROOT, "store timing: %d runs, %.1f MB of result files: open+migrate %.0f ms, "
                        + "first push %.0f ms (%.1f ms/run), repeated push %.0f ms, load %.0f ms, history %.0f ms%n",
                n, bytes / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t2 - t1) / 1e6 / n, (t3 - t2) / 1e6, (t4 - t3) / 1e6,
                (t5 - t4) / 1e6);
        System.out.print(line);
        Path out = Path.of("target", "store-timing.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, line, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
