package dev.dgmbench.engine.cuda;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * G beta-VAEs of one shape stacked on a device (G = 1 for a model trained alone): the CPU fused engine's forward
 * and backward passes as strided-batched products plus the kernels of {@code kernels.cu}. Training runs every
 * member in lockstep on its own row order and noise; evaluation passes run one member at a time.
 * Loss = mean over rows of re + beta_g kl, re = -log p(x|z), z = mu + exp(lv / 2) eps.
 */
final class DeviceVae {
    /** Rows per evaluation pass: bounds the decoder's output buffer to about 2^25 floats. */
    private static final int EVAL_FLOATS = 1 << 25;

    final Device device;
    final VaeDims dims;
    final DeviceParameters parameters;
    private final DenseLayers encoder, decoder;
    private final Buffer betas;
    private final Map<Integer, VaeWork> work = new java.util.HashMap<>();
    private final ResidentArrays resident;
    private Buffer order, noise, losses;

    /** resident: the device copies of data sets, shared by the models of an engine. */
    DeviceVae(Device device, VaeDims dims, double[] betas, ResidentArrays resident) {
        this.resident = resident;
        this.device = device;
        this.dims = dims;
        int p = dims.parameters();
        parameters = new DeviceParameters(device, betas.length, p);
        encoder = new DenseLayers(device, p, 0, dims.encoderWidths());
        decoder = new DenseLayers(device, p, dims.encoderParameters(), dims.decoderWidths());
        this.betas = device.doubles(betas.length);
        device.upload(betas, 0, betas.length, this.betas, 0);
    }

    int members() {
        return parameters.members;
    }

    private VaeWork work(int members, int rows) {
        VaeWork w = work.get(members);
        if (w == null || w.capacity < rows) {
            if (w != null) w.free(device);
            w = new VaeWork(device, encoder, decoder, dims, members, rows);
            work.put(members, w);
        }
        return w;
    }

    /**
     * One pass over the training set per member: member g visits rows order[g] in minibatches (the last may be
     * smaller) with noise row eps[g][row]; members whose flag is false compute but do not update. Returns each
     * member's mean batch loss.
     */
    double[] fitEpoch(float[] x, int[][] levels, float[][] eps, int[][] orders, int batchSize, boolean[] active) {
        int g = members(), n = orders[0].length, d = dims.pixels(), l = dims.latent();
        Buffer trainX = resident.floats(x), trainLevels = resident.levels(levels, n, d);
        if (order == null || order.length() != (long) g * n) {
            if (order != null) {
                device.free(order);
                device.free(noise);
            }
            order = device.ints((long) g * n);
            noise = device.floats((long) g * n * l);
        }
        for (int m = 0; m < g; m++) {
            if (active != null && !active[m]) continue;
            device.upload(orders[m], 0, n, order, (long) m * n);
            device.upload(eps[m], 0, n * l, noise, (long) m * n * l);
        }
        int steps = (n + batchSize - 1) / batchSize;
        if (losses == null || losses.length() < (long) g * steps) {
            if (losses != null) device.free(losses);
            losses = device.doubles((long) g * steps);
        }
        parameters.setActive(active);
        VaeWork w = work(g, batchSize);
        for (int s = 0, from = 0; from < n; s++, from += batchSize) {
            int rows = Math.min(n, from + batchSize) - from;
            device.launch(Kernel.GATHER_ROWS, g * rows * d, trainX, 0, d, order, n, from, rows, w.encAct[0]);
            device.launch(Kernel.GATHER_ROWS, g * rows * l, noise, n * l, l, order, n, from, rows, w.eps);
            device.launch(Kernel.GATHER_ROWS_INT, g * rows * d, trainLevels, 0, d, order, n, from, rows, w.levels);
            step(w, rows, s, steps);
        }
        double[] perStep = new double[g * steps], mean = new double[g];
        device.download(losses, 0, perStep, 0, g * steps);
        for (int m = 0; m < g; m++) {
            double sum = 0;
            for (int s = 0; s < steps; s++) sum += perStep[m * steps + s];
            mean[m] = sum / steps;
        }
        return mean;
    }

    /** Forward, backward and update of every member on the gathered batch; the batch loss goes to losses[g, s]. */
    private void step(VaeWork w, int rows, int s, int steps) {
        int g = members(), l = dims.latent();
        float scale = 1f / rows;
        forward(w, 0, g, rows);
        head(w, g * rows, scale, true);
        decoder.backward(parameters.params, parameters.grads, 0, g, w.decAct, w.decDelta, rows, true);
        device.launch(Kernel.KL_ROWS, g * rows, w.encAct[3], w.eps, w.sd, w.decAct[0], w.decDelta[0], l, rows, betas,
                scale, 1, w.encDelta[3], w.kl, w.klmc);
        encoder.backward(parameters.params, parameters.grads, 0, g, w.encAct, w.encDelta, rows, false);
        device.launch(Kernel.BATCH_LOSS, g, w.logp, w.kl, rows, betas, losses, steps, s);
        parameters.step();
    }

    /** Encoder, reparameterisation (z into the decoder's input) and decoder for members first..first+count-1. */
    private void forward(VaeWork w, int first, int count, int rows) {
        encoder.forward(parameters.params, first, count, w.encAct, rows);
        device.launch(Kernel.REPARAM, count * rows * dims.latent(), w.encAct[3], w.eps, w.decAct[0], w.sd, dims.latent());
        decoder.forward(parameters.params, first, count, w.decAct, rows);
    }

