package dev.dgmbench.suite.spec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.dgmbench.suite.spec.StudySpec.map;

/**
 * Sizes that are valid one by one but absurd together, refused before any worker starts: the number of runs
 * (computed exactly, so a grid of 256^8 points is not "0 grid points") and the memory of a run's largest arrays
 * against the worker's heap. Each gridded field counts with its largest value.
 */
final class ResourceChecks {
    /** At most this many runs per study: one run takes seconds at the least, and every run is a result folder. */
    public static final int MAX_RUNS = 10_000;
    /** The worker JVM's heap: {@code -Xmx1g} in {@code WorkerLauncher.DEFAULT_JVM_ARGS} (a test keeps them equal). */
    public static final long WORKER_HEAP_BYTES = 1L << 30;
    /**
     * Decoder rows the NLL estimator puts through at once: it takes {@code metrics.nll.batch_size} images per pass,
     * fewer when their {@code importance_samples} codes would pass this many rows (one image's codes at the least).
     */
    public static final int NLL_PASS_ROWS = 8192;
    /** Pixels assumed for IDX images when the header cannot be read (28x28, MNIST's). */
    static final int IDX_PIXELS_FALLBACK = 28 * 28;
    private static final int FLOAT = 4, INT = 4;

    /** One large array of a run, with the fields that size it. */
    record Tensor(String fields, String shape, long bytes) {
    }

    private final Binder b;

    ResourceChecks(Binder b) {
        this.b = b;
    }

    /** Runs of the study, exactly: grid points times seeds. */
    static BigInteger runs(Map<String, List<Object>> grid, int seeds) {
        BigInteger n = BigInteger.valueOf(seeds);
        for (List<Object> v : grid.values()) n = n.multiply(BigInteger.valueOf(v.size()));
        return n;
    }

    void runCount(Map<String, List<Object>> grid, int seeds) {
        BigInteger runs = runs(grid, seeds);
        if (runs.compareTo(BigInteger.valueOf(MAX_RUNS)) <= 0) return;
        BigInteger points = runs.divide(BigInteger.valueOf(seeds));
        String field = grid.isEmpty() || points.compareTo(BigInteger.valueOf(seeds)) < 0 ? "seeds" : "grid";
        b.errorAt(field, "the study has " + points + " grid point(s) x " + seeds + " seed(s) = " + runs + " runs;"
                + " allowed: at most " + MAX_RUNS + " runs per study (split a larger one into several specs)");
    }

    /** Refuses a study whose largest arrays of one run would not fit in the worker heap. */
    void memory(Map<String, Object> m, Map<String, List<Object>> grid, int pixels, long datasetImages) {
        List<Tensor> t = tensors(m, grid, pixels, datasetImages);
        long total = add(t.stream().mapToLong(Tensor::bytes).toArray());
        if (total <= WORKER_HEAP_BYTES) return;
        List<Tensor> big = new ArrayList<>(t);
        big.sort(Comparator.comparingLong(Tensor::bytes).reversed());
        StringBuilder s = new StringBuilder();
        for (Tensor x : big.subList(0, Math.min(3, big.size()))) {
            if (!s.isEmpty()) s.append("; ");
            s.append(x.fields()).append(": ").append(x.shape()).append(" = ").append(mib(x.bytes()));
        }
        String field = big.get(0).fields().split(",")[0].replaceFirst(" x .*", "");
        b.errorAt(field, "a run would need about " + mib(total) + " for its largest arrays (" + s + "); allowed:"
                + " settings whose arrays fit in the worker's " + mib(WORKER_HEAP_BYTES) + " heap");
    }

    static List<Tensor> tensors(Map<String, Object> m, Map<String, List<Object>> grid, int pixels, long datasetImages) {
        long h = max(m, grid, "model.hidden"), l = max(m, grid, "model.latent");
        long levels = ((Number) map(m, "dataset").get("levels")).longValue();
        long out = pixels * levels; // decoder outputs per code (categorical; Bernoulli needs fewer)
        List<Tensor> t = new ArrayList<>();
        // weights, gradients and two Adam moments of encoder and decoder
        long params = add(pixels * h, h * h, h * 2 * l, l * h, h * h, sat(h, out));
        t.add(new Tensor("model.hidden x pixels x dataset.levels", "4 x " + params + " parameters", sat(params, 4 * FLOAT)));
        long batch = max(m, grid, "training.batch_size");
        t.add(new Tensor("training.batch_size x pixels x dataset.levels", batch + " x " + out, sat(sat(batch, out), 3 * FLOAT)));
        long k = ((Number) map(map(m, "metrics"), "nll").get("importance_samples")).longValue();
        long nllBatch = ((Number) map(map(m, "metrics"), "nll").get("batch_size")).longValue();
        long rows = Math.min(nllBatch, Math.max(1, NLL_PASS_ROWS / k)) * k;
        t.add(new Tensor("metrics.nll.importance_samples x metrics.nll.batch_size x pixels x dataset.levels",
                rows + " x " + out, sat(rows, out * FLOAT)));
        Map<String, Object> samplers = map(m, "samplers");
        long samples = max(m, grid, "samplers.samples");
        t.add(new Tensor("samplers.samples x pixels x dataset.levels", samples + " x " + out, sat(samples, out * FLOAT)));
        if (samplers.containsKey("sir") && CrossChecks.valuesOf(grid, "samplers.sir.proposal",
                map(samplers, "sir").get("proposal")).stream().anyMatch(v -> !"smc".equals(SpecRecords.spelled(v)))) {
            long proposals = max(m, grid, "samplers.sir.proposals");
            t.add(new Tensor("samplers.sir.proposals x model.latent", proposals + " x " + (l + 2), sat(proposals, (l + 2) * FLOAT)));
        }
        // raw and quantised copies of every image of the files
        t.add(new Tensor("dataset", datasetImages + " x " + pixels, sat(datasetImages, 2L * pixels * INT)));
        return t;
    }

    /** The largest value a field takes in any run (its grid values, or its one value). */
    private static long max(Map<String, Object> m, Map<String, List<Object>> grid, String path) {
        Object base = m;
        for (String part : path.split("\\.")) base = base == null ? null : ((Map<?, ?>) base).get(part);
        long best = 0;
        for (Object v : CrossChecks.valuesOf(grid, path, base)) best = Math.max(best, ((Number) v).longValue());
        return best;
    }

    /** a * b, saturating at Long.MAX_VALUE (the inputs are below 2^31, the products may not be below 2^63). */
    private static long sat(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        return hi != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    private static long add(long... terms) {
        long s = 0;
        for (long t : terms) s = t > Long.MAX_VALUE - s ? Long.MAX_VALUE : s + t;
        return s;
    }

    static String mib(long bytes) {
        double v = bytes / (double) (1 << 20);
        return v >= 1e6 ? String.format(Locale.ROOT, "%.2e MiB", v) : String.format(Locale.ROOT, "%.0f MiB", Math.ceil(v));
    }
}
