package dev.dgmbench.metrics.likelihood;

/** log(mean(exp(v))) without overflow: the maximum is taken out before exponentiating. */
public final class LogMeanExp {
    private LogMeanExp() {
    }

    public static double of(double[] v, int from, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) max = Math.max(max, v[i]);
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) return max;
        if (max == Double.POSITIVE_INFINITY) return max;
        double s = 0;
        for (int i = from; i < to; i++) s += Math.exp(v[i] - max);
        return max + Math.log(s / (to - from));
    }

    public static double of(double[] v) {
        return of(v, 0, v.length);
    }
}
