package dev.dgmbench.stats;

/** Direction of a one-sided test, always phrased as group A relative to group B. */
public enum Alternative {
    /** H1: A tends to be greater than B. */
    GREATER,
    /** H1: A tends to be less than B. */
    LESS
}
