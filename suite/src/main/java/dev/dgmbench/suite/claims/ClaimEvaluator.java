package dev.dgmbench.suite.claims;

import dev.dgmbench.stats.Alternative;
import dev.dgmbench.stats.Summary;
import dev.dgmbench.stats.TestKind;
import dev.dgmbench.stats.TestResult;
import dev.dgmbench.stats.TwoGroupTest;
import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.ClaimResult.GroupEvidence;
import dev.dgmbench.results.ClaimResult.Verdict;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks claims against finished runs.
 *
 * <p>For each claim (and each value combination of its {@code per} keys) two groups of numbers are formed: the
 * metric of every OK run whose grid point matches the group's selector (its {@code sampler}, if any, picks the
 * sampler's metric). Grid keys that neither the selector nor {@code per} names are pooled. Paired tests pair a value
 * of A with the value of B from the same seed and the same values of the pooled grid keys; for a comparison of two
 * samplers that is the same run.
 *
 * <p>Verdict: SUPPORTED when the one-sided p-value in the claimed direction is below alpha and |effect size| is at
 * least min_effect; REFUTED when the one-sided p-value in the opposite direction is below alpha (same effect
 * condition); otherwise INCONCLUSIVE. NOT_EVALUATED when a group has fewer than {@link #MIN_VALUES} values (failed
 * runs, runs without the metric and non-finite values are left out and named in the note).
 */
public final class ClaimEvaluator {
    /** Seed of the bootstrap confidence intervals, so reports are reproducible. */
    public static final long BOOTSTRAP_SEED = 20_240_607L;
    /** Fewest values per group (pairs for paired tests) for a test. */
    public static final int MIN_VALUES = 2;

    private ClaimEvaluator() {
    }

    public static List<ClaimResult> evaluate(List<ClaimSpec> claims, List<RunResult> runs) {
        List<ClaimResult> out = new ArrayList<>();
        for (ClaimSpec c : claims) out.addAll(evaluate(c, runs));
        return out;
    }

    /** One result per slice ({@code per} value combination), or one result without {@code per}. */
    public static List<ClaimResult> evaluate(ClaimSpec claim, List<RunResult> runs) {
        List<ClaimResult> out = new ArrayList<>();
        for (Map<String, Object> slice : slices(claim, runs)) out.add(evaluateSlice(claim, slice, runs));
        return out;
    }

    private record Obs(String runId, long seed, String pairKey, double value) {
    }

