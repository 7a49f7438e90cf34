package dev.dgmbench.engine.train;

/** Training produced a NaN or infinite loss; the run is recorded as failed with this message. */
public class DivergedException extends RuntimeException {
    public DivergedException(String message) {
        super(message);
    }
}
