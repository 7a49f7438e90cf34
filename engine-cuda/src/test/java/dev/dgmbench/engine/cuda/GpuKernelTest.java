package dev.dgmbench.engine.cuda;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kernel and the product on the GPU against HostDevice on the same inputs. */
@Tag("gpu")
class GpuKernelTest {
    private static final int G = 2, ROWS = 5, D = 7, K = 3, L = 4, N = 11;
    private static TwinDevices twin;

    @BeforeAll
    static void open() {
        Gpu.assume();
        twin = new TwinDevices();
        System.out.println("GPU: " + twin.gpu.name());
    }

    @AfterAll
    static void close() {
        if (twin != null) twin.close();
    }

    @Test
    void gathers() {
        TwinDevices.Twin src = twin.floats(G * N * L, -1, 1), order = twin.ints(G * N, N), out = twin.floats(G * ROWS * L, 0, 0);
        twin.launch(Kernel.GATHER_ROWS, G * ROWS * L, src, N * L, L, order, N, 3, ROWS, out);
        twin.assertFloats("gather_rows", out, 0);
        TwinDevices.Twin levels = twin.ints(N * D, K), outInt = twin.ints(new int[G * ROWS * D]);
        twin.launch(Kernel.GATHER_ROWS_INT, G * ROWS * D, levels, 0, D, order, N, 2, ROWS, outInt);
        int[] a = new int[G * ROWS * D], b = new int[G * ROWS * D];
        twin.gpu.download(outInt.gpu(), 0, a, 0, a.length);
        twin.host.download(outInt.host(), 0, b, 0, b.length);
        org.junit.jupiter.api.Assertions.assertArrayEquals(b, a, "gather_rows_int");
    }

    @Test
    void denseLayerKernels() {
        int cols = 9, p = 40;
        TwinDevices.Twin h = twin.floats(G * ROWS * cols, -1, 1), params = twin.floats(G * p, -1, 1);
        twin.launch(Kernel.BIAS_ACT, G * ROWS * cols, h, params, p, 3, ROWS, cols, 1, 0.01f);
        twin.assertFloats("bias_act leaky", h, 0);
        twin.launch(Kernel.BIAS_ACT, G * ROWS * cols, h, params, p, 5, ROWS, cols, 0, 0.01f);
        twin.assertFloats("bias_act linear", h, 0);
        TwinDevices.Twin delta = twin.floats(G * ROWS * cols, -1, 1);
        twin.launch(Kernel.LEAKY_DERIV, G * ROWS * cols, h, delta, 0.01f);
        twin.assertFloats("leaky_deriv", delta, 0);
        TwinDevices.Twin grads = twin.floats(G * p, 0, 0);
        twin.launch(Kernel.COL_SUMS, G * cols, delta, ROWS, cols, grads, p, 7);
        twin.assertFloats("col_sums", grads, 0);
        TwinDevices.Twin out = twin.floats(G * ROWS * cols, 0, 0);
        twin.launch(Kernel.SCALAR_DELTA, G * ROWS * cols, h, params, 2, cols, 0.01f, 1, out);
        twin.assertFloats("scalar_delta", out, 0);
    }

    @Test
    void vaeKernels() {
        int rows = G * ROWS;
        TwinDevices.Twin enc = twin.floats(rows * 2 * L, -2, 2), eps = twin.floats(rows * L, -2, 2);
        TwinDevices.Twin z = twin.floats(rows * L, 0, 0), sd = twin.floats(rows * L, 0, 0);
        twin.launch(Kernel.REPARAM, rows * L, enc, eps, z, sd, L);
        // (float) of CUDA's double exp vs Java's: both within an ulp of e^x in double, so at most 1 float ulp apart
        twin.assertFloats("reparam sd", sd, 1);
        twin.assertFloats("reparam z", z, 2, 8f); // z = mu + sd eps with |mu|, |sd eps| < 8
        TwinDevices.Twin logits = twin.floats(rows * D * K, -4, 4), levels = twin.ints(rows * D, K);
        TwinDevices.Twin grad = twin.floats(rows * D * K, 0, 0), pix = twin.doubles(rows * D), logp = twin.doubles(rows);
        twin.launch(Kernel.CATEGORICAL_HEAD, rows * D, logits, levels, D, K, 0.2f, 1, grad, pix);
        twin.assertFloats("categorical grad", grad, 0);
        twin.assertDoubles("categorical log p", pix);
        twin.launch(Kernel.ROW_SUMS, rows, pix, D, logp);
        twin.assertDoubles("row_sums", logp);
        TwinDevices.Twin bits = twin.ints(rows * D, 2), bgrad = twin.floats(rows * D, 0, 0), bpix = twin.doubles(rows * D);
        twin.launch(Kernel.BERNOULLI_HEAD, rows * D, logits, bits, 0.2f, 1, bgrad, bpix);
        twin.assertFloats("bernoulli grad", bgrad, 1);
        twin.assertDoubles("bernoulli log p", bpix);
        TwinDevices.Twin probs = twin.floats(rows * D * K, 0, 0);
        twin.launch(Kernel.PROBABILITIES, rows * D, logits, D, K, probs);
        twin.assertFloats("probabilities", probs, 0);
        TwinDevices.Twin pairs = twin.floats(rows * D * 2, 0, 0);
        twin.launch(Kernel.BERNOULLI_PROBABILITIES, rows * D, logits, pairs);
        twin.assertFloats("bernoulli probabilities", pairs, 1);
        TwinDevices.Twin dz = twin.floats(rows * L, -1, 1), betas = twin.doubles(new double[]{1.0, 4.0});
        TwinDevices.Twin dEnc = twin.floats(rows * 2 * L, 0, 0), kl = twin.doubles(rows), klmc = twin.doubles(rows);
        twin.launch(Kernel.KL_ROWS, rows, enc, eps, sd, z, dz, L, ROWS, betas, 0.2f, 1, dEnc, kl, klmc);
        // dEnc is computed from sd and z, which may already differ by an ulp (above): allow a few ulps
        twin.assertFloats("kl_rows dEnc", dEnc, 4, 16f);
        twin.assertDoubles("kl", kl);
        twin.assertDoubles("klmc", klmc);
        TwinDevices.Twin losses = twin.doubles(G * 3);
        twin.launch(Kernel.BATCH_LOSS, G, logp, kl, ROWS, betas, losses, 3, 1);
        twin.assertDoubles("batch_loss", losses);
    }

