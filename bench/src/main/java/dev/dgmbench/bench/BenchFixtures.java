package dev.dgmbench.bench;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.Engines;
import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.Likelihood;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.models.data.DataSource;
import dev.dgmbench.models.data.Splits;
import dev.dgmbench.engine.Noise;

import java.util.Random;

/** Shared set-up of the benchmarks: the digits splits and a seeded beta-VAE on the engine under test. */
final class BenchFixtures {
    static final long SEED = 20240601L;

    private static Splits digits;

    private BenchFixtures() {
    }

    static synchronized Splits digits() {
        if (digits == null) digits = DataSource.digits().load();
        return digits;
    }

    static ImageSet train() {
        return ImageSet.of(digits().train());
    }

    static ImageSet validation() {
        return ImageSet.of(digits().validation());
    }

    static ImageSet test() {
        return ImageSet.of(digits().test());
    }

    static VaeShape shape(int hidden, int latent) {
        Splits d = digits();
        return new VaeShape(d.train().pixelsPerImage(), d.train().levels(), hidden, latent, Likelihood.CATEGORICAL, 1.0);
    }

    /** A seeded VAE on the named engine, ready to train with Adam 1e-3. */
    static VaeModel vae(String engine, int hidden, int latent) {
        VaeShape s = shape(hidden, latent);
        VaeModel m = engine(engine).vae(s, VaeWeights.glorot(s, SEED));
        m.startTraining(OptimizerSpec.adam(1e-3));
        return m;
    }

    static Engine engine(String name) {
        return Engines.create(name);
    }

    /** The first n rows of train followed by validation (1350 rows in all) with noise rows [n, L]. */
    static ImageSet rows(int n) {
        ImageSet tr = train(), va = validation();
        if (n > tr.size() + va.size()) throw new IllegalArgumentException("at most " + (tr.size() + va.size()) + " rows, asked " + n);
        float[] x = new float[n * tr.pixels()];
        int[][] levels = new int[n][];
        for (int i = 0; i < n; i++) {
            ImageSet from = i < tr.size() ? tr : va;
            int at = i < tr.size() ? i : i - tr.size();
            System.arraycopy(from.inputs(), at * tr.pixels(), x, i * tr.pixels(), tr.pixels());
            levels[i] = from.levels()[at];
        }
        return new ImageSet(x, levels, n, tr.pixels(), tr.levelCount());
    }

    static float[] noise(Random rng, int n, int latent) {
        return Noise.normals(rng, n * latent);
    }

    /** 0 .. n-1: one minibatch in row order. */
    static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        return o;
    }
}
