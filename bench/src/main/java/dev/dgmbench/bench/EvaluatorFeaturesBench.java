package dev.dgmbench.bench;

import dev.dgmbench.metrics.evaluator.EvaluatorConfig;
import dev.dgmbench.metrics.evaluator.EvaluatorNetwork;
import dev.dgmbench.models.data.Splits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * (e) The evaluator network's feature pass (D -> 128 -> 128, LeakyReLU; the default EvaluatorConfig width) on
 * the 447 test images, including the int[][] -> float[] -> double[][] conversions {@code features} does.
 * The network is trained for one epoch into a temporary cache: the pass costs the same for any weights.
 */
public class EvaluatorFeaturesBench extends BenchDefaults {
    EvaluatorNetwork net;
    int[][] images;
    Path cache;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Splits data = BenchFixtures.digits();
        EvaluatorConfig d = EvaluatorConfig.defaults();
        cache = Files.createTempDirectory("dgmbench-bench-evaluator");
        net = EvaluatorNetwork.trainOrLoad(cache, data,
                new EvaluatorConfig(d.hidden(), 1, 1, d.learningRate(), d.batchSize(), d.seed()));
        images = data.test().images();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (cache == null) return;
        try (Stream<Path> s = Files.walk(cache)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Benchmark
    public double features() {
        double[][] f = net.features(images);
        return f[0][0] + f[f.length - 1][f[0].length - 1];
    }
}
