package dev.dgmbench.reports;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The one number format of the reports: 4 significant digits, plain notation between 1e-3 and 1e6, otherwise
 * {@code 1.234e-5}; NaN is "n/a". Exact values are in the JSON files beside the reports.
 */
final class Fmt {
    static final int DIGITS = 4;
    private static final MathContext MC = new MathContext(DIGITS, RoundingMode.HALF_EVEN);

    private Fmt() {
    }

    static String num(double x) {
        if (Double.isNaN(x)) return "n/a";
        if (Double.isInfinite(x)) return x > 0 ? "∞" : "-∞";
        if (x == 0) return "0";
        BigDecimal r = new BigDecimal(x).round(MC);
        int exponent = r.precision() - r.scale() - 1;
        r = r.setScale(DIGITS - 1 - exponent, RoundingMode.HALF_EVEN); // pad to 4 digits: 1 -> 1.000
        double a = Math.abs(r.doubleValue());
        if (a >= 1e-3 && a < 1e6) return r.toPlainString();
        BigDecimal mantissa = r.movePointLeft(exponent);
        return mantissa.toPlainString() + "e" + exponent;
    }

    static String num(Double x) {
        return x == null ? "n/a" : num(x.doubleValue());
    }

    /** {@code mean [low, high]}; the interval is left out when it is not finite (e.g. one seed). */
    static String ci(double mean, double low, double high) {
        if (Double.isNaN(mean)) return "n/a";
        if (!Double.isFinite(low) || !Double.isFinite(high)) return num(mean);
        return num(mean) + " [" + num(low) + ", " + num(high) + "]";
    }

    /** As {@link #ci(double, double, double)}, with † when the interval rests on too few seeds (n = 2). */
    static String ci(Estimate e) {
        if (e == null) return "–";
        return ci(e.mean(), e.ciLow(), e.ciHigh()) + (e.warning() != null ? " †" : "");
    }

    /** Ratios and speed-ups: two decimals, as in "1.23x". */
    static String ratio(double r) {
        if (!Double.isFinite(r)) return "n/a";
        return String.format(Locale.ROOT, "%.2f", r);
    }

    /** A relative difference as a percentage with 4 significant digits. */
    static String pct(double r) {
        if (Double.isNaN(r)) return "n/a";
        if (Double.isInfinite(r)) return "∞";
        return num(100 * r) + "%";
    }

    /**
     * A claim's p-values, raw and adjusted for multiplicity: {@code p → adjusted} in the claimed direction, and in
     * the opposite direction too when that decided the verdict (REFUTED).
     */
    static String claimP(dev.dgmbench.results.ClaimResult c) {
        if (Double.isNaN(c.pValue())) return "n/a";
        String s = p(c.pValue()) + " → " + p(c.pAdjusted());
        if (c.verdict() == dev.dgmbench.results.ClaimResult.Verdict.REFUTED) {
            s += "; opposite " + p(c.pOpposite()) + " → " + p(c.pOppositeAdjusted());
        }
        return s;
    }

    /** p-values: 4 significant digits like everything else, "n/a" when not computed. */
    static String p(double p) {
        return num(p);
    }
}
