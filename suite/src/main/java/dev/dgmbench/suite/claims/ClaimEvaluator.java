package dev.dgmbench.suite.claims;

import dev.dgmbench.results.Metric;
import dev.dgmbench.results.MetricCatalogue;
import dev.dgmbench.stats.Alternative;
import dev.dgmbench.stats.Correction;
import dev.dgmbench.stats.LeastFavourable;
import dev.dgmbench.stats.MeanInterval;
import dev.dgmbench.stats.Summary;
import dev.dgmbench.stats.TestKind;
import dev.dgmbench.stats.TestResult;
import dev.dgmbench.stats.TwoGroupTest;
import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.ClaimResult.GroupEvidence;
import dev.dgmbench.results.ClaimResult.Verdict;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.Sanity;

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
 * InputChecks claims against finished runs.
 *
 * <p>For each claim (and each value combination of its {@code per} keys) two groups of numbers are formed: the
 * metric of every OK run whose grid point matches the group's selector (its {@code sampler}, if any, picks the
 * sampler's metric). Grid keys that neither the selector nor {@code per} names are pooled. Paired tests pair a value
 * of A with the value of B from the same seed and the same values of the pooled grid keys; for a comparison of two
 * samplers that is the same run.
 *
 * <p>The study's claims are one family: their p-values are adjusted together (Holm by default, the spec's
 * {@code claims_correction}). Verdict: SUPPORTED when the adjusted one-sided p-value in the claimed direction is
 * below alpha and |effect size| is at least min_effect; REFUTED when the adjusted one-sided p-value in the opposite
 * direction is below alpha (same effect condition); otherwise INCONCLUSIVE. NOT_EVALUATED when a group has fewer than {@link #MIN_VALUES} values (failed
 * runs, runs without the metric and non-finite values are left out and named in the note).
 *
 * <p>A run whose sampler failed its diagnostics, or whose NCE normaliser is unreliable under a metric that uses it,
 * has no trustworthy value. A rank test takes such values at their least favourable extremes in each direction
 * ({@link LeastFavourable}), so its verdict holds whatever the true values are; under a t test the verdict is
 * INCONCLUSIVE, since one value can move a t statistic anywhere.
 */
public final class ClaimEvaluator {
    /** Fewest values per group (pairs for paired tests) for a test. */
    public static final int MIN_VALUES = 2;

    private ClaimEvaluator() {
    }

    /** The claims judged as one family with Holm's correction (the spec's default). */
    public static List<ClaimResult> evaluate(List<ClaimSpec> claims, List<RunResult> runs) {
        return evaluate(claims, runs, Correction.HOLM);
    }

    /**
     * The claims judged as one family: every evaluated slice's decisive p-value enters {@code correction} once and
     * the verdict is decided on the adjusted value (docs/validity.md, "Multiplicity"). A slice's verdict can go
     * either way (SUPPORTED or REFUTED), so under a correction its decisive p is two-sided, twice the smaller
     * one-sided p: the family's chance of any wrong verdict is then at most alpha. With {@code none} it is the
     * smaller one-sided p, as before corrections existed (each slice errs with probability up to 2 alpha).
     */
    public static List<ClaimResult> evaluate(List<ClaimSpec> claims, List<RunResult> runs, Correction correction) {
        return evaluate(claims, runs, correction, sampler -> true);
    }

    /**
     * As {@link #evaluate(List, List, Correction)}; {@code ncePriorSampler} tells which samplers draw from the NCE
     * prior (the suite's sampler catalogue knows), so an NCE-separability warning reaches only their claims; the
     * overloads without it let it reach every sampler's.
     */
    public static List<ClaimResult> evaluate(List<ClaimSpec> claims, List<RunResult> runs, Correction correction,
                                             java.util.function.Predicate<String> ncePriorSampler) {
        List<Tested> tested = new ArrayList<>();
        for (ClaimSpec c : claims) {
            for (Map<String, Object> slice : slices(c, runs)) tested.add(test(c, slice, runs, ncePriorSampler));
        }
        List<Tested> family = tested.stream().filter(Tested::evaluated).toList();
        double[] adjusted = correction.adjust(family.stream().mapToDouble(t -> decisiveP(t, correction)).toArray());
        Map<Tested, Double> decisive = new java.util.IdentityHashMap<>();
        for (int i = 0; i < family.size(); i++) decisive.put(family.get(i), adjusted[i]);
        List<ClaimResult> out = new ArrayList<>();
        for (Tested t : tested) {
            out.add(t.evaluated() ? decide(t, decisive.get(t), correction, family.size()) : t.notEvaluated());
        }
        return out;
    }

