package dev.dgmbench.suite.spec;

import dev.dgmbench.models.data.DigitsDataset;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.dgmbench.suite.spec.StudySpec.map;

/**
 * InputChecks that need more than one field (levels against the dataset, samplers against the NCE prior, metric sizes
 * against the split, the output path) and fills the defaults computed from other fields.
 */
final class CrossChecks {
    private final Binder b;

    CrossChecks(Binder b) {
        this.b = b;
    }

    /** Dataset defaults and sizes; returns the idx mapping (null for digits). */
    @SuppressWarnings("unchecked")
    Map<String, Object> dataset(Map<String, Object> m) {
        Map<String, Object> ds = map(m, "dataset");
        m.put("dataset", ds);
        Map<String, Object> split = map(ds, "split");
        ds.put("split", split);
        if ("digits".equals(ds.get("name"))) {
            if (ds.containsKey("idx")) {
                b.errorAt("dataset.idx", "is only used with dataset.name: idx; allowed: remove dataset.idx, or set"
                        + " dataset.name: idx");
                ds.remove("idx");
            }
            int levels = (Integer) ds.computeIfAbsent("levels", k -> DigitsDataset.LEVELS);
            if (levels > DigitsDataset.LEVELS) {
                b.errorAt("dataset.levels", levels + " is out of range for digits; allowed: an integer from 2 to "
                        + DigitsDataset.LEVELS + " (the digits have " + DigitsDataset.LEVELS + " grey levels)");
            }
            split.putIfAbsent("train", DigitsDataset.TRAIN);
            split.putIfAbsent("validation", DigitsDataset.VALIDATION);
            split.putIfAbsent("test", DigitsDataset.TEST);
            long total = (long) (Integer) split.get("train") + (Integer) split.get("validation") + (Integer) split.get("test");
            if (total > DigitsDataset.COUNT) {
                b.errorAt("dataset.split", "train + validation + test = " + total + " is more than the "
                        + DigitsDataset.COUNT + " digits images; allowed: sizes that add up to at most " + DigitsDataset.COUNT);
            }
            return null;
        }
        ds.putIfAbsent("levels", Schema.IDX_LEVELS);
        split.putIfAbsent("train", Schema.IDX_TRAIN);
        split.putIfAbsent("validation", Schema.IDX_VALIDATION);
        split.putIfAbsent("test", Schema.IDX_TEST);
        Map<String, Object> idx = (Map<String, Object>) ds.get("idx");
        if (idx == null) {
            b.errorAt("dataset.idx", "missing: dataset.name idx needs the IDX files; allowed: a mapping with"
                    + " train_images, train_labels (and optionally test_images, test_labels)");
            return null;
        }
        boolean hasTestImages = idx.get("test_images") != null, hasTestLabels = idx.get("test_labels") != null;
        if (hasTestImages != hasTestLabels) {
            b.errorAt("dataset.idx", "missing " + (hasTestImages ? "test_labels" : "test_images") + ": test_images and"
                    + " test_labels go together; allowed: both or neither");
            return null;
        }
        return idx;
    }

    void modelAndSamplers(Map<String, Object> m, Map<String, List<Object>> grid) {
        int levels = (Integer) map(m, "dataset").get("levels");
        for (Object lik : valuesOf(grid, "model.likelihood", map(m, "model").get("likelihood"))) {
            if ("bernoulli".equals(lik) && levels != 2) {
                String p = grid.containsKey("model.likelihood") ? "grid.model.likelihood" : "model.likelihood";
                b.errorAt(p, "bernoulli needs dataset.levels: 2 but levels is " + levels + "; allowed: categorical,"
                        + " or dataset.levels: 2");
                break;
            }
        }
        Map<String, Object> samplers = map(m, "samplers");
        m.put("samplers", samplers);
        if (!b.written("samplers")) samplers.put(SamplerCatalogue.PRIOR.name(), new LinkedHashMap<>());
        boolean nce = nceEnabled(m);
        for (String s : SamplerCatalogue.nceNames()) {
            if (samplers.containsKey(s) && !nce) {
                b.errorAt("samplers." + s, "needs the NCE prior but prior.nce.enabled is false; allowed:"
                        + " prior.nce.enabled: true, or no samplers." + s);
            }
        }
        sirPool(m, samplers, grid, nce);
        temperatures(m);
        for (String key : grid.keySet()) {
            String[] parts = key.split("\\.");
            if (parts[0].equals("samplers") && parts.length == 3 && !samplers.containsKey(parts[1])) {
                b.errorAt("grid." + key, "grids a setting of sampler " + parts[1] + ", which is not enabled; allowed:"
                        + " grid only enabled samplers (" + String.join(", ", enabledSamplers(samplers))
                        + "), or add samplers." + parts[1]);
            }
            if (parts[0].equals("prior") && !nce) {
                b.errorAt("grid." + key, "grids the NCE prior but prior.nce.enabled is false; allowed:"
                        + " prior.nce.enabled: true, or no grid of prior.nce");
            }
        }
    }

