package dev.dgmbench.suite.spec;

import dev.dgmbench.models.prior.TemperatureSchedule;
import dev.dgmbench.models.data.DigitsDataset;
import dev.dgmbench.results.Digests;
import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.suite.claims.ClaimSpec;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A validated study spec with every default applied: plain data, built by {@link SpecLoader#load(Path)}.
 * See docs/spec.md for each field's meaning and default.
 *
 * @param grid     dotted field path (e.g. {@code model.beta}) to its values, in the order written; values are typed
 *                 like the field (Integer, Double, String)
 * @param seeds    distinct seeds, in the order written; each grid point runs once per seed
 * @param claimsCorrection the multiplicity correction of the claims (holm, benjamini-hochberg, none)
 * @param reference another implementation's results to reproduce, or null
 * @param output   the output folder as written (relative to the working directory, or absolute)
 * @param specFile the file the spec was read from, or null; relative data paths are resolved against its folder
 */
public record StudySpec(String name, String description, Dataset dataset, Model model, Training training,
                        Map<String, List<Object>> grid, List<Long> seeds, Prior prior, Samplers samplers,
                        Metrics metrics, List<String> backends, List<ClaimSpec> claims, String claimsCorrection,
                        Reference reference,
                        String output, Path specFile) {


    public StudySpec {
        grid = Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        seeds = List.copyOf(seeds);
        backends = List.copyOf(backends);
        claims = List.copyOf(claims);
    }

    /** The folder relative paths of the spec (IDX files) are resolved against. */
    public Path baseDir() {
        Path parent = specFile == null ? null : specFile.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /** A data path as written in the spec, resolved against the spec file's folder. */
    public Path resolvePath(String written) {
        return written == null ? null : baseDir().resolve(written).normalize();
    }

    /** The output folder: an absolute path as written, or a relative one resolved against {@code workDir}. */
    public Path outputFolder(Path workDir) {
        Path p = Path.of(output);
        return p.isAbsolute() ? p.normalize() : workDir.resolve(p).normalize();
    }

    /** Number of grid points (product of the grid's list lengths; 1 without a grid); the loader caps it well below 2^31. */
    public int gridPoints() {
        int n = 1;
        for (List<Object> v : grid.values()) n *= v.size();
        return n;
    }

    /** The resolved spec as plain data (maps, lists, numbers, strings), in the order of docs/spec.md. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("description", description);
        m.put("dataset", dataset.toMap());
        m.put("model", model.toMap());
        m.put("training", training.toMap());
        Map<String, Object> g = new LinkedHashMap<>();
        grid.forEach((k, v) -> g.put(k, new ArrayList<>(v)));
        m.put("grid", g);
        m.put("seeds", new ArrayList<>(seeds));
        m.put("prior", prior.toMap());
        m.put("samplers", samplers.toMap());
        m.put("metrics", metrics.toMap());
        m.put("backends", new ArrayList<>(backends));
        List<Object> c = new ArrayList<>();
        for (ClaimSpec claim : claims) c.add(claim.toMap());
        m.put("claims", c);
        m.put("claims_correction", claimsCorrection);
        if (reference != null) m.put("reference", reference.toMap());
        m.put("output", output);
        return m;
    }

    /** The resolved spec as YAML (every default written out); loading it gives the same spec. */
    public String toYaml() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setWidth(120);
        o.setSplitLines(false);
        return new Yaml(o).dump(toMap());
    }

    /**
     * sha-256 of the canonical JSON (sorted keys) of the resolved spec without {@code output},
     * {@code backends} and {@code claims_correction}: the same study gives the same digest wherever it runs and whichever defaults were
     * written out. Data paths enter as written.
     */
    public String canonicalDigest() {
        Map<String, Object> m = toMap();
        m.remove("output");
        m.remove("backends");
        m.remove("claims_correction"); // how verdicts are judged, not what runs: judged again without a rerun
        return Digests.sha256(CanonicalJson.canonical(m));
    }

    // ----- sections -------------------------------------------------------------------------------------------

    /** A section of the spec: its plain data has the schema's keys ({@code learningRate} as {@code learning_rate}). */
    public interface Section {
        /** The section as plain data (maps, lists, numbers, strings); a null component (an off sampler) is left out. */
        default Map<String, Object> toMap() {
            return SpecRecords.toMap((Record) this);
        }
    }

    /** A section record (or a record of sections, such as a resolved run) from its plain data. */
    public static <R extends Record> R fromMap(Class<R> type, Map<String, Object> m) {
        return SpecRecords.from(type, m);
    }

    public enum DatasetName { DIGITS, IDX }

    public enum Likelihood { CATEGORICAL, BERNOULLI }

    public enum Optimizer { ADAM, ADAMAX }

    public enum Decode { MODE, SAMPLE }

    /** The models module's {@link dev.dgmbench.engine.Init}, as spelled in specs. */
    public enum Init { GLOROT, PYTORCH }

    /**
     * The NCE prior's normaliser: importance sampling from the defensive aggregate-posterior mixture, annealed
     * importance sampling from N(0, I) to the tilted prior (models/.../prior/AnnealedNormaliser), or the same
     * annealing as an SMC sampler with resampling, in replicates (models/.../prior/SmcNormaliser).
     */
    public enum Normaliser { IMPORTANCE, ANNEALED, SMC }

    /**
     * @param idx    the IDX files (only for {@code name: idx}, else null)
     * @param levels grey levels after quantisation {@code floor(v * levels / native)}
     * @param split  consecutive train / validation / test sizes (see docs/spec.md for IDX)
     */
    public record Dataset(DatasetName name, Idx idx, int levels, Split split) implements Section {
        /** Grey levels of the source data (17 for digits, 256 for IDX). */
        public int nativeLevels() {
            return name == DatasetName.DIGITS ? DigitsDataset.LEVELS : Schema.IDX_LEVELS;
        }


    }

    /** IDX file paths as written (resolve with {@link StudySpec#resolvePath}); the test files are optional. */
    public record Idx(String trainImages, String trainLabels, String testImages, String testLabels) implements Section {

    }

    public record Split(int train, int validation, int test) implements Section {

    }

    /**
     * @param engine how every model of the run executes: training, NLL, NCE classifier, sampler gradients; the name of
     *               an engine {@link dev.dgmbench.engine.Engines} knows
     * @param init   how the initial weights of the VAE and the NCE classifier are drawn
     */
    public record Model(int hidden, int latent, Likelihood likelihood, double beta, String engine, Init init) implements Section {

    }

    public record Training(Optimizer optimizer, double learningRate, int batchSize, int maxEpochs, int patience) implements Section {

    }

    public record Prior(Nce nce) implements Section {

    }

    /**
     * The NCE energy-based prior: an MLP classifier of aggregate-posterior codes against N(0, I) noise.
     *
     * @param enabled            false: no NCE prior (then only the {@code prior} sampler is possible)
     * @param hidden   hidden layer widths of the classifier
     * @param patience early stopping on the held-out codes: those of the validation split
     * @param normaliser how Z is estimated; null (not written) is the default {@link Normaliser#SMC}
     * @param temperatures the fixed schedule's number of temperatures (smc and annealed); null (not written, or
     *                     {@code auto}) is the adaptive schedule of the smc normaliser, 1,000 for annealed
     */
    public record Nce(boolean enabled, List<Integer> hidden, double learningRate, int batchSize, int maxEpochs,
                      int patience, Normaliser normaliser, Integer temperatures) implements Section {
        public Nce {
            hidden = List.copyOf(hidden);
        }

        /** The normaliser's estimator, the default where the spec names none. */
        public Normaliser normaliserOrDefault() {
            return normaliser == null ? Normaliser.SMC : normaliser;
        }

        /** The SMC normaliser's schedule: fixed where {@code temperatures} is given, else the adaptive default. */
        public TemperatureSchedule smcSchedule() {
            return temperatures == null ? TemperatureSchedule.DEFAULT : new TemperatureSchedule.Fixed(temperatures);
        }


    }

    /**
     * Which samplers run, and their settings.
     *
     * @param samples  how many latent codes each sampler draws (and decodes into images)
     * @param decode   how a code becomes an image: the most probable level per pixel, or a draw
     * @param settings the enabled samplers' settings by name, in the order of {@link SamplerCatalogue#ALL}; each
     *                 value an instance of its descriptor's {@link SamplerCatalogue.Sampler#settings} record
     */
    public record Samplers(int samples, Decode decode, Map<String, Record> settings) implements Section {
        public Samplers {
            Map<String, Record> ordered = new LinkedHashMap<>();
            for (SamplerCatalogue.Sampler<?> s : SamplerCatalogue.ALL) {
                Record r = settings.get(s.name());
                if (r != null) ordered.put(s.name(), s.settings().cast(r));
            }
            if (ordered.size() != settings.size()) {
                throw new IllegalArgumentException("unknown samplers in " + settings.keySet() + "; known: "
                        + SamplerCatalogue.names());
            }
            settings = Collections.unmodifiableMap(ordered);
        }

        /** Names of the enabled samplers, in the order of {@link SamplerCatalogue#ALL}. */
        public List<String> enabled() {
            return List.copyOf(settings.keySet());
        }

        public boolean isEnabled(String sampler) {
            return settings.containsKey(sampler);
        }

        /** The settings of an enabled sampler, or null when it is off. */
        public <S extends Record & Section> S of(SamplerCatalogue.Sampler<S> sampler) {
            return sampler.settings().cast(settings.get(sampler.name()));
        }

        /** {@code samples}, {@code decode}, then a mapping per enabled sampler (an off sampler has no key). */
        @Override
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("samples", samples);
            m.put("decode", decode.name().toLowerCase(Locale.ROOT));
            settings.forEach((name, r) -> m.put(name, SpecRecords.toMap(r)));
            return m;
        }

        /** From the section's plain data (as bound and defaulted by the loader, or read back from a plan). */
        @SuppressWarnings("unchecked")
        static Samplers fromMap(Map<String, Object> m) {
            Map<String, Record> settings = new LinkedHashMap<>();
            for (SamplerCatalogue.Sampler<?> s : SamplerCatalogue.ALL) {
                Object v = m.get(s.name());
                if (v != null) settings.put(s.name(), SpecRecords.from(s.settings(), (Map<String, Object>) v));
            }
            return new Samplers(((Number) m.get("samples")).intValue(),
                    Decode.valueOf(String.valueOf(m.get("decode")).toUpperCase(Locale.ROOT)), settings);
        }
    }

    /**
     * Another implementation's results to reproduce ({@code suite/reference}): the CSV, the equivalence margin
     * (absolute, widened to {@code marginSd} pooled seed sds), the tests' level and whether verify requires it.
     */
    public record Reference(String file, double margin, double marginSd, double alpha, String expect) implements Section {
        public boolean required() {
            return "reproduced".equals(expect);
        }
    }

    public record Metrics(Nll nll, SampleQuality sampleQuality, Evaluator evaluator) implements Section {

    }

    /** Importance-sampled test NLL with {@code importanceSamples} (K) codes per image, {@code batchSize} images at a time. */
    public record Nll(int importanceSamples, int batchSize) implements Section {

    }

    /**
     * @param realSamples test images compared with each sampler's images
     */
    public record SampleQuality(int realSamples, int kidSubsets, int kidSubsetSize, int precisionRecallK,
                                int densityCoverageK) implements Section {

    }

    /** The classifier whose features and class probabilities the sample metrics use; one per study (fixed seed). */
    public record Evaluator(int hidden, int epochs, long seed) implements Section {

    }

    // ----- map helpers ----------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? new LinkedHashMap<>() : (Map<String, Object>) v;
    }

}
