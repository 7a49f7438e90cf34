package dev.dgmbench.suite.plan;

import dev.dgmbench.engine.Engines;
import dev.dgmbench.engine.Likelihood;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The speed of one core of this machine, measured by training the study's own model shape on the study's engine
 * through the engine seam for a second and a half: a single thread, like one worker. The rate is taken from the
 * later steps, after the JIT has compiled the training loop (the warm-up is a fixed cost of the model).
 * It runs in a JVM started like a worker ({@link #inWorkerJvm}): same flags, one OpenMP thread, the Vector API.
 */
public final class SpeedProbe {
    /** Seconds the probe trains; a rate from fewer would mostly measure the JIT. */
    static final double BUDGET_SECONDS = 1.5, MAX_SECONDS = 8;
    static final int MIN_STEPS = 120;
    /** One minibatch per {@code fitEpoch}, so each call is a sample of the rate. */
    static final int STEPS_PER_EPOCH = 1;

    /**
     * @param trainMacsPerSecond training multiply-adds per second (forward and backward, as {@link CostModel} counts)
     * @param steps              minibatch steps trained
     * @param seconds            time the probe took
     */
    public record Speed(String engine, double trainMacsPerSecond, int steps, double seconds) {
    }

    private SpeedProbe() {
    }

    /**
     * {@link #measure} in a child JVM with the workers' flags and environment ({@code WorkerLauncher}), so the
     * speed is a worker's; empty with the reason when it cannot run.
     */
    public static Speed inWorkerJvm(String engine, VaeShape shape, int batchSize, String javaBinary, String classpath,
                                    List<String> jvmArgs, java.util.Map<String, String> env) {
        List<String> cmd = new ArrayList<>(List.of(javaBinary));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", classpath, SpeedProbe.class.getName(), engine, Integer.toString(shape.pixels()),
                Integer.toString(shape.levels()), Integer.toString(shape.hidden()), Integer.toString(shape.latent()),
                shape.likelihood().name(), Integer.toString(batchSize)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("the speed probe exited with " + p.exitValue() + ": " + out);
            }
            String[] f = out.split(" ");
            return new Speed(engine, Double.parseDouble(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]));
        } catch (IOException e) {
            throw new IllegalStateException("the speed probe could not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The child side of {@link #inWorkerJvm}: prints {@code macsPerSecond steps seconds}. */
    public static void main(String[] a) {
        VaeShape shape = new VaeShape(Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]),
                Integer.parseInt(a[4]), Likelihood.valueOf(a[5]), 1.0);
        Speed s = measure(a[0], shape, Integer.parseInt(a[6]));
        System.out.println(String.format(Locale.ROOT, "%.6e %d %.4f", s.trainMacsPerSecond(), s.steps(), s.seconds()));
    }

    public static Speed measure(String engine, VaeShape shape, int batchSize) {
        VaeModel m = Engines.create(engine).vae(shape, VaeWeights.glorot(shape, 1));
        m.startTraining(OptimizerSpec.adam(1e-3));
        int n = STEPS_PER_EPOCH * batchSize, d = shape.pixels(), k = shape.levels();
        Random rng = new Random(1);
        float[] x = new float[n * d];
        int[][] levels = new int[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                levels[i][j] = rng.nextInt(k);
                x[i * d + j] = levels[i][j] / (float) (k - 1);
            }
        }
        float[] eps = new float[n * shape.latent()];
        for (int i = 0; i < eps.length; i++) eps[i] = (float) rng.nextGaussian();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;

        double[] epochs = new double[1000];
        int count = 0;
        long t0 = System.nanoTime();
        // At least MIN_STEPS: the JIT needs a few dozen steps, and on a busy machine they take longer than the budget.
        while (count < epochs.length && (count < MIN_STEPS && (System.nanoTime() - t0) / 1e9 < MAX_SECONDS
                || (System.nanoTime() - t0) / 1e9 < BUDGET_SECONDS)) {
            long t = System.nanoTime();
            m.fitEpoch(x, levels, eps, order, batchSize);
            epochs[count++] = (System.nanoTime() - t) / 1e9;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // A fast step of the second half: warm code at the speed of a core. Other processes' load would make the
        // mean noisy; it is counted separately, from the load average (WallTime).
        double[] warm = Arrays.copyOfRange(epochs, count / 2, count);
        Arrays.sort(warm);
        double epoch = warm[warm.length / 10];
        int outputs = shape.outputs() / shape.pixels();
        double macs = 3 * CostModel.vaeForwardMacs(d, outputs, shape.hidden(), shape.latent()) * n;
        return new Speed(engine, macs / epoch, count * STEPS_PER_EPOCH, seconds);
    }
}
