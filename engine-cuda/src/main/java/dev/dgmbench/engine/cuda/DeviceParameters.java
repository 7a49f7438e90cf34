package dev.dgmbench.engine.cuda;

/**
 * The flat parameters of G stacked members on a device [G, P], their gradients and optimiser moments, a per-member
 * active flag (an early-stopped member keeps its weights and moments) and one update kernel for all of them.
 * Active members step together, so one step count t serves them all.
 */
final class DeviceParameters {
    final Device device;
    final int members, size;
    final Buffer params, grads;
    private final Buffer active;
    private Buffer m, v;
    private UpdateRule rule;
    private int t;

    DeviceParameters(Device device, int members, int size) {
        this.device = device;
        this.members = members;
        this.size = size;
        params = device.floats((long) members * size);
        grads = device.floats((long) members * size);
        active = device.ints(members);
        setActive(null);
    }

    /** A fresh optimiser state (moments zero, t = 0) with every member active. */
    void start(UpdateRule rule) {
        this.rule = rule;
        t = 0;
        if (m == null) {
            m = device.floats((long) members * size);
            v = device.floats((long) members * size);
        } else {
            float[] zeros = new float[size];
            for (int g = 0; g < members; g++) {
                device.upload(zeros, 0, size, m, (long) g * size);
                device.upload(zeros, 0, size, v, (long) g * size);
            }
        }
        setActive(null);
    }

    /** Which members update (null: all). */
    void setActive(boolean[] flags) {
        int[] a = new int[members];
        for (int g = 0; g < members; g++) a[g] = flags == null || flags[g] ? 1 : 0;
        device.upload(a, 0, members, active, 0);
    }

    /** Applies the optimiser to the gradients the last backward pass wrote. */
    void step() {
        if (rule == null) throw new IllegalStateException("no optimiser: call startTraining first");
        t++;
        device.launch(Kernel.OPTIMIZER_STEP, members * size, params, grads, m, v, active, size, rule.code(), rule.lr(),
                rule.b1(), rule.b2(), rule.eps(), rule.stepSize(t));
    }

    float[] read(int member) {
        float[] out = new float[size];
        device.download(params, (long) member * size, out, 0, size);
        return out;
    }

    void write(int member, float[] values) {
        if (values.length != size) throw new IllegalArgumentException("expected " + size + " parameters, got " + values.length);
        device.upload(values, 0, size, params, (long) member * size);
    }
}
