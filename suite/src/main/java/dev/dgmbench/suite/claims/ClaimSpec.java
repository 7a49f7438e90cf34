package dev.dgmbench.suite.claims;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.Metric;
import dev.dgmbench.results.MetricCatalogue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One claim of a study, as written in the spec (validated by the spec loader): the metric of the runs selected by
 * {@code higher} is claimed to be higher than that of the runs selected by {@code lower}.
 *
 * @param text        the claim in the study's words
 * @param sampler     the sampler whose metric both groups compare (sampler metrics only), or null
 * @param higher      selector of the group claimed higher: grid key (e.g. {@code model.beta}) or {@code sampler}
 *                    to a value; grid values are typed like the field
 * @param lower       selector of the group claimed lower
 * @param higherFirst whether {@code higher} was written before {@code lower}; that group becomes A of the result
 * @param per         grid keys (or {@code sampler}) to evaluate separately, one result per value combination
 * @param test        welch, mann-whitney, paired-t or wilcoxon-paired
 * @param minEffect   minimum |effect size| (Hedges' g or Cliff's delta) for SUPPORTED or REFUTED
 * @param expect      the verdict CI asserts, or null
 */
public record ClaimSpec(String id, String text, String metric, String sampler, Map<String, Object> higher,
                        Map<String, Object> lower, boolean higherFirst, List<String> per, String test,
                        double alpha, double minEffect, ClaimResult.Verdict expect) {

    /** Metrics of the trained model a claim may test, one number per run (from the {@link MetricCatalogue}). */
    public static final List<String> MODEL_METRICS = claimable(Metric.Scope.MODEL, false);
    /** Model metrics that need the NCE prior. */
    public static final List<String> NCE_METRICS = claimable(Metric.Scope.MODEL, true);
    /** Metrics of one sampler's images (and the samplers' diagnostics), one number per run and sampler. */
    public static final List<String> SAMPLER_METRICS = claimable(Metric.Scope.SAMPLER, false);
    public static final List<String> TESTS = java.util.Arrays.stream(dev.dgmbench.stats.TestKind.values()).map(dev.dgmbench.stats.TestKind::spec).toList();
    public static final String SAMPLER_KEY = "sampler";
    public static final String DEFAULT_TEST = "welch";
    public static final double DEFAULT_ALPHA = 0.05;

    public ClaimSpec {
        higher = Collections.unmodifiableMap(new LinkedHashMap<>(higher));
        lower = Collections.unmodifiableMap(new LinkedHashMap<>(lower));
        per = List.copyOf(per);
        test = test == null ? DEFAULT_TEST : test;
    }

    private static List<String> claimable(Metric.Scope scope, boolean nceOnly) {
        return MetricCatalogue.names(scope).stream().map(n -> MetricCatalogue.find(scope, n).orElseThrow())
                .filter(m -> m.claimable() && (!nceOnly || m.needsNce())).map(Metric::name).toList();
    }

    public boolean isSamplerMetric() {
        return SAMPLER_METRICS.contains(metric);
    }

    public boolean paired() {
        return test.equals("paired-t") || test.equals("wilcoxon-paired");
    }

    /** The higher group's selector with the claim-level sampler added. */
    public Map<String, Object> higherSelector() {
        return withSampler(higher);
    }

    public Map<String, Object> lowerSelector() {
        return withSampler(lower);
    }

    /** Group A of the result: the group written first. */
    public Map<String, Object> selectorA() {
        return higherFirst ? higherSelector() : lowerSelector();
    }

    public Map<String, Object> selectorB() {
        return higherFirst ? lowerSelector() : higherSelector();
    }

    /** {@code A > B} when the group written first is claimed higher, else {@code A < B}. */
    public String direction() {
        return higherFirst ? "A > B" : "A < B";
    }

    private Map<String, Object> withSampler(Map<String, Object> sel) {
        if (sampler == null) return sel;
        Map<String, Object> m = new LinkedHashMap<>(sel);
        m.put(SAMPLER_KEY, sampler);
        return m;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("text", text);
        m.put("metric", metric);
        if (sampler != null) m.put("sampler", sampler);
        if (higherFirst) {
            m.put("higher", new LinkedHashMap<>(higher));
            m.put("lower", new LinkedHashMap<>(lower));
        } else {
            m.put("lower", new LinkedHashMap<>(lower));
            m.put("higher", new LinkedHashMap<>(higher));
        }
        m.put("per", new ArrayList<>(per));
        m.put("test", test);
        m.put("alpha", alpha);
        m.put("min_effect", minEffect);
        if (expect != null) m.put("expect", expect.name().toLowerCase(Locale.ROOT));
        return m;
    }
}