    private static ClaimResult evaluateSlice(ClaimSpec claim, Map<String, Object> slice, List<RunResult> runs) {
        String id = claim.id() + (slice.isEmpty() ? "" : "[" + label(slice) + "]");
        Map<String, Object> selA = merged(claim.selectorA(), slice), selB = merged(claim.selectorB(), slice);
        Set<String> fixedKeys = new LinkedHashSet<>(selA.keySet());
        fixedKeys.addAll(selB.keySet());
        fixedKeys.addAll(slice.keySet());
        fixedKeys.remove(ClaimSpec.SAMPLER_KEY);

        List<String> failed = new ArrayList<>(), missing = new ArrayList<>(), nonFinite = new ArrayList<>();
        List<Obs> a = collect(selA, claim.metric(), fixedKeys, runs, failed, missing, nonFinite);
        List<Obs> b = collect(selB, claim.metric(), fixedKeys, runs, failed, missing, nonFinite);
        List<String> notes = new ArrayList<>();
        if (!failed.isEmpty()) notes.add("failed runs left out: " + String.join(", ", distinct(failed)));
        if (!missing.isEmpty()) notes.add("runs without " + claim.metric() + " left out: " + String.join(", ", distinct(missing)));
        if (!nonFinite.isEmpty()) notes.add("runs with a non-finite " + claim.metric() + " left out: " + String.join(", ", distinct(nonFinite)));

        TestKind kind = TestKind.parse(claim.test());
        if (kind.paired()) {
            Map<String, Obs> ma = byKey(a), mb = byKey(b);
            List<String> unpaired = new ArrayList<>();
            for (Obs o : a) if (!mb.containsKey(o.pairKey())) unpaired.add(o.runId());
            for (Obs o : b) if (!ma.containsKey(o.pairKey())) unpaired.add(o.runId());
            if (!unpaired.isEmpty()) notes.add("runs without a partner in the other group left out: " + String.join(", ", unpaired));
            a = a.stream().filter(o -> mb.containsKey(o.pairKey())).toList();
            b = a.stream().map(o -> mb.get(o.pairKey())).toList();
        }
        String labelA = label(selA), labelB = label(selB);
        GroupEvidence ea = evidence(labelA, a), eb = evidence(labelB, b);

        String direction = claim.direction();
        double nan = Double.NaN;
        if (a.size() < MIN_VALUES || b.size() < MIN_VALUES) {
            String what = kind.paired() ? "pairs" : "values";
            notes.add(0, "too few " + what + ": A (" + labelA + ") has " + a.size() + ", B (" + labelB + ") has "
                    + b.size() + "; needs at least " + MIN_VALUES + " each");
            return new ClaimResult(id, claim.text(), claim.metric(), direction, claim.test(), claim.alpha(),
                    claim.minEffect(), ea, eb, nan, nan, nan, effectName(kind), Verdict.NOT_EVALUATED, claim.expect(),
                    String.join("; ", notes));
        }
        double[] va = values(a), vb = values(b);
        Alternative claimed = claim.higherFirst() ? Alternative.GREATER : Alternative.LESS;
        Alternative opposite = claimed == Alternative.GREATER ? Alternative.LESS : Alternative.GREATER;
        TestResult r, ro;
        try {
            r = TwoGroupTest.run(kind, va, vb, claimed);
            ro = TwoGroupTest.run(kind, va, vb, opposite);
        } catch (IllegalArgumentException e) {
            notes.add(0, "the test could not run: " + e.getMessage());
            return new ClaimResult(id, claim.text(), claim.metric(), direction, claim.test(), claim.alpha(),
                    claim.minEffect(), ea, eb, nan, nan, nan, effectName(kind), Verdict.NOT_EVALUATED, claim.expect(),
                    String.join("; ", notes));
        }
        double p = r.pOneSided(), pOpp = ro.pOneSided(), effect = r.effectSize();
        boolean bigEnough = claim.minEffect() <= 0 || Math.abs(effect) >= claim.minEffect();
        Verdict verdict;
        if (p < claim.alpha() && bigEnough) verdict = Verdict.SUPPORTED;
        else if (pOpp < claim.alpha() && bigEnough) verdict = Verdict.REFUTED;
        else verdict = Verdict.INCONCLUSIVE;
        if (!bigEnough && (p < claim.alpha() || pOpp < claim.alpha())) {
            notes.add(String.format(Locale.ROOT, "significant, but |%s| = %.3g is below min_effect %s",
                    r.effectSizeName(), Math.abs(effect), claim.minEffect()));
        }
        if (!"t".equals(r.method()) && !"exact".equals(r.method())) notes.add("p-value method: " + r.method());
        List<String> unreliable = SamplerReliability.unreliable(selA, a.stream().map(Obs::runId).toList(), runs);
        unreliable.addAll(SamplerReliability.unreliable(selB, b.stream().map(Obs::runId).toList(), runs));
        List<String> normaliser = NormaliserReliability.unreliable(claim.metric(),
                java.util.stream.Stream.concat(a.stream(), b.stream()).map(Obs::runId).toList(), runs);
        if (!unreliable.isEmpty() || !normaliser.isEmpty()) {
            // A verdict about samples means nothing when the sampler did not converge or collapsed, nor one about
            // the NCE NLL when its normaliser rests on a few draws (docs/validity.md).
            String what = unreliable.isEmpty() ? "NCE normaliser" : "sampler";
            if (verdict != Verdict.INCONCLUSIVE) notes.add("would be " + verdict + " but rests on an unreliable " + what);
            verdict = Verdict.INCONCLUSIVE;
            notes.addAll(unreliable);
            notes.addAll(normaliser);
        }
        notes.addAll(SamplerReliability.undiagnosed(selA, a.stream().map(Obs::runId).toList(), runs));
        notes.addAll(SamplerReliability.undiagnosed(selB, b.stream().map(Obs::runId).toList(), runs));
        return new ClaimResult(id, claim.text(), claim.metric(), direction, claim.test(), claim.alpha(),
                claim.minEffect(), ea, eb, p, pOpp, effect, r.effectSizeName(), verdict, claim.expect(),
                notes.isEmpty() ? null : String.join("; ", notes));
    }