    /** log p(x|z) per row into w.logp and, if asked, scale * d(-log p)/d(logits) into the decoder's output delta. */
    private void head(VaeWork w, int rows, float scale, boolean grad) {
        Buffer logits = w.decAct[3], dLogits = w.decDelta[3];
        int d = dims.pixels();
        if (dims.categorical()) {
            device.launch(Kernel.CATEGORICAL_HEAD, rows * d, logits, w.levels, d, dims.levels(), scale, grad ? 1 : 0,
                    dLogits, w.pix);
        } else {
            device.launch(Kernel.BERNOULLI_HEAD, rows * d, logits, w.levels, scale, grad ? 1 : 0, dLogits, w.pix);
        }
        device.launch(Kernel.ROW_SUMS, rows, w.pix, d, w.logp);
    }

    private int evalRows(int n) {
        return Math.max(1, Math.min(n, EVAL_FLOATS / Math.max(dims.outputWidth(), 2 * dims.hidden())));
    }

    /** Per-row {re, kl, klmc} of member g with the given noise. */
    double[][] lossTerms(int g, float[] x, int[][] levels, float[] eps, int n) {
        double[][] out = new double[3][n];
        int d = dims.pixels(), l = dims.latent(), chunk = evalRows(n);
        VaeWork w = work(1, chunk);
        Buffer xs = resident.floats(x), epsAll = resident.floats(eps), levelsAll = resident.levels(levels, n, d);
        for (int from = 0; from < n; from += chunk) {
            int rows = Math.min(n, from + chunk) - from;
            device.copy(xs, (long) from * d, w.encAct[0], 0, (long) rows * d);
            device.copy(epsAll, (long) from * l, w.eps, 0, (long) rows * l);
            device.copy(levelsAll, (long) from * d, w.levels, 0, (long) rows * d);
            forward(w, g, 1, rows);
            head(w, rows, 0f, false);
            device.launch(Kernel.KL_ROWS, rows, w.encAct[3], w.eps, w.sd, w.decAct[0], w.decDelta[0], l, rows, betas,
                    0f, 0, w.encDelta[3], w.kl, w.klmc);
            device.download(w.logp, 0, out[0], from, rows);
            device.download(w.kl, 0, out[1], from, rows);
            device.download(w.klmc, 0, out[2], from, rows);
        }
        for (int r = 0; r < n; r++) out[0][r] = -out[0][r];
        return out;
    }

    /** The encoder's output [n, 2L] (mu | log-variance) of member g. */
    float[] encode(int g, float[] x, int n) {
        int d = dims.pixels(), width = 2 * dims.latent(), chunk = evalRows(n);
        float[] out = new float[n * width];
        VaeWork w = work(1, chunk);
        for (int from = 0; from < n; from += chunk) {
            int rows = Math.min(n, from + chunk) - from;
            device.upload(x, from * d, rows * d, w.encAct[0], 0);
            encoder.forward(parameters.params, g, 1, w.encAct, rows);
            device.download(w.encAct[3], 0, out, from * width, rows * width);
        }
        return out;
    }

    /** log p(x|z) per row of member g's decoder, for codes z [n, L] and each row's grey levels. */
    void logLikelihood(int g, float[] z, int n, int[][] levels, double[] out) {
        int l = dims.latent(), chunk = evalRows(n);
        VaeWork w = work(1, chunk);
        for (int from = 0; from < n; from += chunk) {
            int rows = Math.min(n, from + chunk) - from;
            device.upload(z, from * l, rows * l, w.decAct[0], 0);
            uploadLevels(levels, from, rows, w);
            decoder.forward(parameters.params, g, 1, w.decAct, rows);
            head(w, rows, 0f, false);
            device.download(w.logp, 0, out, from, rows);
        }
    }

    /** Pixel probabilities of member g: [n, D, K] pixel-major (Bernoulli: K = 2, {off, on}). */
    float[] decodeProbabilities(int g, float[] z, int n) {
        int l = dims.latent(), d = dims.pixels(), k = dims.categorical() ? dims.levels() : 2, chunk = evalRows(n);
        float[] out = new float[n * d * k];
        VaeWork w = work(1, chunk);
        Buffer probs = device.floats((long) chunk * d * k);
        for (int from = 0; from < n; from += chunk) {
            int rows = Math.min(n, from + chunk) - from;
            device.upload(z, from * l, rows * l, w.decAct[0], 0);
            decoder.forward(parameters.params, g, 1, w.decAct, rows);
            if (dims.categorical()) {
                device.launch(Kernel.PROBABILITIES, rows * d, w.decAct[3], d, k, probs);
            } else {
                device.launch(Kernel.BERNOULLI_PROBABILITIES, rows * d, w.decAct[3], probs);
            }
            device.download(probs, 0, out, from * d * k, rows * d * k);
        }
        device.free(probs);
        return out;
    }

    /**
     * Rows' grey levels into w.levels. Importance sampling repeats each image's row K times (the same array):
     * each distinct array is uploaded once and expanded on the device by a row gather.
     */
    private void uploadLevels(int[][] levels, int from, int rows, VaeWork w) {
        int d = dims.pixels();
        Map<int[], Integer> index = new IdentityHashMap<>();
        int[] map = new int[rows];
        for (int r = 0; r < rows; r++) map[r] = index.computeIfAbsent(levels[from + r], a -> index.size());
        int[] flat = new int[index.size() * d];
        index.forEach((a, i) -> System.arraycopy(a, 0, flat, i * d, d));
        if (index.size() == rows) {
            device.upload(flat, 0, flat.length, w.levels, 0);
            return;
        }
        Buffer unique = device.ints(flat.length), rowMap = device.ints(rows);
        device.upload(flat, 0, flat.length, unique, 0);
        device.upload(map, 0, rows, rowMap, 0);
        device.launch(Kernel.GATHER_ROWS_INT, rows * d, unique, 0, d, rowMap, 0, 0, rows, w.levels);
        device.free(unique);
        device.free(rowMap);
    }
}
