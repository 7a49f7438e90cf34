package dev.dgmbench.models.prior;

/** p(z) = N(0, I). */
public final class StandardNormal implements LatentPrior {
    public static final StandardNormal INSTANCE = new StandardNormal();
    static final double LOG_2PI = Math.log(2 * Math.PI);

    @Override
    public double[] logDensity(float[] z, int n, int l) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < l; j++) s += (double) z[i * l + j] * z[i * l + j];
            out[i] = -0.5 * (s + l * LOG_2PI);
        }
        return out;
    }

    @Override
    public String name() {
        return "standard_normal";
    }
}
