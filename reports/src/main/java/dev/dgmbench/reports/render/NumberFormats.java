package dev.dgmbench.reports.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The one number format of the reports: 4 significant digits, plain notation between 1e-3 and 1e6, otherwise
 * {@code 1.234e-5}; NaN is "n/a"; p-values with 3 ({@link #p}). Exact values are in the JSON files beside the
 * reports.
 */
public final class NumberFormats {
    public static final int DIGITS = 4;
    /** Significant digits of a p-value, and the largest one printed as a number (above it rounding would say 1). */
    public static final int P_DIGITS = 3;
    public static final double P_MAX_SHOWN = 0.999;

    private NumberFormats() {
    }

    public static String num(double x) {
        return significant(x, DIGITS);
    }

    /** {@code x} with {@code digits} significant digits, padded ({@code 1 -> 1.000}), plain between 1e-3 and 1e6. */
    private static String significant(double x, int digits) {
        if (Double.isNaN(x)) return "n/a";
        if (Double.isInfinite(x)) return x > 0 ? "∞" : "-∞";
        if (x == 0) return "0";
        BigDecimal r = new BigDecimal(x).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        int exponent = r.precision() - r.scale() - 1;
        r = r.setScale(digits - 1 - exponent, RoundingMode.HALF_EVEN); // pad: 1 -> 1.000
        double a = Math.abs(r.doubleValue());
        if (a >= 1e-3 && a < 1e6) return r.toPlainString();
        BigDecimal mantissa = r.movePointLeft(exponent);
        return mantissa.toPlainString() + "e" + exponent;
    }

    public static String num(Double x) {
        return x == null ? "n/a" : num(x.doubleValue());
    }

    /** {@code mean [low, high]}; the interval is left out when it is not finite (e.g. one seed). */
    public static String ci(double mean, double low, double high) {
        if (Double.isNaN(mean)) return "n/a";
        if (!Double.isFinite(low) || !Double.isFinite(high)) return num(mean);
        return num(mean) + " [" + num(low) + ", " + num(high) + "]";
    }

    /** Ratios and speed-ups: two decimals, as in "1.23x". */
    public static String ratio(double r) {
        if (!Double.isFinite(r)) return "n/a";
        return String.format(Locale.ROOT, "%.2f", r);
    }

    /** A relative difference as a percentage with 4 significant digits. */
    public static String pct(double r) {
        if (Double.isNaN(r)) return "n/a";
        if (Double.isInfinite(r)) return "∞";
        return num(100 * r) + "%";
    }

    /**
     * p-values: 3 significant digits ({@code 0.0156}, {@code 2.35e-5}); above 0.999 {@code >0.999}, so 0.9995 is not
     * shown as 1; "n/a" when not computed.
     */
    public static String p(double p) {
        if (Double.isNaN(p)) return "n/a";
        if (p > P_MAX_SHOWN) return ">" + P_MAX_SHOWN;
        return significant(p, P_DIGITS);
    }

    /** A p-value in prose: {@code "p = 0.0156"}, or {@code "p > 0.999"} (never "p = >0.999"). */
    public static String pIs(double p) {
        return p > P_MAX_SHOWN ? "p > " + P_MAX_SHOWN : "p = " + p(p);
    }

    /**
     * A claim's p-values, raw and adjusted for multiplicity: {@code p → adjusted} in the claimed direction, and in
     * the opposite direction too when that decided the verdict (REFUTED).
     */
    public static String claimP(dev.dgmbench.results.ClaimResult c) {
        if (Double.isNaN(c.pValue())) return "n/a";
        String s = p(c.pValue()) + " → " + p(c.pAdjusted());
        if (c.verdict() == dev.dgmbench.results.ClaimResult.Verdict.REFUTED) {
            s += "; opposite " + p(c.pOpposite()) + " → " + p(c.pOppositeAdjusted());
        }
        return s;
    }
}
