package dev.dgmbench.suite.spec;

import dev.dgmbench.suite.spec.Field.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes docs/spec.md's field tables from {@link Schema}: the text between {@code <!-- schema:NAME -->} and
 * {@code <!-- /schema:NAME -->} is generated (NAME is {@code top}, a top-level section, {@code griddable} or
 * {@code claims}); the prose around it is kept. SpecDocsTest fails when the file differs and says how to regenerate.
 */
final class SpecDocs {
    private static final Pattern BLOCK = Pattern.compile("(<!-- schema:([a-z]+) -->\\n)(.*?)(<!-- /schema:\\2 -->)", Pattern.DOTALL);
    private static final String HEAD = "| field | type | default | meaning |\n|---|---|---|---|\n";

    private SpecDocs() {
    }

    /** The document with every generated block rewritten. */
    static String render(String doc) {
        Matcher m = BLOCK.matcher(doc);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + block(m.group(2)) + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String block(String name) {
        return switch (name) {
            case "top" -> HEAD + Schema.ROOT.children.stream().map(f -> row(f.name, f)).collect(Collectors.joining());
            case "griddable" -> Schema.GRIDDABLE.keySet().stream().map(p -> "`" + p + "`")
                    .collect(Collectors.joining(", ")) + ".\n";
            case "claims" -> HEAD.replace("field", "key") + Schema.CLAIM.children.stream().map(f -> row(f.name, f))
                    .collect(Collectors.joining());
            default -> section(name);
        };
    }

    private static String section(String name) {
        Field sec = Schema.ROOT.child(name);
        if (sec == null || sec.type != Type.SECTION) throw new IllegalArgumentException("no schema section " + name);
        List<String> rows = new ArrayList<>();
        Schema.walk(sec, name, (path, f) -> rows.add(row(path, f)));
        return HEAD + String.join("", rows);
    }

    private static String row(String path, Field f) {
        return "| `" + path + "` | " + f.typeWords() + " | " + f.defaultWords() + " | " + f.doc + " |\n";
    }
}
