package dev.dgmbench.engine.cuda;

/**
 * The flat parameters of G stacked members on a device [G, P], their gradients and optimiser moments, a per-member
 * active flag (an early-stopped member keeps its weights and moments) and the update: one kernel launch for all
 * members when they share an optimiser, else one per member. Active members step together, so one step count t
 * serves them all.
 */
final class DeviceParameters {
    final Device device;
    final int members, size;
    final Buffer params, grads;
    private final Buffer active;
    private Buffer m, v, best;
    private UpdateRule[] rules;
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

    /** A fresh optimiser state (moments zero, t = 0) with every member active; one rule per member. */
    void start(UpdateRule... rules) {
        if (rules.length != members) throw new IllegalArgumentException(members + " optimisers needed, got " + rules.length);
        this.rules = rules.clone();
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
        if (rules == null) throw new IllegalStateException("no optimiser: call startTraining first");
        t++;
        boolean shared = java.util.Arrays.stream(rules).allMatch(rules[0]::equals);
        for (int g = 0; g < (shared ? 1 : members); g++) {
            UpdateRule r = rules[g];
            device.launch(Kernel.OPTIMIZER_STEP, (shared ? members : 1) * size, params, grads, m, v, active, size, g,
                    r.code(), r.lr(), r.b1(), r.b2(), r.eps(), r.stepSize(t));
        }
    }

    /** Keeps member's parameters in a device copy (one per member; the next replaces it). */
    void checkpoint(int member) {
        if (best == null) best = device.floats((long) members * size);
        device.copy(params, (long) member * size, best, (long) member * size, size);
    }

    /** Member's parameters as its last {@link #checkpoint}. */
    void restoreCheckpoint(int member) {
        if (best == null) throw new IllegalStateException("no checkpoint of member " + member);
        device.copy(best, (long) member * size, params, (long) member * size, size);
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
