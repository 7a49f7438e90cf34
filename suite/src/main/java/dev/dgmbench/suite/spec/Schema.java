package dev.dgmbench.suite.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The shape of a study spec: every key, its type, range and default. The loader binds YAML against it, the grid
 * takes its gridded field types from it, and docs/spec.md documents the same table (a test checks that every path
 * here appears there).
 */
final class Schema {
    enum Type { INT, NUM, STR, BOOL, ENUM, INT_LIST, SECTION, CUSTOM }

    /** One key of the spec. Mutable only while the schema is being built (static init). */
    static final class Field {
        final String name;
        final Type type;
        Object def;
        boolean required;
        long min = Long.MIN_VALUE, max = Long.MAX_VALUE;
        double lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY;
        boolean loOpen, hiOpen;
        List<String> choices = List.of();
        Pattern pattern;
        String patternText;
        List<Field> children = List.of();
        /** For SECTION: absent means "not enabled" (samplers), rather than "all defaults". */
        boolean optional;
        boolean griddable;

        Field(String name, Type type) {
            this.name = name;
            this.type = type;
        }

        Field def(Object d) { this.def = d; return this; }
        Field required() { this.required = true; return this; }
        Field min(long m) { this.min = m; return this; }
        Field range(long a, long b) { this.min = a; this.max = b; return this; }
        Field atLeast(double v) { this.lo = v; return this; }
        Field above(double v) { this.lo = v; this.loOpen = true; return this; }
        Field openInterval(double a, double b) { lo = a; hi = b; loOpen = true; hiOpen = true; return this; }
        Field grid() { this.griddable = true; return this; }
        Field optional() { this.optional = true; return this; }
        Field pattern(String regex, String text) { this.pattern = Pattern.compile(regex); this.patternText = text; return this; }

        Field child(String key) {
            for (Field f : children) if (f.name.equals(key)) return f;
            return null;
        }

        List<String> keys() {
            return children.stream().map(f -> f.name).toList();
        }

        /** What this field accepts, in words, for error messages. */
        String allowed() {
            return switch (type) {
                case INT -> max == Long.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max;
                case NUM -> numAllowed();
                case STR -> patternText != null ? patternText : "a string";
                case BOOL -> "true or false";
                case ENUM -> "one of: " + String.join(", ", choices);
                case INT_LIST -> "a non-empty list of integers >= " + min;
                case SECTION -> children.isEmpty() ? "an empty mapping {}" : "a mapping with keys: " + String.join(", ", keys());
                case CUSTOM -> "see docs/spec.md";
            };
        }

        private String numAllowed() {
            boolean hasLo = lo != Double.NEGATIVE_INFINITY, hasHi = hi != Double.POSITIVE_INFINITY;
            if (hasLo && hasHi) return "a number in " + (loOpen ? "(" : "[") + num(lo) + ", " + num(hi) + (hiOpen ? ")" : "]");
            if (hasLo) return (loOpen ? (lo == 0 ? "a positive number (> 0)" : "a number > " + num(lo)) : "a number >= " + num(lo));
            if (hasHi) return "a number " + (hiOpen ? "< " : "<= ") + num(hi);
            return "a number";
        }

        boolean inRange(double v) {
            return (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
        }

        boolean inRange(long v) {
            return v >= min && v <= max;
        }
    }

    static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    static Field intf(String n) { return new Field(n, Type.INT); }
    static Field numf(String n) { return new Field(n, Type.NUM); }
    static Field strf(String n) { return new Field(n, Type.STR); }
    static Field boolf(String n) { return new Field(n, Type.BOOL); }
    static Field enumf(String n, String... choices) { Field f = new Field(n, Type.ENUM); f.choices = List.of(choices); return f; }
    static Field custom(String n) { return new Field(n, Type.CUSTOM); }
    static Field section(String n, Field... children) { Field f = new Field(n, Type.SECTION); f.children = List.of(children); return f; }

    static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";
    static final String NAME_TEXT = "a name of letters, digits, '.', '_' or '-' (starting with a letter or digit)";

