package dev.dgmbench.engine.cuda;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same buffers on a GPU and on the host: upload identical inputs, launch a kernel on both, compare outputs.
 * Float kernels built from IEEE operations must agree bit for bit (kernels.cu is compiled without FMA
 * contraction); values through double exp/log may differ by CUDA's last-bit rounding of those functions.
 */
final class TwinDevices implements AutoCloseable {
    final CudaDevice gpu = new CudaDevice(0);
    final HostDevice host = new HostDevice();
    private final SplittableRandom random = new SplittableRandom(42);

    /** A buffer on both devices. */
    record Twin(Buffer gpu, Buffer host) {
    }

    Twin floats(int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (lo + (hi - lo) * random.nextDouble());
        Twin t = new Twin(gpu.floats(n), host.floats(n));
        gpu.upload(v, 0, n, t.gpu, 0);
        host.upload(v, 0, n, t.host, 0);
        return t;
    }

    Twin ints(int n, int bound) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = random.nextInt(bound);
        return ints(v);
    }

    Twin ints(int[] v) {
        Twin t = new Twin(gpu.ints(v.length), host.ints(v.length));
        gpu.upload(v, 0, v.length, t.gpu, 0);
        host.upload(v, 0, v.length, t.host, 0);
        return t;
    }

    Twin doubles(double[] v) {
        Twin t = new Twin(gpu.doubles(v.length), host.doubles(v.length));
        gpu.upload(v, 0, v.length, t.gpu, 0);
        host.upload(v, 0, v.length, t.host, 0);
        return t;
    }

    Twin doubles(int n) {
        return doubles(new double[n]);
    }

    void launch(Kernel k, int total, Object... args) {
        Object[] g = new Object[args.length], h = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            g[i] = args[i] instanceof Twin t ? t.gpu : args[i];
            h[i] = args[i] instanceof Twin t ? t.host : args[i];
        }
        gpu.launch(k, total, g);
        host.launch(k, total, h);
    }

    /** Float outputs agree to within maxUlps units in the last place (0: bit for bit). */
    void assertFloats(String what, Twin t, int maxUlps) {
        assertFloats(what, t, maxUlps, 0f);
    }

    /**
     * As above, with ulps counted at no less than {@code floor}: for results of a sum of operands of magnitude up
     * to floor, where an operand's last-bit difference is many ulps of a small, cancelled result.
     */
    void assertFloats(String what, Twin t, int maxUlps, float floor) {
        int n = (int) t.gpu.length();
        float[] a = new float[n], b = new float[n];
        gpu.download(t.gpu, 0, a, 0, n);
        host.download(t.host, 0, b, 0, n);
        for (int i = 0; i < n; i++) {
            if (Float.floatToIntBits(a[i]) == Float.floatToIntBits(b[i])) continue;
            float ulp = Math.ulp(Math.max(Math.max(Math.abs(a[i]), Math.abs(b[i])), floor));
            assertTrue(Math.abs(a[i] - b[i]) <= maxUlps * ulp, what + "[" + i + "]: GPU " + a[i] + " host " + b[i]);
        }
    }

    /** Double outputs agree to a relative 1e-13: the last-bit differences of CUDA's exp/log/log1p summed over rows. */
    void assertDoubles(String what, Twin t) {
        int n = (int) t.gpu.length();
        double[] a = new double[n], b = new double[n];
        gpu.download(t.gpu, 0, a, 0, n);
        host.download(t.host, 0, b, 0, n);
        for (int i = 0; i < n; i++) {
            assertTrue(Math.abs(a[i] - b[i]) <= 1e-13 * Math.max(1, Math.abs(b[i])),
                    what + "[" + i + "]: GPU " + a[i] + " host " + b[i]);
        }
    }

    @Override
    public void close() {
        gpu.close();
        host.close();
    }
}
