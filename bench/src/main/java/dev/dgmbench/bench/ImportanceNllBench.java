package dev.dgmbench.bench;

import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.metrics.likelihood.ImportanceWeightedNll;
import dev.dgmbench.models.prior.StandardNormal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * (c) The importance-weighted NLL (IWAE bound, standard-normal prior) of the digits VAE (M=256, L=50, untrained
 * weights: the cost does not depend on their values): {@code batch8} is 8 images x K samples (one decoder call of
 * 8K rows at K=1000); {@code testSet} is the whole 447-image test set, single shot.
 */
@State(Scope.Benchmark)
@Fork(1)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ImportanceNllBench {
    @Param({"1000"})
    public int k = 1000;
    @Param({"fused", "samediff"})
    public String engine = "fused";

    VaeModel vae;
    ImageSet test, eight;

    @Setup(Level.Trial)
    public void setUp() {
        vae = BenchFixtures.vae(engine, 256, 50);
        test = BenchFixtures.test();
        eight = test.head(8);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public double batch8() {
        return nll(eight);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 1)
    @Measurement(iterations = 3)
    public double testSet() {
        return nll(test);
    }

    private double nll(ImageSet data) {
        return ImportanceWeightedNll.estimate(vae, data, List.of(StandardNormal.INSTANCE), k,
                ImportanceWeightedNll.defaultChunk(k), BenchFixtures.SEED).get(0).nll();
    }
}
