package dev.dgmbench.suite.spec;

import dev.dgmbench.models.data.DigitsDataset;
import dev.dgmbench.suite.claims.ClaimSpec;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.dgmbench.suite.spec.StudySpec.map;

/**
 * Reads a study spec safely and checks all of it before anything runs: the YAML ({@link YamlSource}), every key
 * against the schema ({@link Binder}), grid, seeds and backends ({@link GridBinder}), fields that depend on each
 * other ({@link CrossChecks}), the IDX files when they are reachable ({@link DataChecks}), the run count and memory
 * ({@link ResourceChecks}) and the claims ({@link ClaimBinder}). All problems of a file are collected into one
 * {@link SpecException}, each with file, line, field path, the bad value and what is allowed.
 */
public final class SpecLoader {
    /** Folder of the specs shipped in the jar. */
    public static final String SHIPPED_FOLDER = "/specs/";
    public static final List<String> SHIPPED = List.of("quick", "seed-digits", "seed-fashion10", "fashion10-cpu");
    /** The SPEC parameter's help (a constant: annotations need one); {@code SpecLoaderTest} keeps it to SHIPPED. */
    public static final String SHIPPED_HELP = "a spec file, or a shipped spec: quick, seed-digits, seed-fashion10, fashion10-cpu";

    private SpecLoader() {
    }

    /** Loads and checks a spec file, including the IDX data files. */
    public static StudySpec load(Path file) {
        return load(file, true);
    }

    /**
     * @param checkFiles whether IDX data files must exist and be sound (headers, lengths, labels, split); false to
     *                   check a spec on a machine without the data
     */
    public static StudySpec load(Path file, boolean checkFiles) {
        return parse(YamlSource.read(file), file.toString(), file, checkFiles);
    }

    /**
     * A spec named on the command line: a file, else a shipped spec of that name, else an error that lists the
     * shipped specs.
     */
    public static StudySpec loadArgument(String arg, boolean checkFiles) {
        return loadArgument(arg, checkFiles, Overrides.NONE);
    }

    /** {@link #loadArgument(String, boolean)} with command-line changes, checked by the schema with the rest. */
    public static StudySpec loadArgument(String arg, boolean checkFiles, Overrides overrides) {
        Path p = null;
        try {
            p = Path.of(arg);
        } catch (InvalidPathException e) {
            // not a path: maybe a shipped spec's name
        }
        if (p != null && Files.exists(p)) return parse(YamlSource.read(p), p.toString(), p, checkFiles, overrides);
        if (SHIPPED.contains(arg)) return parse(shippedText(arg), "specs/" + arg + ".yaml", null, checkFiles, overrides);
        throw new SpecException(List.of(new SpecError(arg, 0, "", "no spec file or shipped spec named '" + arg + "'"
                + Suggestions.suggestion(arg, SHIPPED) + "; shipped specs: " + String.join(", ", SHIPPED))));
    }

    /**
     * InputChecks spec text.
     *
     * @param fileName the name errors show
     * @param specFile where the text came from (relative data paths resolve against its folder), or null for the
     *                 working directory
     */
    public static StudySpec parse(String text, String fileName, Path specFile, boolean checkFiles) {
        return parse(text, fileName, specFile, checkFiles, Overrides.NONE);
    }

    /** {@link #parse(String, String, Path, boolean)} with {@code overrides} put into the text's node tree first. */
    public static StudySpec parse(String text, String fileName, Path specFile, boolean checkFiles, Overrides overrides) {
        Binder b = new Binder(fileName);
        Node root = YamlSource.compose(text, b);
        try {
            overrides.apply(root);
            return bind(b, root, specFile, checkFiles);
        } catch (SpecException e) {
            throw overrides.attribute(e);
        }
    }

    private static StudySpec bind(Binder b, Node root, Path specFile, boolean checkFiles) {
        if (root == null || Binder.isNull(root)) {
            b.error(1, "", "the file is empty; allowed: " + Schema.ROOT.allowed());
            throw new SpecException(b.errors);
        }
        b.lines.put("", Binder.line(root));
        Map<String, Object> m = b.bindSection(Schema.ROOT, root, "", Binder.line(root));
        if (!(root instanceof MappingNode)) throw new SpecException(b.errors);

        GridBinder lists = new GridBinder(b);
        Map<String, List<Object>> grid = lists.grid(b.custom.get("grid"));
        List<Long> seeds = lists.seeds(b.custom.get("seeds"));
        List<String> backends = lists.backends(b.custom.get("backends"));
        ResourceChecks resources = new ResourceChecks(b);
        resources.runCount(grid, seeds.size());

        CrossChecks cross = new CrossChecks(b);
        Map<String, Object> idx = cross.dataset(m);
        int pixels = DigitsDataset.SIDE * DigitsDataset.SIDE;
        long images = DigitsDataset.COUNT;
        if (idx != null) {
            DataChecks data = new DataChecks(b, baseDir(specFile));
            if (checkFiles && b.errors.isEmpty()) data.check(idx, map(map(m, "dataset"), "split"));
            Map<String, Object> split = map(map(m, "dataset"), "split");
            pixels = data.pixels > 0 ? data.pixels : ResourceChecks.IDX_PIXELS_FALLBACK;
            images = data.images > 0 ? data.images
                    : (long) (Integer) split.get("train") + (Integer) split.get("validation") + (Integer) split.get("test");
        }
        cross.modelAndSamplers(m, grid);
        cross.metrics(m, grid);
        String output = cross.output(m);
        if (b.errors.isEmpty()) resources.memory(m, grid, pixels, images);

        List<ClaimSpec> claims = new ClaimBinder(b).claims(b.custom.get("claims"), grid, map(m, "samplers"),
                CrossChecks.nceEnabled(m));
        StudySpec.Reference reference = m.get("reference") == null ? null
                : StudySpec.fromMap(StudySpec.Reference.class, map(m, "reference"));
        if (reference != null && b.errors.isEmpty()) {
            try {
                ReferenceTable.load(reference.file(), specFile, grid);
            } catch (SpecException e) {
                b.errors.addAll(e.errors());
            }
        }
        if (!b.errors.isEmpty()) throw new SpecException(b.errors);

        return new StudySpec((String) m.get("name"), (String) m.get("description"),
                StudySpec.fromMap(StudySpec.Dataset.class, map(m, "dataset")),
                StudySpec.fromMap(StudySpec.Model.class, map(m, "model")),
                StudySpec.fromMap(StudySpec.Training.class, map(m, "training")), grid, seeds,
                StudySpec.fromMap(StudySpec.Prior.class, map(m, "prior")),
                StudySpec.fromMap(StudySpec.Samplers.class, map(m, "samplers")),
                StudySpec.fromMap(StudySpec.Metrics.class, map(m, "metrics")), backends, claims,
                (String) m.get("claims_correction"), reference, output, specFile);
    }

    private static Path baseDir(Path specFile) {
        Path parent = specFile == null ? null : specFile.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
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
                        + String.join(", ", SHIPPED) + Suggestions.suggestion(name, SHIPPED))));
            }
            return YamlSource.decode(name, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("shipped spec " + name + " cannot be read from the jar", e);
        }
    }
}
