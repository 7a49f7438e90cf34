package dev.dgmbench.engine.cuda;

import dev.dgmbench.engine.Likelihood;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.VaeGroup;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.models.fused.FusedVae;
import dev.dgmbench.models.fused.JavaMatMul;

import java.util.List;

/**
 * Beta-VAEs of one shape (beta may differ) stacked on one device and trained in lockstep ({@link DeviceVae});
 * a model trained alone is a group of one. Parameters use the CPU fused engine's flat layout (mu | log-variance
 * side by side, decoder output level-major), so conversion to and from canonical weights goes through a
 * transient {@link FusedVae}. The group's device memory is freed once it and its members are unreachable.
 */
final class CudaVaeGroup implements VaeGroup {
    private final List<VaeShape> shapes;
    private final DeviceVae core;
    private final Member[] members;

    CudaVaeGroup(Device device, List<VaeShape> shapes, List<VaeWeights> weights, ResidentArrays resident) {
        if (shapes.isEmpty() || shapes.size() != weights.size()) {
            throw new IllegalArgumentException("one weight set per shape, at least one");
        }
        VaeShape s = shapes.get(0);
        for (VaeShape o : shapes) {
            if (!s.stacksWith(o)) throw new IllegalArgumentException("shapes " + s + " and " + o + " do not stack");
        }
        this.shapes = List.copyOf(shapes);
        double[] betas = shapes.stream().mapToDouble(VaeShape::beta).toArray();
        VaeDims dims = new VaeDims(s.likelihood() == Likelihood.CATEGORICAL, s.pixels(), s.levels(), s.hidden(), s.latent());
        OwnedBuffers owned = new OwnedBuffers(device);
        core = new DeviceVae(owned, dims, betas, resident);
        owned.releaseWhenUnreachable(this);
        members = new Member[shapes.size()];
        for (int i = 0; i < members.length; i++) {
            members[i] = new Member(i);
            core.parameters.write(i, new FusedVae(shapes.get(i), new JavaMatMul(), weights.get(i)).snapshot());
        }
    }

    @Override
    public int size() {
        return members.length;
    }

    @Override
    public VaeModel member(int i) {
        return members[i];
    }

    @Override
    public void startTraining(OptimizerSpec[] optimizers) {
        UpdateRule[] rules = new UpdateRule[optimizers.length];
        for (int i = 0; i < rules.length; i++) rules[i] = UpdateRule.of(optimizers[i]);
        core.parameters.start(rules);
    }

    @Override
    public void fitEpoch(float[] x, int[][] levels, float[][] eps, int[][] order, int batchSize, boolean[] active) {
        core.fitEpoch(x, levels, eps, order, batchSize, active);
    }

    /** Member i as a model; training it on its own is allowed only in a group of one. */
    private final class Member implements VaeModel {
        private final int index;

        Member(int index) {
            this.index = index;
        }

        @Override
        public VaeShape shape() {
            return shapes.get(index);
        }

        private void alone(String what) {
            if (members.length != 1) {
                throw new UnsupportedOperationException(what + " of one member of a group of " + members.length
                        + ": train the group (VaeGroup.startTraining / fitEpoch)");
            }
        }

        @Override
        public void startTraining(OptimizerSpec optimizer) {
            alone("startTraining");
            core.parameters.start(UpdateRule.of(optimizer));
        }

        @Override
        public double fitEpoch(float[] x, int[][] levels, float[] eps, int[] order, int batchSize) {
            alone("fitEpoch");
            return core.fitEpoch(x, levels, new float[][]{eps}, new int[][]{order}, batchSize, null)[0];
        }

        @Override
        public double[][] lossTerms(float[] x, int[][] levels, float[] eps, int n) {
            return core.lossTerms(index, x, levels, eps, n);
        }

        @Override
        public float[] encode(float[] x, int n) {
            return core.encode(index, x, n);
        }

        @Override
        public void logLikelihood(float[] z, int n, int[][] levels, double[] out) {
            core.logLikelihood(index, z, n, levels, out);
        }

        @Override
        public float[] decodeProbabilities(float[] z, int n) {
            return core.decodeProbabilities(index, z, n);
        }

        @Override
        public float[] snapshot() {
            return core.parameters.read(index);
        }

        @Override
        public void restore(float[] snapshot) {
            core.parameters.write(index, snapshot);
        }

        /** A device-to-device copy, both ways: no download per improving epoch. */
        @Override
        public Checkpoint checkpoint() {
            core.parameters.checkpoint(index);
            return () -> core.parameters.restoreCheckpoint(index);
        }

        @Override
        public VaeWeights weights() {
            VaeShape s = shape();
            FusedVae converter = new FusedVae(s, new JavaMatMul(), VaeWeights.glorot(s, 0));
            converter.restore(snapshot());
            return converter.weights();
        }
    }
}