    /** The whole spec. Defaults marked null are computed from other fields (see SpecLoader.fillDerivedDefaults). */
    static final Field ROOT = section("",
            strf("name").required().pattern(NAME_PATTERN, NAME_TEXT),
            strf("description").def(""),
            section("dataset",
                    enumf("name", "digits", "idx").def("digits"),
                    section("idx",
                            strf("train_images").required(),
                            strf("train_labels").required(),
                            strf("test_images"),
                            strf("test_labels")).optional(),
                    intf("levels").range(2, 256),
                    section("split",
                            intf("train").min(1),
                            intf("validation").min(1),
                            intf("test").min(1))),
            section("model",
                    intf("hidden").min(1).def(256).grid(),
                    intf("latent").min(1).def(50).grid(),
                    enumf("likelihood", "categorical", "bernoulli").def("categorical").grid(),
                    numf("beta").atLeast(0).def(1.0).grid(),
                    enumf("engine", "fused", "samediff").def("fused").grid()),
            section("training",
                    enumf("optimizer", "adam", "adamax").def("adam").grid(),
                    numf("learning_rate").above(0).def(1.0e-3).grid(),
                    intf("batch_size").min(1).def(64).grid(),
                    intf("max_epochs").min(1).def(300).grid(),
                    intf("patience").min(1).def(20).grid()),
            custom("grid"),
            custom("seeds"),
            section("prior",
                    section("nce",
                            boolf("enabled").def(true),
                            intListf("hidden").def(List.of(256, 256)),
                            numf("learning_rate").above(0).def(1.0e-3).grid(),
                            intf("batch_size").min(1).def(128).grid(),
                            intf("max_epochs").min(1).def(50).grid(),
                            intf("patience").min(1).def(5).grid(),
                            numf("validation_fraction").openInterval(0, 1).def(0.1).grid())),
            section("samplers",
                    intf("samples").min(1).def(512).grid(),
                    enumf("decode", "mode", "sample").def("mode").grid(),
                    section("prior").optional(),
                    section("langevin",
                            intf("steps").min(1).def(100).grid(),
                            numf("step_size").above(0).def(0.1).grid(),
                            numf("noise_scale").atLeast(0).def(1.0).grid()).optional(),
                    section("mala",
                            intf("steps").min(1).def(100).grid(),
                            numf("step_size").above(0).def(0.1).grid()).optional(),
                    section("sir",
                            intf("proposals").min(1).def(10000).grid()).optional()),
            section("metrics",
                    section("nll",
                            intf("importance_samples").min(1).def(1000),
                            intf("batch_size").min(1).def(100)),
                    section("sample_quality",
                            intf("real_samples").min(1),
                            intf("kid_subsets").min(1).def(100),
                            intf("kid_subset_size").min(2),
                            intf("precision_recall_k").min(1).def(3),
                            intf("density_coverage_k").min(1).def(5)),
                    section("evaluator",
                            intf("hidden").min(1).def(256),
                            intf("epochs").min(1).def(50),
                            intf("seed").min(0).def(0))),
            custom("backends"),
            custom("claims"),
            strf("output"));

    private static Field intListf(String n) {
        Field f = new Field(n, Type.INT_LIST);
        f.min = 1;
        return f;
    }

    /** Fields that a grid may vary, by dotted path, in schema order. */
    static final Map<String, Field> GRIDDABLE = griddable();

    private static Map<String, Field> griddable() {
        Map<String, Field> out = new LinkedHashMap<>();
        collect(ROOT, "", out);
        return out;
    }

    private static void collect(Field f, String prefix, Map<String, Field> out) {
        for (Field c : f.children) {
            String path = prefix.isEmpty() ? c.name : prefix + "." + c.name;
            if (c.griddable) out.put(path, c);
            if (c.type == Type.SECTION) collect(c, path, out);
        }
    }

    /** Every field path of the schema (for the documentation check). */
    static List<String> allPaths() {
        List<String> out = new ArrayList<>();
        allPaths(ROOT, "", out);
        return out;
    }

    private static void allPaths(Field f, String prefix, List<String> out) {
        for (Field c : f.children) {
            String path = prefix.isEmpty() ? c.name : prefix + "." + c.name;
            out.add(path);
            if (c.type == Type.SECTION) allPaths(c, path, out);
        }
    }

    static String join(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private Schema() {
    }
}
