package dev.dgmbench.models.fused;

import dev.dgmbench.engine.OptimizerSpec;

/** What every fused model does with its flat parameter vector: optimiser start, snapshots, restores. */
abstract class FlatModel {
    protected final FlatParameters flat;

    FlatModel(FlatParameters flat) {
        this.flat = flat;
    }

    public void startTraining(OptimizerSpec optimizer) {
        flat.useOptimizer(optimizer);
    }

    public float[] snapshot() {
        return flat.snapshot();
    }

    public void restore(float[] snapshot) {
        flat.restore(snapshot);
    }
}
