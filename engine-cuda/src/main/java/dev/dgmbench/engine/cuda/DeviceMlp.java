package dev.dgmbench.engine.cuda;

/**
 * A LeakyReLU MLP with one logit output on a device (the NCE ratio classifier): binary cross-entropy training,
 * f(z) and grad_z f, as the CPU engine's FusedMlp. Work buffers grow to the largest row count seen.
 */
final class DeviceMlp {
    final Device device;
    final DeviceParameters parameters;
    private final DenseLayers layers;
    private final int[] widths;
    private Buffer[] act, delta;
    private Buffer targets, rowLoss;
    private int capacity;
    /** One epoch's codes, labels and order on the device ({@link #fitEpoch}), grown to the largest epoch seen. */
    private Buffer epochZ, epochY, epochOrder;
    private int epochCapacity;

    DeviceMlp(Device device, int... widths) {
        if (widths[widths.length - 1] != 1) throw new IllegalArgumentException("the output must be one logit");
        this.device = device;
        this.widths = widths.clone();
        int p = DenseLayers.parameterCount(widths);
        parameters = new DeviceParameters(device, 1, p);
        layers = new DenseLayers(device, p, 0, widths);
    }

    int inputs() {
        return widths[0];
    }

    private void ensure(int n) {
        if (n <= capacity) return;
        if (act != null) {
            for (Buffer b : act) device.free(b);
            for (Buffer b : delta) device.free(b);
            device.free(targets);
            device.free(rowLoss);
        }
        act = layers.workBuffers(1, n);
        delta = layers.workBuffers(1, n);
        targets = device.floats(n);
        rowLoss = device.doubles(n);
        capacity = n;
    }

    private void forward(float[] z, int n) {
        ensure(n);
        device.upload(z, 0, n * widths[0], act[0], 0);
        layers.forward(parameters.params, 0, 1, act, n);
    }

    /** Mean BCE of n rows against labels y (1 = data, 0 = noise), with d loss/d f into the output delta. */
    private double bce(float[] y, int n) {
        device.upload(y, 0, n, targets, 0);
        device.launch(Kernel.BCE, n, act[widths.length - 1], targets, n, delta[widths.length - 1], rowLoss);
        double[] rows = new double[n];
        device.download(rowLoss, 0, rows, 0, n);
        double loss = 0;
        for (double r : rows) loss += r;
        return loss / n;
    }

    /** One optimiser step on n rows; returns the batch's mean loss before the step. */
    double step(float[] z, float[] y, int n) {
        forward(z, n);
        double loss = bce(y, n);
        layers.backward(parameters.params, parameters.grads, 0, 1, act, delta, n, false);
        parameters.step();
        return loss;
    }

    /**
     * An epoch of {@link #step}s over rows order[0..rows) of z and y in batches of batchSize, with one upload of
     * the epoch and the batches gathered on the device: no host round trip per step (the per-step losses are not
     * read), so the host only queues the epoch's work. The same kernels on the same rows as step by step.
     */
    void fitEpoch(float[] z, float[] y, int rows, int[] order, int batchSize) {
        int in = widths[0];
        if (rows > epochCapacity) {
            if (epochZ != null) {
                device.free(epochZ);
                device.free(epochY);
                device.free(epochOrder);
            }
            epochZ = device.floats((long) rows * in);
            epochY = device.floats(rows);
            epochOrder = device.ints(rows);
            epochCapacity = rows;
        }
        device.upload(z, 0, rows * in, epochZ, 0);
        device.upload(y, 0, rows, epochY, 0);
        device.upload(order, 0, rows, epochOrder, 0);
        ensure(Math.min(rows, batchSize));
        int out = widths.length - 1;
        for (int from = 0; from < rows; from += batchSize) {
            int n = Math.min(rows, from + batchSize) - from;
            device.launch(Kernel.GATHER_ROWS, n * in, epochZ, 0, in, epochOrder, rows, from, n, act[0]);
            device.launch(Kernel.GATHER_ROWS, n, epochY, 0, 1, epochOrder, rows, from, n, targets);
            layers.forward(parameters.params, 0, 1, act, n);
            device.launch(Kernel.BCE, n, act[out], targets, n, delta[out], rowLoss);
            layers.backward(parameters.params, parameters.grads, 0, 1, act, delta, n, false);
            parameters.step();
        }
    }

    double loss(float[] z, float[] y, int n) {
        forward(z, n);
        return bce(y, n);
    }

    float[] logits(float[] z, int n) {
        forward(z, n);
        float[] f = new float[n];
        device.download(act[widths.length - 1], 0, f, 0, n);
        return f;
    }

    /** f (returned) and grad_z f [n, in] into {@code gradient}. */
    float[] logitsAndInputGradient(float[] z, int n, float[] gradient) {
        float[] f = logits(z, n);
        int last = widths.length - 2, width = widths[last];
        device.launch(Kernel.SCALAR_DELTA, n * width, act[last], parameters.params, layers.weightOffset(last), width,
                DenseLayers.SLOPE, last > 0 ? 1 : 0, delta[last]);
        for (int i = last - 1; i >= 0; i--) layers.propagate(parameters.params, 0, 1, act, delta, n, i);
        device.download(delta[0], 0, gradient, 0, n * widths[0]);
        return f;
    }
}