    private static String effectName(TestKind kind) {
        return kind == TestKind.WELCH || kind == TestKind.PAIRED_T ? "hedges_g" : "cliffs_delta";
    }

    /** The values of the runs matching a selector, in (seed, pooled grid values) order. */
    private static List<Obs> collect(Map<String, Object> sel, String metric, Set<String> fixedKeys,
                                     List<RunResult> runs, List<String> failed, List<String> missing,
                                     List<String> nonFinite) {
        String sampler = (String) sel.get(ClaimSpec.SAMPLER_KEY);
        List<Obs> out = new ArrayList<>();
        for (RunResult run : runs) {
            Map<String, Object> gp = gridPoint(run);
            if (!matches(gp, sel)) continue;
            String runId = run.info().runId();
            if (run.info().status() != RunStatus.OK) {
                failed.add(runId);
                continue;
            }
            Double v = run.metrics() == null ? null : run.metrics().get(sampler, metric);
            if (v == null) {
                missing.add(runId);
                continue;
            }
            if (!Double.isFinite(v)) {
                nonFinite.add(runId);
                continue;
            }
            out.add(new Obs(runId, run.info().seed(), pairKey(run.info().seed(), gp, fixedKeys), v));
        }
        out.sort(Comparator.comparingLong(Obs::seed).thenComparing(Obs::pairKey).thenComparing(Obs::runId));
        return out;
    }

    /** Seed plus the pooled grid keys (sorted), e.g. {@code seed=1|model.latent=50}. */
    private static String pairKey(long seed, Map<String, Object> gp, Set<String> fixedKeys) {
        StringBuilder b = new StringBuilder("seed=").append(seed);
        for (Map.Entry<String, Object> e : new TreeMap<>(gp).entrySet()) {
            if (fixedKeys.contains(e.getKey())) continue;
            b.append('|').append(e.getKey()).append('=').append(canonical(e.getValue()));
        }
        return b.toString();
    }

    private static Map<String, Obs> byKey(List<Obs> obs) {
        Map<String, Obs> m = new LinkedHashMap<>();
        for (Obs o : obs) m.putIfAbsent(o.pairKey(), o);
        return m;
    }

    private static Map<String, Object> gridPoint(RunResult run) {
        Map<String, Object> gp = run.info().gridPoint();
        return gp == null ? Map.of() : gp;
    }

    private static boolean matches(Map<String, Object> gp, Map<String, Object> sel) {
        for (Map.Entry<String, Object> e : sel.entrySet()) {
            if (e.getKey().equals(ClaimSpec.SAMPLER_KEY)) continue;
            if (!gp.containsKey(e.getKey()) || !valueEquals(gp.get(e.getKey()), e.getValue())) return false;
        }
        return true;
    }

