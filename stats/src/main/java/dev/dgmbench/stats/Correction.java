package dev.dgmbench.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Multiplicity corrections of a family of p-values, as R's {@code p.adjust}: Holm's step-down (controls the
 * family-wise error rate under any dependence), Benjamini-Hochberg's step-up (controls the false discovery rate
 * under independence or positive dependence), or none. A hypothesis is rejected at level alpha when its adjusted
 * p-value is below alpha.
 */
public enum Correction {
    HOLM("holm"),
    BENJAMINI_HOCHBERG("benjamini-hochberg"),
    NONE("none");

    private final String spec;

    Correction(String spec) {
        this.spec = spec;
    }

    /** The spec name, e.g. "benjamini-hochberg". */
    public String spec() {
        return spec;
    }

    /** Parses a spec name ("holm", "benjamini-hochberg", "none"), ignoring case and surrounding spaces. */
    public static Correction parse(String spec) {
        return SpecNames.parse(values(), Correction::spec, "correction", spec);
    }

    /** The adjusted p-values of {@code p} (each in [0, 1]), in the same order. */
    public double[] adjust(double[] p) {
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p[" + i + "] is " + p[i] + "; p-values must be in [0, 1]");
            }
        }
        int m = p.length;
        double[] out = p.clone();
        if (this == NONE || m == 0) {
            return out;
        }
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        if (this == HOLM) {
            double running = 0; // step-down: adjusted values never decrease along the sorted order
            for (int k = 0; k < m; k++) {
                running = Math.max(running, Math.min(1, (m - k) * p[order[k]]));
                out[order[k]] = running;
            }
        } else {
            double running = 1; // step-up: from the largest p down, never increase
            for (int k = m - 1; k >= 0; k--) {
                running = Math.min(running, Math.min(1, m / (double) (k + 1) * p[order[k]]));
                out[order[k]] = running;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return spec;
    }
}
