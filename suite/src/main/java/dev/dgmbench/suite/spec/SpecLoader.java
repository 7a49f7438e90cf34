package dev.dgmbench.suite.spec;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.suite.backend.Backends;
import dev.dgmbench.suite.claims.ClaimSpec;
import dev.dgmbench.suite.spec.Schema.Field;
import dev.dgmbench.suite.spec.Schema.Type;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.dgmbench.suite.spec.Schema.custom;
import static dev.dgmbench.suite.spec.Schema.enumf;
import static dev.dgmbench.suite.spec.Schema.numf;
import static dev.dgmbench.suite.spec.Schema.section;
import static dev.dgmbench.suite.spec.Schema.strf;

/**
 * Reads a study spec safely and checks all of it.
 *
 * <p>The YAML is only composed into a node tree (SnakeYAML {@code compose}): no object is constructed and any
 * explicit tag ({@code !!python/...}, {@code !foo}, even {@code !!str}) is rejected. Every value is then bound by
 * hand against {@link Schema}, so each problem is reported with file, line, field path, the bad value and what is
 * allowed. All problems of a file are collected into one {@link SpecException}.
 */
public final class SpecLoader {
    /** Folder of the specs shipped in the jar. */
    public static final String SHIPPED_FOLDER = "/specs/";
    public static final List<String> SHIPPED = List.of("quick", "seed-digits", "seed-fashion10");

    static final Pattern INT_RE = Pattern.compile("[-+]?[0-9][0-9_]*");
    static final Pattern NUM_RE = Pattern.compile("[-+]?([0-9][0-9_]*(\\.[0-9_]*)?|\\.[0-9][0-9_]*)([eE][-+]?[0-9]+)?");
    static final List<Long> DEFAULT_SEEDS = List.of(1L);
    static final List<String> DEFAULT_BACKENDS = List.of("cpu");
    /** Default IDX split: the usual 50000 / 10000 training / validation images and 10000 test images. */
    static final int IDX_TRAIN = 50_000, IDX_VALIDATION = 10_000, IDX_TEST = 10_000;
    static final int DIGITS_TRAIN = 1000, DIGITS_VALIDATION = 350, DIGITS_TEST = 447;
    static final int KID_SUBSET_SIZE = 100;

    static final Field CLAIM = section("claims[]",
            strf("id").required().pattern(Schema.NAME_PATTERN, Schema.NAME_TEXT),
            strf("text"),
            enumf("metric", concat(ClaimSpec.MODEL_METRICS, ClaimSpec.SAMPLER_METRICS).toArray(String[]::new)).required(),
            enumf("sampler", ClaimSpec.SAMPLERS.toArray(String[]::new)),
            custom("higher"),
            custom("lower"),
            custom("per"),
            enumf("test", ClaimSpec.TESTS.toArray(String[]::new)).def(ClaimSpec.DEFAULT_TEST),
            numf("alpha").openInterval(0, 1).def(ClaimSpec.DEFAULT_ALPHA),
            numf("min_effect").atLeast(0).def(0.0),
            enumf("expect", "supported", "refuted", "inconclusive"));

    private final String file;
    private final Path specFile;
    private final boolean checkFiles;
    private final List<SpecError> errors = new ArrayList<>();
    /** Nodes of the keys bound by hand (grid, seeds, backends, claims, claim groups), by field path. */
    private final Map<String, Node> custom = new HashMap<>();
    /** Line of every value that was written, by field path; absent fields use their nearest written parent. */
    private final Map<String, Integer> lines = new HashMap<>();

    private SpecLoader(String file, Path specFile, boolean checkFiles) {
        this.file = file;
        this.specFile = specFile;
        this.checkFiles = checkFiles;
    }

    // ----- entry points ---------------------------------------------------------------------------------------

    /** Loads and checks a spec file, including that IDX data files exist. */
    public static StudySpec load(Path file) {
        return load(file, true);
    }

