package dev.dgmbench.metrics.evaluator;

import dev.dgmbench.metrics.quality.SampleQuality;
import dev.dgmbench.metrics.quality.SampleQualityConfig;
import dev.dgmbench.models.data.DataSource;
import dev.dgmbench.models.data.Splits;
import dev.dgmbench.models.fused.FusedEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class EvaluatorNetworkTest {

    @Test
    void trainsOnceCachesAndJudgesRealAgainstNoise(@TempDir Path cache) throws Exception {
        Splits s = DataSource.digits().load();
        EvaluatorConfig cfg = new EvaluatorConfig(64, 15, 4, 2e-3, 64, 7);
        EvaluatorNetwork first = EvaluatorNetwork.trainOrLoad(cache, s, cfg, FusedEngine.java());
        assertTrue(first.testAccuracy() > 0.85, "test accuracy " + first.testAccuracy());
        assertEquals(first.testAccuracy(), first.accuracy(s.test().images(), s.test().labels()), 1e-12);
        try (var files = Files.list(cache)) {
            assertEquals(2, files.count(), "weights and accuracy are cached");
        }
        // A second call loads the cache: same accuracy, bit-identical features.
        EvaluatorNetwork again = EvaluatorNetwork.trainOrLoad(cache, s, cfg, FusedEngine.java());
        assertEquals(first.testAccuracy(), again.testAccuracy(), 0.0);
        int[][] real = s.test().images();
        assertArrayEquals(first.features(real)[5], again.features(real)[5], 0.0);

        // Two halves of the real test set are close; uniform noise images are far, spread over few classes.
        int[][] a = java.util.Arrays.copyOfRange(real, 0, 220), b = java.util.Arrays.copyOfRange(real, 220, 440);
        int[][] noise = new int[220][64];
        Random r = new Random(1);
        for (int[] img : noise) for (int j = 0; j < 64; j++) img[j] = r.nextInt(17);
        SampleQualityConfig q = new SampleQualityConfig(10, 100, 3, 5);
        Map<String, Double> same = SampleQuality.evaluate(first, a, b, null, 8, 8, 17, q, 1);
        Map<String, Double> far = SampleQuality.evaluate(first, a, noise, null, 8, 8, 17, q, 1);
        assertTrue(far.get("frechet") > 5 * same.get("frechet"), same + " vs " + far);
        assertTrue(far.get("kid") > 5 * same.get("kid"), same + " vs " + far);
        assertTrue(same.get("coverage") > 0.4 && far.get("coverage") < 0.1, same + " vs " + far);
        assertTrue(same.get("class_tv") < far.get("class_tv"), same + " vs " + far);
        assertEquals(220.0, same.get("n_generated"));
        assertFalse(same.containsKey("pixel_entropy"), "no decoder distributions given, no entropy");
    }
}
