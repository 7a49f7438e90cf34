package dev.dgmbench.metrics.evaluator;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.Engines;
import dev.dgmbench.engine.ImageClassifier;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.train.EarlyStopping;
import dev.dgmbench.models.data.ImageDataset;
import dev.dgmbench.models.data.Splits;
import dev.dgmbench.engine.RowGather;
import dev.dgmbench.engine.Noise;
import dev.dgmbench.engine.Seeds;
import dev.dgmbench.models.io.WeightFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;

/**
 * The feature space of the sample-quality metrics: an MLP classifier D -> H -> H -> classes trained once per
 * dataset with a fixed seed, cached on disk by dataset fingerprint, configuration and engine, and reused by every
 * run (so all runs of a study are judged by the same network). Features are the second hidden layer's activations.
 * A cache entry that cannot be read (a crash while it was written, a damaged file) is retrained and replaced.
 * Safe to share between threads: each thread computes features with its own copy of the network (the same
 * weights on the same engine, so the same numbers), since an engine's classifier reuses its work buffers.
 */
public final class EvaluatorNetwork {
    /**
     * The engine the evaluator network runs on: pure Java whatever the runs' engine, so every backend's samples are
     * judged in exactly the same feature space.
     */
    public static final String ENGINE = "java";
    private static final List<String> LAYERS = List.of("ev1", "ev2", "ev_out");
    private final ImageClassifier net;
    private final ThreadLocal<ImageClassifier> perThread;
    private final int classes, pixels, levels;
    private final double testAccuracy;

    private EvaluatorNetwork(Engine engine, ImageClassifier net, int pixels, int levels, int classes, double testAccuracy) {
        this.net = net;
        Thread owner = Thread.currentThread();
        MlpWeights weights = net.weights();
        perThread = ThreadLocal.withInitial(() -> Thread.currentThread() == owner ? net : engine.imageClassifier(weights));
        this.pixels = pixels;
        this.levels = levels;
        this.classes = classes;
        this.testAccuracy = testAccuracy;
    }

    public double testAccuracy() {
        return testAccuracy;
    }

    public int classes() {
        return classes;
    }

    /** {@link #trainOrLoad(Path, Splits, EvaluatorConfig, Engine)} on {@link #ENGINE}. */
    public static EvaluatorNetwork trainOrLoad(Path cacheDir, Splits data, EvaluatorConfig cfg) {
        return trainOrLoad(cacheDir, data, cfg, Engines.create(ENGINE));
    }

    /** Loads the cached network for this data, config and engine, or trains and caches it. */
    public static EvaluatorNetwork trainOrLoad(Path cacheDir, Splits data, EvaluatorConfig cfg, Engine engine) {
        ImageDataset train = data.train();
        int classes = classes(data);
        String id = "evaluator-" + train.fingerprint().substring(0, 16) + "-" + cfg.key() + "-" + engine.name();
        Path weights = cacheDir.resolve(id + ".bin"), acc = cacheDir.resolve(id + ".accuracy");
        int[] widths = {train.pixelsPerImage(), cfg.hidden(), cfg.hidden(), classes};
        try {
            if (Files.exists(weights) && Files.exists(acc)) {
                try {
                    MlpWeights w = MlpWeights.fromArrays(LAYERS, widths, WeightFile.load(weights));
                    double a = Double.parseDouble(Files.readString(acc).trim());
                    return new EvaluatorNetwork(engine, engine.imageClassifier(w), train.pixelsPerImage(), train.levels(), classes, a);
                } catch (RuntimeException damaged) {
                    System.err.println("  evaluator cache " + weights.getFileName() + " is damaged (" + damaged.getMessage()
                            + "); training it again");
                }
            }
            EvaluatorNetwork net = fit(engine.imageClassifier(MlpWeights.glorot(LAYERS, widths, cfg.seed(), "evaluator-init")),
                    data, cfg, classes, engine);
            Files.createDirectories(cacheDir);
            WeightFile.save(weights, net.net.weights().layersByName());
            Path tmp = Files.createTempFile(cacheDir, id, ".tmp");
            Files.writeString(tmp, Double.toString(net.testAccuracy));
            Files.move(tmp, acc, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return net;
        } catch (IOException e) {
            throw new UncheckedIOException("evaluator cache " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Classes the network tells apart: the dataset's declared classes, so a class that only the validation or
     * test split holds still has an output.
     */
    static int classes(Splits data) {
        return data.classes();
    }

    private static EvaluatorNetwork fit(ImageClassifier net, Splits data, EvaluatorConfig cfg, int classes, Engine engine) {
        ImageDataset train = data.train();
        int d = train.pixelsPerImage(), levels = train.levels(), b = cfg.batchSize();
        float[] x = inputs(train.images(), d, levels), vx = inputs(data.validation().images(), d, levels);
        int[] y = train.labels(), vy = data.validation().labels();
        net.startTraining(OptimizerSpec.adam(cfg.learningRate()));
        Random shuffle = Seeds.random(cfg.seed(), "evaluator-shuffle");
        EarlyStopping stopping = new EarlyStopping(cfg.patience());
        float[] best = net.snapshot(), bx = new float[b * d];
        int[] by = new int[b];
        for (int epoch = 1; epoch <= cfg.maxEpochs(); epoch++) {
            int[] order = Noise.permutation(y.length, shuffle);
            for (int from = 0; from < y.length; from += b) {
                int rows = Math.min(y.length, from + b) - from;
                RowGather.gatherRows(x, d, order, from, rows, bx);
                for (int r = 0; r < rows; r++) by[r] = y[order[from + r]];
                net.step(bx, by, rows);
            }
            EarlyStopping.Step step = stopping.record(epoch, net.loss(vx, vy, vy.length));
            if (step == EarlyStopping.Step.IMPROVED) best = net.snapshot();
            if (step == EarlyStopping.Step.STOP) break;
        }
        net.restore(best);
        EvaluatorNetwork ev = new EvaluatorNetwork(engine, net, d, levels, classes, Double.NaN);
        return new EvaluatorNetwork(engine, net, d, levels, classes, ev.accuracy(data.test().images(), data.test().labels()));
    }

    /** Fraction of images whose most probable class is their label. */
    public double accuracy(int[][] images, int[] labels) {
        double[][] p = probabilities(images);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) if (p[i][c] > p[i][best]) best = c;
            if (best == labels[i]) right++;
        }
        return right / (double) labels.length;
    }

    public double[][] features(int[][] images) {
        return rows(perThread.get().features(inputs(images, pixels, levels), images.length), images.length);
    }

    public double[][] probabilities(int[][] images) {
        return rows(perThread.get().probabilities(inputs(images, pixels, levels), images.length), images.length);
    }

    private static double[][] rows(float[] flat, int n) {
        int width = flat.length / Math.max(1, n);
        double[][] out = new double[n][width];
        for (int i = 0; i < n; i++) for (int j = 0; j < width; j++) out[i][j] = flat[i * width + j];
        return out;
    }

    private static float[] inputs(int[][] images, int pixels, int levels) {
        float[] x = new float[images.length * pixels];
        for (int i = 0; i < images.length; i++) for (int j = 0; j < pixels; j++) x[i * pixels + j] = images[i][j] / (float) (levels - 1);
        return x;
    }
}