    /**
     * @param checkFiles whether IDX data files must exist (and their headers fit the split); false to check a spec
     *                   on a machine without the data
     */
    public static StudySpec load(Path file, boolean checkFiles) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(List.of(new SpecError(file.toString(), 0, "", "cannot read the spec file: " + e)));
        }
        return parse(text, file.toString(), file, checkFiles);
    }

    /**
     * Checks spec text.
     *
     * @param fileName the name errors show
     * @param specFile where the text came from (relative data paths resolve against its folder), or null for the
     *                 working directory
     */
    public static StudySpec parse(String text, String fileName, Path specFile, boolean checkFiles) {
        return new SpecLoader(fileName, specFile, checkFiles).run(text);
    }

    /** A spec shipped in the jar by name ({@code quick}, {@code seed-digits}, {@code seed-fashion10}). */
    public static StudySpec loadShipped(String name, boolean checkFiles) {
        return parse(shippedText(name), "specs/" + name + ".yaml", null, checkFiles);
    }

    /** The text of a shipped spec, as written (for {@code study.json} and for copying it to edit). */
    public static String shippedText(String name) {
        try (InputStream in = SpecLoader.class.getResourceAsStream(SHIPPED_FOLDER + name + ".yaml")) {
            if (in == null) {
                throw new SpecException(List.of(new SpecError(name, 0, "", "no shipped spec of that name; allowed: "
                        + String.join(", ", SHIPPED) + suggestion(name, SHIPPED))));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(List.of(new SpecError(name, 0, "", "cannot read shipped spec: " + e)));
        }
    }

    // ----- the pass -------------------------------------------------------------------------------------------

    private StudySpec run(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by the binder, with both lines
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(40);
        Yaml yaml = new Yaml(options);
        Node root;
        try {
            rejectTags(yaml, text);
            if (!errors.isEmpty()) throw new SpecException(errors);
            root = yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            if (e.getContext() != null) {
                Mark c = e.getContextMark();
                problem = e.getContext() + (c != null && m != null && c.getLine() != m.getLine()
                        ? " (from line " + (c.getLine() + 1) + ")" : "") + ", " + problem;
            }
            error(m == null ? 1 : m.getLine() + 1, "", "not valid YAML: " + problem.replace('\n', ' '));
            throw new SpecException(errors);
        } catch (YAMLException e) {
            error(1, "", "not valid YAML: " + e.getMessage().replace('\n', ' '));
            throw new SpecException(errors);
        }
        if (root == null || isNull(root)) {
            error(1, "", "the file is empty; allowed: " + Schema.ROOT.allowed());
            throw new SpecException(errors);
        }
        lines.put("", line(root));
        Map<String, Object> m = bindSection(Schema.ROOT, root, "", line(root));
        if (!(root instanceof MappingNode)) throw new SpecException(errors);

        Map<String, List<Object>> grid = bindGrid(custom.get("grid"));
        List<Long> seeds = bindSeeds(custom.get("seeds"));
        List<String> backends = bindBackends(custom.get("backends"));
        checkDataset(m);
        checkModelAndSamplers(m, grid);
        checkMetrics(m, grid);
        String output = checkOutput(m);

        Map<String, Object> dataset = StudySpec.map(m, "dataset");
        Map<String, Object> samplers = StudySpec.map(m, "samplers");
        boolean nceEnabled = Boolean.TRUE.equals(StudySpec.map(StudySpec.map(m, "prior"), "nce").get("enabled"));
        List<ClaimSpec> claims = bindClaims(custom.get("claims"), grid, samplers, nceEnabled);
        if (!errors.isEmpty()) throw new SpecException(errors);

        return new StudySpec((String) m.get("name"), (String) m.get("description"),
                StudySpec.Dataset.from(dataset), StudySpec.Model.from(StudySpec.map(m, "model")),
                StudySpec.Training.from(StudySpec.map(m, "training")), grid, seeds,
                StudySpec.Prior.from(StudySpec.map(m, "prior")), StudySpec.Samplers.from(samplers),
                StudySpec.Metrics.from(StudySpec.map(m, "metrics")), backends, claims, output, specFile);
    }

    /** Explicit tags are the way YAML asks for objects to be built; a spec never needs one. */
    private void rejectTags(Yaml yaml, String text) {
        for (Event e : yaml.parse(new StringReader(text))) {
            String tag = null;
            if (e instanceof ScalarEvent s) tag = s.getTag();
            else if (e instanceof CollectionStartEvent c) tag = c.getTag();
            if (tag != null) {
                error(e.getStartMark().getLine() + 1, "", "explicit tag '" + tag + "' is not allowed; allowed: plain"
                        + " YAML values without tags (a spec is data: nothing in it is constructed or executed)");
            }
        }
    }

    // ----- generic binding ------------------------------------------------------------------------------------

    private Map<String, Object> bindSection(Field sec, Node node, String path, int parentLine) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, NodeTuple> given = new LinkedHashMap<>();
        int here = node == null ? parentLine : line(node);
        if (node != null && !isNull(node)) {
            if (node instanceof MappingNode mn) given = keys(mn, sec, path);
            else error(node, path, show(node) + " is not a mapping; allowed: " + sec.allowed());
        }
        for (Field f : sec.children) {
            String p = join(path, f.name);
            NodeTuple t = given.get(f.name);
            Node v = t == null ? null : t.getValueNode();
            if (t != null) lines.put(p, line(t.getKeyNode()));
            if (f.type == Type.CUSTOM) {
                if (v != null) custom.put(p, v);
                continue;
            }
            if (v == null) {
                if (f.required) error(here, p, "missing; allowed: " + f.allowed());
                if (f.type == Type.SECTION) {
                    if (!f.optional) out.put(f.name, bindSection(f, null, p, here));
                } else if (f.def != null) {
                    out.put(f.name, f.def);
                }
                continue;
            }
            if (f.type == Type.SECTION) {
                out.put(f.name, bindSection(f, v, p, here));
            } else {
                Object val = bindValue(f, v, p);
                if (val == null) val = f.def;
                if (val != null) out.put(f.name, val);
            }
        }
        return out;
    }

    /** The keys of a mapping, checked against the section: unknown keys (with a suggestion) and duplicates. */
    private Map<String, NodeTuple> keys(MappingNode mn, Field sec, String path) {
        Map<String, NodeTuple> given = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (NodeTuple t : mn.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks) || isNull(k)) {
                error(k, path, show(k) + " is not a key name; allowed: " + String.join(", ", sec.keys()));
                continue;
            }
            String name = ks.getValue();
            String p = join(path, name);
            if (firstLine.containsKey(name)) {
                error(k, p, "duplicate key (first at line " + firstLine.get(name) + "); allowed: each key once");
                continue;
            }
            firstLine.put(name, line(k));
            if (sec.child(name) == null) {
                error(k, p, "unknown key '" + name + "'" + suggestion(name, sec.keys()) + "; allowed: "
                        + (sec.children.isEmpty() ? "no keys ({})" : String.join(", ", sec.keys())));
                continue;
            }
            given.put(name, t);
        }
        return given;
    }

    /** A scalar (or list of integers) of the field's type and range, or null after recording an error. */
    Object bindValue(Field f, Node node, String path) {
        if (f.type == Type.INT_LIST) {
            if (!(node instanceof SequenceNode sn) || sn.getValue().isEmpty()) {
                error(node, path, show(node) + " is not a non-empty list; allowed: " + f.allowed());
                return null;
            }
            List<Object> out = new ArrayList<>();
            Field item = Schema.intf(f.name).min(f.min);
            for (int i = 0; i < sn.getValue().size(); i++) {
                Object v = bindValue(item, sn.getValue().get(i), path + "[" + i + "]");
                if (v == null) return null;
                out.add(v);
            }
            return out;
        }
        if (!(node instanceof ScalarNode s)) {
            error(node, path, show(node) + " is not " + noun(f) + "; allowed: " + f.allowed());
            return null;
        }
        if (isNull(s)) {
            error(node, path, "empty value; allowed: " + f.allowed() + " (leave the key out for the default)");
            return null;
        }
        String v = s.getValue();
        boolean plain = s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
        switch (f.type) {
            case INT -> {
                if (!plain || !INT_RE.matcher(v).matches()) {
                    error(node, path, show(s) + " is not an integer; allowed: " + f.allowed());
                    return null;
                }
                long x;
                try {
                    x = Long.parseLong(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    x = v.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
                }
                if (!f.inRange(x)) {
                    error(node, path, v + " is out of range; allowed: " + f.allowed());
                    return null;
                }
                if (x > Integer.MAX_VALUE || x < Integer.MIN_VALUE) {
                    error(node, path, v + " is too large; allowed: " + f.allowed() + " below 2^31");
                    return null;
                }
                return (int) x;
            }
            case NUM -> {
                if (!plain || !NUM_RE.matcher(v).matches()) {
                    boolean special = plain && v.toLowerCase(Locale.ROOT).matches("[-+]?\\.(inf|nan)");
                    error(node, path, show(s) + (special ? " is not a finite number" : " is not a number")
                            + "; allowed: " + f.allowed());
                    return null;
                }
                double x = Double.parseDouble(v.replace("_", ""));
                if (!Double.isFinite(x)) {
                    error(node, path, v + " is not a finite number; allowed: " + f.allowed());
                    return null;
                }
                if (!f.inRange(x)) {
                    error(node, path, v + " is out of range; allowed: " + f.allowed());
                    return null;
                }
                return x;
            }
            case BOOL -> {
                if (!plain || !Tag.BOOL.equals(s.getTag())) {
                    error(node, path, show(s) + " is not true or false; allowed: " + f.allowed());
                    return null;
                }
                return List.of("true", "yes", "on", "y").contains(v.toLowerCase(Locale.ROOT));
            }
            case ENUM -> {
                if (!f.choices.contains(v)) {
                    error(node, path, "unknown value " + show(s) + suggestion(v, f.choices) + "; allowed: " + f.allowed());
                    return null;
                }
                return v;
            }
            case STR -> {
                if (f.pattern != null && !f.pattern.matcher(v).matches()) {
                    error(node, path, show(s) + " is not allowed; allowed: " + f.allowed());
                    return null;
                }
                return v;
            }
            default -> throw new IllegalStateException(f.type.toString());
        }
    }

    private static String noun(Field f) {
        return switch (f.type) {
            case INT -> "an integer";
            case NUM -> "a number";
            case BOOL -> "true or false";
            case ENUM, STR -> "a single value";
            default -> "of the right type";
        };
    }

    // ----- grid, seeds, backends ------------------------------------------------------------------------------

    private Map<String, List<Object>> bindGrid(Node node) {
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        if (node == null || isNull(node)) return grid;
        if (!(node instanceof MappingNode mn)) {
            error(node, "grid", show(node) + " is not a mapping; allowed: a mapping from a field path (e.g. model.beta)"
                    + " to a non-empty list of values");
            return grid;
        }
        List<String> griddable = List.copyOf(Schema.GRIDDABLE.keySet());
        List<String> all = Schema.allPaths();
        Set<String> seen = new LinkedHashSet<>();
        for (NodeTuple t : mn.getValue()) {
            Node k = t.getKeyNode();
            String key = k instanceof ScalarNode ks ? ks.getValue() : null;
            if (key == null || isNull(k)) {
                error(k, "grid", show(k) + " is not a field path; allowed: " + String.join(", ", griddable));
                continue;
            }
            String p = "grid." + key;
            lines.put(p, line(k));
            if (!seen.add(key)) {
                error(k, p, "duplicate grid key; allowed: each field once");
                continue;
            }
            Field f = Schema.GRIDDABLE.get(key);
            if (f == null) {
                String why = all.contains(key) ? "'" + key + "' cannot be gridded (only scalar fields of model, training,"
                        + " prior and samplers can)" : "'" + key + "' is not a field of the spec" + suggestion(key, griddable);
                error(k, p, why + "; allowed: " + String.join(", ", griddable));
                continue;
            }
            Node v = t.getValueNode();
            if (!(v instanceof SequenceNode sn)) {
                error(v, p, show(v) + " is not a list; allowed: a non-empty list of values, each " + f.allowed());
                continue;
            }
            if (sn.getValue().isEmpty()) {
                error(v, p, "[] is an empty list; allowed: a non-empty list of values, each " + f.allowed());
                continue;
            }
            List<Object> values = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < sn.getValue().size(); i++) {
                Node item = sn.getValue().get(i);
                Object x = bindValue(f, item, p + "[" + i + "]");
                if (x == null) {
                    ok = false;
                    continue;
                }
                if (values.contains(x)) {
                    error(item, p + "[" + i + "]", show(item) + " is listed twice; allowed: distinct values");
                    ok = false;
                    continue;
                }
                values.add(x);
            }
            if (ok) grid.put(key, values);
        }
        return grid;
    }

    private List<Long> bindSeeds(Node node) {
        String allowed = "a non-empty list of distinct integers >= 0, e.g. [1, 2, 3]";
        if (node == null) return DEFAULT_SEEDS;
        if (!(node instanceof SequenceNode sn)) {
            error(node, "seeds", show(node) + " is not a list; allowed: " + allowed);
            return DEFAULT_SEEDS;
        }
        if (sn.getValue().isEmpty()) {
            error(node, "seeds", "[] has no seeds; allowed: " + allowed);
            return DEFAULT_SEEDS;
        }
        List<Long> seeds = new ArrayList<>();
        Field f = Schema.intf("seed").min(0);
        for (int i = 0; i < sn.getValue().size(); i++) {
            Node item = sn.getValue().get(i);
            Object x = bindValue(f, item, "seeds[" + i + "]");
            if (x == null) continue;
            long s = ((Integer) x).longValue();
            if (seeds.contains(s)) {
                error(item, "seeds[" + i + "]", s + " is a duplicate seed (seeds[" + seeds.indexOf(s) + "]); allowed: " + allowed);
                continue;
            }
            seeds.add(s);
        }
        return seeds;
    }

    private List<String> bindBackends(Node node) {
        List<String> known = Backends.names();
        String allowed = "a non-empty list of distinct backend names: " + String.join(", ", known);
        if (node == null) return DEFAULT_BACKENDS;
        if (!(node instanceof SequenceNode sn) || sn.getValue().isEmpty()) {
            error(node, "backends", show(node) + " is not a non-empty list; allowed: " + allowed);
            return DEFAULT_BACKENDS;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sn.getValue().size(); i++) {
            Node item = sn.getValue().get(i);
            String p = "backends[" + i + "]";
            if (!(item instanceof ScalarNode s) || isNull(item)) {
                error(item, p, show(item) + " is not a backend name; allowed: " + allowed);
                continue;
            }
            String v = s.getValue();
            if (!known.contains(v)) {
                error(item, p, "unknown backend " + show(s) + suggestion(v, known) + "; allowed: " + String.join(", ", known));
            } else if (out.contains(v)) {
                error(item, p, v + " is listed twice; allowed: " + allowed);
            } else {
                out.add(v);
            }
        }
        return out;
    }

    // ----- cross-field checks and derived defaults ------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private void checkDataset(Map<String, Object> m) {
        Map<String, Object> ds = StudySpec.map(m, "dataset");
        m.put("dataset", ds);
        String name = (String) ds.get("name");
        Map<String, Object> split = StudySpec.map(ds, "split");
        ds.put("split", split);
        if ("digits".equals(name)) {
            if (ds.containsKey("idx")) {
                error(lineOf("dataset.idx"), "dataset.idx", "is only used with dataset.name: idx; allowed: remove"
                        + " dataset.idx, or set dataset.name: idx");
                ds.remove("idx");
            }
            int levels = (Integer) ds.computeIfAbsent("levels", k -> StudySpec.DIGITS_LEVELS);
            if (levels > StudySpec.DIGITS_LEVELS) {
                error(lineOf("dataset.levels"), "dataset.levels", levels + " is out of range for digits; allowed: an"
                        + " integer from 2 to 17 (the digits have 17 grey levels)");
            }
            split.putIfAbsent("train", DIGITS_TRAIN);
            split.putIfAbsent("validation", DIGITS_VALIDATION);
            split.putIfAbsent("test", DIGITS_TEST);
            int total = (Integer) split.get("train") + (Integer) split.get("validation") + (Integer) split.get("test");
            if (total > StudySpec.DIGITS_COUNT) {
                error(lineOf("dataset.split"), "dataset.split", "train + validation + test = " + total + " is more than"
                        + " the " + StudySpec.DIGITS_COUNT + " digits images; allowed: sizes that add up to at most "
                        + StudySpec.DIGITS_COUNT);
            }
            return;
        }
        // idx
        ds.putIfAbsent("levels", StudySpec.IDX_LEVELS);
        split.putIfAbsent("train", IDX_TRAIN);
        split.putIfAbsent("validation", IDX_VALIDATION);
        split.putIfAbsent("test", IDX_TEST);
        Map<String, Object> idx = (Map<String, Object>) ds.get("idx");
        if (idx == null) {
            error(lineOf("dataset.idx"), "dataset.idx", "missing: dataset.name idx needs the IDX files; allowed: a"
                    + " mapping with train_images, train_labels (and optionally test_images, test_labels)");
            return;
        }
        boolean hasTestImages = idx.get("test_images") != null, hasTestLabels = idx.get("test_labels") != null;
        if (hasTestImages != hasTestLabels) {
            String missing = hasTestImages ? "test_labels" : "test_images";
            error(lineOf("dataset.idx"), "dataset.idx." + missing, "missing: test_images and test_labels go"
                    + " together; allowed: both or neither");
        }
        if (!checkFiles) return;
        IdxFiles.Header trainImages = checkIdxFile(idx, "train_images", true);
        IdxFiles.Header trainLabels = checkIdxFile(idx, "train_labels", false);
        IdxFiles.Header testImages = checkIdxFile(idx, "test_images", true);
        IdxFiles.Header testLabels = checkIdxFile(idx, "test_labels", false);
        checkCounts(trainImages, trainLabels, "dataset.idx.train_labels");
        checkCounts(testImages, testLabels, "dataset.idx.test_labels");
        int train = (Integer) split.get("train"), validation = (Integer) split.get("validation"), test = (Integer) split.get("test");
        if (trainImages != null) {
            int needTrain = train + validation + (hasTestImages ? 0 : test);
            if (needTrain > trainImages.count()) {
                error(lineOf("dataset.split"), "dataset.split", "needs " + needTrain + " images from train_images but"
                        + " it has " + trainImages.count() + "; allowed: "
                        + (hasTestImages ? "train + validation" : "train + validation + test") + " <= " + trainImages.count());
            }
        }
        if (testImages != null && test > testImages.count()) {
            error(lineOf("dataset.split.test"), "dataset.split.test", test + " is more than the " + testImages.count()
                    + " images of test_images; allowed: an integer from 1 to " + testImages.count());
        }
    }

    private IdxFiles.Header checkIdxFile(Map<String, Object> idx, String key, boolean images) {
        String written = (String) idx.get(key);
        if (written == null) return null;
        String p = "dataset.idx." + key;
        Path resolved;
        try {
            Path base = specFile == null ? Path.of("").toAbsolutePath() : specFile.toAbsolutePath().getParent();
            resolved = base.resolve(written).normalize();
        } catch (InvalidPathException e) {
            error(lineOf(p), p, "'" + written + "' is not a valid path; allowed: a path to an IDX file");
            return null;
        }
        if (!Files.isRegularFile(resolved)) {
            error(lineOf(p), p, "'" + written + "' does not exist (resolved to " + resolved + "); allowed: an existing"
                    + " IDX file (.gz or plain), absolute or relative to the spec file's folder");
            return null;
        }
        try {
            IdxFiles.Header h = IdxFiles.readHeader(resolved);
            if (images ? !h.isImages() : !h.isLabels()) {
                error(lineOf(p), p, "'" + written + "' is not an IDX " + (images ? "image" : "label") + " file (magic 0x"
                        + Integer.toHexString(h.magic()) + "); allowed: an IDX file with magic 0x"
                        + Integer.toHexString(images ? IdxFiles.IMAGES_MAGIC : IdxFiles.LABELS_MAGIC));
                return null;
            }
            return h;
        } catch (IOException e) {
            error(lineOf(p), p, "'" + written + "' cannot be read as IDX (" + e.getMessage() + "); allowed: an IDX file");
            return null;
        }
    }

    private void checkCounts(IdxFiles.Header images, IdxFiles.Header labels, String labelsPath) {
        if (images != null && labels != null && images.count() != labels.count()) {
            error(lineOf(labelsPath), labelsPath, "has " + labels.count() + " labels for " + images.count()
                    + " images; allowed: a label file matching its image file");
        }
    }

    @SuppressWarnings("unchecked")
    private void checkModelAndSamplers(Map<String, Object> m, Map<String, List<Object>> grid) {
        int levels = (Integer) StudySpec.map(m, "dataset").get("levels");
        Map<String, Object> model = StudySpec.map(m, "model");
        for (Object lik : valuesOf(grid, "model.likelihood", model.get("likelihood"))) {
            if ("bernoulli".equals(lik) && levels != 2) {
                String p = grid.containsKey("model.likelihood") ? "grid.model.likelihood" : "model.likelihood";
                error(lineOf(p), p, "bernoulli needs dataset.levels: 2 but levels is " + levels + "; allowed:"
                        + " categorical, or dataset.levels: 2");
                break;
            }
        }
        Map<String, Object> samplers = StudySpec.map(m, "samplers");
        m.put("samplers", samplers);
        if (!lines.containsKey("samplers")) samplers.put("prior", new LinkedHashMap<>());
        boolean nce = Boolean.TRUE.equals(StudySpec.map(StudySpec.map(m, "prior"), "nce").get("enabled"));
        for (String s : List.of("langevin", "mala", "sir")) {
            if (samplers.containsKey(s) && !nce) {
                error(lineOf("samplers." + s), "samplers." + s, "needs the NCE prior but prior.nce.enabled is false;"
                        + " allowed: prior.nce.enabled: true, or no samplers." + s);
            }
        }
        for (String key : grid.keySet()) {
            String[] parts = key.split("\\.");
            if (parts[0].equals("samplers") && parts.length == 3 && !samplers.containsKey(parts[1])) {
                error(lineOf("grid." + key), "grid." + key, "grids a setting of sampler " + parts[1] + ", which is not"
                        + " enabled; allowed: grid only enabled samplers (" + String.join(", ", enabledSamplers(samplers))
                        + "), or add samplers." + parts[1]);
            }
            if (parts[0].equals("prior") && !nce) {
                error(lineOf("grid." + key), "grid." + key, "grids the NCE prior but prior.nce.enabled is false;"
                        + " allowed: prior.nce.enabled: true, or no grid of prior.nce");
            }
        }
    }

    private void checkMetrics(Map<String, Object> m, Map<String, List<Object>> grid) {
        Map<String, Object> metrics = StudySpec.map(m, "metrics");
        m.put("metrics", metrics);
        Map<String, Object> sq = StudySpec.map(metrics, "sample_quality");
        metrics.put("sample_quality", sq);
        int test = (Integer) StudySpec.map(StudySpec.map(m, "dataset"), "split").get("test");
        int real = (Integer) sq.computeIfAbsent("real_samples", k -> test);
        if (real > test) {
            error(lineOf("metrics.sample_quality.real_samples"), "metrics.sample_quality.real_samples", real
                    + " is more than the " + test + " test images (dataset.split.test); allowed: an integer from 1 to " + test);
        }
        int samples = Integer.MAX_VALUE;
        for (Object s : valuesOf(grid, "samplers.samples", StudySpec.map(m, "samplers").get("samples"))) {
            samples = Math.min(samples, (Integer) s);
        }
        int bound = Math.min(samples, Math.min(real, test));
        int kid = (Integer) sq.computeIfAbsent("kid_subset_size", k -> Math.max(2, Math.min(KID_SUBSET_SIZE, bound)));
        if (kid > bound) {
            error(lineOf("metrics.sample_quality.kid_subset_size"), "metrics.sample_quality.kid_subset_size", kid
                    + " is more than the " + bound + " images of the smaller set (samplers.samples, real_samples);"
                    + " allowed: an integer from 2 to " + bound);
        }
        for (String k : List.of("precision_recall_k", "density_coverage_k")) {
            int v = (Integer) sq.get(k);
            if (v >= bound) {
                error(lineOf("metrics.sample_quality." + k), "metrics.sample_quality." + k, v + " is not less than the "
                        + bound + " images of the smaller set (samplers.samples, real_samples); allowed: an integer"
                        + " from 1 to " + (bound - 1));
            }
        }
    }

    private String checkOutput(Map<String, Object> m) {
        String name = (String) m.getOrDefault("name", "study");
        String out = (String) m.get("output");
        if (out == null) return "results/" + name;
        String allowed = "a relative path without '..' (below the working directory) or an absolute path";
        Path p;
        try {
            p = Path.of(out);
        } catch (InvalidPathException e) {
            error(lineOf("output"), "output", "'" + out + "' is not a valid path; allowed: " + allowed);
            return out;
        }
        if (!p.isAbsolute()) {
            for (Path part : p) {
                if (part.toString().equals("..")) {
                    error(lineOf("output"), "output", "'" + out + "' escapes the working directory; allowed: " + allowed);
                    return out;
                }
            }
            if (p.normalize().toString().isEmpty()) {
                error(lineOf("output"), "output", "'" + out + "' names no folder of its own; allowed: " + allowed);
            }
        }
        return out;
    }

    private static List<Object> valuesOf(Map<String, List<Object>> grid, String path, Object base) {
        List<Object> g = grid.get(path);
        return g != null ? g : base == null ? List.of() : List.of(base);
    }

    private static List<String> enabledSamplers(Map<String, Object> samplers) {
        return ClaimSpec.SAMPLERS.stream().filter(samplers::containsKey).toList();
    }

    // ----- claims ---------------------------------------------------------------------------------------------

    private List<ClaimSpec> bindClaims(Node node, Map<String, List<Object>> grid, Map<String, Object> samplers,
                                       boolean nceEnabled) {
        List<ClaimSpec> out = new ArrayList<>();
        if (node == null || isNull(node)) return out;
        if (!(node instanceof SequenceNode sn)) {
            error(node, "claims", show(node) + " is not a list; allowed: a list of claims, each " + CLAIM.allowed());
            return out;
        }
        List<String> enabled = enabledSamplers(samplers);
        Map<String, String> ids = new HashMap<>();
        for (int i = 0; i < sn.getValue().size(); i++) {
            Node cn = sn.getValue().get(i);
            String p = "claims[" + i + "]";
            lines.put(p, line(cn));
            int errorsBefore = errors.size();
            if (!(cn instanceof MappingNode)) {
                error(cn, p, show(cn) + " is not a mapping; allowed: " + CLAIM.allowed());
                continue;
            }
            Map<String, Object> c = bindSection(CLAIM, cn, p, line(cn));
            String id = (String) c.get("id");
            if (id != null) {
                String prev = ids.putIfAbsent(id, p);
                if (prev != null) error(lineOf(p + ".id"), p + ".id", "'" + id + "' is already the id of " + prev
                        + "; allowed: a unique id");
            }
            String metric = (String) c.get("metric");
            String sampler = (String) c.get("sampler");
            if (sampler != null && !enabled.contains(sampler)) {
                error(lineOf(p + ".sampler"), p + ".sampler", "sampler " + sampler + " is not enabled; allowed: an"
                        + " enabled sampler (" + String.join(", ", enabled) + ")");
            }
            Map<String, Object> higher = bindSelector(custom.get(p + ".higher"), p + ".higher", line(cn), grid, enabled);
            Map<String, Object> lower = bindSelector(custom.get(p + ".lower"), p + ".lower", line(cn), grid, enabled);
            List<String> per = bindPer(custom.get(p + ".per"), p + ".per", grid);
            boolean higherFirst = true;
            if (cn instanceof MappingNode mn) {
                for (NodeTuple t : mn.getValue()) {
                    String k = t.getKeyNode() instanceof ScalarNode ks ? ks.getValue() : "";
                    if (k.equals("higher")) break;
                    if (k.equals("lower")) {
                        higherFirst = false;
                        break;
                    }
                }
            }
            if (errors.size() == errorsBefore && metric != null && higher != null && lower != null && per != null) {
                checkClaimSemantics(p, metric, sampler, higher, lower, per, nceEnabled);
            }
            if (errors.size() != errorsBefore) continue;
            String expect = (String) c.get("expect");
            String text = (String) c.get("text");
            if (text == null) text = metric + " of " + label(higher, sampler) + " is higher than of " + label(lower, sampler);
            out.add(new ClaimSpec(id, text, metric, sampler, higher, lower, higherFirst, per, (String) c.get("test"),
                    (Double) c.get("alpha"), (Double) c.get("min_effect"),
                    expect == null ? null : ClaimResult.Verdict.valueOf(expect.toUpperCase(Locale.ROOT))));
        }
        return out;
    }

    private static String label(Map<String, Object> sel, String sampler) {
        Map<String, Object> m = new LinkedHashMap<>(sel);
        if (sampler != null) m.put(ClaimSpec.SAMPLER_KEY, sampler);
        List<String> parts = new ArrayList<>();
        m.forEach((k, v) -> parts.add(k + "=" + v));
        return parts.isEmpty() ? "all runs" : String.join(", ", parts);
    }

    private void checkClaimSemantics(String p, String metric, String sampler, Map<String, Object> higher,
                                     Map<String, Object> lower, List<String> per, boolean nceEnabled) {
        boolean samplerMetric = ClaimSpec.SAMPLER_METRICS.contains(metric);
        boolean selectorSampler = higher.containsKey(ClaimSpec.SAMPLER_KEY) || lower.containsKey(ClaimSpec.SAMPLER_KEY);
        boolean perSampler = per.contains(ClaimSpec.SAMPLER_KEY);
        if (!samplerMetric) {
            if (sampler != null || selectorSampler || perSampler) {
                error(lineOf(p + ".metric"), p + ".metric", metric + " is a model metric, one number per run, but the"
                        + " claim names a sampler; allowed: no sampler with model metrics ("
                        + String.join(", ", ClaimSpec.MODEL_METRICS) + "), or a sampler metric ("
                        + String.join(", ", ClaimSpec.SAMPLER_METRICS) + ")");
                return;
            }
            if (ClaimSpec.NCE_METRICS.contains(metric) && !nceEnabled) {
                error(lineOf(p + ".metric"), p + ".metric", metric + " needs the NCE prior but prior.nce.enabled is"
                        + " false; allowed: prior.nce.enabled: true, or another metric");
                return;
            }
        } else {
            int ways = (sampler != null ? 1 : 0) + (selectorSampler ? 1 : 0) + (perSampler ? 1 : 0);
            if (ways > 1) {
                error(lineOf(p), p, "names the sampler in more than one place (sampler, the groups, per); allowed:"
                        + " exactly one of them");
                return;
            }
            if (ways == 0) {
                error(lineOf(p + ".metric"), p + ".metric", metric + " is a sampler metric but the claim names no"
                        + " sampler; allowed: sampler: <" + String.join("|", ClaimSpec.SAMPLERS) + "> in the claim, in"
                        + " both groups, or per: [sampler]");
                return;
            }
        }
        if (!higher.keySet().equals(lower.keySet())) {
            error(lineOf(p + ".lower"), p + ".lower", "selects by " + lower.keySet() + " but higher selects by "
                    + higher.keySet() + "; allowed: both groups naming the same keys with different values, e.g."
                    + " higher: {model.beta: 0.2}, lower: {model.beta: 1.0}");
            return;
        }
        if (sameValues(higher, lower)) {
            error(lineOf(p + ".lower"), p + ".lower", "selects the same runs as higher " + higher + "; allowed: groups"
                    + " that differ in at least one grid value or sampler");
            return;
        }
        for (String k : per) {
            if (higher.containsKey(k)) {
                error(lineOf(p + ".per"), p + ".per", k + " is also a key of the groups; allowed: grid keys not used"
                        + " in higher/lower");
                return;
            }
        }
    }

    private static boolean sameValues(Map<String, Object> a, Map<String, Object> b) {
        for (String k : a.keySet()) if (!valueEquals(a.get(k), b.get(k))) return false;
        return true;
    }

    /** Grid values compare as numbers when both are numbers (so 1 selects 1.0), else as text. */
    public static boolean valueEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
        return Objects.equals(String.valueOf(a), String.valueOf(b));
    }

    private Map<String, Object> bindSelector(Node node, String p, int claimLine, Map<String, List<Object>> grid,
                                             List<String> enabled) {
        List<String> keys = new ArrayList<>(grid.keySet());
        keys.add(ClaimSpec.SAMPLER_KEY);
        String allowed = "a mapping from grid keys (" + String.join(", ", grid.keySet()) + ") or sampler to a value";
        if (node == null) {
            error(claimLine, p, "missing; allowed: " + allowed);
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (isNull(node)) return out;
        if (!(node instanceof MappingNode mn)) {
            error(node, p, show(node) + " is not a mapping; allowed: " + allowed);
            return null;
        }
        boolean ok = true;
        for (NodeTuple t : mn.getValue()) {
            Node k = t.getKeyNode(), v = t.getValueNode();
            String key = k instanceof ScalarNode ks ? ks.getValue() : null;
            if (key == null) {
                error(k, p, show(k) + " is not a key; allowed: " + allowed);
                ok = false;
                continue;
            }
            String kp = p + "." + key;
            lines.put(kp, line(k));
            if (out.containsKey(key)) {
                error(k, kp, "duplicate key; allowed: each key once");
                ok = false;
                continue;
            }
            if (key.equals(ClaimSpec.SAMPLER_KEY)) {
                Object s = bindValue(enumf("sampler", ClaimSpec.SAMPLERS.toArray(String[]::new)), v, kp);
                if (s == null) {
                    ok = false;
                } else if (!enabled.contains(s)) {
                    error(v, kp, "sampler " + s + " is not enabled; allowed: an enabled sampler ("
                            + String.join(", ", enabled) + ")");
                    ok = false;
                } else {
                    out.put(key, s);
                }
                continue;
            }
            List<Object> values = grid.get(key);
            if (values == null) {
                String why = Schema.GRIDDABLE.containsKey(key) || Schema.allPaths().contains(key)
                        ? "'" + key + "' is not a grid key (it has one value for all runs)"
                        : "'" + key + "' is not a field of the spec" + suggestion(key, keys);
                error(k, kp, why + "; allowed: " + (grid.isEmpty() ? "sampler (the spec has no grid)"
                        : "a grid key (" + String.join(", ", grid.keySet()) + ") or sampler"));
                ok = false;
                continue;
            }
            Object x = bindValue(Schema.GRIDDABLE.get(key), v, kp);
            if (x == null) {
                ok = false;
                continue;
            }
            if (values.stream().noneMatch(g -> valueEquals(g, x))) {
                error(v, kp, show(v) + " is not a value of the grid; allowed: one of " + Schema.join(values));
                ok = false;
                continue;
            }
            out.put(key, x);
        }
        return ok ? out : null;
    }

    private List<String> bindPer(Node node, String p, Map<String, List<Object>> grid) {
        List<String> out = new ArrayList<>();
        if (node == null || isNull(node)) return out;
        List<String> allowedKeys = new ArrayList<>(grid.keySet());
        allowedKeys.add(ClaimSpec.SAMPLER_KEY);
        String allowed = "a list of grid keys (" + String.join(", ", grid.keySet()) + ") or sampler";
        if (!(node instanceof SequenceNode sn)) {
            error(node, p, show(node) + " is not a list; allowed: " + allowed);
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < sn.getValue().size(); i++) {
            Node item = sn.getValue().get(i);
            String ip = p + "[" + i + "]";
            String key = item instanceof ScalarNode s && !isNull(item) ? s.getValue() : null;
            if (key == null || !allowedKeys.contains(key)) {
                error(item, ip, (key == null ? show(item) : "'" + key + "'") + " is not a grid key"
                        + (key == null ? "" : suggestion(key, allowedKeys)) + "; allowed: " + allowed);
                ok = false;
            } else if (out.contains(key)) {
                error(item, ip, key + " is listed twice; allowed: distinct keys");
                ok = false;
            } else {
                out.add(key);
            }
        }
        return ok ? out : null;
    }

    // ----- helpers --------------------------------------------------------------------------------------------

    private void error(Node node, String field, String problem) {
        error(node == null ? 1 : line(node), field, problem);
    }

    private void error(int line, String field, String problem) {
        errors.add(new SpecError(file, line, field, problem));
    }

    /** Line of a written field, or of its nearest written parent. */
    private int lineOf(String path) {
        String p = path;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) return l;
            if (p.isEmpty()) return 1;
            int dot = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = dot < 0 ? "" : p.substring(0, dot);
        }
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** How a value looks in a message. */
    static String show(Node n) {
        if (n == null) return "nothing";
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode s) return s.getValue().isEmpty() ? "[]" : "a list";
        ScalarNode s = (ScalarNode) n;
        String v = s.getValue();
        if (v.length() > 60) v = v.substring(0, 57) + "...";
        return switch (s.getScalarStyle()) {
            case PLAIN -> isNull(n) ? "an empty value" : v;
            case SINGLE_QUOTED -> "'" + v + "'";
            default -> "\"" + v + "\"";
        };
    }

    /** {@code " (did you mean 'x'?)"} for the closest candidate by edit distance, or "" when none is close. */
    public static String suggestion(String given, Collection<String> candidates) {
        String best = closest(given, candidates);
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    public static String closest(String given, Collection<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(given.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        if (best == null) return null;
        int limit = Math.max(2, Math.min(given.length(), best.length()) / 3);
        return bestD <= limit && bestD > 0 ? best : null;
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
