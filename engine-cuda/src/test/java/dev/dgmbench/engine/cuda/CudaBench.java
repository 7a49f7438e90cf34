package dev.dgmbench.engine.cuda;

import dev.dgmbench.engine.Noise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Timings of the cuda engine on synthetic data of the study's shapes (digits: D=64, K=17; Fashion-MNIST-10:
 * D=784, K=10; both M=256, L=50, batch 64): a training step, epochs of 1000 and 10000 rows, groups of 5/20/40
 * members per epoch, the K=1000 importance-sampling decoder pass on 447 and 2000 images, and Langevin steps on
 * 512 codes with the NCE classifier L -> 256 -> 256 -> 1 (gradient on the GPU, update on the host). Each figure is the
 * median of a few timed repeats after a warm-up. {@code --device host --quick} runs it tiny on the CPU (a smoke test).
 */
public final class CudaBench {
    private record Shape(String name, int pixels, int levels) {
    }

    private static final Shape DIGITS = new Shape("digits", 64, 17), FASHION = new Shape("fashion", 784, 10);
    private static final int HIDDEN = 256, LATENT = 50, BATCH = 64;

    private final Device device;
    private final boolean quick;
    private final SplittableRandom random = new SplittableRandom(1);
    private final List<String> rows = new ArrayList<>();

    private CudaBench(Device device, boolean quick) {
        this.device = device;
        this.quick = quick;
    }

    public static void main(String[] args) {
        boolean host = Arrays.asList(args).contains("--device") && Arrays.asList(args).contains("host");
        boolean quick = Arrays.asList(args).contains("--quick");
        if (!host) {
            CudaVerdict v = CudaProbe.probe();
            System.out.println("machine check: " + v.status() + ": " + v.message());
            if (!v.ok()) System.exit(2);
        }
        try (Device device = host ? new HostDevice() : new CudaDevice(0)) {
            System.out.println("device: " + device.name());
            new CudaBench(device, quick).run();
        }
    }

    private void run() {
        int[] epochRows = quick ? new int[]{128} : new int[]{1000, 10000};
        int[] groups = quick ? new int[]{2} : new int[]{5, 20, 40};
        int groupRows = quick ? 128 : 10000;
        int[] iwaeImages = quick ? new int[]{3} : new int[]{447, 2000};
        int k = quick ? 10 : 1000;
        for (Shape s : List.of(DIGITS, FASHION)) {
            double epoch = timeEpoch(s, 1, quick ? 128 : BATCH * 50);
            report(s, "train step, batch 64 (in an epoch)", epoch / (quick ? 2 : 50) * 1e3, "ms");
            for (int n : epochRows) report(s, "epoch of " + n + " rows, 1 model", timeEpoch(s, 1, n) * 1e3, "ms");
            for (int g : groups) {
                double t = timeEpoch(s, g, groupRows);
                report(s, "epoch of " + groupRows + " rows, group of " + g, t * 1e3, "ms (" + fmt(t / g * 1e3) + " ms per model)");
            }
            for (int n : iwaeImages) report(s, "IWAE K=" + k + " decoder pass, " + n + " images", timeIwae(s, n, k), "s");
            groupVersusAlone(s, quick ? 2 : 5, quick ? 128 : 1000);
        }
        int codes = quick ? 16 : 512, steps = quick ? 5 : 100;
        report(new Shape("nce", LATENT, 0), "Langevin, " + codes + " codes, steps per second", steps / timeLangevin(codes, steps), "");
        System.out.println();
        System.out.printf(Locale.ROOT, "%-8s | %-42s | %s%n", "shape", "what", "median");
        rows.forEach(System.out::println);
    }

    private void report(Shape s, String what, double value, String unit) {
        String line = String.format(Locale.ROOT, "%-8s | %-42s | %s %s", s.name, what, fmt(value), unit);
        System.out.println(line);
        rows.add(line);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.3f" : "%.1f", v);
    }

    private DeviceVae model(Shape s, int members) {
        VaeDims dims = dims(s);
        float[][] w = new float[members][dims.parameters()];
        for (float[] member : w) for (int i = 0; i < member.length; i++) member[i] = (float) ((random.nextDouble() - 0.5) * 0.1);
        return model(s, w);
    }

    private static VaeDims dims(Shape s) {
        return new VaeDims(true, s.pixels, s.levels, HIDDEN, LATENT);
    }

    /** Members with these initial weights, Adam started. */
    private DeviceVae model(Shape s, float[][] weights) {
        int members = weights.length;
        double[] betas = new double[members];
        Arrays.fill(betas, 1.0);
        DeviceVae vae = new DeviceVae(device, dims(s), betas, new ResidentArrays(device, 1L << 30));
        for (int g = 0; g < members; g++) vae.parameters.write(g, weights[g]);
        UpdateRule[] rules = new UpdateRule[members];
        Arrays.fill(rules, UpdateRule.adam(1e-3, 0.9, 0.999, 1e-8));
        vae.parameters.start(rules);
        return vae;
    }

