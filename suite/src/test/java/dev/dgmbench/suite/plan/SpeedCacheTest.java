package dev.dgmbench.suite.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A speed-cache entry is used only when a core could have that speed; anything else is measured again. */
class SpeedCacheTest {
    @TempDir
    Path dir;

    @Test
    void implausibleEntriesAreIgnoredAndPlausibleOnesRead() throws IOException {
        SpeedCache cache = new SpeedCache(dir);
        cache.put("cpu|fused|a", 3.5e9);
        assertEquals(Optional.of(3.5e9), cache.get("cpu|fused|a"));
        // a hand edit or a damaged file: each would make explain print absurd durations ("2562047788015215h30m")
        Files.writeString(dir.resolve(SpeedCache.FILE), "tiny=1e-300\nzero=0\nnegative=-5e9\nnan=NaN\nhuge=1e300\ntext=fast\n"
                + "slowest=1e6\nfastest=1e13\n");
        for (String key : new String[]{"tiny", "zero", "negative", "nan", "huge", "text"}) {
            assertEquals(Optional.empty(), cache.get(key), key);
        }
        assertEquals(Optional.of(1e6), cache.get("slowest"));
        assertEquals(Optional.of(1e13), cache.get("fastest"));
    }
}
