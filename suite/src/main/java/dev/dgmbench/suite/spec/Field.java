package dev.dgmbench.suite.spec;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One key of the spec schema: its type, range, default and documentation. The loader binds YAML against these,
 * the grid takes its types from them and docs/spec.md's field tables are generated from them ({@link SpecDocs}), so
 * a field is described in one place. Mutable only while {@link Schema} is built (static init).
 */
final class Field {
    enum Type { INT, NUM, STR, BOOL, ENUM, INT_LIST, SECTION, CUSTOM }

    final String name;
    final Type type;
    Object def;
    boolean required;
    long min = Long.MIN_VALUE, max = Long.MAX_VALUE;
    double lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY;
    boolean loOpen, hiOpen;
    /** For ENUM: the allowed values, read when a spec is bound (the engines are those found at run time). */
    java.util.function.Supplier<List<String>> choices = List::of;
    /** For INT: a word accepted besides the integers ({@code auto}) and the value it binds to. */
    String keyword;
    int keywordValue;
    Pattern pattern;
    String patternText;
    int maxLength = Integer.MAX_VALUE;
    List<Field> children = List.of();
    /** For SECTION: absent means "not enabled" (samplers), rather than "all defaults". */
    boolean optional;
    boolean griddable;
    /** What the field means, for the docs (markdown). */
    String doc = "";
    /** The docs' type and default columns where the generated words would not say enough (computed defaults). */
    String typeText, defaultText;

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
    Field maxLength(int n) { this.maxLength = n; return this; }
    Field keyword(String word, int value) { this.keyword = word; this.keywordValue = value; return this; }
    Field doc(String text) { this.doc = text; return this; }
    Field type(String text) { this.typeText = text; return this; }
    Field defaults(String text) { this.defaultText = text; return this; }

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
            case INT -> (max == Long.MAX_VALUE ? "an integer >= " + min : "an integer from " + min + " to " + max)
                    + (keyword == null ? "" : " or " + keyword);
            case NUM -> numAllowed();
            case STR -> patternText != null ? patternText : "a string";
            case BOOL -> "true or false";
            case ENUM -> "one of: " + String.join(", ", choices.get());
            case INT_LIST -> "a non-empty list of integers >= " + min;
            case SECTION -> children.isEmpty() ? "an empty mapping {}" : "a mapping with keys: " + String.join(", ", keys());
            case CUSTOM -> "see docs/spec.md";
        };
    }

    /** The docs' type column. */
    String typeWords() {
        if (typeText != null) return typeText;
        return switch (type) {
            case INT -> (max == Long.MAX_VALUE ? "integer >= " + min : "integer, " + min + ".." + max)
                    + (keyword == null ? "" : " or `" + keyword + "`");
            case NUM -> numAllowed().replaceFirst("^a ", "").replace("positive number (> 0)", "number > 0");
            case STR -> "text";
            case BOOL -> "true or false";
            case ENUM -> enumWords(choices.get());
            case INT_LIST -> "non-empty list of integers >= " + min;
            case SECTION -> children.isEmpty() ? "`{}`" : "mapping";
            case CUSTOM -> throw new IllegalStateException(name + " needs a type text for the docs");
        };
    }

    /** The docs' default column. */
    String defaultWords() {
        if (defaultText != null) return defaultText;
        if (required) return "required";
        if (type == Type.SECTION) return optional ? "off" : "see below";
        if (def == null) return "none";
        if (def instanceof String s) return s.isEmpty() ? "`\"\"`" : type == Type.ENUM ? "`" + s + "`" : s;
        if (def instanceof List<?> l) return "`[" + Schema.join(l) + "]`";
        return Objects.toString(def);
    }

    private static String enumWords(List<String> choices) {
        return choices.size() == 2 ? "`" + choices.get(0) + "` or `" + choices.get(1) + "`"
                : choices.stream().map(c -> "`" + c + "`").collect(Collectors.joining(", "));
    }

    private String numAllowed() {
        boolean hasLo = lo != Double.NEGATIVE_INFINITY, hasHi = hi != Double.POSITIVE_INFINITY;
        if (hasLo && hasHi) {
            return "a number in " + (loOpen ? "(" : "[") + Schema.num(lo) + ", " + Schema.num(hi) + (hiOpen ? ")" : "]");
        }
        if (hasLo) {
            return loOpen ? (lo == 0 ? "a positive number (> 0)" : "a number > " + Schema.num(lo)) : "a number >= " + Schema.num(lo);
        }
        if (hasHi) return "a number " + (hiOpen ? "< " : "<= ") + Schema.num(hi);
        return "a number";
    }

    boolean inRange(double v) {
        return (loOpen ? v > lo : v >= lo) && (hiOpen ? v < hi : v <= hi);
    }

    boolean inRange(long v) {
        return v >= min && v <= max;
    }
}