    /** {@code prior.nce.temperatures} is a schedule of the tempering normalisers; importance sampling has none. */
    private void temperatures(Map<String, Object> m) {
        Map<String, Object> nce = map(map(m, "prior"), "nce");
        Object t = nce.get("temperatures"), normaliser = nce.get("normaliser");
        if (t == null || Integer.valueOf(0).equals(t) || normaliser == null) return;
        if (SpecRecords.spelled(normaliser).equals("importance")) {
            b.errorAt("prior.nce.temperatures", "is the schedule of the smc and annealed normalisers, but the"
                    + " normaliser is importance; allowed: no prior.nce.temperatures, or prior.nce.normaliser: smc"
                    + " or annealed");
        }
    }

    /**
     * SIR's pool: left out, {@code smc} (the SMC normaliser's particles) where the normaliser is smc, else
     * {@code aggregate-posterior}; {@code smc} named with another normaliser is an error.
     */
    @SuppressWarnings("unchecked")
    private void sirPool(Map<String, Object> m, Map<String, Object> samplers, Map<String, List<Object>> grid, boolean nce) {
        if (!(samplers.get("sir") instanceof Map<?, ?> raw)) return;
        Map<String, Object> sir = (Map<String, Object>) raw;
        Object normaliser = map(map(m, "prior"), "nce").get("normaliser");
        String estimator = normaliser == null ? "smc" : SpecRecords.spelled(normaliser);
        sir.putIfAbsent("proposal", estimator.equals("smc") ? "smc" : "aggregate-posterior");
        if (!nce || estimator.equals("smc")) return;
        for (Object v : valuesOf(grid, "samplers.sir.proposal", sir.get("proposal"))) {
            if (SpecRecords.spelled(v).equals("smc")) {
                String p = grid.containsKey("samplers.sir.proposal") ? "grid.samplers.sir.proposal" : "samplers.sir.proposal";
                b.errorAt(p, "smc resamples the particles of prior.nce.normaliser: smc, but the normaliser is "
                        + estimator + "; allowed: aggregate-posterior or prior, or prior.nce.normaliser: smc");
                return;
            }
        }
    }

    void metrics(Map<String, Object> m, Map<String, List<Object>> grid) {
        Map<String, Object> metrics = map(m, "metrics");
        m.put("metrics", metrics);
        Map<String, Object> sq = map(metrics, "sample_quality");
        metrics.put("sample_quality", sq);
        int test = (Integer) map(map(m, "dataset"), "split").get("test");
        int real = (Integer) sq.computeIfAbsent("real_samples", k -> test);
        if (real > test) {
            b.errorAt("metrics.sample_quality.real_samples", real + " is more than the " + test + " test images"
                    + " (dataset.split.test); allowed: an integer from 1 to " + test);
        }
        int samples = Integer.MAX_VALUE;
        for (Object s : valuesOf(grid, "samplers.samples", map(m, "samplers").get("samples"))) {
            samples = Math.min(samples, (Integer) s);
        }
        int bound = Math.min(samples, Math.min(real, test));
        int kid = (Integer) sq.computeIfAbsent("kid_subset_size", k -> Math.max(2, Math.min(Schema.KID_SUBSET_SIZE, bound)));
        if (kid > bound) {
            b.errorAt("metrics.sample_quality.kid_subset_size", kid + " is more than the " + bound + " images of the"
                    + " smaller set (samplers.samples, real_samples); allowed: an integer from 2 to " + bound);
        }
        for (String k : List.of("precision_recall_k", "density_coverage_k")) {
            int v = (Integer) sq.get(k);
            if (v >= bound) {
                b.errorAt("metrics.sample_quality." + k, v + " is not less than the " + bound + " images of the"
                        + " smaller set (samplers.samples, real_samples); allowed: an integer from 1 to " + (bound - 1));
            }
        }
    }

    String output(Map<String, Object> m) {
        String name = (String) m.getOrDefault("name", "study");
        String out = (String) m.get("output");
        if (out == null) return "results/" + name;
        String allowed = "a relative path without '..' (below the working directory) or an absolute path";
        Path p;
        try {
            p = Path.of(out);
        } catch (InvalidPathException e) {
            b.errorAt("output", "'" + Suggestions.clip(out) + "' is not a valid path; allowed: " + allowed);
            return out;
        }
        if (!p.isAbsolute()) {
            for (Path part : p) {
                if (part.toString().equals("..")) {
                    b.errorAt("output", "'" + Suggestions.clip(out) + "' escapes the working directory; allowed: " + allowed);
                    return out;
                }
            }
            if (p.normalize().toString().isEmpty()) {
                b.errorAt("output", "'" + out + "' names no folder of its own; allowed: " + allowed);
            }
        }
        return out;
    }

    static boolean nceEnabled(Map<String, Object> m) {
        return Boolean.TRUE.equals(map(map(m, "prior"), "nce").get("enabled"));
    }

    static List<Object> valuesOf(Map<String, List<Object>> grid, String path, Object base) {
        List<Object> g = grid.get(path);
        return g != null ? g : base == null ? List.of() : List.of(base);
    }

    static List<String> enabledSamplers(Map<String, Object> samplers) {
        return SamplerCatalogue.names().stream().filter(samplers::containsKey).toList();
    }
}