    private static double decisiveP(Tested t, Correction correction) {
        double oneSided = Math.min(t.p(), t.pOpp());
        return correction == Correction.NONE ? oneSided : Math.min(1.0, 2 * oneSided);
    }

    private record Obs(String runId, long seed, String pairKey, double value) {
    }

    /**
     * A slice after its test, before its verdict: a NOT_EVALUATED result, or the tests in the claimed and the
     * opposite direction and the notes that do not depend on the verdict ({@code unreliable}: runs whose samples
     * cannot carry a value; {@code normaliser}: runs whose NCE normaliser is too poorly estimated for a metric that
     * uses it; {@code bounded}: those runs entered a rank test at their least favourable values, so the verdict
     * holds whatever they are).
     */
    private record Tested(ClaimSpec claim, String id, GroupEvidence a, GroupEvidence b, ClaimResult notEvaluated,
                          TestResult result, TestResult opposite, List<String> notes, List<String> unreliable,
                          List<String> normaliser, boolean bounded, List<String> undiagnosed, List<String> warnings) {
        boolean evaluated() {
            return notEvaluated == null;
        }

        double p() {
            return result.pOneSided();
        }

        double pOpp() {
            return opposite.pOneSided();
        }
    }

    private static Tested test(ClaimSpec claim, Map<String, Object> slice, List<RunResult> runs,
                               java.util.function.Predicate<String> ncePriorSampler) {
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
        Metric.Range range = MetricCatalogue.find(claim.metric()).map(Metric::range).orElse(Metric.Range.ANY);
        GroupEvidence ea = evidence(labelA, a, range), eb = evidence(labelB, b, range);

        if (a.size() < MIN_VALUES || b.size() < MIN_VALUES) {
            String what = kind.paired() ? "pairs" : "values";
            notes.add(0, "too few " + what + ": A (" + labelA + ") has " + a.size() + ", B (" + labelB + ") has "
                    + b.size() + "; needs at least " + MIN_VALUES + " each");
            return notEvaluated(claim, id, ea, eb, kind, notes);
        }
        double[] va = values(a), vb = values(b);
        if (Math.min(a.size(), b.size()) < MeanInterval.WARN_BELOW_N) {
            notes.add("few seeds: " + MeanInterval.warning(Math.min(a.size(), b.size())).orElseThrow());
        }
        Alternative claimed = claim.higherFirst() ? Alternative.GREATER : Alternative.LESS;
        Alternative opposite = claimed == Alternative.GREATER ? Alternative.LESS : Alternative.GREATER;
        TestResult r, ro;
        try {
            r = TwoGroupTest.run(kind, va, vb, claimed);
            ro = TwoGroupTest.run(kind, va, vb, opposite);
        } catch (IllegalArgumentException e) {
            notes.add(0, "the test could not run: " + e.getMessage());
            return notEvaluated(claim, id, ea, eb, kind, notes);
        }
        List<String> idsA = a.stream().map(Obs::runId).toList(), idsB = b.stream().map(Obs::runId).toList();
        // Each group's own sampler decides whether its value of a run can be trusted (a run may be in both groups).
        Map<String, String> unreliableA = SamplerReliability.unreliable(selA, idsA, runs),
                unreliableB = SamplerReliability.unreliable(selB, idsB, runs);
        Map<String, String> unreliable = new LinkedHashMap<>(unreliableA);
        unreliable.putAll(unreliableB);
        Map<String, String> normaliser = NormaliserReliability.unreliable(claim.metric(),
                java.util.stream.Stream.concat(idsA.stream(), idsB.stream()).toList(), runs);
        Set<String> withoutValueA = new LinkedHashSet<>(unreliableA.keySet()), withoutValueB = new LinkedHashSet<>(unreliableB.keySet());
        withoutValueA.addAll(normaliser.keySet());
        withoutValueB.addAll(normaliser.keySet());
        boolean bounded = (!withoutValueA.isEmpty() || !withoutValueB.isEmpty()) && kind.rankBased();
        if (bounded) {
            // Values that cannot be trusted enter at their least favourable values: the verdict then holds whatever
            // their true values are (LeastFavourable). The recorded values' p-values stay in the note.
            boolean[] ua = flags(a, withoutValueA), ub = flags(b, withoutValueB);
            int unknown = 0;
            if (kind.paired()) {
                for (int i = 0; i < ua.length; i++) if (ua[i] || ub[i]) unknown++;
            } else {
                for (boolean f : ua) if (f) unknown++;
                for (boolean f : ub) if (f) unknown++;
            }
            notes.add(String.format(Locale.ROOT, "%d of %d %s no trustworthy value and enter the test at their least"
                            + " favourable values, so the verdict holds whatever theirs are (with the recorded values"
                            + " p = %.3g, opposite %.3g)", unknown, kind.paired() ? a.size() : a.size() + b.size(),
                    kind.paired() ? "pairs have" : "values have", r.pOneSided(), ro.pOneSided()));
            r = LeastFavourable.run(kind, va, vb, ua, ub, claimed);
            ro = LeastFavourable.run(kind, va, vb, ua, ub, opposite);
        }
        if (!"t".equals(r.method()) && !"exact".equals(r.method())) notes.add("p-value method: " + r.method());
        List<String> undiagnosed = new ArrayList<>(SamplerReliability.undiagnosed(selA, idsA, runs));
        undiagnosed.addAll(SamplerReliability.undiagnosed(selB, idsB, runs));
        List<String> warnings = new ArrayList<>(sanity("A", selA, idsA, claim.metric(), runs, ncePriorSampler));
        warnings.addAll(sanity("B", selB, idsB, claim.metric(), runs, ncePriorSampler));
        return new Tested(claim, id, ea, eb, null, r, ro, notes, List.copyOf(unreliable.values()),
                List.copyOf(normaliser.values()), bounded, undiagnosed, warnings);
    }

