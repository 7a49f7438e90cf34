package dev.dgmbench.models.prior;

import org.nd4j.linalg.api.ndarray.INDArray;

/** p(z) = N(0, I). */
public final class StandardNormal implements LatentPrior {
    public static final StandardNormal INSTANCE = new StandardNormal();
    static final double LOG_2PI = Math.log(2 * Math.PI);

    @Override
    public double[] logDensity(INDArray z) {
        int n = (int) z.rows(), l = (int) z.columns();
        float[] v = z.dup('c').data().asFloat();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < l; j++) s += (double) v[i * l + j] * v[i * l + j];
            out[i] = -0.5 * (s + l * LOG_2PI);
        }
        return out;
    }

    @Override
    public String name() {
        return "standard_normal";
    }
}
