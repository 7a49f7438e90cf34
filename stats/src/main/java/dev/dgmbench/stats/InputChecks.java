package dev.dgmbench.stats;

/** Input validation shared by the statistics classes; messages name the argument so callers can fix the input. */
final class InputChecks {
    private InputChecks() {
    }

    static void finite(double[] values, String name) {
        if (values == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + values[i] + "; all values must be finite");
            }
        }
    }

    static void atLeast(double[] values, int needed, String name, String purpose) {
        if (values.length < needed) {
            throw new IllegalArgumentException(name + " has " + values.length + " value" + (values.length == 1 ? "" : "s")
                    + " but " + purpose + " needs at least " + needed);
        }
    }

    static void level(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + level);
        }
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
