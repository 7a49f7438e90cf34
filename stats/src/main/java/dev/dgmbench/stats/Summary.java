package dev.dgmbench.stats;

import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * Descriptive summary of repeated measurements (e.g. one metric over seeds) with a confidence interval of the mean.
 *
 * @param n        number of values
 * @param mean     arithmetic mean
 * @param sd       sample standard deviation (n-1 denominator); 0 when n == 1, where no spread was observed
 * @param min      smallest value
 * @param max      largest value
 * @param ciLevel  confidence level of the interval, e.g. 0.95
 * @param ciLower  lower end of the CI of the mean
 * @param ciUpper  upper end of the CI of the mean
 * @param ciMethod "bootstrap-percentile", "t" or "none"
 */
public record Summary(int n, double mean, double sd, double min, double max,
                      double ciLevel, double ciLower, double ciUpper, String ciMethod) {

    /** Summary with a 95% percentile-bootstrap CI ({@value Bootstrap#DEFAULT_RESAMPLES} resamples, seeded). */
    public static Summary of(double[] values, long seed) {
        return of(values, Bootstrap.DEFAULT_LEVEL, Bootstrap.DEFAULT_RESAMPLES, seed);
    }

    /** Summary with a percentile-bootstrap CI at {@code level} from {@code resamples} resamples. */
    public static Summary of(double[] values, double level, int resamples, long seed) {
        Bootstrap.Interval ci = Bootstrap.percentileMeanCi(values, level, resamples, seed);
        return build(values, ci);
    }

    /**
     * Summary with the 95% interval of {@link MeanInterval} for a metric in [lowerBound, upperBound]; with one value
     * the interval is NaN (no spread observed, none estimated).
     */
    public static Summary ofMean(double[] values, double lowerBound, double upperBound) {
        if (values.length == 1) {
            return build(values, new Bootstrap.Interval(Double.NaN, Double.NaN, Bootstrap.DEFAULT_LEVEL, "none"));
        }
        return build(values, MeanInterval.of(values, lowerBound, upperBound));
    }

    /** Summary with a Student t CI at {@code level}; needs at least two values. */
    public static Summary withTInterval(double[] values, double level) {
        return build(values, Bootstrap.tMeanCi(values, level));
    }

    private static Summary build(double[] values, Bootstrap.Interval ci) {
        DescriptiveStatistics d = new DescriptiveStatistics(values);
        double sd = values.length == 1 ? 0 : d.getStandardDeviation();
        return new Summary(values.length, d.getMean(), sd, d.getMin(), d.getMax(),
                ci.level(), ci.lower(), ci.upper(), ci.method());
    }

    public Bootstrap.Interval ci() {
        return new Bootstrap.Interval(ciLower, ciUpper, ciLevel, ciMethod);
    }
}
