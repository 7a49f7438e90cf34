package dev.dgmbench.engine.train;

/**
 * Early stopping on a held-out loss, shared by every training loop (VAE, NCE classifier, evaluator): an epoch
 * that lowers the best loss is kept; {@code patience} epochs in a row without one end training.
 */
public final class EarlyStopping {
    public enum Step { IMPROVED, WAIT, STOP }

    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch, since;

    public EarlyStopping(int patience) {
        if (patience < 1) throw new IllegalArgumentException("patience must be >= 1");
        this.patience = patience;
    }

    /** Records the held-out loss after {@code epoch}. */
    public Step record(int epoch, double loss) {
        if (loss < best) {
            best = loss;
            bestEpoch = epoch;
            since = 0;
            return Step.IMPROVED;
        }
        return ++since >= patience ? Step.STOP : Step.WAIT;
    }

    public int bestEpoch() {
        return bestEpoch;
    }

    public double best() {
        return best;
    }
}