    private static Tested notEvaluated(ClaimSpec claim, String id, GroupEvidence ea, GroupEvidence eb, TestKind kind,
                                       List<String> notes) {
        double nan = Double.NaN;
        ClaimResult r = new ClaimResult(id, claim.text(), claim.metric(), claim.direction(), claim.test(), claim.alpha(),
                claim.minEffect(), ea, eb, nan, nan, nan, kind.effectSizeName(), Verdict.NOT_EVALUATED, claim.expect(),
                String.join("; ", notes));
        return new Tested(claim, id, ea, eb, r, null, null, notes, List.of(), List.of(), false, List.of(), List.of());
    }

    /** The sanity warnings (docs/validity.md) of a group's runs that bear on a claim about {@code metric}. */
    private static List<String> sanity(String group, Map<String, Object> sel, List<String> ids, String metric,
                                       List<RunResult> runs, java.util.function.Predicate<String> ncePriorSampler) {
        String sampler = (String) sel.get(ClaimSpec.SAMPLER_KEY);
        boolean nceSampler = sampler != null && ncePriorSampler.test(sampler);
        List<RunResult> mine = runs.stream().filter(r -> ids.contains(r.info().runId())).toList();
        return Sanity.summarize(group + ": ", mine, c -> Sanity.touches(c, metric, nceSampler));
    }