    @Test
    void optimizersWithAnInactiveMember() {
        int p = 33;
        for (int rule : new int[]{UpdateRule.ADAM, UpdateRule.ADAMAX, UpdateRule.SGD}) {
            TwinDevices.Twin params = twin.floats(G * p, -1, 1), g = twin.floats(G * p, -1, 1);
            TwinDevices.Twin m = twin.floats(G * p, -0.1, 0.1), v = twin.floats(G * p, 0, 0.1);
            TwinDevices.Twin active = twin.ints(new int[]{1, 0});
            UpdateRule r = new UpdateRule(rule, 1e-3f, 0.9f, 0.999f, 1e-8f);
            twin.launch(Kernel.OPTIMIZER_STEP, G * p, params, g, m, v, active, p, 0, rule, r.lr(), r.b1(), r.b2(),
                    r.eps(), r.stepSize(3));
            twin.launch(Kernel.OPTIMIZER_STEP, p, params, g, m, v, active, p, 1, rule, r.lr(), r.b1(), r.b2(),
                    r.eps(), r.stepSize(4));
            twin.assertFloats("optimizer " + rule + " params", params, 0);
            twin.assertFloats("optimizer " + rule + " m", m, 0);
            twin.assertFloats("optimizer " + rule + " v", v, 0);
        }
    }

    @Test
    void bce() {
        int n = 9;
        TwinDevices.Twin f = twin.floats(n, -5, 5), y = twin.floats(n, 0, 1), d = twin.floats(n, 0, 0);
        TwinDevices.Twin loss = twin.doubles(n);
        twin.launch(Kernel.BCE, n, f, y, n, d, loss);
        twin.assertFloats("bce gradient", d, 1);
        twin.assertDoubles("bce loss", loss);
    }

    @Test
    void stridedBatchedProductsInEveryTransposition() {
        int m = 13, n = 17, k = 300;
        for (boolean ta : new boolean[]{false, true}) {
            for (boolean tb : new boolean[]{false, true}) {
                TwinDevices.Twin a = twin.floats(G * m * k, -1, 1), b = twin.floats(G * k * n, -1, 1);
                TwinDevices.Twin c = twin.floats(G * m * n, -1, 1);
                twin.gpu.gemm(ta, tb, m, n, k, a.gpu(), 0, m * k, b.gpu(), 0, k * n, true, c.gpu(), 0, m * n, G);
                twin.host.gemm(ta, tb, m, n, k, a.host(), 0, m * k, b.host(), 0, k * n, true, c.host(), 0, m * n, G);
                float[] x = new float[G * m * n], h = new float[G * m * n];
                twin.gpu.download(c.gpu(), 0, x, 0, x.length);
                twin.host.download(c.host(), 0, h, 0, h.length);
                // Summation order differs (cuBLAS tiles and splits k): each sum of k products of magnitude <= 1
                // carries at most about k * 2^-24 * k relative rounding per order; |terms| sum to ~k/4 on average,
                // so 2 * k * 2^-24 * k/4 bounds the gap comfortably (~1.3e-3 for k = 300).
                double tol = 2.0 * k * Math.pow(2, -24) * k / 4;
                for (int i = 0; i < x.length; i++) {
                    assertTrue(Math.abs(x[i] - h[i]) <= tol, "gemm " + ta + tb + "[" + i + "]: " + x[i] + " vs " + h[i]);
                }
            }
        }
    }
}
