package dev.dgmbench.suite.spec;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Changes to a spec from the command line, put into its YAML node tree before binding, so the one schema checks
 * them exactly as it checks the file:
 * <ul>
 *   <li>{@code --set path=value}: a value in YAML syntax ({@code 3}, {@code [64, 64]}, {@code adam}); a value with
 *   commas outside brackets and quotes is a sweep ({@code model.beta=0.2,1.0} puts {@code model.beta} into the grid);
 *   a single value for a path that the grid sweeps takes it out of the grid;</li>
 *   <li>{@code --grid path=v1,v2}: a sweep, even of one value;</li>
 *   <li>{@code --seeds 1-3,7}: the seeds, as ranges and single seeds.</li>
 * </ul>
 * The nodes made from an argument carry a line number past any file's, so a problem found in them is reported
 * against the argument as typed ({@code --set model.beta=abc: model.beta: ...}), not against the spec file.
 */
public final class Overrides {
    public static final Overrides NONE = new Overrides(List.of());
    /** 0-based YAML line of argument 0's nodes; a spec file has far fewer lines (it is at most 1 MiB). */
    private static final int BASE_LINE = 10_000_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SEED_RANGE = Pattern.compile("\\s*(\\d{1,18})\\s*(?:-\\s*(\\d{1,18})\\s*)?");
    /** More seeds than any study can run (the loader's run-count check says why); refused before expanding. */
    private static final long MAX_SEEDS = 100_000;

    /**
     * @param label  the argument as the user typed it, e.g. {@code --set model.beta=abc}
     * @param path   the field path it sets ({@code grid.model.beta} for a sweep)
     * @param values the value texts: one, or a sweep's
     */
    private record Arg(String label, String path, List<String> values, boolean sweep) {
    }

    private final List<Arg> args;
    /** Grid keys the arguments changed (swept anew, or taken out by a single value), for the hint on claims. */
    private final List<String> regridded = new ArrayList<>();

    private Overrides(List<Arg> args) {
        this.args = List.copyOf(args);
    }

    /**
     * Reads the arguments; a malformed one (no {@code =}, a path that is not dotted names, a bad seed range) is a
     * {@link SpecException} naming it.
     *
     * @param seeds the {@code --seeds} text, or null
     */
    public static Overrides of(List<String> sets, List<String> grids, String seeds) {
        List<Arg> args = new ArrayList<>();
        List<SpecError> errors = new ArrayList<>();
        for (String s : sets) assignment("--set", s, false, args, errors);
        for (String g : grids) assignment("--grid", g, true, args, errors);
        if (seeds != null) {
            String label = "--seeds " + seeds;
            try {
                args.add(new Arg(label, "seeds", List.of(seedList(seeds)), false));
            } catch (IllegalArgumentException e) {
                errors.add(new SpecError(label, 0, "seeds", e.getMessage()));
            }
        }
        if (!errors.isEmpty()) throw new SpecException(errors);
        return new Overrides(args);
    }

    public boolean isEmpty() {
        return args.isEmpty();
    }

    /** The arguments as typed, for the command that reruns the study. */
    public List<String> arguments() {
        List<String> out = new ArrayList<>();
        for (Arg a : args) {
            int space = a.label.indexOf(' ');
            out.add(a.label.substring(0, space));
            out.add(a.label.substring(space + 1));
        }
        return out;
    }

    private static void assignment(String option, String text, boolean sweep, List<Arg> args, List<SpecError> errors) {
        String label = option + " " + text;
        int eq = text.indexOf('=');
        String allowed = "allowed: PATH=VALUE, e.g. model.beta=0.5, training.max_epochs=5 or prior.nce.hidden=[64,64]";
        if (eq < 0) {
            errors.add(new SpecError(label, 0, "", "no '=' in '" + Suggestions.clip(text) + "'; " + allowed));
            return;
        }
        String path = text.substring(0, eq).strip();
        String value = text.substring(eq + 1);
        String fieldPath = path.startsWith("grid.") ? path.substring("grid.".length()) : path;
        for (String part : fieldPath.split("\\.", -1)) {
            if (!NAME.matcher(part).matches()) {
                errors.add(new SpecError(label, 0, path, "'" + Suggestions.clip(path) + "' is not a field path (names"
                        + " joined by dots); " + allowed));
                return;
            }
        }
        List<String> values = topLevelParts(value);
        boolean isSweep = sweep || path.startsWith("grid.") || values.size() > 1;
        args.add(new Arg(label, isSweep ? "grid." + fieldPath : path, values, isSweep));
    }

    /** {@code 1-3,7} as the YAML list {@code [1, 2, 3, 7]}. */
    private static String seedList(String text) {
        List<String> seeds = new ArrayList<>();
        String allowed = "; allowed: seeds and ranges of seeds >= 0 separated by commas, e.g. 1-3 or 1,2,5 or 1-3,7";
        for (String part : text.split(",", -1)) {
            Matcher m = SEED_RANGE.matcher(part);
            if (!m.matches()) throw new IllegalArgumentException("'" + Suggestions.clip(part.strip()) + "' is not a seed or a range" + allowed);
            long from = Long.parseLong(m.group(1)), to = m.group(2) == null ? from : Long.parseLong(m.group(2));
            if (to < from) throw new IllegalArgumentException("'" + part.strip() + "' is an empty range (" + from + " > " + to + ")" + allowed);
            if (to - from + 1 + seeds.size() > MAX_SEEDS) {
                throw new IllegalArgumentException("'" + part.strip() + "' makes more than " + MAX_SEEDS + " seeds" + allowed);
            }
            for (long s = from; s <= to; s++) seeds.add(Long.toString(s));
        }
        return "[" + String.join(", ", seeds) + "]";
    }

