package dev.dgmbench.suite.spec;

import dev.dgmbench.suite.spec.Field.Type;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Binds a composed YAML node tree against {@link Schema} fields, generically: keys (unknown, duplicate, missing),
 * types and ranges. Collects every problem with its line instead of stopping at the first, and remembers the line
 * of every written field so later checks can point at it.
 */
final class Binder {
    static final Pattern INT_RE = Pattern.compile("[-+]?[0-9][0-9_]*");
    static final Pattern NUM_RE = Pattern.compile("[-+]?([0-9][0-9_]*(\\.[0-9_]*)?|\\.[0-9][0-9_]*)([eE][-+]?[0-9]+)?");

    final String file;
    final List<SpecError> errors = new ArrayList<>();
    /** Nodes of the keys bound by hand (grid, seeds, backends, claims, claim groups), by field path. */
    final Map<String, Node> custom = new HashMap<>();
    /** Line of every value that was written, by field path; absent fields use their nearest written parent. */
    final Map<String, Integer> lines = new HashMap<>();

    Binder(String file) {
        this.file = file;
    }

    Map<String, Object> bindSection(Field sec, Node node, String path, int parentLine) {
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
                error(k, p, "unknown key '" + Suggestions.clip(name) + "'" + Suggestions.suggestion(name, sec.keys())
                        + "; allowed: " + (sec.children.isEmpty() ? "no keys ({})" : String.join(", ", sec.keys())));
                continue;
            }
            given.put(name, t);
        }
        return given;
    }

    /** A scalar (or list of integers) of the field's type and range, or null after recording an error. */
    Object bindValue(Field f, Node node, String path) {
        if (f.type == Type.INT_LIST) return bindIntList(f, node, path);
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
        return switch (f.type) {
            case INT -> bindInt(f, s, v, plain, path);
            case NUM -> bindNum(f, s, v, plain, path);
            case BOOL -> {
                if (plain && Tag.BOOL.equals(s.getTag())) yield List.of("true", "yes", "on", "y").contains(v.toLowerCase(Locale.ROOT));
                error(node, path, show(s) + " is not true or false; allowed: " + f.allowed());
                yield null;
            }
            case ENUM -> {
                List<String> choices = f.choices.get();
                if (choices.contains(v)) yield v;
                error(node, path, "unknown value " + show(s) + Suggestions.suggestion(v, choices) + "; allowed: " + f.allowed());
                yield null;
            }
            case STR -> bindString(f, s, v, path);
            default -> throw new IllegalStateException(f.type.toString());
        };
    }

    private Object bindIntList(Field f, Node node, String path) {
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

    private Object bindInt(Field f, ScalarNode s, String v, boolean plain, String path) {
        if (f.keyword != null && f.keyword.equals(v)) return f.keywordValue;
        if (!plain || !INT_RE.matcher(v).matches()) {
            error(s, path, show(s) + " is not an integer; allowed: " + f.allowed());
            return null;
        }
        long x;
        try {
            x = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            x = v.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (!f.inRange(x)) {
            error(s, path, Suggestions.clip(v) + " is out of range; allowed: " + f.allowed());
            return null;
        }
        if (x > Integer.MAX_VALUE || x < Integer.MIN_VALUE) {
            error(s, path, Suggestions.clip(v) + " is too large; allowed: " + f.allowed() + " below 2^31");
            return null;
        }
        return (int) x;
    }

    private Object bindNum(Field f, ScalarNode s, String v, boolean plain, String path) {
        if (!plain || !NUM_RE.matcher(v).matches()) {
            boolean special = plain && v.toLowerCase(Locale.ROOT).matches("[-+]?\\.(inf|nan)");
            error(s, path, show(s) + (special ? " is not a finite number" : " is not a number") + "; allowed: " + f.allowed());
            return null;
        }
        double x = Double.parseDouble(v.replace("_", ""));
        if (!Double.isFinite(x)) {
            error(s, path, Suggestions.clip(v) + " is not a finite number; allowed: " + f.allowed());
            return null;
        }
        if (!f.inRange(x)) {
            error(s, path, Suggestions.clip(v) + " is out of range; allowed: " + f.allowed());
            return null;
        }
        return x;
    }

    private Object bindString(Field f, ScalarNode s, String v, String path) {
        if (v.length() > f.maxLength) {
            error(s, path, "is " + v.length() + " characters long; allowed: " + f.allowed());
            return null;
        }
        if (f.pattern != null && !f.pattern.matcher(v).matches()) {
            error(s, path, show(s) + " is not allowed; allowed: " + f.allowed());
            return null;
        }
        return v;
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

    // ----- errors and lines -----------------------------------------------------------------------------------

    void error(Node node, String field, String problem) {
        error(node == null ? 1 : line(node), field, problem);
    }

    void error(int line, String field, String problem) {
        errors.add(new SpecError(file, line, field, problem));
    }

    /** Records a problem at the line of a written field (or of its nearest written parent). */
    void errorAt(String field, String problem) {
        error(lineOf(field), field, problem);
    }

    /** Line of a written field, or of its nearest written parent. */
    int lineOf(String path) {
        String p = path;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) return l;
            if (p.isEmpty()) return 1;
            int dot = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = dot < 0 ? "" : p.substring(0, dot);
        }
    }

    boolean written(String path) {
        return lines.containsKey(path);
    }

    static int line(Node n) {
        return n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** How a value looks in a message. */
    static String show(Node n) {
        if (n == null) return "nothing";
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode s) return s.getValue().isEmpty() ? "[]" : "a list";
        ScalarNode s = (ScalarNode) n;
        String v = Suggestions.clip(s.getValue());
        return switch (s.getScalarStyle()) {
            case PLAIN -> isNull(n) ? "an empty value" : v;
            case SINGLE_QUOTED -> "'" + v + "'";
            default -> "\"" + v + "\"";
        };
    }
}
