package dev.dgmbench.stats;

/**
 * Outcome of a two-group test of group A against group B.
 *
 * @param test           the test's spec name, e.g. "welch" (see {@link TestKind#spec()})
 * @param statistic      t for the t-tests, U of group A for Mann-Whitney (pairs with a > b, ties counting half),
 *                       W+ (sum of ranks of positive A - B differences) for Wilcoxon
 * @param pTwoSided      two-sided p-value
 * @param alternative    direction of {@code pOneSided}
 * @param pOneSided      one-sided p-value for H1 "A greater than B" or "A less than B" as {@code alternative} says
 * @param n1             size of group A (number of pairs for paired tests)
 * @param n2             size of group B
 * @param effectSizeName {@link TestKind#HEDGES_G} or {@link TestKind#CLIFFS_DELTA}: the test kind's {@link TestKind#effectSizeName()}
 * @param effectSize     the effect size of A relative to B
 * @param meanDifference mean(A) - mean(B)
 * @param method         how the p-value was obtained: "t", "exact", "normal-approx" or "degenerate"
 */
public record TestResult(String test, double statistic, double pTwoSided, Alternative alternative, double pOneSided,
                         int n1, int n2, String effectSizeName, double effectSize, double meanDifference,
                         String method) {
}