    /** Grid values compare as numbers when both are numbers (1 selects 1.0), else as text. */
    static boolean valueEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
        return Objects.equals(String.valueOf(a), String.valueOf(b));
    }

    private static String canonical(Object v) {
        return v instanceof Number n ? Double.toString(n.doubleValue()) : String.valueOf(v);
    }

    /** Value combinations of the per keys present in the runs; one empty slice without per keys. */
    private static List<Map<String, Object>> slices(ClaimSpec claim, List<RunResult> runs) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (String key : claim.per()) {
            List<Object> values = perValues(key, claim.metric(), runs);
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> s : out) {
                for (Object v : values) {
                    Map<String, Object> m = new LinkedHashMap<>(s);
                    m.put(key, v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    private static List<Object> perValues(String key, String metric, List<RunResult> runs) {
        if (key.equals(ClaimSpec.SAMPLER_KEY)) {
            Set<String> present = new TreeSet<>();
            for (RunResult r : runs) {
                if (r.metrics() == null) continue;
                r.metrics().samplers().forEach((s, m) -> {
                    if (m.containsKey(metric)) present.add(s);
                });
            }
            List<Object> out = new ArrayList<>();
            for (String s : ClaimSpec.SAMPLERS) if (present.remove(s)) out.add(s);
            out.addAll(present);
            return out;
        }
        List<Object> values = new ArrayList<>();
        for (RunResult r : runs) {
            Object v = gridPoint(r).get(key);
            if (v != null && values.stream().noneMatch(x -> valueEquals(x, v))) values.add(v);
        }
        values.sort((x, y) -> x instanceof Number nx && y instanceof Number ny
                ? Double.compare(nx.doubleValue(), ny.doubleValue()) : String.valueOf(x).compareTo(String.valueOf(y)));
        return values;
    }

    private static Map<String, Object> merged(Map<String, Object> sel, Map<String, Object> slice) {
        Map<String, Object> m = new LinkedHashMap<>(sel);
        slice.forEach(m::putIfAbsent);
        return m;
    }

    private static String label(Map<String, Object> sel) {
        if (sel.isEmpty()) return "all runs";
        return sel.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static GroupEvidence evidence(String label, List<Obs> obs) {
        double[] v = values(obs);
        long[] seeds = obs.stream().mapToLong(Obs::seed).toArray();
        if (v.length == 0) return new GroupEvidence(label, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, v, seeds);
        Summary s = Summary.of(v, BOOTSTRAP_SEED);
        return new GroupEvidence(label, s.n(), s.mean(), s.sd(), s.ciLower(), s.ciUpper(), v, seeds);
    }

    private static double[] values(List<Obs> obs) {
        return obs.stream().mapToDouble(Obs::value).toArray();
    }

    private static List<String> distinct(List<String> ids) {
        return new ArrayList<>(new LinkedHashSet<>(ids));
    }

    /** A few lines of plain text with a claim result's evidence, for consoles, logs and JUnit XML. */
    public static String describe(ClaimResult r) {
        StringBuilder b = new StringBuilder();
        b.append(r.id()).append(": ").append(r.verdict());
        if (r.expected() != null) b.append(" (expected ").append(r.expected()).append(')');
        b.append('\n');
        if (r.text() != null) b.append("claim: ").append(r.text()).append('\n');
        b.append("compared: ").append(r.metric()).append(", ").append(r.direction()).append(" with A = ")
                .append(r.a().label()).append(", B = ").append(r.b().label()).append('\n');
        b.append("test: ").append(r.test()).append(", alpha ").append(fmt(r.alpha()));
        if (r.minEffect() > 0) b.append(", min |effect| ").append(fmt(r.minEffect()));
        b.append('\n');
        group(b, "A", r.a());
        group(b, "B", r.b());
        b.append("p (claimed direction) = ").append(fmt(r.pValue())).append(", p (opposite) = ").append(fmt(r.pOpposite()))
                .append(", ").append(r.effectName()).append(" = ").append(fmt(r.effectSize())).append('\n');
        if (r.note() != null && !r.note().isEmpty()) b.append("note: ").append(r.note()).append('\n');
        return b.toString();
    }

    private static void group(StringBuilder b, String name, GroupEvidence g) {
        b.append(name).append(" (").append(g.label()).append("): n=").append(g.n()).append(", mean ").append(fmt(g.mean()))
                .append(", sd ").append(fmt(g.sd())).append(", 95% CI [").append(fmt(g.ciLow())).append(", ")
                .append(fmt(g.ciHigh())).append("], values ")
                .append(Arrays.stream(g.values()).mapToObj(ClaimEvaluator::fmt).collect(Collectors.joining(", ", "[", "]")))
                .append(", seeds ").append(Arrays.toString(g.seeds())).append('\n');
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
