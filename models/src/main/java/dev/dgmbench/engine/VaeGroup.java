package dev.dgmbench.engine;

/**
 * Several beta-VAEs of one shape (beta may differ) trained in lockstep on one training set, so an engine whose
 * per-call cost dominates small models (a GPU) runs them as stacked products. Each member must get the numbers
 * it would get trained alone; early stopping stays per member (an inactive member is not updated).
 */
public interface VaeGroup {
    int size();

    /** Member i as a model of its own (evaluation, snapshots, weights). */
    VaeModel member(int i);

    /** Starts every member's optimiser afresh. */
    void startTraining(OptimizerSpec[] optimizers);

    /**
     * One epoch for the active members, each with its own row order and noise (as {@link VaeModel#fitEpoch}), all
     * over the same x and levels with the same batch size.
     */
    void fitEpoch(float[] x, int[][] levels, float[][] eps, int[][] order, int batchSize, boolean[] active);
}