    private float[] uniform(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) random.nextDouble();
        return v;
    }

    private int[][] levels(Shape s, float[] x, int n) {
        int[][] out = new int[n][s.pixels];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < s.pixels; j++) out[r][j] = Math.min(s.levels - 1, (int) (x[r * s.pixels + j] * s.levels));
        }
        return out;
    }

    /** Seconds per epoch of n rows for a group of g members (median of repeats; the loss download syncs). */
    private double timeEpoch(Shape s, int g, int n) {
        DeviceVae vae = model(s, g);
        EpochInputs in = epochInputs(s, g, n);
        boolean[] active = new boolean[g];
        Arrays.fill(active, true);
        return median(() -> vae.fitEpoch(in.x, in.levels, in.eps, in.orders, BATCH, active));
    }

    /** An epoch's rows of n random images and, per member of a group of g, its noise and row order. */
    private record EpochInputs(float[] x, int[][] levels, float[][] eps, int[][] orders) {
    }

    private EpochInputs epochInputs(Shape s, int g, int n) {
        float[] x = uniform(n * s.pixels);
        int[][] levels = levels(s, x, n);
        float[][] eps = new float[g][];
        int[][] orders = new int[g][];
        for (int m = 0; m < g; m++) {
            eps[m] = uniform(n * LATENT);
            orders[m] = Noise.permutation(n, random);
        }
        return new EpochInputs(x, levels, eps, orders);
    }

    /**
     * Trains a group of g members and each member alone for one epoch on the same data, noise and row orders, and
     * reports whether the weights came out bit-identical (else the largest gap): cuBLAS may pick another algorithm
     * for a batch of g products than for one.
     */
    private void groupVersusAlone(Shape s, int g, int n) {
        EpochInputs in = epochInputs(s, g, n);
        float[][] initial = new float[g][];
        for (int m = 0; m < g; m++) initial[m] = model(s, 1).parameters.read(0);
        DeviceVae group = model(s, initial);
        group.fitEpoch(in.x, in.levels, in.eps, in.orders, BATCH, null);
        double worst = 0;
        for (int m = 0; m < g; m++) {
            DeviceVae single = model(s, new float[][]{initial[m]});
            single.fitEpoch(in.x, in.levels, new float[][]{in.eps[m]}, new int[][]{in.orders[m]}, BATCH, null);
            float[] a = group.parameters.read(m), b = single.parameters.read(0);
            for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        report(s, "group of " + g + " vs alone, 1 epoch: weights", worst, worst == 0 ? "(bit-identical)" : "largest gap");
    }

    /** Seconds for the importance-sampling pass: encode the images, decode K codes each in chunks of 8 images. */
    private double timeIwae(Shape s, int images, int k) {
        DeviceVae vae = model(s, 1);
        float[] x = uniform(images * s.pixels);
        int[][] levels = levels(s, x, images);
        int chunk = 8;
        float[] z = uniform(chunk * k * LATENT);
        int[][] rowLevels = new int[chunk * k][];
        double[] logp = new double[chunk * k];
        return median(() -> {
            vae.encode(0, x, images);
            for (int from = 0; from < images; from += chunk) {
                int b = Math.min(images, from + chunk) - from;
                for (int r = 0; r < b * k; r++) rowLevels[r] = levels[from + r / k];
                vae.logLikelihood(0, z, b * k, rowLevels, logp);
            }
        });
    }

    /** Seconds for {@code steps} Langevin steps z <- z - (s^2/2)(z - grad f) + s xi on n codes. */
    private double timeLangevin(int n, int steps) {
        int[] widths = {LATENT, HIDDEN, HIDDEN, 1};
        DeviceMlp mlp = new DeviceMlp(device, widths);
        float[] w = new float[DenseLayers.parameterCount(widths)];
        for (int i = 0; i < w.length; i++) w[i] = (float) ((random.nextDouble() - 0.5) * 0.1);
        mlp.parameters.write(0, w);
        float[] z = uniform(n * LATENT), grad = new float[n * LATENT], noise = uniform(n * LATENT);
        float drift = 0.05f * 0.05f / 2, diffusion = 0.05f;
        return median(() -> {
            for (int s = 0; s < steps; s++) {
                mlp.logitsAndInputGradient(z, n, grad);
                for (int i = 0; i < z.length; i++) z[i] = z[i] - (z[i] - grad[i]) * drift + (noise[i] - 0.5f) * diffusion;
            }
        });
    }

    private double median(Runnable work) {
        work.run();
        int repeats = quick ? 1 : 5;
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            work.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[repeats / 2];
    }
}