    /** The value split at commas outside brackets, braces and quotes: more than one part is a sweep. */
    static List<String> topLevelParts(String value) {
        List<String> parts = new ArrayList<>();
        int depth = 0, start = 0;
        char quote = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }

    /** Puts every argument into the spec's node tree (a root that is not a mapping is left to the binder's error). */
    void apply(Node root) {
        if (args.isEmpty() || !(root instanceof MappingNode top)) return;
        regridded.clear();
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            Mark mark = new Mark(a.label, 0, BASE_LINE + i, 0, new int[0], 0);
            if (a.sweep) {
                List<Node> items = new ArrayList<>();
                for (String v : a.values) items.add(compose(a, v, mark));
                Node list = items.size() == 1 && items.get(0) instanceof SequenceNode s ? s
                        : new SequenceNode(Tag.SEQ, true, items, mark, mark, DumperOptions.FlowStyle.FLOW);
                put(child(top, "grid", mark), a.path.substring("grid.".length()), list, mark);
                regridded.add(a.path.substring("grid.".length()));
            } else {
                String[] names = a.path.split("\\.");
                MappingNode m = top;
                for (int k = 0; k < names.length - 1; k++) m = child(m, names[k], mark);
                put(m, names[names.length - 1], compose(a, a.values.get(0), mark), mark);
                if (names.length > 1 && existing(top, "grid") instanceof MappingNode grid && remove(grid, a.path)) {
                    regridded.add(a.path);
                }
            }
        }
    }

    /**
     * The problems of a spec with problems in the arguments' nodes put against the arguments (as {@code --set ...},
     * line 0); a claim's problem with a grid key that a single {@code --set} took out of the grid says how to keep it.
     */
    SpecException attribute(SpecException e) {
        if (args.isEmpty()) return e;
        List<SpecError> out = new ArrayList<>();
        for (SpecError err : e.errors()) {
            int i = err.line() - 1 - BASE_LINE;
            if (i >= 0 && i < args.size()) {
                out.add(new SpecError(args.get(i).label, 0, err.field(), err.problem()));
            } else if (err.field().startsWith("claims") && regridded.stream()
                    .anyMatch(k -> err.field().endsWith("." + k) || err.problem().contains(k))) {
                out.add(new SpecError(err.file(), err.line(), err.field(), err.problem() + " (the command line changed"
                        + " the grid of " + String.join(", ", regridded) + "; to run a part of the study and keep its"
                        + " claims use --only, e.g. --only " + regridded.get(0) + "=VALUE)"));
            } else {
                out.add(err);
            }
        }
        return new SpecException(out);
    }

    /** The value text as a node tree (YAML, safely composed), marked with the argument's line. */
    private static Node compose(Arg a, String text, Mark mark) {
        Binder scratch = new Binder(a.label);
        Node n;
        try {
            n = YamlSource.compose(text, scratch);
        } catch (SpecException e) {
            throw new SpecException(e.errors().stream()
                    .map(err -> new SpecError(a.label, 0, a.path, err.problem())).toList());
        }
        if (n == null) return new ScalarNode(Tag.NULL, "", mark, mark, DumperOptions.ScalarStyle.PLAIN);
        return marked(n, mark);
    }

    private static Node marked(Node n, Mark m) {
        if (n instanceof ScalarNode s) return new ScalarNode(s.getTag(), s.getValue(), m, m, s.getScalarStyle());
        if (n instanceof SequenceNode q) {
            List<Node> items = new ArrayList<>();
            for (Node x : q.getValue()) items.add(marked(x, m));
            return new SequenceNode(q.getTag(), true, items, m, m, q.getFlowStyle());
        }
        if (n instanceof MappingNode mn) {
            List<NodeTuple> tuples = new ArrayList<>();
            for (NodeTuple t : mn.getValue()) tuples.add(new NodeTuple(marked(t.getKeyNode(), m), marked(t.getValueNode(), m)));
            return new MappingNode(mn.getTag(), true, tuples, m, m, mn.getFlowStyle());
        }
        return n;
    }

    private static Node existing(MappingNode m, String name) {
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(name)) return t.getValueNode();
        }
        return null;
    }

    /** The mapping under {@code name}, made (or put in place of an empty value) when the spec has none. */
    private static MappingNode child(MappingNode parent, String name, Mark mark) {
        if (existing(parent, name) instanceof MappingNode m) return m;
        MappingNode made = new MappingNode(Tag.MAP, true, new ArrayList<>(), mark, mark, DumperOptions.FlowStyle.BLOCK);
        put(parent, name, made, mark);
        return made;
    }

    /**
     * Sets {@code name} to {@code value} where the key stands (so a grid keeps its order), else at the end; key and
     * value carry the argument's line. Later tuples of the same key (a duplicate in the file) go.
     */
    private static void put(MappingNode m, String name, Node value, Mark mark) {
        NodeTuple set = new NodeTuple(new ScalarNode(Tag.STR, name, mark, mark, DumperOptions.ScalarStyle.PLAIN), value);
        List<NodeTuple> tuples = new ArrayList<>();
        boolean placed = false;
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(name))) tuples.add(t);
            else if (!placed) placed = tuples.add(set);
        }
        if (!placed) tuples.add(set);
        m.setValue(tuples);
    }

    private static boolean remove(MappingNode m, String name) {
        List<NodeTuple> tuples = new ArrayList<>(m.getValue());
        boolean removed = tuples.removeIf(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(name));
        m.setValue(tuples);
        return removed;
    }
}
