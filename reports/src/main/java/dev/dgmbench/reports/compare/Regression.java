package dev.dgmbench.reports.compare;

import dev.dgmbench.reports.render.NumberFormats;

/**
 * A comparison result beyond its threshold; a CLI exits non-zero when the list is not empty.
 *
 * @param what      e.g. {@code metric drift model.nll}, {@code slowdown epoch_seconds}, {@code failed runs}
 * @param where     which candidate against which baseline, and which run or grid point
 * @param value     the measured value: relative drift (0.1 = 10%), slowdown factor, or count of failed runs
 * @param threshold the limit it exceeded
 */
public record Regression(String what, String where, double value, double threshold) {
    @Override
    public String toString() {
        return what + " at " + where + ": " + NumberFormats.num(value) + " > " + NumberFormats.num(threshold);
    }
}
