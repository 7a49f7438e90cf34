package dev.dgmbench.bench;

import dev.dgmbench.engine.Engines;
import dev.dgmbench.models.fused.FusedEngine;
import dev.dgmbench.models.fused.MatMul;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.util.SplittableRandom;

/**
 * One matrix product c = a b of the fused engine's product backend alone, at the shapes that dominate the studies
 * (M x K x N): the Fashion IWAE decoder's output layer on one slice of 1,070 codes, the training step's forward
 * product of that layer at batch 64 and its two backward products (weight gradient 256 x 64 x 7,840 and input
 * gradient 64 x 7,840 x 256, both written here without transposes), and a square 2,048 product as the backend's
 * best case. 2 M K N / (time per call) is the product throughput the floor of a study is computed with
 * (docs/performance.md).
 */
public class ProductBench extends BenchDefaults {
    @Param({"2048x2048x2048", "1070x256x7840", "64x256x7840", "256x64x7840", "64x7840x256"})
    public String shape = "1070x256x7840";
    @Param({"fused"})
    public String engine = "fused";

    MatMul mm;
    MatMul.Mat a, b, c;

    @Setup(Level.Trial)
    public void setUp() {
        String[] mkn = shape.split("x");
        int m = Integer.parseInt(mkn[0]), k = Integer.parseInt(mkn[1]), n = Integer.parseInt(mkn[2]);
        if (!(Engines.create(engine) instanceof FusedEngine fused)) {
            throw new IllegalArgumentException("engine " + engine + " has no product backend of its own; allowed: fused, java");
        }
        mm = fused.matMul();
        a = filled(m, k, 1);
        b = filled(k, n, 2);
        c = mm.create(m, n);
    }

    private MatMul.Mat filled(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) v[i] = (float) (r.nextDouble() - 0.5);
        MatMul.Mat m = mm.create(rows, cols);
        mm.write(v, v.length, m);
        return m;
    }

    @Benchmark
    public MatMul.Mat product() {
        mm.gemm(a, b, c, false, false);
        return c;
    }
}
