package dev.dgmbench.engine.train;

import java.util.List;

/**
 * @param bestEpoch    the epoch whose weights were restored (lowest validation loss)
 * @param stoppedEarly whether patience ran out before max epochs
 * @param seconds      wall time of the whole training
 * @param phases       where that time went (for a member of a group: the group's time while the member trained)
 */
public record TrainingResult(List<EpochStats> history, int bestEpoch, boolean stoppedEarly, double seconds, Phases phases) {
    /**
     * @param drawSeconds    drawing each epoch's noise and row order (on the host, in Java)
     * @param fitSeconds     the engine's passes over the training set
     * @param measureSeconds the epoch's training and validation loss, early stopping's checkpoints and the listener
     */
    public record Phases(double drawSeconds, double fitSeconds, double measureSeconds) {
    }
}