    /**
     * The verdict on the adjusted p-values: the decisive direction's p takes {@code decisiveAdjusted}; the other
     * direction's adjusted p is at least its raw value and at least the decisive one's (it cannot be significant).
     * SUPPORTED when the claimed direction's adjusted p is below alpha and |effect| reaches min_effect, REFUTED
     * likewise in the opposite direction, else INCONCLUSIVE.
     */
    private static ClaimResult decide(Tested t, double decisiveAdjusted, Correction correction, int familySize) {
        ClaimSpec claim = t.claim();
        TestResult r = t.result();
        double p = t.p(), pOpp = t.pOpp();
        boolean claimedDecisive = p <= pOpp;
        // Bounded tests differ by direction (each has its own least favourable values): the decisive one's effect.
        double effect = (claimedDecisive ? r : t.opposite()).effectSize();
        double pAdj = claimedDecisive ? decisiveAdjusted : Math.max(p, decisiveAdjusted);
        double pOppAdj = claimedDecisive ? Math.max(pOpp, decisiveAdjusted) : decisiveAdjusted;
        List<String> notes = new ArrayList<>(t.notes());
        boolean bigEnough = claim.minEffect() <= 0 || Math.abs(effect) >= claim.minEffect();
        Verdict verdict;
        if (pAdj < claim.alpha() && bigEnough) verdict = Verdict.SUPPORTED;
        else if (pOppAdj < claim.alpha() && bigEnough) verdict = Verdict.REFUTED;
        else verdict = Verdict.INCONCLUSIVE;
        if (!bigEnough && (pAdj < claim.alpha() || pOppAdj < claim.alpha())) {
            notes.add(String.format(Locale.ROOT, "significant, but |%s| = %.3g is below min_effect %s",
                    r.effectSizeName(), Math.abs(effect), claim.minEffect()));
        }
        if (verdict == Verdict.INCONCLUSIVE && bigEnough && Math.min(p, pOpp) < claim.alpha()) {
            notes.add(String.format(Locale.ROOT, "p = %.3g alone would be significant; %s-adjusted over %d tests it is %.3g",
                    Math.min(p, pOpp), correction.spec(), familySize, decisiveAdjusted));
        }
        if (!t.unreliable().isEmpty() || !t.normaliser().isEmpty()) {
            // Samples of a sampler that did not converge or collapsed carry no value, nor does the NCE NLL of a run
            // whose normaliser rests on a few draws (docs/validity.md). A rank test was bounded over them above;
            // a t test has no bound, so its verdict cannot stand.
            if (!t.bounded()) {
                String what = t.unreliable().isEmpty() ? "NCE normaliser" : "sampler";
                if (verdict != Verdict.INCONCLUSIVE) notes.add("would be " + verdict + " but rests on an unreliable " + what);
                notes.add("a rank test (" + TestKind.MANN_WHITNEY + ", " + TestKind.WILCOXON + ") could judge it whatever"
                        + " those runs' values are");
                verdict = Verdict.INCONCLUSIVE;
            }
            notes.addAll(t.unreliable());
            notes.addAll(t.normaliser());
        }
        notes.addAll(t.undiagnosed());
        return new ClaimResult(t.id(), claim.text(), claim.metric(), claim.direction(), claim.test(), claim.alpha(),
                claim.minEffect(), t.a(), t.b(), p, pOpp, effect, r.effectSizeName(), verdict, claim.expect(),
                notes.isEmpty() ? null : String.join("; ", notes), correction.spec(), familySize, pAdj, pOppAdj,
                t.warnings());
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
            for (String s : MetricCatalogue.SAMPLERS) if (present.remove(s)) out.add(s);
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

    /** Mean, sd and the 95% interval of {@link MeanInterval}, the same as the study report's metrics table. */
    private static GroupEvidence evidence(String label, List<Obs> obs, Metric.Range range) {
        double[] v = values(obs);
        long[] seeds = obs.stream().mapToLong(Obs::seed).toArray();
        if (v.length == 0) return new GroupEvidence(label, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, v, seeds);
        Summary s = Summary.ofMean(v, range.lowerBound(), range.upperBound());
        return new GroupEvidence(label, s.n(), s.mean(), s.sd(), s.ciLower(), s.ciUpper(), v, seeds);
    }

    private static double[] values(List<Obs> obs) {
        return obs.stream().mapToDouble(Obs::value).toArray();
    }

    private static boolean[] flags(List<Obs> obs, Set<String> runIds) {
        boolean[] out = new boolean[obs.size()];
        for (int i = 0; i < out.length; i++) out[i] = runIds.contains(obs.get(i).runId());
        return out;
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
        b.append("adjusted (").append(r.correction()).append(" over ").append(r.family()).append(" tests): p = ")
                .append(fmt(r.pAdjusted())).append(", p (opposite) = ").append(fmt(r.pOppositeAdjusted())).append('\n');
        for (String w : r.warnings()) b.append("warning: ").append(w).append('\n');
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
