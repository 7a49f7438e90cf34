package dev.dgmbench.engine.train;

import java.util.List;

/**
 * @param bestEpoch  the epoch whose weights were restored (lowest validation loss)
 * @param stoppedEarly whether patience ran out before max epochs
 */
public record TrainingResult(List<EpochStats> history, int bestEpoch, boolean stoppedEarly, double seconds) {
}
